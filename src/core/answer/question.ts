// Question analysis: what kind of answer is wanted, and which words it is about.
import { tokenize, type Token } from '../language/tokens.ts';
import type { EntityKind } from '../language/entities.ts';

export type AnswerType = 'number' | 'money' | 'percent' | 'person' | 'place' | 'organization' | 'date' | 'reason' | 'yesno' | 'other';

export interface QuestionTerm {
  word: string;
  stem: string;
  lemma: string;
  /** Part of speech in the question (VERB for "send" in "how many troops did they send?"). */
  pos: string;
  /** Capitalised word inside the question: a name, which the answer's sentence must mention. */
  proper: boolean;
}

export interface QuestionAnalysis {
  text: string;
  type: AnswerType;
  /** The noun that names the wanted thing ("firms" in "how many firms"), if any. */
  focus: string | undefined;
  terms: QuestionTerm[];
  tokens: Token[];
  /**
   * Where the answer stands in the question: the question's words right before and right after
   * the gap the wh-word leaves. "What was he charged with?" → after "charged"; "What provided an
   * incentive?" → before "provided"; "Imperialism extends power and what?" → after "power".
   */
  gap: { after: QuestionTerm | undefined; before: QuestionTerm | undefined };
}

/** Entity kinds that can answer each type, best first. */
export const TYPE_ENTITIES: Record<AnswerType, EntityKind[]> = {
  number: ['number', 'money', 'percent', 'duration'],
  money: ['money', 'number'],
  percent: ['percent', 'number'],
  person: ['person', 'organization'],
  place: ['place', 'organization'],
  organization: ['organization', 'place', 'person'],
  date: ['date', 'time'],
  reason: [],
  yesno: [],
  other: [],
};

const FOCUS_TYPES: [RegExp, AnswerType][] = [
  [/^(year|date|day|month|decade|century|time|period|era|season|week)s?$/, 'date'],
  [/^(country|countries|city|cities|town|state|region|place|province|continent|nation|location|area|island|river|capital|territory|village|county|district|neighbou?rhood|border|site)s?$/, 'place'],
  [/^(company|companies|firm|organi[sz]ation|agency|department|group|team|party|bank|university|college|school|newspaper|network|ministry|institution|government|club|band|corporation|league)s?$/, 'organization'],
  [/^(person|people|man|men|woman|women|leader|president|minister|secretary|official|officer|author|writer|player|king|queen|emperor|empress|general|ambassador|actor|actress|singer|scientist|founder|ceo|director|composer|artist|politician|pope|architect|ruler|monarch|prince|princess|duke|earl|lord|bishop|priest|saint|explorer|inventor|philosopher|poet|painter|commander|governor|mayor|senator|chancellor|captain|coach|manager|spokesman|spokeswoman|chairman|judge|lawyer|professor|engineer|economist|historian|journalist|reporter|physicist|mathematician|chemist|theologian|rider|father|mother|son|daughter|wife|husband|brother|sister|who)s?$/, 'person'],
  [/^(percentage|percent|proportion|share|rate)s?$/, 'percent'],
  [/^(amount|price|cost|sum|fine|budget|salary|revenue|value)s?$/, 'money'],
  [/^(number|count|total|population|size|age|length|height|distance|weight)s?$/, 'number'],
  [/^(reason|cause|purpose|motive)s?$/, 'reason'],
];

const AUX = /^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|shall|may|might|must)$/;
const WH = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how']);

const GENERIC = /^(kind|type|sort|name|number|amount|part|one|form|piece|example)s?$/;

/**
 * The head noun of the phrase after position i: "which Chinese companies" → companies, "what trading
 * company" → company, "what kind of weapons" → weapons. `end` is the position after the phrase.
 */
function focusAfter(tokens: Token[], i: number): { focus: string | undefined; at: number; end: number } {
  for (let j = i + 1; j < Math.min(tokens.length, i + 6); j++) {
    const t = tokens[j]!;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      let k = j;
      while (k + 1 < tokens.length && (tokens[k + 1]!.pos === 'NOUN' || tokens[k + 1]!.pos === 'PROPN')) k++;
      const head = tokens[k]!;
      if (GENERIC.test(head.norm) && tokens[k + 1]?.norm === 'of') {
        j = k + 1;
        continue;
      }
      return { focus: head.norm, at: k, end: k + 1 };
    }
    if (!(t.pos === 'ADJ' || t.pos === 'DET' || t.norm === 'of' || t.pos === 'NUM')) break;
  }
  return { focus: undefined, at: i, end: i };
}

function typeOfFocus(focus: string | undefined): AnswerType | undefined {
  if (!focus) return undefined;
  return FOCUS_TYPES.find(([re]) => re.test(focus))?.[1];
}

