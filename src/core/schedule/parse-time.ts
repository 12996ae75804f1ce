// The time and zone people type in /subscribe: "08:00", "8:30", "8am", "8:30pm"; "Europe/Berlin", "UTC".
import { UserFacingError } from '../errors.ts';
import { canonicalTimeZone, formatHHMM, type LocalTime } from './zoned-time.ts';

/** Words that look like a time: /subscribe uses it to tell the time from topic words. */
export const TIME_PATTERN = /^\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)?$/i;
/** Words that look like a zone: Area/City (Area/City/Sub), UTC or GMT. */
export const ZONE_PATTERN = /^([A-Za-z][A-Za-z0-9_+-]*\/[A-Za-z0-9_+/-]+|UTC|GMT|Etc\/[A-Za-z0-9+-]+)$/i;

export const TIME_EXAMPLE = '/subscribe 08:00 Europe/Berlin [topic words] (24-hour HH:MM, or 8am / 8:30pm)';

export function parseTimeOfDay(text: string): LocalTime {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*([ap])?\.?(m\.?)?$/i.exec(text.trim());
  const bad = () => new UserFacingError('bad_time', `I can't read “${text}” as a time of day. Use 24-hour HH:MM, for example: ${TIME_EXAMPLE}`);
  if (!m || (m[3] && !m[4]) || (!m[3] && m[4])) throw bad();
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  // A bare number without am/pm or minutes ("8") is ambiguous enough to refuse.
  if (m[2] === undefined && !m[3]) throw bad();
  if (minute > 59) throw bad();
  if (m[3]) {
    if (hour < 1 || hour > 12) throw bad();
    const pm = m[3].toLowerCase() === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) {
    throw bad();
  }
  return { hour, minute };
}

export function parseTimeZone(text: string): string {
  const tz = ZONE_PATTERN.test(text.trim()) ? canonicalTimeZone(text.trim()) : undefined;
  if (!tz) {
    throw new UserFacingError('bad_timezone', `I don't know the time zone “${text}”. Use an IANA name like Europe/Berlin, America/New_York or UTC, for example: /subscribe 08:00 Europe/Berlin`);
  }
  return tz;
}

export { formatHHMM };
