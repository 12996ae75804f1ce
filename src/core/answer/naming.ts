// "What's the name of the teacher ...?", "what's the burned dog's name?": a question for a name is
// answered by a name. Of the SQuAD dev questions asking "what ... name", 26 of 27 answerable ones
// have a capitalised answer; on news, the unanswerable ones were answered with "trial", "Thursday".
import type { Span } from './spans.ts';
import { pluralFocus, type QuestionAnalysis } from './question.ts';
import { STOPWORDS } from '../language/stopwords.ts';
import { escapeRegExp, OPENS_UPPER } from '../language/words.ts';

const ASKS_NAME = /^(?:what|which)\b[^?]*\bnamed?\b/i;
/** "What's the chihuahua called (in that video)?": a name, or (SQuAD's "what was the oil crisis called?") a term. */
export const ASKS_CALLED = /^what(?:['’]s|\s+(?:is|was|are|were))\b[^?]*\bcalled(?:\s+(?:in|on|at)\s+(?:the|that|this|a)\b[^?]*)?\s*\??\s*$/i;
/** Words a name may hold in lower case: "Bank of England", "Charles de Gaulle". */
const CONNECTOR = /^(?:of|the|and|de|du|des|la|le|van|von|der|den|da|di|del|al|bin|y|&)$/;
/** Capitalised words that date a thing rather than name it. */
const CALENDAR = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow)$/i;

export function asksName(q: QuestionAnalysis): boolean {
  return ASKS_NAME.test(q.text);
}

/** "Nancy Perry", "Clarence J. Brown Dam", "Foxxy Cleopatra": capitalised words (and connectors), no digits, no day or month. */
export function isProperName(text: string): boolean {
  const words = text.replace(/['’]s$/, '').split(/\s+/).filter(Boolean);
  if (!words.length || !OPENS_UPPER.test(words[0]!) || /\d/.test(text)) return false;
  return words.every((w) => (OPENS_UPPER.test(w) && !CALENDAR.test(w)) || CONNECTOR.test(w));
}

/**
 * The answer span for a name question: the best-fitting name among the sentence's spans, or none
 * (then the sentence does not give the name, and below the gate's confidence the answerer declines).
 * Other questions keep the best-fitting span.
 */
export function answerSpanOf(q: QuestionAnalysis, spans: readonly Span[], sentence?: string): Span | undefined {
  const sorted = [...spans].sort((a, b) => b.fit - a.fit);
  // "Category 3" for "what category ...?" (span-model's focusNumbers), however the model fits it.
  const numbered = sorted.find((s) => numbersTheFocus(q, s));
  if (numbered) return numbered;
  const named = sentence !== undefined ? namedBy(q, sentence, spans) : undefined;
  if (!asksName(q)) return named ?? (sentence !== undefined && sorted[0] ? ownersKind(q, sentence, sorted[0]) : undefined) ?? sorted[0];
  return named ?? sorted.find((s) => namesAnswer(q, s.text));
}

/**
 * A name that can answer a name question: a proper name with a word the question does not give
 * ("Sam" for "what's the name of terry cooper's dog?", not "Terry Cooper" nor "Cooper's": the
 * question's own names are not the one it asks for).
 */
export function namesAnswer(q: QuestionAnalysis, text: string): boolean {
  if (!isProperName(text)) return false;
  const asked = new Set(q.terms.map((t) => t.word.toLowerCase()));
  return text
    .replace(/['’]s$/, '')
    .split(/\s+/)
    .some((w) => OPENS_UPPER.test(w) && !asked.has(w.toLowerCase()));
}

/** "Category 3" for "what category is Rafael?": the asked noun and the number that says which. */
export function numbersTheFocus(q: QuestionAnalysis, span: Span | undefined): boolean {
  if (!span || q.type !== 'other' || !q.focus) return false;
  const [head, id, ...rest] = span.text.split(/\s+/);
  return !rest.length && head?.toLowerCase() === q.focus && /^(?:\d+[a-z]?|[IVX]+|[A-Z])$/.test(id ?? '');
}

/** Words that open a name question's noun phrase and are no part of it. */
const DETERMINER = /^(?:the|a|an|his|her|its|their|that|this|those|these|my|your|our)$/;
/** Words that end a name question's noun phrase: a clause or a phrase of its own follows. */
const PHRASE_END = /^(?:that|who|whom|which|whose|where|when|in|at|on|from|with|of|for|by|over|after|during|the|a|an|called|named|known|name|is|was|are|were|has|had|did|does|do|and|or)$/;
/** The verb a "what's X called?" opens with, before the noun phrase. */
const AUX_OPENING = /^(?:is|was|are|were|'s|does|did|do)$/;
/** Words that say which one and name no kind of thing ("the new species", "his last album"). */
const QUALIFIER = /^(?:new|old|last|first|second|third|fourth|fifth|late|former|young|big|little|small|great|latest|next|final|other|original|current|real|full|official)$/;

/**
 * The kind of thing a name question asks the name of, as its words: "the chicken" of "what was
 * the name of the chicken kunis supposedly stole?", "jack russell" of "what's terry cooper's jack
 * russell called?", "guitars" of "what does B.B. King name his guitars?". Not the owner ("noah"
 * of "noah's dad"): the name asked is the dad's.
 */
export function namedKind(q: QuestionAnalysis): string[] {
  if (!asksName(q) && !ASKS_CALLED.test(q.text)) return [];
  const words = q.tokens.filter((t) => t.kind === 'word' || t.norm === "'s");
  const norms = words.map((t) => t.norm.replace(/’/g, "'"));
  let from = -1;
  let to = norms.length;
  const nameAt = norms.indexOf('name');
  if (nameAt >= 0 && norms[nameAt + 1] === 'of') from = nameAt + 2;
  else if (nameAt >= 1 && norms[nameAt - 1] === "'s") [from, to] = [1, nameAt - 1];
  else if (nameAt >= 0) from = nameAt + 1;
  else {
    const called = norms.lastIndexOf('called');
    if (called > 0) [from, to] = [1, called];
  }
  if (from < 0) return [];
  let phrase = words.slice(from, to);
  // Past the owner: "terry cooper's jack russell" is a jack russell.
  const owner = phrase.map((t) => t.norm).lastIndexOf("'s");
  if (owner >= 0) phrase = phrase.slice(owner + 1);
  while (phrase.length && (DETERMINER.test(phrase[0]!.norm) || AUX_OPENING.test(phrase[0]!.norm))) phrase = phrase.slice(1);
  const kind: string[] = [];
  for (const [i, t] of phrase.entries()) {
    if (PHRASE_END.test(t.norm) || (i > 0 && /^(?:VERB|ADV|AUX)$/.test(t.pos))) break;
    kind.push(t.norm);
  }
  // A name the question writes ("the former name of the Arthur M. Sackler Museum") is no kind of
  // thing. The last words hold the head ("defense minister" of "the south korean defense minister").
  const proper = new Set(q.terms.filter((t) => t.proper).map((t) => t.word.toLowerCase()));
  return kind.filter((w) => w.length >= 3 && !QUALIFIER.test(w) && !proper.has(w)).slice(-3);
}
/**
 * Whether the kind's word in the sentence names the asked kind: "bus driver Mukesh Singh" is no
 * "taxi driver". A word before it that the question does not give, and no function word, tells
 * another kind apart when the question qualifies its own.
 */
function sameKind(kind: readonly string[], word: string, before: string): boolean {
  if (kind.indexOf(word) < 1) return true;
  const previous = /([\p{L}'’-]+)\W*$/u.exec(before)?.[1]?.toLowerCase();
  return !previous || kind.includes(previous) || STOPWORDS.has(previous);
}

/** Verbs that give a thing its name. */
const NAMING = String.raw`(?:named|called|dubbed|nicknamed|christened|renamed|known\s+as)`;
/** A name as a story writes it: capitalised words, maybe in quotes ("Sam", "'Doggie'", "Foxxy Cleopatra"). */
const NAME = String.raw`['‘"“]?(?<name>\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*){0,3})['’"”]?`;
/** Titles before a name ("Minister Kim Yong-hyun"): the name is what follows. */
const TITLE = /^(?:Minister|President|Prime|Secretary|General|Gen\.?|Colonel|Col\.?|Captain|Capt\.?|Chief|Judge|Justice|Senator|Sen\.?|Governor|Gov\.?|Mayor|Director|Coach|Officer|Sergeant|Sgt\.?|Detective|Professor|Prof\.?|Doctor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame|Lord|Lady|King|Queen|Prince|Princess|Pope|Bishop|Father|Sister|Rev\.?)$/;
/** Capitalised words that start a new clause in a run-on caption ("Sam The retired ..."), not a name's words. */
const NOT_NAME_WORD = /^(?:the|a|an|he|she|it|they|we|i|his|her|its|their|this|that|these|those|but|and|or|so|then|when|while|after|before|in|on|at|of|for|with|from|by|to|as|if|mr|mrs|ms|miss|dr)$/i;

/**
 * The name a sentence gives the asked kind of thing by its words: "his Jack Russell Sam", "her pet
 * chicken 'Doggie'", "the Chihuahua named Foxxy Cleopatra", "Gibson guitars ..., and named each one of
 * them Lucille". A name that merely stands in the sentence ("Kristina Karo says ...") does not answer
 * "what was the name of the chicken ...?"; one tied to the chicken does, whatever the span model fits
 * it. Undefined when the sentence ties no new name to it. The span's fit is that of the candidate
 * span at the same place, if any.
 */
export function namedBy(q: QuestionAnalysis, sentence: string, spans: readonly Span[] = []): Span | undefined {
  const kind = namedKind(q);
  // The head first ("Defense Minister Kim Yong-hyun" after "minister", not "Korean Defense Minister
  // Kim" after "south"), then the other words, which may be the head when the phrase ran on ("the
  // chicken kunis supposedly stole").
  for (const word of [...kind].reverse()) {
    const found = namedAfter(q, kind, word, sentence, spans);
    if (found) return found;
  }
  return undefined;
}

function namedAfter(q: QuestionAnalysis, kind: readonly string[], word: string, sentence: string, spans: readonly Span[]): Span | undefined {
  // In either case ("the chihuahua", "The Chihuahua"); the expressions are case-sensitive, for the name's capitals.
  const escaped = escapeRegExp(word);
  const anchor = String.raw`\b(?<kind>${escaped}|${escaped[0]!.toUpperCase() + escaped.slice(1)})(?:s|es)?\b`;
  const cues = [
    // "the Chihuahua named Foxxy Cleopatra", "a dog he called Rex".
    new RegExp(String.raw`${anchor}(?:\s+[\p{Ll}'’]+){0,2}\s+${NAMING}\s+${NAME}`, 'gu'),
    // "guitars ..., and named each one of them Lucille": the kind earlier in the sentence.
    new RegExp(String.raw`${anchor}.*?\b${NAMING}\s+(?:(?:each\s+)?(?:one\s+)?(?:of\s+)?(?:them|him|her|it)\s+)${NAME}`, 'gu'),
    // "his Jack Russell Sam", "her pet chicken 'Doggie'", "his dog, Rex,": the name right after the kind.
    new RegExp(String.raw`${anchor}(?:,\s+(?=['‘"“]?\p{Lu}[\p{L}'’-]*,)|\s+)${NAME}`, 'gu'),
  ];
  for (const cue of cues) {
    for (const m of sentence.matchAll(cue)) {
      if (!sameKind(kind, m.groups!.kind!.toLowerCase(), sentence.slice(0, m.index))) continue;
      // The kind's own words are no part of the name ("Jack Russell Sam" for a jack russell).
      const all = m.groups!.name!.split(/\s/);
      const own = all.findIndex((w) => !kind.includes(w.toLowerCase()) && !TITLE.test(w));
      const words = own < 0 ? [] : all.slice(own);
      const keep = words.findIndex((w) => NOT_NAME_WORD.test(w) || CALENDAR.test(w));
      const name = (keep < 0 ? words : words.slice(0, keep)).join(' ').replace(/['’]s$/, '').replace(/['’]+$/, '');
      const start = m.index + m[0].lastIndexOf(m.groups!.name!) + all.slice(0, Math.max(own, 0)).reduce((n, w) => n + w.length + 1, 0);
      // An initial ("M." of "Arthur M. Sackler") names nothing, nor does a caption's label
      // ("Shocked:") or a name the question gives.
      if (!/\p{L}{2}/u.test(name) || sentence[start + name.length] === ':' || !namesAnswer(q, name)) continue;
      const end = start + name.length;
      const fit = Math.max(0, ...spans.filter((s) => s.start < end && s.end > start).map((s) => s.fit));
      return { text: name, start, end, fit, tied: true };
    }
  }
  return undefined;
}

/** The asked noun in any of its forms, as a regular expression's source: "hous" and up to three letters ("house", "houses"). */
export function kindWord(focus: string): string {
  return `${escapeRegExp(focus.replace(/(?:ies|es|s)$/, ''))}\\w{0,3}`;
}

/**
 * "Which agency told lawmakers ...?" against "South Korea's spy agency told lawmakers ...": when the
 * best span is the owner in a possessive that ends in the asked noun, the answer is the whole phrase
 * ("South Korea's spy agency"), not the owner ("Korea"). Undefined otherwise.
 */
export function ownersKind(q: QuestionAnalysis, sentence: string, best: Span): Span | undefined {
  if (!q.focus || !/^which\s/i.test(q.text) || !/^\p{L}+$/u.test(q.focus)) return undefined;
  const re = new RegExp(String.raw`(?:\p{Lu}[\p{L}.-]*\s)*\p{Lu}[\p{L}.-]*['’]s(?:\s[\p{Ll}-]+){0,3}?\s${kindWord(q.focus)}\b`, 'gu');
  for (const m of sentence.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (best.start >= start && best.end <= end && best.end <= start + m[0].search(/['’]s\s/u)) return { text: m[0], start, end, fit: best.fit };
  }
  return undefined;
}

/** A capitalised name as a sentence writes it, "of" inside it: "Quiberon Bay", "Lawrence Lessig", "Bank of England". */
const CAP_NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s(?:of\s)?\p{Lu}[\p{L}'’.-]*)*`;
const LIST_AFTER = new RegExp(String.raw`^(?:,\s${CAP_NAME})*,?\s(?:and|or)\s(?:the\s)?${CAP_NAME}`, 'u');
const LIST_BEFORE = new RegExp(String.raw`${CAP_NAME}(?:,\s${CAP_NAME})*,?\s(?:and|or)\s(?:the\s)?$`, 'u');

/**
 * "What naval battles ...?", "which two areas ...?": a question for several things is answered by
 * the whole list of names the span stands in ("Lagos and Quiberon Bay", "Germany and Scandinavia"),
 * not its first or last member. Other spans, and other questions, are kept as they are.
 */
export function listAsked(q: QuestionAnalysis, span: Span | undefined, sentence: string): Span | undefined {
  if (!span || !asksSeveral(q) || !isProperName(span.text)) return span;
  const after = LIST_AFTER.exec(sentence.slice(span.end));
  const before = LIST_BEFORE.exec(sentence.slice(0, span.start));
  if (!after && !before) return span;
  const start = before ? before.index : span.start;
  // A full stop after the last name ends the sentence, unless it closes an initial ("Harry S.").
  const end = span.end + (after ? after[0].replace(/(?<!\b\p{Lu})\.$/u, '').length : 0);
  return { ...span, start, end, text: sentence.slice(start, end) };
}

/** A plural asked noun ("battles", "scholars") or a count of them ("which two areas"). */
function asksSeveral(q: QuestionAnalysis): boolean {
  if (/^(?:what|which)\s+(?:two|three|four|both)\b/i.test(q.text)) return true;
  return pluralFocus(q);
}
