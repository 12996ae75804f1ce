// Does the sentence say what the question asks, or something next to it? Questions that differ from
// their sentence by one word share almost all of its vocabulary, so term coverage alone takes them for
// answers: "Who was not an important figure ...?" against "X was an important figure ...", "in 1917"
// against "in 1914", "outside Egypt" against "in Egypt". These checks catch the common kinds.
import { isNegated } from '../language/negation.ts';
import { saysOpposite } from '../language/opposites.ts';
import { numberValues, sameNumber } from '../language/numbers.ts';

export interface Agreement {
  /** The question denies ("not", "never", "n't") and the sentence does not. */
  negation: boolean;
  /** The sentence has the opposite of a question word in its place. */
  opposite: boolean;
  /** A number or year of the question is missing from the sentence. */
  numberMissing: boolean;
  /** ... and from the sentence's whole article. */
  numberMissingInArticle: boolean;
}

const numbersIn = (text: string) => (text.match(/\d[\d,.]*\d|\d/g) ?? []).map((n) => n.replace(/,/g, ''));

const ORDINAL_WORDS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'twenty-first'];
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The numbers of the question the text does not give, however it words them: "the 1700s" is given
 * by any year 1700-1799 or "the 18th century", "the 17th century" by any year 1600-1699, "the 1970s"
 * by 1977, "5 times" by "five times", "World War 2" by "World War II".
 */
export function numbersNotGiven(question: string, text: string): string[] {
  const asked = numbersIn(question);
  if (!asked.length) return [];
  const said = new Set(numbersIn(text));
  const missing = asked.filter((n) => !said.has(n));
  if (!missing.length) return [];
  let values: number[] | undefined;
  const years = () => [...text.matchAll(/(?<![\d,.])(\d{4})(?!\d|[,.]\d)/g)].map((m) => Number(m[1]));
  const century = (c: number) => new RegExp(`\\b(?:${c}(?:st|nd|rd|th)|${ORDINAL_WORDS[c] ?? '-'})[ -]century\\b`, 'i').test(text);
  return missing.filter((n) => {
    const v = Number(n);
    const e = escape(n);
    // "the 1700s", "the 1970s": a decade or a century of years.
    if (new RegExp(`\\b${e}['’]?s\\b`).test(question) && /^\d{3}0$/.test(n)) {
      const span = n.endsWith('00') ? 100 : 10;
      if (years().some((y) => y >= v && y < v + span) || (span === 100 && century(v / 100 + 1))) return false;
    }
    // "the 17th century": its years.
    if (new RegExp(`\\b${e}(?:st|nd|rd|th)[ -]century`, 'i').test(question) && v >= 1 && v <= 21) {
      if (years().some((y) => y >= (v - 1) * 100 && y < v * 100) || century(v)) return false;
    }
    // "World War 2" against "World War II": a small number as a Roman numeral after a name.
    if (v >= 1 && v <= 20 && new RegExp(`\\p{Lu}\\p{L}+ ${ROMAN[v]}\\b`, 'u').test(text)) return false;
    // "5 times" against "five times".
    values ??= numberValues(text);
    return !values.some((x) => sameNumber(x, v));
  });
}

/** A sentence that denies, in a word like "not" or a verb of its own: "refused to allow", "the refusal to allow", "forbade", "barred". */
export function denies(sentence: string): boolean {
  return isNegated(sentence) || /\b(?:refus(?:e|es|ed|al|ing)|den(?:y|ies|ied|ial)|prevent(?:s|ed)?|prohibit(?:s|ed)?|forb(?:id|ade|idden)|exclud(?:e|es|ed)|barred)\b/i.test(sentence);
}

export function agreementOf(question: string, sentence: string, article: () => string): Agreement {
  const asked = numbersIn(question);
  const said = new Set(numbersIn(sentence));
  const missing = asked.filter((n) => !said.has(n));
  let numberMissingInArticle = false;
  if (missing.length) {
    const inArticle = new Set(numbersIn(article()));
    numberMissingInArticle = missing.some((n) => !inArticle.has(n));
  }
  return {
    negation: isNegated(question) && !denies(sentence),
    opposite: saysOpposite(question, sentence),
    numberMissing: missing.length > 0,
    numberMissingInArticle,
  };
}
