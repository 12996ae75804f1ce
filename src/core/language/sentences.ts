// Sentence splitting: paragraphs first (a blank or new line ends a sentence), then wink-nlp's
// sentence boundary detection inside each paragraph. Headings are not sentences.
import { getWinkFor } from './nlp.ts';

const TERMINAL = /[.!?…"'”’)\]]$/;

/** A short line with no closing punctuation, standing alone: a heading or a caption. */
export function isHeading(line: string): boolean {
  const words = line.split(/\s+/).filter(Boolean).length;
  return !TERMINAL.test(line.trim()) && words <= 14;
}

/** Longer "words" (base64, hex, minified code) are not language, and wink's tokenizer takes quadratic time over them. */
export const MAX_TOKEN_CHARS = 200;
const OVERLONG_TOKEN = new RegExp(`\\S{${MAX_TOKEN_CHARS + 1},}`, 'g');

export function splitSentences(text: string): string[] {
  const { nlp, its } = getWinkFor('sentences');
  const out: string[] = [];
  // An encoded blob inside a paragraph splits it; the blob itself is no sentence.
  for (const para of text.split(/\n+/).flatMap((p) => p.split(OVERLONG_TOKEN))) {
    const line = para.trim().replace(/^#+\s*/, '');
    if (!line || isHeading(line)) continue;
    for (const s of nlp.readDoc(line).sentences().out(its.value) as string[]) {
      const t = s.trim();
      if (/[\p{L}\p{N}]/u.test(t)) out.push(t);
    }
  }
  return mergeFragments(out);
}

/** Joins pieces that wink split after an abbreviation or a closing quote mark into one sentence. */
function mergeFragments(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (prev !== undefined && (/^[a-z,;:)]/.test(p) || p.length < 4)) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}
