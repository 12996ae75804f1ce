// Time helpers shared by commands and the CLI: "since" windows and dates shown to people.
import { getChrono } from './lazy-modules.ts';
import { UserFacingError } from './errors.ts';

export const SINCE_PATTERN = /^(\d+\s*(h|hours?|d|days?|w|weeks?|m|min|minutes?)|\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?)$/i;

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "24h", "7d", "2w", "2024-10-30" or free text ("last monday") → the start of the window. */
export function parseSince(value: string, now: Date): Date {
  const v = value.trim().toLowerCase();
  const rel = /^(\d+)\s*(h|hours?|d|days?|w|weeks?|m|min|minutes?)$/.exec(v);
  if (rel) {
    const unit = rel[2]!.startsWith('mi') || rel[2] === 'm' ? 'm' : rel[2]![0]!;
    const n = Number(rel[1]);
    if (n <= 0 || n > 3650 * (unit === 'd' ? 1 : unit === 'w' ? 1 / 7 : 24)) throw badSince(value);
    return new Date(now.getTime() - n * UNIT_MS[unit]!);
  }
  let parsed: Date | null;
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) {
    // A calendar date must exist: JavaScript would read 2024-02-30 as 1 March.
    if (!realDate(v.slice(0, 10))) throw badSince(value);
    parsed = v.length === 10 ? new Date(`${v}T00:00:00Z`) : new Date(value);
  } else parsed = getChrono().parseDate(value, now);
  if (!parsed || Number.isNaN(parsed.getTime())) throw badSince(value);
  if (parsed.getTime() > now.getTime()) {
    throw new UserFacingError('bad_since', `"${value}" is in the future; give a time in the past, such as 24h, 7d or a date like 2024-10-30.`);
  }
  return parsed;
}

function realDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

const badSince = (v: string) => new UserFacingError('bad_since', `I can't read "${v}" as a time. Use 24h, 7d, 2w or a date like 2024-10-30.`);

/** "30 Oct 2024" in the given zone; "" for null. */
export function formatDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(d);
}

/**
 * The date people see for an article: the publisher's date; "first seen 26 Nov 2026" for a feed
 * item without one; "undated, added 26 Nov 2026" otherwise — never the day it was stored passed
 * off as its publish date.
 */
export function articleDate(a: { published: string | null; publishedIsFirstSeen?: boolean | undefined; addedAt?: string | undefined }, timeZone: string): string {
  if (a.published && !a.publishedIsFirstSeen) return formatDate(a.published, timeZone);
  if (a.published) return `first seen ${formatDate(a.published, timeZone)}`;
  return a.addedAt ? `undated, added ${formatDate(a.addedAt, timeZone)}` : 'undated';
}
