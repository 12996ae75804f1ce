// Sentence splitting: paragraphs first (a blank or new line ends a sentence), then wink-nlp's
// sentence boundary detection inside each paragraph. Headings are not sentences.
import { getWink } from './nlp.ts';

const TERMINAL = /[.!?…"'”’)\]]$/;

/** A short line with no closing punctuation, standing alone: a heading or a caption. */
export function isHeading(line: string): boolean {
  const words = line.split(/\s+/).filter(Boolean).length;
  return !TERMINAL.test(line.trim()) && words <= 14;
}

export function splitSentences(text: string): string[] {
  const { nlp, its } = getWink();
  const out: string[] = [];
  for (const para of text.split(/\n+/)) {
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
