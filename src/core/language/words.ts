/** Lower-cased runs of letters and digits: the plain word view used for hashing, shingles and quick matching. */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) return lower.match(ASCII_WORDS) ?? [];
  // The Unicode-property pattern costs several times an ASCII one, and news text is mostly ASCII:
  // runs of ASCII letters and digits are words as they stand; a run holding any other character
  // (a curly quote, an accented letter) is split by the full pattern. No word crosses an ASCII
  // character that is not a letter or digit, so the words are the same, in the same order.
  const runs = lower.match(RUNS);
  if (!runs) return [];
  const out: string[] = [];
  for (const run of runs) {
    if (ASCII_WORD.test(run)) out.push(run);
    else for (const w of run.match(WORDS) ?? []) out.push(w);
  }
  return out;
}

const WORDS = /[\p{L}\p{N}]+/gu;
const RUNS = /(?:[a-z0-9]|[^\x00-\x7f])+/g;
const ASCII_WORD = /^[a-z0-9]+$/;
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORDS = /[a-z0-9]+/g;

/**
 * A word's entry in a lookup table, its own only: a text's words include "constructor" and
 * "__proto__", which indexing a plain object answers with Object.prototype's members.
 */
export function entryOf<T>(table: Readonly<Record<string, T>>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}
