// The edges of a short answer as it is read out, after the ranking, the gate and the short-answer
// model have made their decisions on the span: words at either end that belong to the question or
// the sentence around the answer rather than to the answer itself. Every rule keeps the answer a
// substring of its sentence, and none drops a hedge ("as many as") or a count's unit ("131 seats"
// for "how many seats"). The span the decisions read is left as it is: only its text changes here.
import { HEDGE_WORDS } from '../language/entities.ts';
import type { Token } from '../language/tokens.ts';
import { escapeRegExp, OPENS_UPPER } from '../language/words.ts';
import { asksAmount, asksYear, type QuestionAnalysis } from './question.ts';

/** The answer and where it stands in its sentence. */
interface Placed {
  text: string;
  start: number;
  end: number;
}

/**
 * The short answer `text` (the span's, or the amount as quantityPhrase() wrote it) with its edges
 * mended. `near`: the span's offset in the sentence, to find the right one of several occurrences.
 */
export function answerEdges(q: QuestionAnalysis, text: string, sentence: string, tokens: readonly Token[], near = 0): string {
  let a = place(text, sentence, near);
  if (!a) return askedPreposition(q, text);
  for (const rule of RULES) a = rule(q, a, sentence, tokens) ?? a;
  return a.text;
}

type Rule = (q: QuestionAnalysis, a: Placed, sentence: string, tokens: readonly Token[]) => Placed | undefined;

/** The occurrence of the answer nearest the span's offset. */
function place(text: string, sentence: string, near: number): Placed | undefined {
  let best = -1;
  for (let at = sentence.indexOf(text); at >= 0; at = sentence.indexOf(text, at + 1)) {
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best < 0 ? undefined : { text, start: best, end: best + text.length };
}

function slice(sentence: string, start: number, end: number): Placed {
  return { text: sentence.slice(start, end), start, end };
}

/** A word as a name writes it, for a regular expression: "Company" of "company". */
function capitalised(word: string): string {
  return escapeRegExp(word[0]!.toUpperCase() + word.slice(1));
}

/** The tokens inside an answer. */
function inside(a: Placed, tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.start >= a.start && t.end <= a.end);
}

/** Prepositions a question may set before its wh-word ("by which year", "between what years"). */
const FRAME_PREPOSITION = /\b(by|between|in|on|at|since|until|from|during)\s+(?:what|which)\b/i;

/**
 * "By which year ...?" is not answered "By 1979", nor "between what years ...?" "between 1702 and
 * 1709": the question already writes the preposition the answer opens with.
 */
function askedPreposition(q: QuestionAnalysis, text: string): string {
  const p = FRAME_PREPOSITION.exec(q.text)?.[1];
  if (!p) return text;
  const m = new RegExp(String.raw`^${p}\s+(?=\S)`, 'i').exec(text);
  return m ? text.slice(m[0].length) : text;
}

const prepositionRule: Rule = (q, a, sentence) => {
  const text = askedPreposition(q, a.text);
  return text === a.text ? undefined : slice(sentence, a.end - text.length, a.end);
};

const YEAR = /\b(?:1\d{3}|20\d{2})\b/g;
/** Words before an amount or a date that hedge it: they stay. */
const HEDGE = new RegExp(String.raw`^(?:${HEDGE_WORDS}|c\.|circa|before|after|early|late)\b`, 'i');

/**
 * "By which year did Chrysler end ...?" against "at the end of the 1981 model year": a question for
 * a year is answered by the year ("1981"), not the frame around it ("end of the 1981"). A hedge
 * ("about 1870"), a second year (a range), a month or a day keep the answer as it is.
 */
const yearRule: Rule = (q, a, sentence) => {
  if (!asksYear(q) || HEDGE.test(a.text)) return undefined;
  const years = [...a.text.matchAll(YEAR)];
  if (years.length !== 1 || a.text.replace(YEAR, '').match(/\d/)) return undefined;
  const y = years[0]!;
  if (y[0] === a.text) return undefined;
  // A decade ("the 1970s") is no year.
  if (/^s\b/.test(a.text.slice(y.index + 4))) return undefined;
  const start = a.start + y.index;
  return slice(sentence, start, start + 4);
};