export function analyseQuestion(question: string): QuestionAnalysis {
  const text = question.trim().replace(/\s+/g, ' ');
  const tokens = tokenize(spellOutContraction(text));
  const words = tokens.filter((t) => t.kind !== 'punctuation');
  const lower = words.map((t) => t.norm);
  let type: AnswerType = 'other';
  let focus: string | undefined;

  const whAt = lower.findIndex((w) => WH.has(w));
  const wh = whAt >= 0 ? lower[whAt] : undefined;
  const next = whAt >= 0 ? lower[whAt + 1] : undefined;
  if (wh === 'how' && (next === 'many' || next === 'much')) {
    const f = focusAfter(words, whAt + 1);
    focus = f.focus;
    const ft = typeOfFocus(focus);
    type = next === 'much' && (!focus || ft === 'money' || /^(money|cost|pay|paid|spend|spent|worth|earn)/.test(lower.slice(whAt + 2).join(' '))) ? 'money' : ft === 'percent' ? 'percent' : 'number';
  } else if (wh === 'how' && next && /^(long|old|far|big|large|tall|high|deep|often|fast|heavy|wide)$/.test(next)) {
    type = 'number';
  } else if (wh === 'who' || wh === 'whom' || wh === 'whose') {
    type = 'person';
  } else if (wh === 'where') {
    type = 'place';
  } else if (wh === 'when') {
    type = 'date';
  } else if (wh === 'why') {
    type = 'reason';
  } else if (wh === 'what' || wh === 'which') {
    let f = focusAfter(words, whAt);
    // "What is the capital of ...?", "What was the name of ...?": the noun after the verb names the
    // wanted thing when nothing but "of", a naming verb or the end follows it.
    if (!f.focus && next && AUX.test(next)) {
      const g = focusAfter(words, whAt + 1);
      const after = words[g.end]?.norm;
      if (g.focus && (after === undefined || after === 'of' || /^(called|known|named|termed)$/.test(after) || !/[\p{L}\p{N}]/u.test(after))) f = g;
    }
    focus = f.focus;
    type = typeOfFocus(focus) ?? 'other';
    // "What is the reason ...", "What caused ..."
    if (type === 'other' && /^(cause|caused|led|prompted|motivated)$/.test(next ?? '')) type = 'reason';
    // "What did X do?", "What happened ...?": the answer is what the sentence says, not a noun.
    if (type === 'other' && (lower[lower.length - 1] === 'do' || /^happen/.test(next ?? ''))) type = 'yesno';
  } else if (lower[0] && AUX.test(lower[0])) {
    type = 'yesno';
  } else if (/^(in|on|at|during) (what|which) (year|date|month|day)/.test(lower.join(' '))) {
    type = 'date';
  }

  const seen = new Set<string>();
  const terms: QuestionTerm[] = [];
  for (const t of words) {
    if (t.stop || WH.has(t.norm) || !/[\p{L}\p{N}]/u.test(t.norm)) continue;
    if (seen.has(t.stem)) continue;
    seen.add(t.stem);
    const proper = (t.pos === 'PROPN' || /^\p{Lu}/u.test(t.text)) && t !== words[0];
    terms.push({ word: t.text, stem: t.stem, lemma: t.lemma, pos: t.pos, proper });
  }
  return { text, type, focus, terms, tokens, gap: gapOf(words, whAt, terms) };
}

/**
 * "what's the biggest lamb ...?" is "what is ...", "what's been ..." is "what has been ...": the
 * tokenizer keeps "'s" as a word no rule here reads, so the question's focus and gap were lost.
 * Only "what": "who's" and "where's" read as they are ranked better as they were (news dev).
 */
function spellOutContraction(text: string): string {
  return text.replace(/\b(what)['’]s\b(\s+(?:been|got|gone|had)\b)?/i, (_, wh: string, perfect: string | undefined) => `${wh} ${perfect ? 'has' : 'is'}${perfect ?? ''}`);
}

const COPULA = /^(is|are|was|were)$/;
const CLAUSE = /^(when|while|because|after|before|if|since|although|though|whereas|until|during)$/;

function gapOf(words: Token[], whAt: number, terms: QuestionTerm[]): QuestionAnalysis['gap'] {
  const none = { after: undefined, before: undefined };
  if (whAt < 0 || !terms.length) return none;
  const termAt = (t: Token) => (t.pos === 'ADV' ? undefined : terms.find((x) => x.stem === t.stem));
  const termsIn = (from: number, to: number) => words.slice(from, to).map(termAt).filter((t): t is QuestionTerm => !!t);
  const end = focusAfter(words, whAt).end;
  const phraseEnd = Math.max(end, whAt + 1);
  // In place: "Bassett focuses on what to illustrate his idea?"
  if (termsIn(0, whAt).length && !(whAt === 1 && words[0]!.pos === 'ADP')) {
    return { after: termsIn(0, whAt).pop(), before: termsIn(phraseEnd, words.length)[0] };
  }
  const next = words[phraseEnd];
  if (!next) return none;
  if (AUX.test(next.norm)) {
    // "What did the charter encourage?", "What was he charged with?": the gap closes the question.
    // A bare copula ("What is the capital of France?") says nothing about the order.
    // A clause after it ("... charged with when he was arrested?") is not where the gap is.
    let close = words.findIndex((t, i) => i > phraseEnd + 1 && CLAUSE.test(t.norm));
    if (close < 0) close = words.length;
    const rest = words.slice(phraseEnd + 1, close);
    if (COPULA.test(next.norm) && !rest.some((t) => t.pos === 'VERB' || /ed$/.test(t.norm)) && rest[rest.length - 1]?.pos !== 'ADP') return none;
    return { after: termsIn(phraseEnd + 1, close).pop(), before: undefined };
  }
  // "What provided an incentive ...?", "Who replaced the Normans?": the answer is the subject.
  return { after: undefined, before: termsIn(phraseEnd, words.length)[0] };
}
