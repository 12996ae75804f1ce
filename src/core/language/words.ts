/** Lower-cased runs of letters and digits: the plain word view used for hashing, shingles and quick matching. */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) return lower.match(ASCII_WORDS) ?? [];
  // The Unicode-property pattern costs several times an ASCII one, and news text is mostly ASCII
  // but for its curly quotes and dashes (most bench articles hold one): ASCII characters are
  // classed here, and only the others by the full pattern, one code point at a time, giving the
  // words of /[\p{L}\p{N}]+/gu in the same order, in about half the time of matching runs of
  // them and splitting the runs that held any other character.
  const out: string[] = [];
  const n = lower.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    let isWord: boolean;
    let units = 1;
    if (c < 128) isWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    else {
      const cp = lower.codePointAt(i)!;
      if (cp > 0xffff) units = 2;
      isWord = LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
    }
    if (isWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(lower.slice(start, i));
      start = -1;
    }
    i += units - 1;
  }
  if (start >= 0) out.push(lower.slice(start));
  return out;
}

/**
 * A text that opens with a capital letter, opens with a lower-case one, holds a capital. Tested on
 * every word of the texts an answer reads, so made once here: esbuild (tsx, and the build before it
 * kept such literals) writes a literal with \p{…} outside brackets as `new RegExp(…)` where it
 * stands, and one inside a function built a new RegExp object on every call (about 190,000 in the
 * bench's 40 questions at 100,000 articles). Without the g flag, one object serves every caller.
 */
export const OPENS_UPPER = /^\p{Lu}/u;
export const OPENS_LOWER = /^\p{Ll}/u;
export const HAS_UPPER = /\p{Lu}/u;

/** A text as a regular expression matches it literally: its special characters escaped. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One code point that is a letter or a digit: what a word is made of. */
export const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORDS = /[a-z0-9]+/g;

/**
 * A word's entry in a lookup table, its own only: a text's words include "constructor" and
 * "__proto__", which indexing a plain object answers with Object.prototype's members.
 */
export function entryOf<T>(table: Readonly<Record<string, T>>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}