/** "What type of sanctions ...?", "what kinds of groups": the asked noun, one or two words. */
const TYPE_OF = /\b(?:what|which)\s+(?:type|kind|sort|form)s?\s+of\s+([\p{L}-]+(?:\s+[\p{L}-]+)?)/iu;

/** "What type of sanctions ...?": the question asks for a kind of thing. */
export function asksKind(q: QuestionAnalysis): boolean {
  return TYPE_OF.test(q.text);
}

/** "sanction" of "sanctions", "group" of "groups": singular and plural alike. */
const baseOf = (w: string) => w.toLowerCase().replace(/(?:ies|es|s)$/, '');

/**
 * "What type of sanctions has the US directed at Iran?" against "US economic sanctions": the type
 * is the modifier ("economic"), not the asked noun again. The noun in capitals is part of a name
 * ("Iranian Revolution" for "what type of revolution"), which stays whole.
 */
const typeOfRule: Rule = (q, a0, sentence) => {
  const asked = TYPE_OF.exec(q.text)?.[1]?.split(/\s+/);
  if (!asked) return undefined;
  const a = beforeAskedNoun(asked[0]!, a0, sentence);
  const words = a.text.split(/\s+/);
  // The asked noun at the answer's end in lower case: "civil war", or "sanctions" of "sanctions has".
  for (const n of [asked.length, 1]) {
    const tail = asked.slice(0, n);
    const end = words.slice(-n);
    if (words.length <= n || end.some((w, i) => OPENS_UPPER.test(w) || baseOf(w) !== baseOf(tail[i]!))) continue;
    const text = words.slice(0, -n).join(' ');
    // Only a modifier with a word of its own: not "the" or "a".
    if (!/\p{L}{3}/u.test(text) || /^(?:the|a|an|this|that|these|those|its|their)$/i.test(text)) return undefined;
    return place(text, sentence, a.start) ?? undefined;
  }
  return undefined;
};

/**
 * "Shia" of "Shia terrorist groups" for "what type of groups ...?": the lower-case words between the
 * answer and the asked noun are part of the type.
 */
function beforeAskedNoun(noun: string, a: Placed, sentence: string): Placed {
  const m = /^((?:\s+[\p{Ll}-]+){1,2}?)\s+([\p{L}-]+)/u.exec(sentence.slice(a.end));
  if (!m || baseOf(m[2]!) !== baseOf(noun) || OPENS_UPPER.test(m[2]!)) return a;
  return slice(sentence, a.start, a.end + m[0].length);
}

/**
 * "Four thousand emigrated", "3,600 Frenchmen famously": a verb or an adverb at the answer's end is
 * the sentence going on, not what the answer names. A lower-case word only: names keep theirs.
 */
const trailingVerbRule: Rule = (_q, a, sentence, tokens) => {
  const words = inside(a, tokens);
  let k = words.length - 1;
  while (k > 0 && /^(?:VERB|ADV|AUX|ADP|CCONJ|SCONJ|PRON|DET)$/.test(words[k]!.pos) && !OPENS_UPPER.test(words[k]!.text)) k--;
  if (k === words.length - 1 || k < 0) return undefined;
  return slice(sentence, a.start, words[k]!.end);
};

/**
 * "eleven separate academic" of "eleven separate academic units": an answer that stops at an
 * adjective is cut before its noun, which a dash or the question's own word left out; the noun comes
 * with it.
 */
const nounAfterRule: Rule = (_q, a, sentence, tokens) => {
  const words = inside(a, tokens);
  const last = words[words.length - 1];
  if (!last || last.pos !== 'ADJ' || words.length < 2) return undefined;
  let k = tokens.indexOf(last) + 1;
  let end = a.end;
  while (tokens[k]?.pos === 'NOUN' && !OPENS_UPPER.test(tokens[k]!.text) && tokens[k]!.start - end <= 1) end = tokens[k++]!.end;
  return end === a.end ? undefined : slice(sentence, a.start, end);
};

