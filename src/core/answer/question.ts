// Question analysis: what kind of answer is wanted, and which words it is about.
import { tokenize, type Token } from '../language/tokens.ts';
import type { EntityKind } from '../language/entities.ts';
import { OPENS_UPPER } from '../language/words.ts';

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
  /** The stem of a noun right before the focus that says which kind ("auction" of "which auction house"), if any. */
  focusModifier?: string | undefined;
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
  money: ['money'],
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
  [/^(percentage|percent|proportion|share|rate|turnout)s?$/, 'percent'],
  [/^(amount|price|cost|sum|fine|budget|salary|revenue|value)s?$/, 'money'],
  [/^(number|count|total|toll|population|size|age|length|height|distance|weight|speed|velocity|depth|width|area|altitude)s?$/, 'number'],
  [/^(reason|cause|purpose|motive)s?$/, 'reason'],
];

const AUX = /^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|shall|may|might|must)$/;
/** Words after a focus noun that say which one is meant, not what it does. */
const WHICH_ONE = /^(in|at|on|for|from|during|after|before|since|among|now|today|currently|so|this|last|yet)$/;
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

/** Verbs of saying a "what did X say?" question asks with. */
const SAYING = /^(?:say|says|said|tell|tells|told|think|thinks|thought|claim|claims|claimed|write|writes|wrote|warn|warns|warned|announce|announces|announced|reckon|reckons)$/;

/**
 * The verb of "what did Kim Yong-hyun say (about ...)?": a question for someone's words is answered
 * by a sentence giving them ("Kim said he doesn't ..."), not one that only names the speaker, so the
 * verb is one of the question's terms although "say" is a word most sentences of news share.
 */
function sayingVerb(words: readonly Token[]): Token | undefined {
  if (words[0]?.norm !== 'what' || !/^(?:did|does|do|has|have|had|will|would)$/.test(words[1]?.norm ?? '')) return undefined;
  // The speaker stands between the auxiliary and the verb.
  for (let k = 3; k < words.length; k++) {
    if (!SAYING.test(words[k]!.norm)) continue;
    // What the words were about, or when they were said, may follow; "what did the manager say she was?" asks for a span.
    const after = words[k + 1]?.norm;
    return words[k]!.stop && (after === undefined || /^(?:about|on|of|regarding|to|at|in|after|before|when|during|yesterday|today|last|this)$/.test(after)) ? words[k] : undefined;
  }
  return undefined;
}

/** The stem of the noun right before the focus among the question's words ("auction" of "which auction house"). */
function focusModifierOf(tokens: readonly Token[], focus: string | undefined): string | undefined {
  if (!focus) return undefined;
  const words = tokens.filter((t) => t.kind === 'word');
  const at = words.findIndex((t) => t.norm === focus);
  return at > 0 && words[at - 1]!.pos === 'NOUN' ? words[at - 1]!.stem : undefined;
}

export function analyseQuestion(question: string): QuestionAnalysis {
  const text = question.trim().replace(/\s+/g, ' ');
  const tokens = tokenize(spellOutContraction(getPassive(text)));
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
      // A place or time after it says which one ("what's the death toll in the quake?", "what's the
      // interest rate now?"), as "of" does.
      if (g.focus && (after === undefined || after === 'of' || /^(called|known|named|termed)$/.test(after) || (COPULA.test(next) && WHICH_ONE.test(after)) || !/[\p{L}\p{N}]/u.test(after))) f = g;
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
  const saying = sayingVerb(words);
  for (const t of words) {
    if ((t.stop && t !== saying) || WH.has(t.norm) || !/[\p{L}\p{N}]/u.test(t.norm)) continue;
    if (seen.has(t.stem)) continue;
    seen.add(t.stem);
    const proper = (t.pos === 'PROPN' || OPENS_UPPER.test(t.text)) && t !== words[0];
    terms.push({ word: t.text, stem: t.stem, lemma: t.lemma, pos: t.pos, proper });
  }
  return { text, type, focus, focusModifier: focusModifierOf(tokens, focus), terms, tokens, gap: gapOf(words, whAt, terms) };
}

/**
 * "what's the biggest lamb ...?" is "what is ...", "what's been ..." is "what has been ...": the
 * tokenizer keeps "'s" as a word no rule here reads, so the question's focus and gap were lost.
 * Only "what": "who's" and "where's" read as they are ranked better as they were (news dev).
 */
