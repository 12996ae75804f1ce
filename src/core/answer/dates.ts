// Relative dates in an article ("Wednesday", "last week") are read against its publish date.
import { getChrono } from '../lazy-modules.ts';

const RELATIVE = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|last|this|next|ago)\b/i;

/** "Wednesday" in an article published 2024-10-30 → "30 Oct 2024"; undefined when already absolute. */
export function resolveDate(span: string, published: Date): string | undefined {
  if (!RELATIVE.test(span)) return undefined;
  const results = getChrono().parse(span, { instant: published, timezone: 0 }, { forwardDate: false });
  const r = results[0];
  if (!r) return undefined;
  // A bare weekday in news copy means the most recent one on or before publication.
  let d = r.start.date();
  if (d.getTime() > published.getTime() + 86_400_000) d = new Date(d.getTime() - 7 * 86_400_000);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}