/**
 * "the Dutch East India Company post" for "what trading company ...?": the name ends at the asked
 * noun ("Company"), and the lower-case words after it are another thing the name qualifies.
 */
const nameEndsAtFocusRule: Rule = (q, a, sentence) => {
  if (!q.focus) return undefined;
  const m = new RegExp(String.raw`^(?:\p{Lu}[\p{L}'’.-]*\s+)+${capitalised(q.focus)}s?(?=(?:\s+\p{Ll}[\p{L}-]*)+$)`, 'u').exec(a.text);
  return m ? slice(sentence, a.start, a.start + m[0].length) : undefined;
};

/** "nearly $40" of "nearly $40 per barrel": an amount's rate is part of its unit. */
const rateRule: Rule = (q, a, sentence) => {
  if (!asksAmount(q) || !/\d|percent|%/.test(a.text)) return undefined;
  const m = /^\s+per\s+(?:cent\b|\p{Ll}+)/u.exec(sentence.slice(a.end));
  return m ? slice(sentence, a.start, a.end + m[0].length) : undefined;
};

/** Words that introduce the term they stand before: "the concept environmental determinism". */
const LABEL = /^(?:concept|term|notion|phrase|expression|word)\s+/i;

/** "The concept environmental determinism served as ...": the term, not the word that introduces it. */
const labelRule: Rule = (q, a, sentence) => {
  const m = LABEL.exec(a.text);
  if (!m || new RegExp(String.raw`\b${m[0].trim()}\b`, 'i').test(q.text)) return undefined;
  const rest = a.text.slice(m[0].length);
  // "term limits" is a noun of its own: a term of two words or more, or a name, follows a label.
  if (rest.split(/\s+/).length < 2 && !OPENS_UPPER.test(rest)) return undefined;
  return slice(sentence, a.start + m[0].length, a.end);
};

/** "southern Italy", "central Europe": the part of a place is part of the answer. */
const COMPASS = /\b(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|central|northern|southern)\s+$/i;

const compassRule: Rule = (_q, a, sentence) => {
  if (!OPENS_UPPER.test(a.text)) return undefined;
  const m = COMPASS.exec(sentence.slice(0, a.start));
  return m ? slice(sentence, m.index, a.end) : undefined;
};

/**
 * "Schedule 5", "Article 50": a name with the number that says which one. Not a count after it
 * ("Obama 3 times") nor a year or a score: only a number that the sentence's clause goes on from.
 */
const numberedNameRule: Rule = (_q, a, sentence) => {
  if (!/^\p{Lu}[\p{L}-]+$/u.test(a.text)) return undefined;
  const m = /^\s(\d{1,3})(?=\s*[,.;:)]|\s*$|\s(?:to|of|in|and|or|on|at|for|from|with|by|as|is|was|were|are)\b)/.exec(sentence.slice(a.end));
  return m ? slice(sentence, a.start, a.end + m[0].length) : undefined;
};

/**
 * "a bloody civil war in Algeria and Osama bin Laden's terror attacks": a name that owns the next
 * noun ("'s") is that noun's, not the last member of a list with the answer.
 */
