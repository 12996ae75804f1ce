// Sentence splitting: paragraphs first (a blank or new line ends a sentence), then wink-nlp's
// sentence boundary detection inside each paragraph. Headings are not sentences.
import { getWinkFor } from './nlp.ts';

const TERMINAL = /[.!?…"'”’)\]]$/;

/** A short line with no closing punctuation, standing alone: a heading or a caption. */
export function isHeading(line: string): boolean {
  // Punctuation first: most lines end a sentence, and counting their words cost more than the test.
  return !TERMINAL.test(line.trim()) && line.split(/\s+/).filter(Boolean).length <= 14;
}

/** Longer "words" (base64, hex, minified code) are not language, and wink's tokenizer takes quadratic time over them. */
export const MAX_TOKEN_CHARS = 200;
const OVERLONG_TOKEN = new RegExp(`\\S{${MAX_TOKEN_CHARS + 1},}`, 'g');
const SPACE = /\s/;

/** Whether the text holds a run of over MAX_TOKEN_CHARS non-space characters (one pass; the regex retried from every character of every word). */
function hasOverlongToken(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // What \s matches: ASCII tab to carriage return and space, and (rare, so tested by the regex) Unicode spaces.
    const space = c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(text[i]!);
    if (space) run = 0;
    else if (++run > MAX_TOKEN_CHARS) return true;
  }
  return false;
}

export function splitSentences(text: string): string[] {
  return sentencesWithEntities(text).map((s) => s.text);
}

/** What wink's entity recogniser found in a sentence (numbers, dates, money...), as it reports it. */
export interface WinkEntity {
  value: string;
  type: string;
}

/**
 * Sentences with wink's entities, from one pass over each paragraph (the same sentences, and the
 * same entities as a second pass over each sentence found, in half the time).
 */
export function sentencesWithEntities(text: string): { text: string; entities: WinkEntity[] }[] {
  const { nlp, its } = getWinkFor('sentences+entities');
  const out: { text: string; entities: WinkEntity[] }[] = [];
  // An encoded blob inside a paragraph splits it; the blob itself is no sentence.
  for (const para of text.split(/\n+/).flatMap((p) => (hasOverlongToken(p) ? p.split(OVERLONG_TOKEN) : [p]))) {
    const line = para.trim().replace(/^#+\s*/, '');
    if (!line || isHeading(line)) continue;
    const sentences = nlp.readDoc(line).sentences();
    for (let i = 0; i < sentences.length(); i++) {
      const item = sentences.itemAt(i);
      const t = (item.out(its.value) as string).trim();
      if (/[\p{L}\p{N}]/u.test(t)) out.push({ text: t, entities: item.entities().out(its.detail) as WinkEntity[] });
    }
  }
  return mergeFragments(out);
}

/** Joins pieces that wink split after an abbreviation or a closing quote mark into one sentence. */
function mergeFragments<T extends { text: string; entities: WinkEntity[] }>(parts: T[]): T[] {
  const out: T[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (prev !== undefined && (/^[a-z,;:)]/.test(p.text) || p.text.length < 4)) out[out.length - 1] = { ...prev, text: `${prev.text} ${p.text}`, entities: [...prev.entities, ...p.entities] };
    else out.push(p);
  }
  return out;
}
