// Wall-clock maths in IANA time zones with Intl only. A daily time like 08:00 is a wall-clock
// time: it stays 08:00 local across daylight-saving changes. Where the wall time does not exist
// (spring forward) it falls on the next valid minute; where it exists twice (fall back) the
// first occurrence is the one that counts.

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface LocalTime {
  hour: number;
  minute: number;
}

export interface LocalParts extends LocalTime {
  year: number;
  month: number; // 1-12
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The canonical spelling of a zone ("europe/berlin" → "Europe/Berlin"), or undefined if unknown. */
export function canonicalTimeZone(tz: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The wall-clock date and time of an instant in a zone (to the minute). */
export function localParts(instant: Date | number, timeZone: string): LocalParts {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2025-03-30": the local calendar date of an instant in a zone. */
export function localDate(instant: Date | number, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

export function formatHHMM(t: LocalTime): string {
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/** Adds days to a "YYYY-MM-DD" calendar date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() + days * DAY).toISOString().slice(0, 10);
}

/** Wall-clock parts read as if they were UTC: a comparable number for local times. */
const wallMs = (p: LocalParts) => Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);

/** Every instant (0, 1 or 2) at which the zone's clocks show this date and time. */
export function instantsAt(date: string, time: LocalTime, timeZone: string): Date[] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, time.hour, time.minute);
  // The offset in force a day either side covers both sides of any transition near this time.
  const offsets = new Set([wall - DAY, wall + DAY].map((t) => wallMs(localParts(t, timeZone)) - Math.floor(t / MINUTE) * MINUTE));
  const found = [...offsets]
    .map((offset) => wall - offset)
    .filter((t) => wallMs(localParts(t, timeZone)) === wall)
    .sort((a, b) => a - b);
  return [...new Set(found)].map((t) => new Date(t));
}

const occurrences = new Map<string, number>();

/**
 * When a daily wall-clock time falls on a given local date: the first instant showing it, or,
 * if that time is skipped that day (spring forward), the first valid minute after it.
 */
export function occurrenceOn(date: string, time: LocalTime, timeZone: string): Date {
  const key = `${timeZone}|${date}|${time.hour}:${time.minute}`;
  const cached = occurrences.get(key);
  if (cached !== undefined) return new Date(cached);
  let at = instantsAt(date, time, timeZone)[0];
  if (!at) {
    // In a gap: walk forward minute by minute to the first wall time that exists. Gaps are
    // usually an hour; a whole skipped day (Samoa, 2011) is 1440 steps, still cheap.
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const wall = Date.UTC(y, m - 1, d, time.hour, time.minute);
    for (let k = 1; k <= 1440 * 2 && !at; k++) {
      const next = new Date(wall + k * MINUTE);
      const p = { hour: next.getUTCHours(), minute: next.getUTCMinutes() };
      at = instantsAt(next.toISOString().slice(0, 10), p, timeZone)[0];
    }
    if (!at) throw new Error(`no valid time near ${date} ${formatHHMM(time)} in ${timeZone}`);
  }
  if (occurrences.size > 50_000) occurrences.clear();
  occurrences.set(key, at.getTime());
  return at;
}

/** The first occurrence of a daily wall-clock time strictly after `after`. */
export function nextOccurrence(time: LocalTime, timeZone: string, after: Date): Date {
  const today = localDate(after, timeZone);
  for (let k = -1; k <= 3; k++) {
    const at = occurrenceOn(addDays(today, k), time, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`no occurrence of ${formatHHMM(time)} in ${timeZone} after ${after.toISOString()}`);
}

/** "08:00 CEST" style local time with the zone's short name, for people. */
export function formatLocal(instant: Date, timeZone: string, withDate = true): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}
