// Does the sentence say what the question asks, or something next to it? Questions that differ from
// their sentence by one word share almost all of its vocabulary, so term coverage alone takes them for
// answers: "Who was not an important figure ...?" against "X was an important figure ...", "in 1917"
// against "in 1914", "outside Egypt" against "in Egypt". These checks catch the common kinds.
import { isNegated, questionDenies } from '../language/negation.ts';
import { saysOpposite } from '../language/opposites.ts';
import { numberValues, sameNumber } from '../language/numbers.ts';
import { escapeRegExp } from '../language/words.ts';

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

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** A month name dates something after these ("in may", "since march"); alone it may be a verb ("march", "may"). */
const MONTH_CUE = /^(in|on|since|last|early|late|mid|of|during|until|till|by|from|before|after|this|next)$/;

/** The months and weekdays a question dates its event by: "in october", "on friday", "october 3". */
export function timesAsked(question: string): string[] {
  const words = question.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
  return words.filter((w, i) => WEEKDAYS.includes(w) || (MONTHS.includes(w) && (MONTH_CUE.test(words[i - 1] ?? '') || /^\d/.test(words[i + 1] ?? ''))));
}

/**
 * The months and weekdays of the question that its article neither names ("Oct." for October
 * counts) nor was published in or on: "how many ships did the eu add in october" of an article
 * dated 14 November that says "Thursday". "last month" in the text gives the month before.
 */
export function timesNotGiven(question: string, text: string, published?: string | null): string[] {
  const asked = timesAsked(question);
  if (!asked.length) return [];
  const date = published ? new Date(published) : undefined;
  const valid = date && !Number.isNaN(date.getTime()) ? date : undefined;
  return asked.filter((w) => {
    if (new RegExp(`\\b${w.slice(0, 3)}(?:${w.slice(3)}|\\.)?\\b`, 'i').test(text)) return false;
    if (!valid) return false;
    const m = MONTHS.indexOf(w);
    if (m >= 0) return m !== valid.getUTCMonth() && !(/\blast month\b/i.test(text) && m === (valid.getUTCMonth() + 11) % 12);
    return WEEKDAYS.indexOf(w) !== valid.getUTCDay();
  });
}

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
    const e = escapeRegExp(n);
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
    // "between 2 parties" against "between both parties".
    if (v === 2 && /\b(?:both|twice)\b/i.test(text)) return false;
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
  // A question that denies ("why didn't the bank cut rates?") agrees with a sentence that says the opposite ("left ... unchanged").
  const denied = questionDenies(question);
  const opposite = saysOpposite(question, sentence);
  return {
    negation: denied && !denies(sentence) && !opposite,
    opposite: !denied && opposite,
    numberMissing: missing.length > 0,
    numberMissingInArticle,
  };
}
