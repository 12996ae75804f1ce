// Normalising what arrives: text, titles, canonical URLs, publish dates, content hashes.
import { createHash } from 'node:crypto';
import { getChrono } from '../lazy-modules.ts';
import { words } from '../language/words.ts';

/** Unicode NFC, unified line endings and spaces, no control characters, paragraphs kept. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF\u200B]/g, '')
    .replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Hash of the words only, so whitespace and punctuation changes are the same content. */
export function contentHash(text: string): string {
  return contentHashOfWords(words(text));
}

/** The same, from the text's words() when the caller has them already. */
export function contentHashOfWords(w: readonly string[]): string {
  return createHash('sha256').update(w.join(' ')).digest('hex');
}

const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|ocid|smid|smtyp|_ga|yclid|spm)$/i;

function parseHttpUrl(raw: string | undefined): URL | null {
  if (!raw) return null;
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** The link shown to people: as given, minus fragment and tracking parameters. */
export function cleanUrl(raw: string | undefined): string | null {
  const u = parseHttpUrl(raw);
  if (!u) return null;
  u.hash = '';
  for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
  return u.toString();
}

/** The dedupe key: https, lower-case host without www, no fragment or tracking, sorted query, no trailing slash. */
export function canonicalUrl(raw: string | undefined): string | null {
  const u = parseHttpUrl(raw);
  if (!u) return null;
  u.hash = '';
  u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
  u.pathname = u.pathname.replace(/\/+$/, '') || '/';
  if ((u.protocol === 'https:' && u.port === '443') || (u.protocol === 'http:' && u.port === '80')) u.port = '';
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  u.search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  let s = u.toString();
  if (u.pathname !== '/' && s.endsWith('/')) s = s.slice(0, -1);
  if (u.pathname === '/' && !u.search) s = s.replace(/\/$/, '');
  return s.replace(/^http:/, 'https:');
}

/** Parses a publish date; free text ("Oct. 30, 2024", "yesterday") is read against `reference`. */
export function parsePublished(value: string | Date | undefined, reference: Date): string | null {
  if (value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  // chrono finds dates inside any text; only accept it when the date is most of the value.
  const [hit] = getChrono().parse(s, reference);
  if (!hit || hit.text.length < s.replace(/^(published|updated|posted)\s*:?\s*/i, '').length * 0.8) return null;
  return hit.start.date().toISOString();
}

/** A title from the first line when none was given: short, no trailing punctuation. */
export function deriveTitle(text: string): string {
  const first = text.split('\n').find((l) => l.trim()) ?? 'Untitled';
  const sentence = firstSentence(first);
  const t = sentence.length > 120 ? `${sentence.slice(0, 117).replace(/\s+\S*$/, '')}…` : sentence;
  // "in the U.S." keeps the dot its initials need; a sentence's own full stop goes.
  return ABBREVIATED.test(t) ? t.trimEnd() : t.replace(/[.\s]+$/, '');
}

/**
 * Words a full stop follows without ending a sentence: initials ("B.", "B.B.", "U.S.", "a.k.a."),
 * titles and common abbreviations. A title cut at "B.B." had read "Blues legend B.B".
 */
const ABBREVIATED = /(?:^|[^\p{L}\p{N}.])(?:(?:\p{L}\.)+|(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Gen|Gov|Sen|Rep|Rev|Col|Lt|Sgt|Capt|Cmdr|Adm|Maj|Prof|Mt|Ft|Inc|Corp|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$/u;
const SENTENCE_END = /[.!?](?=\s)/g;

/** The line up to its first sentence end, not counting a full stop after initials or an abbreviation. */
function firstSentence(line: string): string {
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(line); m; m = SENTENCE_END.exec(line)) {
    const upTo = line.slice(0, m.index + 1);
    if (m[0] === '.' && (ABBREVIATED.test(upTo) || /^\s+[\p{Ll}\p{N}]/u.test(line.slice(m.index + 1)))) continue;
    return upTo;
  }
  return line;
}

/**
 * A wire dateline or source tag opening a text: "(CNN)", "(CNN) --", "Washington (CNN)",
 * "LONDON (Reuters) -", "PARIS, Nov 27 (AP) —". The source is a parenthesised name of up to five
 * capitalised words ("(2019)" and "(Left to right)" are not one). It must be followed by a dash, or by the story glued to it
 * ("(CNN)They"), or stand first and be followed by a capital; a place before it must be in capitals
 * when a dash follows ("Joker (IMAX) - review" keeps its words) and capitalised when glued.
 */
const SOURCE_WORD = String.raw`(?:\p{Lu}[\p{L}.'’-]{0,20}|&)`;
const SOURCE = String.raw`\(${SOURCE_WORD}(?:[ ]${SOURCE_WORD}){0,4}\)`;
const DATELINES = [
  new RegExp(String.raw`^(?:\p{Lu}[\p{Lu}.'’-]*(?:,?[ ](?:\p{Lu}[\p{L}.'’-]*|\d{1,4}))*,?[ ])?${SOURCE}[ ]*[-–—]{1,2}[ ]+(?=\S)`, 'u'),
  new RegExp(String.raw`^(?:\p{Lu}[\p{L}.'’-]*(?:,?[ ](?:\p{Lu}[\p{L}.'’-]*|\p{Ll}{1,3})){0,5},?[ ])?${SOURCE}(?=[\p{Lu}"“‘'])`, 'u'),
  new RegExp(String.raw`^${SOURCE}[ ]+(?=[\p{Lu}"“‘'])`, 'u'),
];

/**
 * The text without the dateline or source tag it opens with (see DATELINES): it is no part of
 * the story, glued to the first word it made a word no one asks about ("(CNN)They") and it
 * opened every title derived from the text. Applied to titles and to the start of bodies.
 */
export function stripDateline(text: string): string {
  for (const re of DATELINES) {
    const m = re.exec(text);
    if (m && /[\p{L}\p{N}]/u.test(text.slice(m[0].length))) return text.slice(m[0].length);
  }
  return text;
}

export function sourceFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
