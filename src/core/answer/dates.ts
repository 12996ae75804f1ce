// Relative dates in an article ("Wednesday", "last week") are read against its publish date.
import { getChrono } from '../lazy-modules.ts';

const RELATIVE = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|last|this|next|ago)\b/i;

/**
 * "Wednesday" in an article published 2024-10-30 → "30 Oct 2024", "last month" → "Sep 2024", "next
 * year" → "2025": only as precise as the words are. Undefined when already absolute.
 */
export function resolveDate(span: string, published: Date): string | undefined {
  if (!RELATIVE.test(span)) return undefined;
  const results = getChrono().parse(span, { instant: published, timezone: 0 }, { forwardDate: false });
  const r = results[0];
  if (!r) return undefined;
  let d = r.start.date();
  // A bare weekday in news copy ("said Wednesday") means the most recent one on or before publication.
  if (r.start.isCertain('weekday') && !/\bnext\b/i.test(span) && d.getTime() > published.getTime() + 86_400_000) d = new Date(d.getTime() - 7 * 86_400_000);
  // "last week": the week, named by its Monday, not a day chrono picks inside it.
  const week = /\b(last|this|next) week\b/i.exec(span);
  if (week && !r.start.isCertain('weekday')) {
    const shift = { last: -7, this: 0, next: 7 }[week[1]!.toLowerCase() as 'last' | 'this' | 'next'];
    const monday = new Date(published.getTime() + (shift - ((published.getUTCDay() + 6) % 7)) * 86_400_000);
    return `week of ${format(monday, DAY)}`;
  }
  return format(d, r.start.isCertain('day') || r.start.isCertain('weekday') ? DAY : r.start.isCertain('month') ? { month: 'short', year: 'numeric' } : { year: 'numeric' });
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const format = (d: Date, parts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { ...parts, timeZone: 'UTC' }).format(d);
