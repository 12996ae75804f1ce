// Questions as people type them in chat: shouted in capitals, apostrophes left out, words cut short.
// The answerer reads names by their capitals and contractions by their apostrophes, so a question is
// read in its ordinary spelling first; the reply still shows the question as it was typed.
import { OPENS_UPPER } from '../language/words.ts';

/** Chat shorthands for the words the sources use. Only ones that cannot be an ordinary word in a question. */
const SHORTHAND = new Map<string, string>([
  ['ppl', 'people'],
  ['govt', 'government'],
  ["gov't", 'government'],
  ['intl', 'international'],
  ['abt', 'about'],
  ['bc', 'because'],
  ['b/c', 'because'],
  ['cuz', 'because'],
  ['coz', 'because'],
  ['w/', 'with'],
  ['w/o', 'without'],
  ['thru', 'through'],
  ['tho', 'though'],
  ['u', 'you'],
  ['ur', 'your'],
  ['wat', 'what'],
  ['wht', 'what'],
  ['yrs', 'years'],
  ['hrs', 'hours'],
  ['mins', 'minutes'],
  ['approx', 'approximately'],
]);

/** Contractions typed without the apostrophe: "whats", "didnt". Not "its", "hes", "were": those are words. */
const NO_APOSTROPHE = new Map<string, string>([
  ['whats', "what's"],
  ['whos', "who's"],
  ['wheres', "where's"],
  ['hows', "how's"],
  ['whens', "when's"],
  ['whys', "why's"],
  ['dont', "don't"],
  ['doesnt', "doesn't"],
  ['didnt', "didn't"],
  ['isnt', "isn't"],
  ['arent', "aren't"],
  ['wasnt', "wasn't"],
  ['werent', "weren't"],
  ['hasnt', "hasn't"],
  ['havent', "haven't"],
  ['hadnt', "hadn't"],
  ['cant', "can't"],
  ['couldnt', "couldn't"],
  ['wont', "won't"],
  ['wouldnt', "wouldn't"],
  ['shouldnt', "shouldn't"],
]);

// Module-level, each made once: see OPENS_UPPER in language/words.ts.
const LETTERS = /\p{L}/gu;
const CAPITAL_LETTERS = /\p{Lu}/gu;
/** A word on its own: not a letter of "U.S." nor part of a longer word or a path. */
const WORD_ON_ITS_OWN = /(?<![\p{L}\p{N}'’/.])[\p{L}'’]+\/?[\p{L}]*(?![\p{L}\p{N}'’]|\.\p{L})/gu;

/** Most of a question's letters in capitals, over three words or more: shouted, not a run of acronyms. */
function shouted(text: string): boolean {
  const letters = text.match(LETTERS) ?? [];
  const upper = text.match(CAPITAL_LETTERS) ?? [];
  return text.trim().split(/\s+/).length >= 3 && letters.length > 0 && upper.length / letters.length > 0.8;
}

/** The question in its ordinary spelling. Leaves a question typed that way unchanged. */
export function ordinarySpelling(question: string): string {
  const text = shouted(question) ? question.toLowerCase() : question;
  return text.replace(WORD_ON_ITS_OWN, (word) => {
    // "U" and "UR" in capitals are initials or names, not "you" and "your".
    if (word.length <= 2 && word !== word.toLowerCase()) return word;
    const key = word.toLowerCase().replace(/’/g, "'");
    const full = SHORTHAND.get(key) ?? NO_APOSTROPHE.get(key);
    if (!full) return word;
    // Keep a capital the user typed at the start of the question ("Whats ..." → "What's ...").
    return OPENS_UPPER.test(word) ? full.charAt(0).toUpperCase() + full.slice(1) : full;
  });
}