const possessiveMemberRule: Rule = (_q, a, sentence) => {
  if (!/^['’]s\b/.test(sentence.slice(a.end))) return undefined;
  const m = /,?\s+(?:and|or)\s+[^,]+$/.exec(a.text);
  return m && m.index > 0 ? slice(sentence, a.start, a.start + m.index) : undefined;
};

/**
 * "the Peabody Museum of Archaeology and Ethnology": a name with "of" takes a capitalised word
 * joined to its last one by "and", when nothing capitalised follows (then it is a list of names).
 */
const ofAndRule: Rule = (_q, a, sentence) => {
  if (!/\s(?:of)\s+\p{Lu}/u.test(a.text) || !OPENS_UPPER.test(a.text)) return undefined;
  const m = /^\s+and\s+\p{Lu}[\p{L}-]+(?=\s+\p{Ll}|\s*[,.;:)]|\s*$)/u.exec(sentence.slice(a.end));
  return m ? slice(sentence, a.start, a.end + m[0].length) : undefined;
};

/** "Norseman" of to mean "Norseman, Viking": a short quoted term is answered whole. */
const quotedRule: Rule = (_q, a, sentence) => {
  for (const m of sentence.matchAll(/["“]([^"“”]{1,60})["”]/g)) {
    const start = m.index + 1;
    const end = start + m[1]!.length;
    if (a.start >= start && a.end <= end && (a.start > start || a.end < end) && m[1]!.split(/\s+/).length <= 5) return slice(sentence, start, end);
  }
  return undefined;
};

/** "the Scotland Act 1998" for "what act ...?": a year or number that ends a name of the asked kind comes with the name. */
const focusNameRule: Rule = (q, a, sentence) => {
  // The tagger reads "act" of "what act set out ...?" as a verb: the word after "what" then.
  const asked = q.focus ?? /\b(?:[Ww]hat|[Ww]hich)\s+(\p{Ll}{3,})\b/u.exec(q.text)?.[1];
  if (!asked || q.type !== 'other' || !/^\d+$/.test(a.text)) return undefined;
  const m = new RegExp(String.raw`(?:\p{Lu}[\p{L}'’.-]*\s+)*${capitalised(asked)}\s+$`, 'u').exec(sentence.slice(0, a.start));
  return m ? slice(sentence, m.index, a.end) : undefined;
};

/** "on Wednesday afternoons": the part of the day goes with the day. */
const partOfDayRule: Rule = (_q, a, sentence) => {
  if (!/^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?$/.test(a.text)) return undefined;
  const m = /^\s(?:morning|afternoon|evening|night)s?\b/.exec(sentence.slice(a.end));
  return m ? slice(sentence, a.start, a.end + m[0].length) : undefined;
};

const QUALIFIER = new RegExp(String.raw`\b(?:${HEDGE_WORDS})\s+$`, 'i');

/** "up to 3 pence": an amount keeps the hedge the sentence gives it, as quantityPhrase() keeps a bare number's. */
const hedgeRule: Rule = (q, a, sentence) => {
  if (!asksAmount(q) || !/^[$€£]?\d/.test(a.text)) return undefined;
  const m = QUALIFIER.exec(sentence.slice(0, a.start));
  return m ? slice(sentence, m.index, a.end) : undefined;
};

/** Words before a plural that say how many of it there are. */
const HOW_MANY_OF = /\b(?:a (?:small|large|great|growing|handful of|limited|significant) number of|a handful of|a few|a majority of|a minority of|dozens of|hundreds of|thousands of|millions of)\s+$/i;

/** "Who are committees made of?" against "a small number of MSPs": a plural answer keeps what the sentence says of its number. */
const howManyOfRule: Rule = (_q, a, sentence) => {
  if (!/s$/.test(a.text)) return undefined;
  const m = HOW_MANY_OF.exec(sentence.slice(0, a.start));
  return m ? slice(sentence, m.index, a.end) : undefined;
};

/** "known as the West Lothian question": a term a naming phrase gives runs to its lower-case noun. */
const namedTermRule: Rule = (_q, a, sentence, tokens) => {
  if (!OPENS_UPPER.test(a.text) || !/\b(?:known as|called|termed|dubbed)\s+(?:the\s+)?$/i.test(sentence.slice(0, a.start))) return undefined;
  let k = tokens.findIndex((t) => t.start >= a.end);
  let end = a.end;
  while (k >= 0 && tokens[k]?.pos === 'NOUN' && !OPENS_UPPER.test(tokens[k]!.text) && tokens[k]!.start - end <= 1) end = tokens[k++]!.end;
  return end === a.end ? undefined : slice(sentence, a.start, end);
};

/** "a book titled The Reconstruction of Religious Thought in Islam": a title runs across its small words. */
const titleRule: Rule = (_q, a, sentence) => {
  if (!OPENS_UPPER.test(a.text) || !/\b(?:titled|entitled|called|named)\s+(?:["“‘']?\s*)(?:The\s+)?$/.test(sentence.slice(0, a.start))) return undefined;
  const m = /^(?:\s+(?:in|of|for|on|and|to|the|at|with|from)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*)+/u.exec(sentence.slice(a.end));
  return m ? slice(sentence, a.start, a.end + m[0].length) : undefined;
};

/** "the quick and decisive defeat": adjectives joined to the answer's first one are part of it. */
const coordinatedRule: Rule = (_q, a, sentence, tokens) => {
  let k = tokens.findIndex((t) => t.start >= a.start);
  if (k < 2 || tokens[k]!.pos !== 'ADJ') return undefined;
  let start = a.start;
  while (k >= 2 && /^(?:and|,)$/.test(tokens[k - 1]!.norm) && tokens[k - 2]!.pos === 'ADJ') {
    start = tokens[k - 2]!.start;
    k -= 2;
  }
  return start === a.start ? undefined : slice(sentence, start, a.end);
};

/** "Major General Louis-Joseph de Montcalm": a rank is one title, not its last word. */
const rankRule: Rule = (_q, a, sentence) => {
  if (!/^(?:General|Colonel|Admiral|Marshal|Commander|Governor)\b/.test(a.text)) return undefined;
  const m = /\b(?:Major|Lieutenant|Brigadier|Vice|Rear|Field|Lt\.?)\s+$/.exec(sentence.slice(0, a.start));
  return m ? slice(sentence, m.index, a.end) : undefined;
};

/** Titles a sentence writes before a surname: "Governor Vaudreuil", "Chief Hendrick". */
const TITLE_BEFORE = /\b(?:President|Governor|Chief|King|Queen|Emperor|Empress|Sultan|Pope|Prince|Princess|Duke|Duchess|Bishop|Archbishop|Cardinal|General|Colonel|Captain|Admiral|Senator|Mayor|Judge|Sheriff|Sir|Lord|Lady|Dr\.?|Professor)\s+$/;

/**
 * "Who negotiated ...?" against "Governor Vaudreuil negotiated ...": a person the sentence names
 * with a title ("President Mahmoud Ahmadinejad") is answered with it, as the sentence says it; a
 * surname alone may not tell the reader who is meant.
 */
const surnameTitleRule: Rule = (q, a, sentence) => {
  if (q.type !== 'person' || !/^\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*$/u.test(a.text)) return undefined;
  const m = TITLE_BEFORE.exec(sentence.slice(0, a.start));
  // "Who is the Costa Rican President that ...?" already says the title.
  if (!m || new RegExp(String.raw`\b${escapeRegExp(m[0].trim())}\b`, 'i').test(q.text)) return undefined;
  return slice(sentence, m.index, a.end);
};

/**
 * "Andrew Lortie (born André Lortie), a leading theologian": the person is known by the name the
 * sentence gives first, not the birth name in brackets.
 */
const bornNameRule: Rule = (q, a, sentence) => {
  if (q.type !== 'person') return undefined;
  const m = /(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*)\s*\(\s*(?:born|née|nee)\s+$/u.exec(sentence.slice(0, a.start));
  return m ? slice(sentence, m.index, m.index + m[1]!.length) : undefined;
};

/** "What was the agency charged with doing?" against "charged with undermining the communist ideology": the action asked for is its verb and object. */
const doingRule: Rule = (q, a, sentence) => {
  if (!/\bdoing\b/i.test(q.text)) return undefined;
  const m = /\b(\p{Ll}+ing)\s+(?:(?:the|a|an|its|their|his|her)\s+)?$/u.exec(sentence.slice(0, a.start));
  return m ? slice(sentence, m.index, a.end) : undefined;
};

const RULES: readonly Rule[] = [
  prepositionRule,
  yearRule,
  possessiveMemberRule,
  trailingVerbRule,
  nounAfterRule,
  nameEndsAtFocusRule,
  quotedRule,
  focusNameRule,
  partOfDayRule,
  hedgeRule,
  howManyOfRule,
  namedTermRule,
  titleRule,
  rankRule,
  surnameTitleRule,
  bornNameRule,
  doingRule,
  coordinatedRule,
  typeOfRule,
  rateRule,
  labelRule,
  compassRule,
  numberedNameRule,
  ofAndRule,
];
