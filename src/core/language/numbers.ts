// Numbers as values, however they are written: "12,000" = "12000" = "12 thousand" = "twelve
// thousand"; "$1.5 billion" = 1500000000; "15th" = 15; "12%" = 12. A model answer's numbers are
// compared with its sources' numbers this way, so rewording is fine and a changed figure is not.

const SCALES: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  dozen: 12,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

const wordsBetween = (lo: number, hi: number) => Object.keys(UNITS).filter((w) => w !== 'dozen' && UNITS[w]! >= lo && UNITS[w]! <= hi);
/**
 * A number from one to ninety-nine in words, as a regular-expression source (no groups): "seven",
 * "sixteen", "forty", "twenty-five". The span model's ages, durations and amounts read it.
 */
export const NUMBER_IN_WORDS = String.raw`(?:${[...wordsBetween(1, 19), ...Object.keys(TENS)].join('|')})(?:-(?:${wordsBetween(1, 9).join('|')}))?`;

/** Whether a lower-cased word is a number as written: digits, or a number word ("twelve", "ninety", "thousands", "dozens"). */
/** A count of occasions in one word ("has won the title twice"). */
export const TIMES_IN_A_WORD = ['once', 'twice', 'thrice'] as const;

export function isNumberWord(word: string): boolean {
  if (/^\d[\d,.]*$/.test(word)) return true;
  const w = word.replace(/s$/, '');
  // Scales only as words: "k", "m" and "b" stand for them only after a digit.
  return w in UNITS || w in TENS || w === 'hundred' || (w.length > 2 && w in SCALES);
}

const DIGITS = /(?<![\p{L}\p{N}.,])[$€£]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?:\s*(thousand|million|billion|trillion|bn|mn|tn|k|m|b)\b)?/giu;
const WORD = /[a-z]+/g;

function wordNumbers(text: string): number[] {
  const out: number[] = [];
  const words = text.toLowerCase().replace(/-/g, ' ').match(WORD) ?? [];
  let current: number | undefined;
  let total = 0;
  let saw = false;
  const flush = () => {
    if (saw) out.push(total + (current ?? 0));
    current = undefined;
    total = 0;
    saw = false;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w in UNITS || w in TENS) {
      // "one" alone is mostly not a number ("one of the firms"); it counts inside a larger number.
      const v = UNITS[w] ?? TENS[w]!;
      current = (current ?? 0) + v;
      saw = saw || w !== 'one' || (words[i + 1] !== undefined && (words[i + 1]! in SCALES || words[i + 1] === 'hundred'));
    } else if (w === 'hundred' && current !== undefined) {
      current *= 100;
    } else if (w in SCALES && w.length > 2 && (current !== undefined || total > 0)) {
      total += (current ?? 1) * SCALES[w]!;
      current = undefined;
      saw = true;
    } else if (w === 'and' && (current !== undefined || total > 0) && i + 1 < words.length && (words[i + 1]! in UNITS || words[i + 1]! in TENS)) {
      continue;
    } else if (w === 'a' && words[i + 1] === 'dozen') {
      continue;
    } else flush();
  }
  flush();
  return out;
}

/** Every number a text states, as values (citation markers like [2] are not numbers). */
export function numberValues(text: string): number[] {
  const clean = text.replace(/\[\d+\]/g, ' ');
  const out: number[] = [];
  for (const m of clean.matchAll(DIGITS)) {
    const whole = Number(m[1]!.replace(/,/g, '') + (m[2] ?? ''));
    const scale = m[3] ? SCALES[m[3].toLowerCase()] : undefined;
    // "5m" after money is millions; "5 m" after a plain number may be metres: only short scales right after money.
    const money = /^[$€£]/.test(m[0]);
    const useScale = scale !== undefined && (m[3]!.length > 2 || money);
    out.push(useScale ? whole * scale : whole);
  }
  out.push(...wordNumbers(clean.replace(DIGITS, ' ')));
  return out;
}

/** Values are the same number (allowing float noise from "1.2 million" style arithmetic). */
export const sameNumber = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The answer's numbers that no source states. */
export function unsupportedNumbers(answer: string, sources: readonly string[]): number[] {
  const have = sources.flatMap(numberValues);
  return [...new Set(numberValues(answer))].filter((v) => !have.some((h) => sameNumber(h, v)));
}
