// Does the sentence say what the question asks, or something next to it? Questions that differ from
// their sentence by one word share almost all of its vocabulary, so term coverage alone takes them for
// answers: "Who was not an important figure ...?" against "X was an important figure ...", "in 1917"
// against "in 1914", "outside Egypt" against "in Egypt". These checks catch the common kinds.
import { isNegated } from '../language/negation.ts';
import { saysOpposite } from '../language/opposites.ts';

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
    negation: isNegated(question) && !isNegated(sentence),
    opposite: saysOpposite(question, sentence),
    numberMissing: missing.length > 0,
    numberMissingInArticle,
  };
}
