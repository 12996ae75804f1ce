// Splitting and truncating text for platforms with hard length limits. Lengths are UTF-16 code
// units (JavaScript string length), which is never less than what Slack or Discord count.

/** True if cutting at `i` would separate a surrogate pair. */
function insidePair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A safe hard cut at or before `max`: not inside a surrogate pair or an entity such as `&amp;`. */
function safeCut(text: string, max: number): number {
  let cut = Math.min(max, text.length);
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 10 && /^&[#a-z0-9]+;/i.test(text.slice(amp, amp + 10)) && text.indexOf(';', amp) >= cut) cut = amp;
  if (insidePair(text, cut)) cut--;
  return cut > 0 ? cut : Math.min(max, text.length);
}

/** The best place to break `text` within `max`: a line break, then a sentence end, then a space. */
function breakPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const minUseful = Math.floor(max / 3); // never break so early that chunks become tiny
  const newline = window.lastIndexOf('\n');
  if (newline >= minUseful) return newline;
  const sentence = Math.max(...['. ', '! ', '? ', '; '].map((p) => window.lastIndexOf(p)));
  if (sentence >= minUseful) return sentence + 1;
  const space = window.lastIndexOf(' ');
  if (space >= minUseful) return space;
  return safeCut(text, max);
}

/** Splits text into chunks of at most `max`, at the most natural boundary available. */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new Error('splitText: max must be positive');
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const at = breakPoint(rest, max);
    const chunk = rest.slice(0, at).trimEnd();
    if (chunk) chunks.push(chunk);
    rest = rest.slice(at).replace(/^[ \n]+/, '');
  }
  if (rest.trim()) chunks.push(rest);
  return chunks;
}

/** Cuts text to at most `max`, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = safeCut(text, max - 1);
  const space = text.lastIndexOf(' ', cut);
  const end = space > max * 0.6 ? space : cut;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Groups lines into chunks of at most `max` (joined by newlines); an over-long line is split. */
export function packLines(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of lines.flatMap((l) => (l.length > max ? splitText(l, max) : [l]))) {
    if (current && current.length + 1 + line.length > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

/** Only http(s) URLs become links; anything else is shown as text or dropped. */
export function linkableUrl(url: string | undefined, maxLength: number): string | undefined {
  if (!url || url.length > maxLength) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