function spellOutContraction(text: string): string {
  return text.replace(/\b(what)['’]s\b(\s+(?:been|got|gone|had)\b)?/i, (_, wh: string, perfect: string | undefined) => `${wh} ${perfect ? 'has' : 'is'}${perfect ?? ''}`);
}

/** "got" and the like before a participle: "-ed" (not "red", "speed"), the "-en" ones by name (not "ten", "seven", "when", "even"), the irregular. */
const GET_PASSIVE = /\b(?:got|gotten|get|gets|getting)\s+(?=(?:\p{L}{2,}(?<!e)ed|taken|given|beaten|bitten|broken|chosen|driven|eaten|fallen|forgotten|forgiven|frozen|hidden|ridden|risen|shaken|spoken|stolen|sworn|thrown|woken|written|proven|shown|known|grown|blown|drawn|flown|torn|worn|seen|done|hurt|hit|shot|caught|stuck|sent|paid|sold|told|left|lost|kept|put|cut|built|bought|brought|born|spent|won|held|led|fed|bit|struck|laid|met|found)\b)/giu;
/**
 * "how many companies got sanctioned?" is "... were sanctioned?": "got" before a participle is the
 * passive's auxiliary, not a word the answer's sentence should repeat ("sanctioned by the Treasury").
 */
function getPassive(text: string): string {
  return text.replace(GET_PASSIVE, (m) => (/^gets?\b/i.test(m) ? 'is ' : /^getting/i.test(m) ? 'being ' : 'was '));
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
    // "What is Pyongyang asking for in exchange for troops?": a preposition with no object ("for"
    // right before "in") is where the gap is, not the last words of a phrase after it.
    const stranded = words.findIndex((t, i) => i > phraseEnd + 1 && i < close && t.pos === 'ADP' && words[i + 1]?.pos === 'ADP');
    return { after: termsIn(phraseEnd + 1, stranded > 0 ? stranded : close).pop(), before: undefined };
  }
  // "What provided an incentive ...?", "Who replaced the Normans?": the answer is the subject.
  return { after: undefined, before: termsIn(phraseEnd, words.length)[0] };
}

const SUBJECT_PART = /^(DET|ADJ|NOUN|PROPN|NUM|PART)$/;
const DO_SUPPORT = /^(do|does|did|will|would|can|could|should|shall|may|might|must)$/;

/**
 * The head noun of what the question is about when it asks something of it: the subject after the
 * auxiliary of "when will the troops go home?" (troops), "how long did the fire burn?" (fire),
 * "how long is mcgowan's curfew order?" (order). A sentence that shares only other words with the
 * question ("flee their homes") is about something else. Undefined when the subject is a name (names
 * have checks of their own), a pronoun, or not found. The words before the head come with it
 * ("fire" of "the fire department").
 */
export function subjectNoun(q: QuestionAnalysis): { noun: string; modifiers: string[] } | undefined {
  const words = q.tokens.filter((t) => t.kind !== 'punctuation');
  const whAt = words.findIndex((t) => WH.has(t.norm));
  if (whAt < 0) return undefined;
  // "how long", "how old": the measure word belongs to the wh-phrase.
  let at = whAt + 1;
  if (words[whAt]!.norm === 'how' && words[at] && !AUX.test(words[at]!.norm)) at++;
  const aux = words[at];
  // Only after "did", "will", "can" and the like, which ask what the subject did or will do. After
  // "was" the subject is as often the thing asked about, in other words than the text's ("when was
  // the Latin version of the word first recorded", "who was the Normans' main enemy").
  if (!aux || !DO_SUPPORT.test(aux.norm)) return undefined;
  const np: Token[] = [];
  for (let i = at + 1; i < words.length; i++) {
    const t = words[i]!;
    // Of particles only a possessive's "'s" stays inside a noun phrase ("order to address" is no subject).
    if (!SUBJECT_PART.test(t.pos) || (t.pos === 'PART' && !/^['’]s$/.test(t.text))) break;
    // A determiner after the subject's noun starts another phrase ("report the first clash").
    if (t.pos === 'DET' && np.some((x) => x.pos !== 'DET')) break;
    np.push(t);
  }
  // A base verb follows the subject, but the tagger often reads it as a noun ("where did adebayor
  // film his dance", "did ukraine report the clash"): when no verb follows the phrase, it ends at
  // the first word after its first noun or name that reads as a verb after "they" ("the refugees
  // return home": not "home").
  if (!/^(VERB|AUX)$/.test(words[at + 1 + np.length]?.pos ?? '')) {
    const first = np.findIndex((x) => x.pos !== 'DET');
    const k = np.findIndex((x, i) => first >= 0 && i > first && readsAsVerb(x.norm));
    if (k > 0) np.length = k;
  }
  const head = np.filter((t) => t.pos === 'NOUN' || t.pos === 'PROPN').pop();
  if (!head || head.pos !== 'NOUN' || OPENS_UPPER.test(head.text) || GENERIC.test(head.norm) || head.norm.length < 3) return undefined;
  // People: a story names them ("the duck hunter" is "Mr Smith, 55", "the guy" a man it names). A
  // quality is as often said with its adjective or verb ("the inability to separate" as "cannot separate").
  if (isPersonNoun(head.norm) || /(?:ity|ities|ness)$/.test(head.norm)) return undefined;
  const modifiers = np.filter((t) => t !== head && (t.pos === 'ADJ' || t.pos === 'NOUN') && !t.stop && t.norm.length > 2).map((t) => t.norm);
  return { noun: head.norm, modifiers };
}

/** Whether a word reads as a verb after a subject ("they film"), whatever the tagger made of it in the question. */
function readsAsVerb(word: string): boolean {
  return tokenize(`they ${word}`)[1]?.pos === 'VERB';
}

const PERSON_WORDS = /^(guy|bloke|chap|kid|child|children|baby|babies|boy|girl|lady|ladies|gentleman|gentlemen|ref|fan|teen|couple|star|victim|mum|mom|dad|grandmother|grandfather|gran|grandma|grandpa|grandson|granddaughter|grandparent|parent|family|friend|boyfriend|girlfriend|fiancee?|partner|widow|widower|pensioner|pupil|student|suspect|patient|nurse|doctor|surgeon|passenger|victim|hero|heroine|survivor|twin|toddler|infant|youngster|mother-in-law|stepfather|stepmother|stepson|stepdaughter|cousin|uncle|aunt|nephew|niece|celebrity|model|chef|cop|soldier|veteran|resident|tourist|man|men|woman|women|person|people)s?$/;

/** "How many ...?", "how much ...?", "what percentage ...?": the answer is an amount. */
export function asksAmount(q: QuestionAnalysis): boolean {
  return q.type === 'number' || q.type === 'money' || q.type === 'percent';
}

/** "In what year ...?", "which year ...": a year, not the whole date. */
export function asksYear(q: QuestionAnalysis): boolean {
  return /\b(?:what|which)\s+year\b/i.test(q.text);
}

/** The asked noun is a plural ("what naval battles ...?", "which countries ..."): the answer may be several things. */
export function pluralFocus(q: QuestionAnalysis): boolean {
  return !!q.focus && /[^s]s$/.test(q.focus) && q.focus.length > 3;
}

/** A noun for a person: the person list of FOCUS_TYPES, everyday words for people, and agent nouns ("hunter", "photographer", "scientist"). */
export function isPersonNoun(w: string): boolean {
  if (PERSON_WORDS.test(w) || typeOfFocus(w) === 'person') return true;
  return w.length > 5 && /(?:er|or|ist|ian|ant|ent)s?$/.test(w) && !/(?:water|weather|winter|number|border|paper|power|order|letter|matter|center|centre|corner|river|monster|computer|cancer|error|factor|sector|floor|door|color|colour|motor|mirror|interior|horror|terror|labor|harbor|honor|humor|tumor|vendor|anchor|chapter|charter|filter|poster|shelter|theater|disaster|meter|minister|register|quarter|rumor|ancient|event|moment|statement|element|agent|payment|comment|content|accident|incident|percent|parent|tournament|equipment|government|agreement|parliament|department|treatment|settlement|punishment|investment|environment|argument|document|segment|talent|patent|giant|grant|plant|restaurant|variant|pageant|warrant|tenant|distant)s?$/.test(w);
}

/** Verbs too common to tell an event of their own (by lemma). */
export const LIGHT = /^(be|get|have|do|make|take|give|go|come|say|tell|think|want|need|use|call|name|play|see|look|find|put|keep|let|seem|become|remain|stay|include|involve|feature|know)$/;

/**
 * What a count question says happened to the counted thing, when a verb without an object says it:
 * "died" of "how many people died in the wildfire", "sanctioned" of "how many firms were
 * sanctioned?". Undefined for light verbs ("have", "get"), a verb with an object ("lost power") and
 * questions without one.
 */
export function countedEvent(q: QuestionAnalysis): QuestionTerm | undefined {
  if (q.type !== 'number' || !q.focus) return undefined;
  const words = q.tokens.filter((t) => t.kind !== 'punctuation');
  const how = words.findIndex((t) => t.norm === 'how');
  const f = words.findIndex((t, i) => i > how && t.norm === q.focus);
  if (f < 0) return undefined;
  for (let i = f + 1; i < Math.min(words.length, f + 4); i++) {
    const t = words[i]!;
    // "how many volumes are contained in the library": a state, which a text says in many ways
    // ("holds 18 million volumes"); "were killed", "died" tell an event.
    if (/^(is|are)$/.test(t.norm)) return undefined;
    if (t.pos === 'AUX' || AUX.test(t.norm) || t.norm === 'been') continue;
    // "how many people drowned": wink tags the participle an adjective.
    if (t.pos !== 'VERB' && !(t.pos === 'ADJ' && /ed$/.test(t.norm) && readsAsVerb(t.norm))) return undefined;
    if (LIGHT.test(t.lemma)) return undefined;
    // With an object the story may tell the event through it ("lost power": "left 10 million people
    // without electricity"); without one the verb is all that says what happened.
    const next = words[i + 1];
    if (next && /^(NOUN|PROPN|DET|ADJ|NUM|PRON)$/.test(next.pos)) return undefined;
    return q.terms.find((x) => x.stem === t.stem);
  }
  return undefined;
}
