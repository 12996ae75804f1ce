// Time helpers shared by commands and the CLI: "since" windows and dates shown to people.
import * as chrono from 'chrono-node';
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
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(`${v}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  const parsed = /^\d{4}-\d{2}-\d{2}t/.test(v) ? new Date(value) : chrono.parseDate(value, now);
  if (!parsed || Number.isNaN(parsed.getTime())) throw badSince(value);
  return parsed;
}

const badSince = (v: string) => new UserFacingError('bad_since', `I can't read "${v}" as a time. Use 24h, 7d, 2w or a date like 2024-10-30.`);

/** "30 Oct 2024" in the given zone; "" for null. */
export function formatDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(d);
}
