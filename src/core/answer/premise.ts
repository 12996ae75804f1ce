// Premise checks: who did what to whom, where and when, as the question takes for granted, against
// the sentence that would answer it. "How many firms did India sanction?" takes for granted that
// India sanctioned firms; the sentence says the U.S. sanctioned firms *in* India. Such a question
// is declined, saying what the sources do say, instead of answered with the sentence's number.
// Used by the extractive answerer and, on a model's cited sentences, by the model path.
import type { ArticleMeta } from '../articles/types.ts';
import { aliasWords } from '../language/aliases.ts';
import { denies, numbersNotGiven, timesNotGiven } from './agreement.ts';
import { isNegated, questionDenies } from '../language/negation.ts';
import { isNumberWord, numberValues } from '../language/numbers.ts';
import { getCompromise, getCompromiseWorld, pastTenseOf } from '../language/nlp.ts';
import { isDemonym, samePeople, TELLS_APART } from '../language/names.ts';
import { saysOpposite } from '../language/opposites.ts';
import { synonymsOf } from '../language/synonyms.ts';
import { STOPWORDS } from '../language/stopwords.ts';
import { entryOf, escapeRegExp, OPENS_UPPER, OPENS_LOWER, HAS_UPPER } from '../language/words.ts';
import { stemOf, tokenize } from '../language/tokens.ts';

export type ConflictKind = 'actor' | 'role' | 'place' | 'attribute' | 'scope' | 'missing' | 'number' | 'time' | 'event' | 'negation' | 'denied' | 'unrealised';

export interface PremiseConflict {
  kind: ConflictKind;
  /** What the question takes for granted ("India", "2020", "raise"). */
  asked: string;
  /** What the sentence has in its place ("the U.S."), when it names something. */
  found?: string | undefined;
  /** The source sentence that says otherwise, when it is not the cited one (a reply quotes it first). */
  sentence?: string | undefined;
}

export interface PremiseEvidence {
  /** The sentence the answer would rest on. */
  sentence: string;
  /** The whole text of its article (title and body): names and numbers may sit elsewhere in it. */
  article: string;
  /** When its article was published (ISO), which dates its "Thursday" and "last month". */
  published?: string | null | undefined;
}

/** The publisher's date of an article, not the day the bot first saw an undated item: only that one dates its "Thursday". */
export const publisherDate = (a: Pick<ArticleMeta, 'published' | 'publishedIsFirstSeen'>) => (a.publishedIsFirstSeen ? undefined : a.published);

export interface PremiseCheck {
  ok: boolean;
  conflicts: PremiseConflict[];
  /** The question's statement in the past tense when a conflict is found ("India sanctioned firms"), for the reply. */
  claim?: string | undefined;
}

/** Prepositions that put a name in a place other than the doer's: "sanctions on firms *across* ... India". */
const SLOT_PREPS = new Set(['to', 'in', 'on', 'at', 'from', 'into', 'across', 'with', 'against', 'near', 'toward', 'towards', 'for', 'of', 'onto', 'inside', 'outside']);
const PLACE_PREPS = new Set(['to', 'in', 'at', 'from', 'into', 'near', 'toward', 'towards']);
/** Prepositions of a destination: "sent to Belarus" and "moving toward Ukraine" fill the same slot. */
const slotClass = (p: string) => (p === 'toward' || p === 'towards' || p === 'into' ? 'to' : p);
const MONTH = /^(january|february|march|april|may|june|july|august|september|october|november|december)$/;
const AUX = /^(did|does|do|has|have|had|will|would|could|can|should|is|are|was|were)$/;
const COPULA = /^(is|are|was|were)$/;
const DONE_AUX = /^(did|has|have|had)$/;
const CLAUSE_BREAK = /^(that|which|who|whom|while|as|because|when|where|after|before|but|and|;|:|—|–|-)$/;
/** Where a clause (and so its subject) starts; unlike CLAUSE_BREAK, "and" joins two verbs of one subject. */
const SUBJECT_BREAK = /^(that|which|who|whom|while|because|when|where|after|before|but|;|:|—|–)$/;
const SKIP_BACK = /^(the|a|an|its|their|his|her|some|about|nearly|almost|around|over|more|than|as|many|much|up|to|,|and|or|&|\d[\d,.]*)$/;
// A pronoun is nobody in particular, contracted too ("I’ve been here since I finished school").
const COMMON_CAPS = /^(?:(?:i|we|you|he|she|it|they)['’](?:ve|m|d|ll|re)|the|a|an|meanwhile|additionally|also|but|and|in|on|at|among|after|before|when|while|some|both|asked|this|that|these|those|it|he|she|they|we|i|his|her|its|their|our|my|your|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|mr|mrs|ms|dr|scroll|down|for|video|you)$/;

/** "Beauséjour" is "Beausejour" as people type it. */
const MARKS = /\p{M}/gu;
const foldAccents = (s: string) => s.normalize('NFD').replace(MARKS, '');
const NON_ASCII = /[^\x00-\x7f]/;

interface Word {
  text: string;
  norm: string;
  start: number;
  /** The first word of a sentence (or of the text): its capital says nothing about it being a name. */
  lead: boolean;
  /** A closing quotation mark stands right before the word: what came before it was someone's words. */
  afterQuote: boolean;
}

/** The gap before a word closes a quotation: `combat,” Austin`, `combat," Austin`. */
const CLOSES_QUOTE = /[^\s]?[”"]\s/;

/** Whether the text before `at` ends a sentence (or there is none): blanks, quotes and brackets aside. */
function startsSentence(text: string, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const c = text[k]!;
    if (c === '\n' || /[.!?]/.test(c)) return true;
    if (!/[\s“"‘'([”’)\]]/.test(c)) return false;
  }
  return true;
}

/**
 * Texts already split into words: one check reads the cited article once per rule and per
 * sentence, and the next question usually cites the same stories. Bounded; the oldest go first.
 */
const WORDS_MEMO_SIZE = 4_000;
const wordsMemo = new Map<string, readonly Word[]>();

/** A word, dotted capitals or a punctuation mark. Module-level (matchAll copies it): see OPENS_UPPER in words.ts. */
const WORD_OR_MARK = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[,;:—–/]/gu;

// Accents aside ("Hervé" is "Herve" as people type it), lower case, no dots, no possessive.
function wordsOf(text: string): readonly Word[] {
  const known = wordsMemo.get(text);
  if (known) return known;
  const words = Object.freeze(
    [...text.matchAll(WORD_OR_MARK)].map((m, k, all) => ({
      text: m[0],
      // An ASCII word has no accent to fold (normalising every word was a fifth of splitting an article).
      norm: (NON_ASCII.test(m[0]) ? foldAccents(m[0].toLowerCase()) : m[0].toLowerCase()).replace(/\./g, '').replace(/['’]s$/, ''),
      start: m.index,
      lead: startsSentence(text, m.index),
      afterQuote: CLOSES_QUOTE.test(text.slice(k ? all[k - 1]!.index + all[k - 1]![0].length : 0, m.index)),
    })),
  );
  if (wordsMemo.size >= WORDS_MEMO_SIZE) wordsMemo.delete(wordsMemo.keys().next().value!);
  wordsMemo.set(text, words);
  return words;
}

const isCap = (w: Word | undefined) => !!w && OPENS_UPPER.test(w.text);

const FUNCTION_POS = new Set(['ADV', 'ADP', 'SCONJ', 'CCONJ', 'DET', 'NUM', 'PRON', 'AUX', 'PART']);
const functionWords = new Map<string, boolean>();
const CAPITAL_THEN_LOWER = /^\p{Lu}[\p{Ll}'’-]*$/u;

/**
 * A sentence's first word written capitalised only because it starts the sentence: "However",
 * "Each", "Unlike", "Four", "Barred by ...", "What" (tagged on its own; a name tags as one).
 */
function isFunctionWord(w: Word): boolean {
  // "U.S.", "UK", "McCain": capitals past the first letter make a name.
  if (!CAPITAL_THEN_LOWER.test(w.text)) return false;
  let known = functionWords.get(w.norm);
  if (known === undefined) {
    const pos = tokenize(w.text)[0]?.pos ?? '';
    known = STOPWORDS.has(w.norm) || FUNCTION_POS.has(pos) || (pos === 'VERB' && /(?:ing|ed)$/.test(w.norm));
    functionWords.set(w.norm, known);
  }
  return known;
}
/** A capital that marks a name: not a sentence's opening function word. */
const isNameCap = (w: Word | undefined) => isCap(w) && !(w!.lead && isFunctionWord(w!));
/** Lower-case words inside names: "Charles *de* Gaulle", "Pays *de* Caux", "Ludwig *van* Beethoven". */
const NAME_PARTICLE = /^(de|du|da|di|del|della|der|den|van|von|la|le|bin|ibn|al|el)$/;

interface Run {
  words: Word[];
  norms: string[];
  text: string;
  /** Index of the first and last word in the text's word list. */
  from: number;
  to: number;
}

/** The runs of word lists wordsOf keeps (its lists are frozen and shared, so their runs are too). */
const runsMemo = new WeakMap<readonly Word[], readonly Run[]>();

/** Capitalised runs of a text ("South Korean Defense Minister Kim Yong-hyun", "U.S.", "Russia"). */
function capitalRuns(words: readonly Word[]): readonly Run[] {
  const known = runsMemo.get(words);
  if (known) return known;
  const runs = Object.freeze(findCapitalRuns(words));
  if (Object.isFrozen(words)) runsMemo.set(words, runs);
  return runs;
}

function findCapitalRuns(words: readonly Word[]): Run[] {
  const out: Run[] = [];
  let i = 0;
  while (i < words.length) {
    if (!isNameCap(words[i]) || (COMMON_CAPS.test(words[i]!.norm) && !isCap(words[i + 1]))) {
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      if (/['’]s$/.test(words[j]!.text)) break;
      if (isCap(words[j + 1])) j++;
      else if (NAME_PARTICLE.test(words[j + 1]?.text ?? '') && isCap(words[j + 2])) j += 2;
      else break;
    }
    let from = i;
    while (from < j && (COMMON_CAPS.test(words[from]!.norm) || (words[from]!.lead && isFunctionWord(words[from]!)))) from++;
    const run = words.slice(from, j + 1);
    out.push({ words: run, norms: run.map((w) => w.norm), text: run.map((w) => w.text).join(' ').replace(/['’]s$/, ''), from, to: j });
    i = j + 1;
  }
  return out;
}

/** A country's short name and its people's: "US foreign policy" is "American foreign policy". */
const wordMatch = samePeople;

/** A region's people, no one country's: a question says "European" of a country the sources name. */
const REGIONAL = /^(european|asian|african|arab|arabian|latin|nordic|scandinavian|caribbean|mediterranean|baltic|balkan|oriental|western|eastern)$/;

/** Words of a name that say what kind of thing it is rather than which ("Swiss *city*", "*State of* Pakistan", "Olivier Roy *state*"). */
const KIND_WORD = /^(of|the|and|city|cities|country|countries|nation|state|states|county|region|province|district|village|town|river|island|empire|republic|kingdom|act|law|treaty|war|battle|church|fort|university|movement)$/;

/** What the sources write, for telling whether they mention a name (built once per check). */
interface SourceWords {
  /** Words written with a capital somewhere in them ("Céloron", "al-Gama'a"), accents folded. */
  names: Set<string>;
  /** Every word, in any case. */
  all: Set<string>;
  /** Words the sources write all in lower case ("islands", "territory", "downtown"). */
  lower: Set<string>;
  /** Initials of two to five capitalised words in a row ("ny" of "New York Times", "ww" of "World War"). */
  initials: Set<string>;
}

function sourceWordsOf(words: readonly Word[]): SourceWords {
  const out: SourceWords = { names: new Set(), all: new Set(), lower: new Set(), initials: new Set() };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    out.all.add(w.norm);
    if (HAS_UPPER.test(w.text)) out.names.add(w.norm);
    else if (OPENS_LOWER.test(w.text)) out.lower.add(w.norm);
    let initials = '';
    for (let k = i; k < i + 5 && isCap(words[k]); k++) {
      initials += words[k]!.norm[0];
      if (initials.length >= 2) out.initials.add(initials);
    }
  }
  return out;
}

/** At most one letter added, dropped, changed or two swapped ("Shirly", "Moncalm", "Kllbrandon", "Hamaz"). */
function oneTypo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, y: string) => x.slice(i + 1) === y.slice(i + 1) || x.slice(i + 1) === y.slice(i) || x.slice(i) === y.slice(i + 1);
  return rest(a, b) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
}

/** A word of the question's name as the sources may write it: a variant ("Germany"/"German", "Holland"/"Dutch"), a typo of a long word, an abbreviation ("Sept", "Lor"). */
function sameNameWord(w: string, x: string): boolean {
  if (samePeople(w, x)) return true;
  // A capital I typed or read as an l: "Lain Gray" for "Iain Gray".
  if (w[0] === 'l' && x[0] === 'i' && w.slice(1) === x.slice(1)) return true;
  if (x[0] !== w[0]) return false;
  return w === `${x}y` || x === `${w}y` || (Math.max(w.length, x.length) >= 5 && Math.min(w.length, x.length) >= 4 && oneTypo(w, x)) || (w.length >= 3 && x.length > w.length && x.startsWith(w));
}

/**
 * Whether the sources mention a name the way the question may put it: each word that picks it out
 * appears capitalised somewhere (accents aside, in any order: "State of Pakistan" against
 * "Pakistan's state"; a typo or an abbreviation of it; initials of words in a row: "NY" for "New
 * York"), and a name of three or more such words may miss one (a typo: "Designated" for
 * "Designation"). Words the sources also write in lower case ("Canarian *Islands*", "*downtown*
 * Boston") say what kind of thing it is; a name made only of such words is mentioned when the sources
 * have all its words ("Cultural Imperialism").
 */
function mentionedIn(name: readonly string[], source: SourceWords): boolean {
  const words = name.map(foldAccents).filter((w) => !KIND_WORD.test(w) && !OFFICE.test(w));
  if (!words.length) return false;
  // A word the sources write only in lower case says what kind of thing it is ("islands", "downtown"),
  // unless it tells two places apart ("*South* America", "*New* France").
  // Singular or plural alike: "British *operation*" against "British operations ... failed".
  const lower = (w: string) => source.lower.has(w) || source.lower.has(`${w}s`);
  const picking = words.filter((w) => !lower(w) || source.names.has(w) || TELLS_APART.test(w));
  if (!picking.length) return words.every((w) => source.all.has(w));
  const has = (w: string) => source.names.has(w) || source.initials.has(w) || [...source.names].some((x) => sameNameWord(w, x));
  const found = picking.filter(has).length;
  return found === picking.length || (picking.length >= 3 && found >= picking.length - 1);
}

/**
 * The run is a part of the name standing for all of it, as a story names someone again after naming
 * them in full: "Kim" for "Kim Yong-hyun", "Guffick" for "Ian Guffick" (the caller checks the sources
 * give the full name).
 */
function partOfName(name: readonly string[], run: Run): boolean {
  const own = run.norms.filter((w) => !OFFICE.test(w) && !/^(mr|mrs|ms|dr|prof)\.?$/.test(w));
  return name.length >= 2 && own.length > 0 && own.length < name.length && own.every((w) => w.length > 2 && !TELLS_APART.test(w) && name.includes(w));
}

/** Whether a name (lower-case words) is the same as, or part of, a run of the text, aliases included. */
function nameIn(name: readonly string[], run: Run, aliases = true): boolean {
  const n = run.norms;
  for (let k = 0; k + name.length <= n.length; k++) if (name.every((w, i) => wordMatch(w, n[k + i]!))) return true;
  // A middle name or word the question leaves out: "President Wilson" in "President Woodrow Wilson", "Fort Henry" in "Fort William Henry".
  if (name.length >= 2 && n.length > name.length) {
    for (let k = 0; k + name.length < n.length; k++) {
      for (let gap = 1; gap < name.length; gap++) {
        const at = (i: number) => n[k + i + (i >= gap ? 1 : 0)]!;
        if (name.every((w, i) => wordMatch(w, at(i)))) return true;
      }
    }
  }
  // "RBS" for "Royal Bank of Scotland": a short name that is the run's initials.
  if (name.length === 1 && name[0]!.length >= 2 && name[0]!.length <= 5 && n.length >= 2) {
    const initials = run.words.filter((w) => isCap(w)).map((w) => w.norm[0]).join('');
    if (initials === name[0]) return true;
  }
  if (!aliases) return false;
  // "Pyongyang" stands for North Korea.
  const alias = n.flatMap((w) => aliasWords(w));
  return alias.length > 0 && name.every((w) => alias.some((a) => wordMatch(w, a)));
}

/** A run that is the name as the question misspells it: "Kllbrandon" for "Kilbrandon", "Forth Niagara" for "Fort Niagara". */
function spelledLike(name: readonly string[], run: Run): boolean {
  return run.norms.length === name.length && name.every((w, i) => sameNameWord(w, run.norms[i]!));
}

/** The slot a run stands in: the preposition before it, or 'agent' (a doer, possessor or "by" phrase). */
function slotOf(words: readonly Word[], run: Run): string {
  // "Pyongyang's deployment": the possessor did it; "in Russia's far east" is a place all the same.
  const possessive = /['’]s$/.test(words[run.to]!.text);
  if (possessive && !PLACE_PREPS.has(words[run.from - 1]?.norm ?? '')) return 'agent';
  for (let k = run.from - 1; k >= 0; k--) {
    const w = words[k]!;
    if (w.norm === 'by') return 'agent';
    // "US Secretary *of* State Henry Kissinger", "Duke William II *of* Normandy": inside a longer name.
    if (w.norm === 'of' && k === run.from - 1 && isCap(words[k - 1]) && !COMMON_CAPS.test(words[k - 1]!.norm)) continue;
    // "the president of Harvard Joseph Willard died": the office's holder, as "Harvard President Joseph Willard".
    if (w.norm === 'of' && k === run.from - 1 && OFFICE.test(words[k - 1]?.norm ?? '') && /^(president|minister|secretary|chief|ambassador)$/.test(words[k - 1]!.norm)) return 'agent';
    // "in October 1753 Dinwiddie ordered": the preposition is the date's, the name starts the clause.
    if (k === run.from - 1 && (/^1\d{3}$|^20\d{2}$/.test(w.norm) || MONTH.test(w.norm))) return 'agent';
    // "16,000 *to* 35,000 Muslim volunteers": a range, not a destination.
    if (w.norm === 'to' && /^\d/.test(words[k - 1]?.norm ?? '') && /^\d/.test(words[k + 1]?.norm ?? '')) continue;
    if (SLOT_PREPS.has(w.norm)) return w.norm;
    // "settling in New France, Huguenots led by ...": after a comma, a name that goes on into a verb
    // starts its clause; one of a list goes on into a comma or "and" ("in Russia, India, China and ...").
    if (w.norm === ',' && k === run.from - 1 && startsClause(words[run.to + 1])) return 'agent';
    if (SKIP_BACK.test(w.norm) || isCap(w)) continue;
    break;
  }
  return 'agent';
}

/** A word after a name that is its verb's, not a list's: lower case, and no "and", "or" or preposition. */
const startsClause = (w: Word | undefined) => !!w && OPENS_LOWER.test(w.text) && !/^(and|or|nor|&)$/.test(w.norm) && !SKIP_BACK.test(w.norm) && !SLOT_PREPS.has(w.norm) && /(?:ed|s)$/.test(w.norm);

interface QuestionParts {
  /** Names the question mentions, each with its slot in the question. */
  names: { words: string[]; text: string; slot: string }[];
  /** The doer the question takes for granted, if it names one. */
  agent?: { words: string[]; text: string } | undefined;
  /** The event's word ("sanction", "send"), and the words after it, for the reply. */
  verb?: string | undefined;
  /** Words between the doer's name and the event ("troops" of "north korean troops clash"), for the reply. */
  head?: string | undefined;
  rest: string;
  /**
   * A bare subject no tagger took for a name ("what did biden say", "kim jong un"): right after the
   * auxiliary, with no determiner, singular. Common nouns there take a determiner or a plural.
   */
  bareSubject?: { words: string[]; text: string } | undefined;
  /** The noun "how many" counts ("ships" of "how many ships did the US add"): the event's object. */
  counted?: string | undefined;
  /** "How many Ukrainian soldiers joined ...": the doer is what the question counts. */
  countsDoer?: boolean | undefined;
  /** The auxiliary of a progressive event ("is" of "is South Korea sending"), for the reply. */
  progressive?: string | undefined;
  /** The question takes the event as done ("did", "has"): not "will", "could" or "is". */
  asDone?: boolean | undefined;
  /** "How many North Korean troops were killed?": the named thing counted undergoes the event (verb), with its auxiliary. */
  undergoer?: { words: string[]; text: string; aux: string } | undefined;
}

/** Names in the question: tagged by compromise, capitalised, or written capitalised in the evidence. */
function questionNames(question: string, evidenceRuns: Run[], lowerCase: ReadonlySet<string>): { words: string[]; at: number }[] {
  const qWords = wordsOf(question);
  const norms = qWords.map((w) => w.norm);
  const found: { words: string[]; at: number }[] = [];
  const add = (words: string[]) => {
    // "Did India ...": the question's opening auxiliary, capitalised, is no part of a name.
    const clean = words.filter(Boolean);
    while (clean.length > 1 && AUX.test(clean[0]!)) clean.shift();
    if (!clean.length) return;
    for (let k = 0; k + clean.length <= norms.length; k++) {
      if (clean.every((w, i) => wordMatch(w, norms[k + i]!))) {
        if (!found.some((f) => f.at <= k && k < f.at + f.words.length)) found.push({ words: norms.slice(k, k + clean.length), at: k });
        return;
      }
    }
  };
  const doc = getCompromise()(question);
  for (const view of [doc.people(), doc.places(), doc.organizations()]) {
    // A tagged list ("Honda, Toyota and Nissan") is one name per part.
    // out('array') gives the texts json() does, at half its cost (2,000 dev questions compared).
    for (const t of view.out('array')) for (const part of t.replace(/[?!.,]+$/, '').split(/,\s*|\s+and\s+/)) add(wordsOf(part).map((w) => w.norm));
  }
  // Capitalised words past the first ("What did Austin say?").
  for (const r of capitalRuns(qWords)) if (r.from > 0 || r.to > 0) add(r.norms);
  // "the us", "the eu" typed in lower case are the country and the union, not the pronoun and a sound.
  norms.forEach((w, k) => {
    if (k > 0 && norms[k - 1] === 'the' && /^(us|usa|uk|eu|un)$/.test(w)) add([w]);
  });
  // Words the evidence writes as names: "south korea" for "South Korea".
  for (const r of evidenceRuns) {
    for (let len = Math.min(r.norms.length, 4); len >= 1; len--) {
      for (let k = 0; k + len <= r.norms.length; k++) {
        const part = r.norms.slice(k, k + len);
        // A word the sources also write in lower case ("many", "new", "early") is no name of its own.
        if (part.every((w) => w.length > 2 && !COMMON_CAPS.test(w) && !OFFICE.test(w)) && part.some((w) => !lowerCase.has(w))) add(part);
      }
    }
  }
  // Longest first: "los angeles county" over "angeles".
  found.sort((a, b) => a.at - b.at);
  return found.filter((f, i) => !found.some((g, j) => j !== i && g.at <= f.at && f.at + f.words.length <= g.at + g.words.length && g.words.length > f.words.length));
}

const OFFICE = /^(minister|secretary|president|ambassador|defense|defence|department|ministry|state|treasury|council|security|general|prime|deputy|chief|officials?|forces|military|intelligence|agency|army|government|police|court|county|city|region|province|district|village|university|school|club|league|party|news|cup|airlines?)$/;

export function analyseQuestionParts(question: string, evidenceRuns: Run[], lowerCase: ReadonlySet<string> = new Set()): QuestionParts {
  const qWords = wordsOf(question);
  // A tagger's name that runs on into a lower-case word ("Olivier Roy state ...") ends at the capitals.
  const trimmed = questionNames(question, evidenceRuns, lowerCase).map((n) => {
    let len = n.words.length;
    while (len > 1 && isCap(qWords[n.at]) && !isCap(qWords[n.at + len - 1])) len--;
    return { words: n.words.slice(0, len), at: n.at };
  });
  const names = trimmed.map((n) => {
    let slot = 'other';
    const before = qWords[n.at - 1]?.norm;
    if (before && SLOT_PREPS.has(before)) slot = before;
    return { words: n.words, text: qWords.slice(n.at, n.at + n.words.length).map((w) => w.text).join(' '), slot, at: n.at };
  });
  // "How many firms did India sanction?", "Why did Russia send ...", "Did China send ...": the doer follows the auxiliary.
  const auxAt = qWords.findIndex((w) => AUX.test(w.norm));
  let agent: QuestionParts['agent'];
  let verb: string | undefined;
  let rest = '';
  let head: string | undefined;
  let bareSubject: QuestionParts['bareSubject'];
  let progressiveAux: string | undefined;
  let countsDoer = false;
  let asDone = false;
  if (auxAt >= 0) {
    let k = auxAt + 1;
    while (qWords[k] && /^(the|a|an)$/.test(qWords[k]!.norm)) k++;
    const n = names.find((x) => x.at === k);
    // The event word: the first verb after the doer's noun phrase ("north korean troops clash").
    const tagged = tokenize(question);
    const posOf = (w: Word | undefined) => (w ? tagged.find((t) => t.start === w.start)?.pos : undefined);
    let v = n ? k + n.words.length : -1;
    // A verb of saying tagged as a noun is the event itself: "what did Olivier Roy *state* underwent a shift" asks what he said.
    while (n && qWords[v] && qWords[v + 1] && posOf(qWords[v]) !== 'VERB' && /^(NOUN|PROPN|ADJ)$/.test(posOf(qWords[v]) ?? '') && !saysInBase(qWords[v]!)) v++;
    // A verb tagged as a noun ("did the U.S. sanction the firms", "troops clash with"): the walk
    // stopped on the determiner or preposition after it, so the word before is the event.
    // So does a modal after it ("did Iqbal fear would weaken").
    if (n && v > k + n.words.length && (/^(DET|ADP|PRON|NUM|PART|CCONJ|SCONJ)$/.test(posOf(qWords[v]) ?? '') || /^(would|will|could|can|should|might|may|must)$/.test(qWords[v]!.norm))) v--;
    // The walk ran on into the object's name ("did Western Europe control *Cyprus*"): the word before it is the event.
    else if (n && v > k + n.words.length && isCap(qWords[v]) && !isCap(qWords[v - 1])) v--;
    const word = qWords[v];
    // "did the Spanish *and* Portuguese colonies gain": a doer joined to another, no event right after it.
    const noEvent = !!word && v === k + (n?.words.length ?? 0) && /^(CCONJ|ADP|DET|SCONJ|PART)$/.test(posOf(word) ?? '');
    // After "is"/"were" only a participle names an event ("is Moscow getting", "were sent"); else it is a description.
    const copula = COPULA.test(qWords[auxAt]!.norm);
    if (n && word && !/^(not|never|n't)$/.test(word.norm) && (!copula || /(?:ing|ed|en|ent)$/.test(word.norm))) {
      n.slot = 'agent';
      agent = { words: n.words, text: n.text };
      // "Is South Korea sending troops?" asks whether the event happened, as "Did ... send" does
      // ("Were troops sent?" has its doer elsewhere). Asked after a wh-word ("who are barca playing")
      // it takes less for granted, and the doer's own name for itself often differs ("the Rugby Park club").
      const progressive = auxAt === 0 && /ing$/.test(word.norm);
      if ((!copula || progressive) && !noEvent) {
        verb = word.norm;
        if (progressive) progressiveAux = qWords[auxAt]!.norm;
        asDone = DONE_AUX.test(qWords[auxAt]!.norm);
        rest = qWords.slice(v + 1).map((w) => w.text).join(' ');
        head = qWords.slice(k + n.words.length, v).map((w) => w.text).join(' ') || undefined;
      }
    }
    // A one-word name may be the start of a longer one the tagger cut short ("kim" of "kim jong un").
    if ((!n || n.words.length === 1) && k === auxAt + 1) bareSubject = bareSubjectAt(qWords, k, posOf);
  } else {
    // "How many Ukrainian soldiers joined ...": the counted thing is the doer.
    const m = /^how (?:many|much) /i.exec(question);
    if (m) {
      const n = names.find((x) => x.at <= 3);
      const after = n ? qWords.slice(n.at + n.words.length) : [];
      const vAt = after.findIndex((w) => tokenize(w.text)[0]?.pos === 'VERB');
      if (n && vAt >= 0 && vAt <= 2) {
        n.slot = 'agent';
        agent = { words: n.words, text: n.text };
        countsDoer = true;
        head = after.slice(0, vAt).map((w) => w.text).join(' ') || undefined;
        verb = after[vAt]!.norm;
        rest = after.slice(vAt + 1).map((w) => w.text).join(' ');
      }
    }
  }
  // "How many North Korean troops were killed in the clash?": the counted name undergoes the event;
  // "how many North Korean troops have died?": it did it, as without an auxiliary.
  let undergoer: QuestionParts['undergoer'];
  if (!agent && auxAt >= 0 && /^(is|are|was|were|has|have|had)$/.test(qWords[auxAt]!.norm) && /^how (?:many|much) /i.test(question)) {
    const n = names.find((x) => x.at <= 3 && x.at + x.words.length <= auxAt && auxAt - (x.at + x.words.length) <= 2);
    // "have been killed" is a passive too.
    const been = qWords[auxAt + 1]?.norm === 'been' ? 1 : 0;
    const participle = qWords[auxAt + 1 + been];
    if (n && participle && (/(?:ed|en)$/.test(participle.norm) || entryOf(BASE_OF_PAST, participle.norm))) {
      verb = participle.norm;
      head = qWords.slice(n.at + n.words.length, auxAt).map((w) => w.text).join(' ') || undefined;
      rest = qWords.slice(auxAt + 2 + been).map((w) => w.text).join(' ');
      const aux = qWords.slice(auxAt, auxAt + 1 + been).map((w) => w.norm).join(' ');
      if (been || COPULA.test(qWords[auxAt]!.norm)) undergoer = { words: n.words, text: n.text, aux };
      else {
        n.slot = 'agent';
        agent = { words: n.words, text: n.text };
        countsDoer = true;
      }
    }
  }
  const h = qWords.findIndex((w, i) => w.norm === 'how' && /^(many|much)$/.test(qWords[i + 1]?.norm ?? ''));
  const countedWord = h >= 0 ? qWords[h + 2] : undefined;
  // "How many people", "how many times": a noun that counts anything marks no event of its own.
  const counted = countedWord && !names.some((n) => n.at === h + 2) && !GENERIC_COUNT.test(countedWord.norm) ? countedWord.norm : undefined;
  return { names, agent, verb, rest, head, bareSubject, progressive: progressiveAux, counted, countsDoer, asDone, undergoer };
}

/** A lower-case verb of saying in its base form: "state" of "what did Olivier Roy state ...", not "State" of "the State Department". */
const saysInBase = (w: Word) => OPENS_LOWER.test(w.text) && /^(say|state|argue|think|believe|suggest|write|estimate|assert|contend)$/.test(w.norm);

/** The bare singular noun phrase at k, up to its verb: "biden" of "what did biden say". */
function bareSubjectAt(qWords: readonly Word[], k: number, posOf: (w: Word | undefined) => string | undefined): QuestionParts['bareSubject'] {
  let end = k;
  while (end < qWords.length && end - k < 4 && /^(NOUN|PROPN)$/.test(posOf(qWords[end]) ?? '') && !STOPWORDS.has(qWords[end]!.norm)) end++;
  // A word the tagger does not know, right before a verb, is as likely a name: "zelensky" is tagged
  // an adjective ("-sky") and the "say" after it a noun.
  if (end === k && qWords[k + 1] && /^(did|does|do|has|have|had|will|would|could|can|should)$/.test(qWords[k - 1]?.norm ?? '') && mayBeUnknownName(qWords[k]!.norm) && /^(ADJ|X|PROPN)$/.test(posOf(qWords[k]) ?? '') && isBaseVerb(qWords[k + 1]!.norm)) end = k + 1;
  const words = qWords.slice(k, end);
  const last = words[words.length - 1];
  // A verb must follow: "what did biden say", not "is inflation high".
  if (!last || end >= qWords.length || (posOf(qWords[end]) !== 'VERB' && !(end === k + 1 && isBaseVerb(qWords[end]!.norm))) || /[^s]s$/.test(last.norm)) return undefined;
  return { words: words.map((w) => w.norm), text: words.map((w) => w.text).join(' ') };
}

/** A word no word list knows and with no adjective's ending: "zelensky", not "first" or "imperialistic". */
function mayBeUnknownName(word: string): boolean {
  return !STOPWORDS.has(word) && !isDemonym(word) && !/(?:ic|al|ous|ive|ful|less|able|ible|ary|ish|ent|ant|est|er)$/.test(word) && !(word in getCompromiseWorld().model.one.lexicon);
}

/** A verb's base form as the tagger reads it after a subject ("they say"): not the tags of a word alone. */
function isBaseVerb(word: string): boolean {
  return tokenize(`they ${word}`)[1]?.pos === 'VERB';
}

/** Whether a word of the text stands for the question's event: the same stem, a synonym, or its noun ("sanctions", "deployment"). */
function eventAt(words: readonly Word[], verb: string): number[] {
  return eventFinder(verb)(words);
}

/** The stemmer's exceptions whose stem does not start with the word's first two letters. */
const RESHAPED_BY_STEMMER = new Set(['dying', 'lying', 'tying']);

/** A finder of the event's words, built once per verb (tagging the verb is the costly part). */
function eventFinder(verb: string): (words: readonly Word[]) => number[] {
  const stem = stemOf(verb);
  const lemma = tokenize(verb)[0]?.lemma ?? verb;
  const syn = new Set([...synonymsOf(stem), ...synonymsOf(stemOf(lemma)), stem, stemOf(lemma)]);
  // Irregular forms find their verb through the table of pasts: "said" → say, "sent" → send.
  const base = (w: string) => entryOf(BASE_OF_PAST, w);
  // A stem keeps its word's first two letters (the Porter2 stemmer rewrites endings only: its
  // exceptions "dying", "lying", "tying" aside, and a digit 3 read as a "y" in words of three
  // characters or more, "a330" → "ayy0"; checked on 227,708 words of the 100k bench corpus,
  // CNN/DailyMail and SQuAD; a leading digit can change, "3rd" → "yrd"), so a word that starts no
  // stem of the event is not stemmed: stemming every word of three articles was most of the
  // premise check when the words were new, and the first letter alone still let a fifth through.
  const heads = new Set([...syn].map((s) => s.slice(0, 2)));
  const mayStemTo = (norm: string) => {
    if (!/^[a-z]/.test(norm) || RESHAPED_BY_STEMMER.has(norm) || heads.has('')) return true;
    const head = norm.slice(0, 2);
    return heads.has(norm[0]!) || heads.has(head) || heads.has(head.replace(/3/g, 'y'));
  };
  // Pasts the table lacks, from compromise's conjugation: "drove", "swam".
  const past = pastTenseOf(lemma);
  return (words) =>
    words
      .map((w, i) => (w.norm.length > 2 && ((mayStemTo(w.norm) && syn.has(stemOf(w.norm))) || (stem.length >= 4 && w.norm.startsWith(stem)) || w.norm === past || (!!base(w.norm) && syn.has(stemOf(base(w.norm)!)))) ? i : -1))
      .filter((i) => i >= 0);
}

/** Verbs whose subject undergoes the event named after them: "evade sanctions", "faced an attack". */
const UNDERGOING = /^(evad|fac|avoid|escap|suffer|endur|circumvent|dodg|skirt|withstand|weather|surviv|fear|risk|receiv|undergo|incur|condemn|protest|oppos|criticis|criticiz|lift|eas)/;

/** Words between a verb and its object event: "evading *the thousands of* sanctions", "faced *new* sanctions". */
const EVENT_FILLER = /^(the|a|an|its|their|his|her|our|new|more|further|fresh|tough|tougher|harsh|harsher|western|international|economic|financial|existing|thousands|hundreds|dozens|of|some|any|all|many|most|those|these|such)$/;

/** The event at word i is the object of a verb its subject undergoes ("its ability to evade sanctions"): that subject did not do it. */
function undergoneAt(words: readonly Word[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && i - k <= 5 && EVENT_FILLER.test(words[k]!.norm)) k--;
  return k >= 0 && UNDERGOING.test(words[k]!.norm) && OPENS_LOWER.test(words[k]!.text);
}

/** Who may have done the event at word i: a "by" phrase after it, and the names standing as doers before it in its clause. */
function doersOf(words: readonly Word[], runs: readonly Run[], i: number): Run[] {
  const by = runs.filter((r) => r.from > i && r.from <= i + 3 && words.slice(i + 1, r.from).some((w) => w.norm === 'by'));
  if (undergoneAt(words, i)) return by;
  // ", conquering Celtic peoples": a participle after a comma is done by its sentence's subject, which
  // may stand well before the name closest to it ("... southern Europe in late antiquity, conquering").
  if (words[i - 1]?.norm === ',' && /ing$/.test(words[i]!.norm)) return by;
  // A name inside a quotation is not the doer of the words after it: "... discourage Russia from
  // employing these troops,” Austin said" tells what Austin said.
  const before = runs.filter((r) => r.to < i && !words.slice(r.to + 1, i).some((w) => CLAUSE_BREAK.test(w.norm) || SUBJECT_PRONOUN.test(w.norm)) && !words.slice(r.to + 1, i + 1).some((w) => w.afterQuote) && !SLOT_PREPS.has(slotOf(words, r)) && !afterBy(words, r));
  return [...by, ...before];
}

/** "he", "it", "they" between a name and the event: the pronoun is its subject ("Originating as the Jama'at ..., it pledged"). */
const SUBJECT_PRONOUN = /^(he|she|it|they|we)$/;

/** A name in a "by" phrase before the event is the doer of the verb before "by" ("accused of bullying by Ms Jackson, threw ..."). */
function afterBy(words: readonly Word[], run: Run): boolean {
  for (let k = run.from - 1; k >= 0; k--) {
    const w = words[k]!;
    if (w.norm === 'by') return true;
    if (!/^(the|a|an)$/.test(w.norm) && !isCap(w)) return false;
  }
  return false;
}


/**
 * Checks the question's premise against one or more cited sentences (the first is the one the
 * answer rests on). Conflicts: a name of the question the article never mentions; the doer of the
 * event named differently, or standing in another role ("firms across ... India"); a place or a
 * people's name swapped ("South Korean" for "North Korean", "to Russia" for "to Belarus"); a
 * number or year the article lacks; the opposite event ("raise" against "unchanged").
 */
export function checkPremise(question: string, evidence: readonly PremiseEvidence[]): PremiseCheck {
  const first = evidence[0];
  if (!first) return { ok: true, conflicts: [] };
  const sWords = wordsOf(first.sentence);
  const sRuns = capitalRuns(sWords);
  const aWords = wordsOf(first.article);
  const aRuns = capitalRuns(aWords);
  const lowerCase = new Set([...sWords, ...aWords].filter((w) => OPENS_LOWER.test(w.text)).map((w) => w.norm));
  const parts = analyseQuestionParts(question, [...sRuns, ...aRuns], lowerCase);
  const conflicts: PremiseConflict[] = [];
  const inSentence = (words: string[]) => sRuns.filter((r) => nameIn(words, r));
  const otherRuns = evidence.slice(1).map((e) => capitalRuns(wordsOf(`${e.sentence}\n${e.article}`)));
  const inArticle = (words: string[]) => aRuns.some((r) => nameIn(words, r)) || otherRuns.some((runs) => runs.some((r) => nameIn(words, r)));

  let sourceWords: SourceWords | undefined;
  const sources = () => (sourceWords ??= sourceWordsOf(evidence.flatMap((e) => wordsOf(`${e.sentence}\n${e.article}`))));
  const mentioned = (name: readonly string[]) => mentionedIn(name, sources());
  for (const n of parts.names) {
    // A doer or a place the article never mentions.
    if ((n.slot === 'agent' || PLACE_PREPS.has(n.slot) || isPlace(n.text)) && !inArticle(n.words) && !mentioned(n.words)) {
      conflicts.push({ kind: 'missing', asked: n.text });
    }
  }
  // A people's name no source uses, nor its country's: "How many British firms were sanctioned?".
  if (!conflicts.length) {
    const people = wordsOf(question).find((w, k) => k > 0 && isDemonym(w.norm) && !REGIONAL.test(w.norm) && !mentioned([w.norm]));
    if (people) conflicts.push({ kind: 'missing', asked: people.text });
  }
  // A bare subject none of whose sources use one of its words: "what did biden say", "kim jong un".
  if (parts.bareSubject && !conflicts.length) {
    const { all, names } = sources();
    // A misspelt name is still the name ("Shirly", "Celeron" for "Shirley", "Céloron"), as in mentionedIn.
    // So is the singular of what they write in the plural ("why did British operation fail" against "British operations ... failed").
    const used = (w: string) => all.has(w) || all.has(`${w}s`) || [...names].some((x) => sameNameWord(w, x));
    if (parts.bareSubject.words.some((w) => w.length > 1 && !KIND_WORD.test(w) && !OFFICE.test(w) && !used(w))) conflicts.push({ kind: 'missing', asked: parts.bareSubject.text });
  }
  if (parts.agent && parts.verb && !conflicts.length) {
    const agent = parts.agent;
    // "Russian forces clashed with North Korean troops": the other side of a joint event may be its subject.
    const otherSide = (d: Run) => parts.names.some((n) => SYMMETRIC_SLOTS.has(n.slot) && nameIn(n.words, d));
    // The sentence may tell the event more than once ("Spain's 2-0 defeat by Holland ... their 2014 defeat"):
    // one telling with the question's doer keeps the premise.
    let other: Run | undefined;
    let kept = false;
    // The question's doer named in the event's clause, and not after a preposition ("firms across ...
    // India"), may well be its doer however the sentence is built ("the first to serve ... was Hervé",
    // "conquered England killing King Harold II"); "Ukraine's intelligence said that ... soldiers joined" is another clause.
    // "Harvard President Joseph Willard" is "Harvard Joseph Willard" of "the president of Harvard Joseph Willard".
    const untitled = agent.words.filter((w) => !OFFICE.test(w));
    const asDoer = sRuns.filter((r) => (nameIn(agent.words, r) || (untitled.length >= 2 && untitled.length < agent.words.length && nameIn(untitled, r))) && !SLOT_PREPS.has(slotOf(sWords, r)));
    const sameClause = (r: Run, i: number) => !sWords.slice(Math.min(r.to + 1, i + 1), Math.max(r.from, i)).some((w) => SUBJECT_BREAK.test(w.norm));
    for (const i of eventAt(sWords, parts.verb)) {
      // "its ability to evade sanctions": nobody before it imposed them.
      if (undergoneAt(sWords, i)) continue;
      const doers = doersOf(sWords, sRuns, i);
      if (doers.some((d) => nameIn(agent.words, d) || spelledLike(agent.words, d) || otherSide(d) || (partOfName(agent.words, d) && inArticle(agent.words))) || asDoer.some((r) => sameClause(r, i))) kept = true;
      else if (doers.length) other ??= doers[doers.length - 1];
    }
    // Another doer here, but another sentence of the sources may tell the event with the question's
    // ("the State Department imposed sanctions" cited first, "the U.S. imposed sanctions" later).
    if (other && !kept && !toldWithDoer(parts, [first])) conflicts.push({ kind: 'actor', asked: agent.text, found: other.text });
  }
  // Roles swapped: the question's doer stands after a preposition, where another of its names should.
  // A question with an event is read event by event across the sources below ("aid delivered to
  // Pyongyang" says nothing of who sent troops); this is for those without one ("Is Russia in North Korea?").
  if (parts.agent && !parts.verb && !conflicts.length) {
    const agent = parts.agent;
    const runs = inSentence(agent.words);
    const slots = runs.map((r) => slotOf(sWords, r));
    // Either side of a joint event ("clash with") may stand first: no swap there.
    const others = parts.names.filter((n) => n.slot !== 'agent' && n.slot !== 'other' && !SYMMETRIC_SLOTS.has(n.slot));
    const swapped = others.some((o) => runs.some((r, k) => slots[k] === o.slot) && inSentence(o.words).some((r) => slotOf(sWords, r) === 'agent'));
    if (swapped) conflicts.push({ kind: 'role', asked: agent.text, found: others.map((o) => inSentence(o.words)[0]?.text).find(Boolean) });
  }
  // A place asked about in the place of another: "sent to Belarus" against "troops to Russia".
  const sentenceText = ` ${sWords.map((w) => w.norm).join(' ')} `;
  for (const n of parts.names) {
    // "in downtown Boston": the sentence says the place in the question's words, if not all as a name.
    if (conflicts.length || !PLACE_PREPS.has(n.slot) || inSentence(n.words).length || sentenceText.includes(` ${n.words.join(' ')} `)) continue;
    // "respond to British plans": a name before the question's noun qualifies it, it is no destination.
    const qWords = wordsOf(question);
    const after = qWords[qWords.findIndex((w) => wordMatch(n.words[n.words.length - 1]!, w.norm)) + 1];
    if (after && OPENS_LOWER.test(after.text) && !STOPWORDS.has(after.norm) && !SLOT_PREPS.has(after.norm)) continue;
    if (sRuns.some((r) => spelledLike(n.words, r))) continue;
    const other = sRuns.find((r) => slotClass(slotOf(sWords, r)) === slotClass(n.slot) && !parts.names.some((m) => nameIn(m.words, r)) && isPlace(r.text));
    if (other) conflicts.push({ kind: 'place', asked: n.text, found: other.text });
  }
  // "North Korean defense minister" against "South Korean Defense Minister": one word of a name swapped.
  for (const n of parts.names) {
    if (conflicts.length || n.words.length < 2 || sRuns.some((r) => nameIn(n.words, r, false))) continue;
    const missing = n.words.filter((w) => !sWords.some((s) => wordMatch(w, s.norm)));
    const present = n.words.filter((w) => !missing.includes(w));
    if (missing.length !== 1 || !present.length) continue;
    const k = sWords.findIndex((s) => wordMatch(present[0]!, s.norm));
    const before = sWords[k - 1];
    // A misspelling, not another name: "Lain Gray" for "Iain Gray" (a capital I read as an l).
    if (before && sameNameWord(missing[0]!, before.norm)) continue;
    // The same thing follows in both: "... Korean defense minister" and "... Korean Defense Minister".
    const qWords = wordsOf(question);
    const nextAsked = qWords[qWords.findIndex((w) => w.norm === n.words[n.words.length - 1]) + 1];
    const sameNext = !!nextAsked && stemOf(nextAsked.norm) === stemOf(sWords[k + 1]?.norm ?? '');
    if (sameNext && n.words.indexOf(present[0]!) === n.words.indexOf(missing[0]!) + 1 && isCap(before) && !parts.names.some((m) => m.words.includes(before!.norm))) {
      conflicts.push({ kind: 'attribute', asked: n.text, found: `${before!.text} ${sWords[k]!.text}` });
    }
  }
  // "Chinese troops" against "North Korean troops": a people's name before the same noun.
  for (const n of parts.names) {
    if (conflicts.length || inSentence(n.words).length || inArticle(n.words) === false) continue;
    const qWords = wordsOf(question);
    const at = qWords.findIndex((w) => wordMatch(n.words[n.words.length - 1]!, w.norm));
    const next = qWords[at + 1];
    if (!next || next.text.length < 4) continue;
    // The same noun, not a synonym: "Swedish cops" beside "NYPD officers" are other people, not a conflict.
    const k = sWords.findIndex((s) => stemOf(s.norm) === stemOf(next.norm));
    const before = k > 0 ? runBefore(sWords, sRuns, k) : undefined;
    if (before && !parts.names.some((m) => nameIn(m.words, before) || m.words.some((w) => before.norms.some((b) => wordMatch(w, b))))) conflicts.push({ kind: 'attribute', asked: n.text, found: before.text });
  }
  // "How many ships did the US ban from its ports?" against "banned from EU ports": the question's
  // doer owns the thing ("its", "their"), the sentence puts another name before the same noun.
  if (!conflicts.length && parts.agent) {
    const qWords = wordsOf(question);
    for (let i = 1; i + 1 < qWords.length && !conflicts.length; i++) {
      if (!/^(its|their)$/.test(qWords[i]!.norm)) continue;
      const next = qWords[i + 1]!;
      if (next.text.length < 4) continue;
      const k = sWords.findIndex((w) => w.norm === next.norm);
      const before = sRuns.find((r) => r.to === k - 1);
      // "lose its colonies in North America" against "the American colonies": a name of the question's own.
      if (k > 0 && before && !nameIn(parts.agent.words, before) && !parts.names.some((m) => nameIn(m.words, before) || before.norms.every((b) => m.words.some((w) => wordMatch(w, b))))) {
        conflicts.push({ kind: 'attribute', asked: `${parts.agent.text}'s ${next.text}`, found: `${before.text} ${sWords[k]!.text}` });
      }
    }
  }
  // "How many North Korean troops were killed?": the sources tell of them, never of the event.
  if (!conflicts.length && parts.undergoer && parts.verb && !LIGHT_VERB.test(parts.verb)) {
    const find = eventFinder(parts.verb);
    const sentences = sentencesOf(evidence).map(wordsOf);
    if (!sentences.some((w) => find(w).length) && sentences.some((w) => capitalRuns(w).some((r) => nameIn(parts.undergoer!.words, r)))) conflicts.push({ kind: 'event', asked: parts.verb });
  }
  // Across every sentence of the sources: the event done the other way round, or never by the question's doer.
  if (!conflicts.length && parts.agent && parts.verb) {
    const c = eventAcrossSources(parts, evidence);
    if (c) conflicts.push(c);
  }
  // "Why did Kim call on Russia to withdraw?" where every telling of Kim's calling names North Korea there.
  if (!conflicts.length && parts.agent && parts.verb) {
    const c = objectSwapped(parts, evidence);
    if (c) conflicts.push(c);
  }
  // "Why did South Korea send troops to Kursk?" where every troops the sources name are North Korea's.
  if (!conflicts.length && parts.agent && parts.verb) {
    const c = sentByAnother(parts, evidence);
    if (c) conflicts.push(c);
  }
  // "What did North Korea give Russia?" against "Pyongyang is likely to receive ... from Moscow".
  if (!conflicts.length && parts.agent && parts.verb) {
    const c = toldFromTheOtherSide(parts, question, evidence);
    if (c) conflicts.push(c);
  }
  // "What did Russia say about the troops?" where the sources quote others about Russia, never Russia.
  if (!conflicts.length && parts.agent && parts.verb && SAYING_ASKED.test(parts.verb) && !saidBy(parts.agent.words, evidence)) {
    conflicts.push({ kind: 'actor', asked: parts.agent.text });
  }
  // The same across the cited article's sentences that name the question's doer: "What did Austin say
  // about Chinese troops?" where every sentence of Austin's has "North Korean troops" and none "Chinese troops".
  for (const n of parts.names) {
    const doer = parts.agent;
    if (conflicts.length || n.slot === 'agent' || !doer) continue;
    const qWords = wordsOf(question);
    const at = qWords.findIndex((w) => wordMatch(n.words[n.words.length - 1]!, w.norm));
    const next = qWords[at + 1];
    if (!next || next.text.length < 4) continue;
    const same = new Set([stemOf(next.norm)]);
    let asked = false;
    let other: { run: Run; sentence: string } | undefined;
    for (const sentence of sentencesOf([first])) {
      const words = wordsOf(sentence);
      const runs = capitalRuns(words);
      if (!runs.some((r) => nameIn(doer.words, r))) continue;
      words.forEach((w, k) => {
        if (!same.has(stemOf(w.norm))) return;
        const before = runs.find((r) => r.to === k - 1);
        if (!before) return;
        if (nameIn(n.words, before) || spelledLike(n.words, before)) asked = true;
        else if (!parts.names.some((m) => nameIn(m.words, before))) other ??= { run: before, sentence };
      });
    }
    if (other && !asked) conflicts.push({ kind: 'attribute', asked: n.text, found: other.run.text, sentence: other.sentence });
  }
  // "How many Chinese firms ...?" against "398 firms across Russia, India, China and ...": a count of more.
  if (!conflicts.length) {
    const c = countOfMore(question, first.sentence, aRuns);
    if (c) conflicts.push(c);
  }
  // A number or year the question takes for granted that its article never gives. (Reading every
  // retrieved story instead let "when did the EU ban 398 ships" through on the U.S.'s 398 firms.)
  if (!conflicts.length) {
    const missing = numbersNotGiven(question, `${first.sentence} ${first.article}`)[0];
    if (missing) conflicts.push({ kind: 'number', asked: missing });
  }
  // A month or weekday the article neither names nor was published in: "... add to the list in october".
  if (!conflicts.length) {
    const missing = timesNotGiven(question, `${first.sentence} ${first.article}`, first.published)[0];
    if (missing) conflicts.push({ kind: 'time', asked: missing, found: first.published ? dayOf(first.published) : undefined });
  }
  // The opposite event: "raise" against "left ... unchanged", "won" against "lost"; a denial the sentence does not make.
  // A question that denies agrees with the opposite: "why didn't the bank cut rates?" against "left ... unchanged",
  // said in the cited sentence or elsewhere in its article (the cited one may give the reason).
  const denied = questionDenies(question);
  if (!conflicts.length && !denied && opposesQuestion(question, first.sentence)) conflicts.push({ kind: 'event', asked: parts.verb ?? 'that' });
  if (!conflicts.length && denied && !denies(first.sentence) && !sentencesOf([first]).some((s) => opposesQuestion(question, s))) conflicts.push({ kind: 'negation', asked: 'not' });
  // "wheat exporter" against "oil exporter": the thing asked about named by another modifier.
  if (!conflicts.length) {
    const c = modifierSwapped(question, first, evidence);
    if (c) conflicts.push(c);
  }
  // "Who was Bohemond's son?" against "Bohemond, Robert's son": the question's person holds the relation instead.
  if (!conflicts.length) {
    const c = relationSwapped(question, first.sentence);
    if (c) conflicts.push(c);
  }
  // "Queen Elizabeth I" against "Queen Elizabeth II", "12 March 1999" against "12 May 1999".
  if (!conflicts.length) {
    const c = numberingSwapped(question, first, evidence);
    if (c) conflicts.push(c);
  }
  const spelled = parts.agent ? aRuns.find((r) => r.norms.join(' ') === parts.agent!.words.join(' '))?.text : undefined;
  const claim = conflicts.length ? claimOf(parts, question, spelled) : undefined;
  return { ok: conflicts.length === 0, conflicts, claim };
}

/**
 * The doer of the event at word i, strictly: a "by" phrase after it, or the first name of its clause
 * standing as a doer ("North Korean troops wearing Russian uniforms are moving": North Korean, not Russian).
 */
function subjectsOf(words: readonly Word[], runs: readonly Run[], i: number): Run[] {
  const by = runs.filter((r) => r.from > i && r.from <= i + 3 && words.slice(i + 1, r.from).some((w) => w.norm === 'by'));
  // "Pyongyang's deployment": the possessor right before the event's noun did it.
  const owner = runs.find((r) => r.to === i - 1 && /['’]s$/.test(words[r.to]!.text));
  if (owner) return [...by, owner];
  if (undergoneAt(words, i)) return by;
  let start = 0;
  for (let k = i - 1; k >= 0; k--) {
    const w = words[k]!.norm;
    if (SUBJECT_BREAK.test(w) || (w === 'as' && !/^(many|much|well|long|soon|far|a|an|part|of)$/.test(words[k + 1]?.norm ?? ''))) {
      start = k + 1;
      break;
    }
  }
  const first = runs.find((r) => r.from >= start && r.to < i && slotOf(words, r) === 'agent');
  if (!first) return by;
  // "Both Kim and Austin called on ...": the names joined to the first share its role.
  const joined = [first];
  for (const r of runs) {
    const last = joined[joined.length - 1]!;
    if (r.from <= last.to || r.to >= i) continue;
    const between = words.slice(last.to + 1, r.from);
    if (!between.length || !between.every((w) => /^(and|or|,|&)$/.test(w.norm))) break;
    joined.push(r);
  }
  return [...by, ...joined];
}

/** Whether a sentence of the sources tells the question's event with the question's doer as its doer. */
function toldWithDoer(parts: QuestionParts, evidence: readonly PremiseEvidence[]): boolean {
  const find = eventFinder(parts.verb!);
  return sentencesOf(evidence).some((sentence) => {
    const words = wordsOf(sentence);
    const runs = capitalRuns(words);
    return find(words).some((i) => doersOf(words, runs, i).some((d) => nameIn(parts.agent!.words, d)));
  });
}

/**
 * The name right after the question's event ("call on *Russia*", "invade *Poland*") against the
 * sources' tellings of the event by the question's doer: when every one names another there, and
 * none of them names the question's, the question has swapped the object.
 */
function objectSwapped(parts: QuestionParts, evidence: readonly PremiseEvidence[]): PremiseConflict | undefined {
  const agent = parts.agent!;
  const rest = wordsOf(parts.rest);
  const skip = (words: readonly Word[], k: number) => (/^(the|a|an)$/.test(words[k]?.norm ?? '') ? k + 1 : k);
  const prep = SLOT_PREPS.has(rest[0]?.norm ?? '') ? rest[0]!.norm : undefined;
  const at = skip(rest, prep ? 1 : 0);
  const object = parts.names.find((n) => n.slot !== 'agent' && rest[at] && wordMatch(n.words[0]!, rest[at]!.norm));
  if (!object || /^(do|does|did|have|has|had|be|get|gets|got|make|makes|made|go|goes|went)$/.test(parts.verb!)) return undefined;
  // Any word of the object's name, capitalised: "Sailing" for a misspelt "Intercolleiate Sailing Association".
  const namesObject = (words: readonly Word[]) => words.some((w) => isCap(w) && object.words.some((o) => (o.length > 3 || object.words.length === 1) && wordMatch(o, w.norm)));
  const find = eventFinder(parts.verb!);
  let other: { run: Run; sentence: string } | undefined;
  for (const sentence of sentencesOf(evidence)) {
    const words = wordsOf(sentence);
    const events = find(words);
    if (!events.length) continue;
    const runs = capitalRuns(words);
    for (const i of events) {
      // The doer by its name or by part of it ("Kim" for "Kim Yong-hyun"), or unnamed ("in 2007 it drove ...").
      const doers = subjectsOf(words, runs, i);
      if (doers.length && !doers.some((d) => nameIn(agent.words, d) || d.norms.every((w) => agent.words.some((a) => wordMatch(a, w))))) continue;
      // Such a telling that names the question's object keeps the premise ("called on North Korea and Russia").
      if (namesObject(words)) return undefined;
      if (!doers.length) continue;
      let k = i + 1;
      if (prep) {
        if (words[k]?.norm !== prep) continue;
        k++;
      }
      const run = runs.find((r) => r.from === skip(words, k));
      if (run && !parts.names.some((m) => nameIn(m.words, run))) other ??= { run, sentence };
    }
  }
  return other ? { kind: 'attribute', asked: object.text, found: other.run.text, sentence: other.sentence } : undefined;
}

/** Events whose doer sends its own: "why did South Korea send troops" asks about South Korea's troops. */
const DEPLOYING = /^(send|sent|deploy|dispatch|mobilis|mobiliz)/;
/** Synonyms of the sent thing that are as often a qualifier of another noun ("military intelligence", "army chief"). */
const QUALIFIER_USE = /^(military|army)$/;
/** Words between a people's name and the thing it owns: "North Korean advance units", "Russian special forces". */
const OWNED_FILLER = /^(advance|elite|special|regular|ground|combat|more|extra|additional|fresh)$/;

/**
 * The question's doer sends a thing the sources only ever name as another's: "why did South Korea
 * send troops to Kursk?" where the troops are "North Korean troops", "the Kremlin's forces" and none
 * "South Korean troops". Only for sending: "how many troops does Ukraine expect at the border" asks
 * about troops that are not Ukraine's.
 */
function sentByAnother(parts: QuestionParts, evidence: readonly PremiseEvidence[]): PremiseConflict | undefined {
  const agent = parts.agent!;
  if (!DEPLOYING.test(parts.verb!)) return undefined;
  const rest = wordsOf(parts.rest);
  let k = 0;
  while (rest[k] && /^(the|a|an|more|some|any|its|their|extra|additional|\d[\d,]*)$/.test(rest[k]!.norm)) k++;
  // "how many soldiers did Ukraine send": the counted thing is what was sent.
  const object = parts.counted ? { text: parts.counted, norm: parts.counted } : rest[k];
  // An object the question qualifies ("its troops", "North Korean troops") is the other checks'.
  if (!object || OPENS_UPPER.test(object.text) || (!parts.counted && k > 0 && /^(its|their)$/.test(rest[k - 1]!.norm)) || object.norm.length < 4 || STOPWORDS.has(object.norm)) return undefined;
  const stem = stemOf(object.norm);
  const same = new Set([stem, ...synonymsOf(stem)]);
  let own = false;
  let other: { run: Run; sentence: string } | undefined;
  // A count is read in the cited sentence, whose number it would give: "about 11,000 North Korean
  // soldiers" counts no soldiers Ukraine sent, whatever Ukrainian forces did elsewhere.
  const read = parts.counted ? [evidence[0]!.sentence] : sentencesOf(evidence);
  for (const sentence of read) {
    const words = wordsOf(sentence);
    let runs: readonly Run[] | undefined;
    for (let i = 1; i < words.length && !own; i++) {
      // "military" of "Ukraine's military intelligence" qualifies another noun; it is no one's troops.
      if (isCap(words[i]) || !same.has(stemOf(words[i]!.norm)) || QUALIFIER_USE.test(words[i]!.norm)) continue;
      let j = i;
      while (j > 1 && OWNED_FILLER.test(words[j - 1]!.norm)) j--;
      const before = runBefore(words, (runs ??= capitalRuns(words)), j);
      if (!before) continue;
      if (nameIn(agent.words, before)) own = true;
      else if (!parts.names.some((m) => nameIn(m.words, before))) other ??= { run: before, sentence };
    }
    if (own) return undefined;
  }
  return other ? { kind: 'attribute', asked: `${agent.text}'s ${object.text}`, found: `${other.run.text} ${object.text}`, sentence: other.sentence } : undefined;
}

/** Giving told by its receiver: "A gives B" is "B receives from A". */
const GIVING = /^(give|gave|given|giv|send|sent|suppl|provid|deliver|sell|sold|lend|lent|ship|transfer|export)/;
const RECEIVING = /^(receiv|get|got|obtain|acquir|buy|bought|borrow|import|accept)/;

/**
 * The question's doer gives to another of its names, where the sources have the doer receive from
 * that name: the roles swapped across a verb and its converse.
 */
function toldFromTheOtherSide(parts: QuestionParts, question: string, evidence: readonly PremiseEvidence[]): PremiseConflict | undefined {
  const agent = parts.agent!;
  if (!GIVING.test(parts.verb!)) return undefined;
  const others = parts.names.filter((n) => n.slot !== 'agent' && !n.words.every((w) => agent.words.includes(w)));
  if (!others.length) return undefined;
  // The thing given ("air defense systems", "troops"), when the question names one, is what is received.
  const named = new Set(parts.names.flatMap((n) => n.words));
  const things = wordsOf(question)
    .filter((w) => w.norm.length > 3 && !STOPWORDS.has(w.norm) && !named.has(w.norm) && !GIVING.test(w.norm) && !/^(what|which|when|where|many|much)$/.test(w.norm))
    .map((w) => stemOf(w.norm));
  const receives = (between: readonly Word[]) => !things.length || between.some((w) => things.includes(stemOf(w.norm)));
  for (const sentence of sentencesOf(evidence)) {
    const words = wordsOf(sentence);
    const runs = capitalRuns(words);
    for (const [i, w] of words.entries()) {
      if (!RECEIVING.test(w.norm) || !OPENS_LOWER.test(w.text)) continue;
      if (!subjectsOf(words, runs, i).some((d) => nameIn(agent.words, d))) continue;
      const from = words.findIndex((x, k) => k > i && k <= i + 8 && x.norm === 'from');
      const giver = runs.find((r) => r.from === from + 1 || (r.from === from + 2 && /^(the)$/.test(words[from + 1]?.norm ?? '')));
      if (from > i && giver && others.some((n) => nameIn(n.words, giver)) && receives(words.slice(i + 1, from))) return { kind: 'role', asked: agent.text, found: giver.text, sentence };
    }
  }
  return undefined;
}

/** The sentences of the evidence: the cited ones and every sentence of their articles. */
function sentencesOf(evidence: readonly PremiseEvidence[]): string[] {
  return [...sentencesWithPrevious(evidence).keys()];
}

const SENTENCE_BREAK = /\n+|(?<=[.!?][”"’']?)\s+(?=[“"‘']?\p{Lu})/u;

/** The sentences of the evidence, each with the sentence before it in its article (none for a cited sentence on its own). */
function sentencesWithPrevious(evidence: readonly PremiseEvidence[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const e of evidence) {
    if (e.sentence && !out.has(e.sentence)) out.set(e.sentence, undefined);
    let previous: string | undefined;
    for (const raw of e.article.split(SENTENCE_BREAK)) {
      const s = raw.trim();
      if (!s) continue;
      if (!out.get(s)) out.set(s, previous);
      previous = s;
    }
  }
  return out;
}

/** "She worked at ...", "They ultimately decided to switch ...": a pronoun that may stand for a name of the sentence before. */
const PRONOUN = /^(he|she|it|they|his|her|its|their|them|him)$/;

/**
 * Who did what to whom, read across all the sources rather than the cited sentence alone:
 * - roles swapped: the question's doer is where the event goes ("Why did Russia send troops to North
 *   Korea?" against "Pyongyang's deployment of ... troops to Russia"), and the sources never have it
 *   the question's way round;
 * - an event the sources never attribute to the doer: the event's word is in the sources
 *   ("Russia ... since its invasion of Ukraine") but never in a sentence that names the question's
 *   doer ("When did North Korea invade Ukraine?").
 * A sentence where the doer does the event (by name, or named in the same sentence) keeps the premise.
 */
function eventAcrossSources(parts: QuestionParts, evidence: readonly PremiseEvidence[]): PremiseConflict | undefined {
  const agent = parts.agent!;
  const verb = parts.verb!;
  // Only a content word names an event ("ban" mis-tagged as a noun leaves "from").
  if (SLOT_PREPS.has(verb) || /^(and|or|but|nor)$/.test(verb) || verb.length < 3) return undefined;
  const targets = parts.names.filter((n) => n.slot !== 'agent' && n.slot !== 'other' && !n.words.every((w) => agent.words.includes(w)));
  const others = parts.names.filter((n) => n.slot !== 'agent' && !n.words.every((w) => agent.words.includes(w)));
  let events = 0;
  /** The doer is in a sentence that tells the event: by its whole name ("U.S."), or by a word of it ("King" of "B.B. King"). */
  let doerBeside = false;
  let aboutSame = false;
  let swapped: PremiseConflict | undefined;
  let sameEvent: string | undefined;
  let partner: PremiseConflict | undefined;
  let otherDoer: PremiseConflict | undefined;
  // "Did China send troops?" names nothing else, but the event's object ("troops") marks the same event.
  const objectStem = others.length ? undefined : objectStemOf(parts);
  // After the event, or before it when it is passive ("52 ships to a list of vessels banned").
  const objectNear = (words: readonly Word[], i: number) => !!objectStem && words.slice(Math.max(0, i - 6), i + 8).some((w, k) => k !== Math.min(6, i) && stemOf(w.norm) === objectStem);
  const find = eventFinder(verb);
  // A question that itself denies ("Why didn't ...") is the negation check's.
  const asserted = isNegated(parts.rest) || isNegated(parts.head ?? '');
  let denied: PremiseConflict | undefined;
  let unrealised: PremiseConflict | undefined;
  let doerTold = false;
  // A misspelt name is still the doer ("Moncalm" for "Montcalm"), as is the noun it was named with
  // ("the *empire* contained" for "did the Ottoman empire contain").
  const headNoun = parts.head && /^[a-z]{4,}$/.test(parts.head) ? parts.head : undefined;
  const mentionsAgent = (words: readonly Word[]) =>
    agent.words.some((a) => a.length > 2 && words.some((w) => wordMatch(a, w.norm) || aliasWords(w.norm).includes(a) || (a.length >= 5 && isCap(w) && oneTypo(a, w.norm)))) ||
    (!!headNoun && words.some((w, k) => w.norm === headNoun && words[k - 1]?.norm === 'the'));
  for (const [sentence, previous] of sentencesWithPrevious(evidence)) {
    const words = wordsOf(sentence);
    const at = find(words);
    if (!at.length) {
      doerTold ||= capitalRuns(words).some((r) => nameIn(agent.words, r));
      continue;
    }
    const runs = capitalRuns(words);
    const named = runs.filter((r) => nameIn(agent.words, r));
    if (named.length) doerBeside = true;
    for (const i of at) {
      events++;
      const doers = subjectsOf(words, runs, i);
      const isDoer = (d: Run) => nameIn(agent.words, d) || spelledLike(agent.words, d);
      // "called on North Korea to withdraw", "discourage Russia from employing": asked of the doer, or kept from it, not done by it.
      const askedBy = !asserted && parts.asDone ? askedOfAt(words, runs, i, isDoer) : -1;
      if (askedBy >= 0) {
        const from = subjectsOf(words, runs, askedBy)[0]?.from ?? askedBy;
        unrealised ??= { kind: 'unrealised', asked: agent.text, found: clauseText(sentence, words, from, i), sentence };
        continue;
      }
      if (doers.some(isDoer)) {
        // "The Pentagon said it could not confirm the clash": told with the doer, but as not done.
        // One telling that it was done keeps the premise.
        const from = doers.find(isDoer)!;
        if (!asserted && deniedAt(words, i)) {
          denied ??= { kind: 'denied', asked: agent.text, found: clauseText(sentence, words, from.from, i), sentence };
          continue;
        }
        // "Pyongyang is likely to receive", "Russia will use the troops": foreseen, not done, for a "did" question.
        if (!asserted && parts.asDone && foreseenAt(words, i)) {
          unrealised ??= { kind: 'unrealised', asked: agent.text, found: clauseText(sentence, words, from.from, i), sentence };
          continue;
        }
        return undefined;
      }
      // The event goes to the question's doer, and is done by the name the question sends it to.
      for (const t of targets) {
        const byTarget = doers.some((d) => nameIn(t.words, d));
        const toAgent = named.some((r) => r.from > i && slotClass(slotOf(words, r)) === slotClass(t.slot) && !words.slice(i + 1, r.from).some((w) => CLAUSE_BREAK.test(w.norm) && w.norm !== 'as'));
        if (SYMMETRIC_SLOTS.has(t.slot)) {
          // "Russian forces clashed with North Korean troops" says what "North Korean troops clashed with Russian forces" does;
          // "Ukrainian forces ... clash with North Korean troops" names another side.
          if (byTarget && toAgent) return undefined;
          const side = doers.find((d) => !parts.names.some((m) => nameIn(m.words, d)));
          if (toAgent && side) partner ??= { kind: 'actor', asked: t.text, found: side.text, sentence };
          continue;
        }
        if (byTarget && toAgent && tellsObject(parts, words)) swapped ??= { kind: 'role', asked: agent.text, found: doers.find((d) => nameIn(t.words, d))!.text, sentence };
      }
      // "Pyongyang's deployment of ... troops": the same event done by another name, and no sentence that tells it names the question's doer.
      if (doers.length && objectNear(words, i)) {
        otherDoer ??= { kind: 'actor', asked: agent.text, found: doers[0]!.text, sentence };
      }
    }
    // Any word of the doer's name in the same sentence as the event ("King" of "B.B. King"): the sources may well say it.
    if (mentionsAgent(words)) doerBeside = true;
    // ... or a pronoun that may stand for the doer named in the sentence before ("Marie Ratcliffe ... She worked at ...");
    // not when a name comes before it in its own sentence ("Moscow has faced sanctions since its invasion").
    else if (previous && mentionsAgent(wordsOf(previous))) {
      const p = words.findIndex((w) => PRONOUN.test(w.norm));
      if (p >= 0 && !runs.some((r) => r.to < p)) doerBeside = true;
    }
    // The event done to what the question names ("invasion of Ukraine"): the sources speak of the same event.
    // With no other name, the event's object beside it ("adds 52 ships" for "how many ships did the US add").
    if (others.some((o) => runs.some((r) => nameIn(o.words, r))) || at.some((i) => objectNear(words, i))) {
      aboutSame = true;
      // The sentence that tells the event without the question's doer: what the sources do say.
      sameEvent ??= sentence;
    }
  }
  // "How many North Korean troops died in Kursk?": the sources tell of the counted doer, never of the
  // event. (Asked of a doer with an auxiliary, "how soon does nasa's chief scientist reckon", the verb
  // is as often a paraphrase.)
  if (events === 0 && parts.countsDoer && doerTold && !LIGHT_VERB.test(verb)) return { kind: 'event', asked: verb };
  if (denied) return denied;
  if (unrealised) return unrealised;
  if (swapped) return swapped;
  if (partner) return partner;
  if (otherDoer && !doerBeside) return otherDoer;
  if (events > 0 && aboutSame && !doerBeside && !LIGHT_VERB.test(verb)) return { kind: 'event', asked: verb, sentence: sameEvent };
  return undefined;
}

/** Questions about what someone said or thought ("how did X respond?" may be answered by a deed). */
const SAYING_ASKED = /^(say|says|said|tell|tells|told|claim|claims|claimed|announc|stat|comment|think|thinks|thought)/;
/** A sentence's words that tell someone's words or view. */
const SAID = /^(says?|said|saying|told|tells?|telling|stated?|states|announc(?:e|es|ed|ing)|warn(?:s|ed|ing)?|claim(?:s|ed|ing)?|add(?:s|ed)|not(?:es|ed)|comment(?:s|ed|ing)?|repl(?:y|ies|ied)|den(?:y|ies|ied)|denying|confirm(?:s|ed|ing)?|insist(?:s|ed|ing)?|accus(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|argu(?:e|es|ed|ing)|acknowledg(?:e|es|ed|ing)|admit(?:s|ted|ting)?|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|condemn(?:s|ed|ing)?|criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|predict(?:s|ed|ing)?|think|thinks|thought|believ(?:e|es|ed)|expect(?:s|ed)?|ask(?:s|ed)|explain(?:s|ed)|vow(?:s|ed)|pledg(?:e|es|ed)|promis(?:e|es|ed)|threaten(?:s|ed)|spokes(?:man|woman|person)|report(?:s|ed|ing)?|reveal(?:s|ed|ing)?|disclos(?:e|es|ed|ing)|testif(?:y|ies|ied)|recall(?:s|ed|ing)?|suggest(?:s|ed|ing)?|declar(?:e|es|ed|ing)|complain(?:s|ed|ing)?|answer(?:s|ed)?|responded|statement|according|quoted|wrote|writes|tweeted|posted)$/;

/**
 * The run names the speaker, whole or in part ("Kim" for "Kim Yong-hyun"), but never the other of a
 * pair ("South Korea" is not "North Korea").
 */
function speaksAs(name: readonly string[], run: Run): boolean {
  if (nameIn(name, run)) return true;
  const apart = (words: readonly string[]) => words.filter((w) => TELLS_APART.test(w));
  if (apart(run.norms).some((w) => !name.includes(w)) || apart(name).some((w) => !run.norms.includes(w))) return false;
  return name.some((w) => w.length > 2 && !TELLS_APART.test(w) && !OFFICE.test(w) && run.norms.some((n) => wordMatch(w, n)));
}

/**
 * Whether any sentence of the sources gives the words or view of the named one: its name as the
 * speaker ("Russia's foreign ministry said", "Kim and Austin called on ...", "Smith, who was there,
 * told CNN"), after the verb ("said Smith", "according to Russia"), or a pronoun speaking right after
 * a sentence that names it. Lenient on purpose: a question is declined only when nobody of that
 * name speaks anywhere in them.
 */
function saidBy(name: readonly string[], evidence: readonly PremiseEvidence[]): boolean {
  for (const [sentence, previous] of sentencesWithPrevious(evidence)) {
    const words = wordsOf(sentence);
    const at = words.flatMap((w, i) => (SAID.test(w.norm) ? [i] : []));
    if (!at.length) continue;
    const runs = capitalRuns(words);
    const named = runs.filter((r) => speaksAs(name, r));
    if (!named.length) {
      if (previous && capitalRuns(wordsOf(previous)).some((r) => speaksAs(name, r)) && words.slice(0, at[0]!).some((w) => SUBJECT_PRONOUN.test(w.norm))) return true;
      continue;
    }
    for (const i of at) {
      // "The people ... were believed to be in need of ... the European empire": a view told in the passive, with the name beside it.
      if (/^(is|are|was|were|been)$/.test(words[i - 1]?.norm ?? '') && /^(believed|thought)$/.test(words[i]!.norm)) return true;
      // "said Defense Secretary Lloyd Austin", "according to Ukraine's military intelligence".
      const after = words[i]!.norm === 'according' && words[i + 1]?.norm === 'to' ? i + 2 : i + 1;
      if (named.some((r) => r.from === after)) return true;
      // "274 companies accused of supplying Russia", "troops ... were urged by ...": said of them, not by them.
      if (/^(of|by)$/.test(words[i + 1]?.norm ?? '')) continue;
      // The speaker before the verb: a name right before it, whatever stands before that ("near
      // Kursk, Ukraine says"), else the nearest name outside a prepositional phrase and outside a
      // quotation; with the names joined to it by "and" or commas ("Both Kim and Austin called").
      // A pronoun between them is the speaker ("... Russian equipment ..., in what he called").
      const speaker =
        runs.find((r) => r.to === i - 1) ??
        runs.filter((r) => r.to < i && !SLOT_PREPS.has(slotOf(words, r)) && !words.slice(r.to + 1, i + 1).some((w) => w.afterQuote || SUBJECT_PRONOUN.test(w.norm))).pop();
      if (!speaker) continue;
      let k = runs.indexOf(speaker);
      if (speaksAs(name, speaker)) return true;
      while (k > 0 && words.slice(runs[k - 1]!.to + 1, runs[k]!.from).every((w) => /^(and|,|&|both)$/.test(w.norm))) {
        k--;
        if (speaksAs(name, runs[k]!)) return true;
      }
    }
  }
  return false;
}

/**
 * The name right before word k: a run ending there, or the start of the run k stands in ("South
 * Korean" of "South Korean Defense Minister Kim Yong-hyun" before "Defense").
 */
function runBefore(words: readonly Word[], runs: readonly Run[], k: number): Run | undefined {
  const ending = runs.find((r) => r.to === k - 1);
  if (ending) return ending;
  const within = runs.find((r) => r.from < k && k <= r.to);
  if (!within) return undefined;
  const part = words.slice(within.from, k);
  return { words: part, norms: part.map((w) => w.norm), text: part.map((w) => w.text).join(' '), from: within.from, to: k - 1 };
}

const GENERIC_COUNT = /^(people|persons?|times?|things?|ones?|years?|months?|weeks?|days?|hours?|minutes?|of)$/;

/** Words that deny the event right after them: "could not confirm", "never sent", "refused to sign". */
const DENIAL = /^(not|never|no|cannot|unable|failed|refused|declined|denied)$|n['’]t$/;
/** Denied before word i; "won't teach again" speaks of the future and denies nothing done. */
const deniedAt = (words: readonly Word[], i: number) =>
  words.slice(Math.max(0, i - 3), i).some((w, k, near) => DENIAL.test(w.norm) && !/^(won['’]t|wont)$/.test(w.norm) && !(w.norm === 'not' && near[k - 1]?.norm === 'will')) && !doneAfterAll(words, i);

/** "did not develop until the 1700s": told as done, and when. */
const doneAfterAll = (words: readonly Word[], i: number) => words.slice(i + 1, i + 4).some((w) => /^(until|till)$/.test(w.norm));

/** Words before "to" that foresee the event rather than tell it: "is likely to receive", "plans to send". */
const FORESEEING = /^(expects?|expected|likely|unlikely|plans?|planned|planning|set|wants?|wanted|threatens?|threatened|vows?|vowed|pledges?|pledged|promises?|promised|hopes?|hoped|intends?|intended|seeks?|sought|aims?|aimed|going|poised|ready|prepared|due|considering|weighing)$/;
/** Modals that foresee the event; "would later become", "would go on to" tell a past in narrative. */
const MODAL = /^(will|would|could|may|might|should|['’]ll)$/;
const NARRATIVE_AFTER_MODAL = /^(later|eventually|subsequently|soon|go|then|also|often|usually|always|never)$/;

/** The event at word i is foreseen: after a modal ("Russia will use"), or "to" after a word of intent or expectation. */
function foreseenAt(words: readonly Word[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const w = words[k]!.norm;
    if (MODAL.test(w)) return !NARRATIVE_AFTER_MODAL.test(words[k + 1]?.norm ?? '');
    if (w === 'to') return words.slice(Math.max(0, k - 3), k).some((x) => FORESEEING.test(x.norm));
    if (CLAUSE_BREAK.test(w)) return false;
  }
  return false;
}

/** Verbs that ask someone to do a thing: "urged X to", "called on X to", "pressed X to". */
const ASKING = /^(urge[ds]?|urging|ask(?:ed|s|ing)?|press(?:ed|es|ing)?|told|tells?|encourag(?:e[ds]?|ing)|push(?:ed|es|ing)|invit(?:e[ds]?|ing)|beg(?:ged|s)?|demand(?:ed|s|ing)?|want(?:ed|s)?)$/;
/** Verbs that keep someone from a thing: "discourage X from", "prevent X from". */
const KEEPING = /^(discourag|prevent|stop|bar|ban|deter|keep|kept|block|prohibit|restrain|dissuad)/;

/**
 * The doer named right before the event, after "to" or "from", is asked to do it ("called on North
 * Korea to withdraw") or kept from it ("discourage Russia from employing"). The index of the asking
 * or keeping verb, or -1.
 */
function askedOfAt(words: readonly Word[], runs: readonly Run[], i: number, isDoer: (r: Run) => boolean): number {
  const link = words[i - 1]?.norm;
  if (link !== 'to' && link !== 'from') return -1;
  const doer = runs.find((r) => r.to === i - 2 && isDoer(r));
  if (!doer) return -1;
  let k = doer.from - 1;
  while (k >= 0 && /^(the|a|an)$/.test(words[k]!.norm)) k--;
  if (k < 0) return -1;
  if (link === 'from') return KEEPING.test(words[k]!.norm) ? k : -1;
  if (k >= 1 && words[k]!.norm === 'on' && /^call/.test(words[k - 1]!.norm)) return k - 1;
  return ASKING.test(words[k]!.norm) ? k : -1;
}

/** "Thursday, 14 November 2024": the article's date, for the reply to a question dated otherwise. */
function dayOf(published: string): string | undefined {
  const d = new Date(published);
  return Number.isNaN(d.getTime()) ? undefined : new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** The source's words from the doer through the event and what follows it, up to a break: "Pentagon said it could not confirm the clash". */
function clauseText(sentence: string, words: readonly Word[], from: number, event: number): string {
  let to = event;
  while (to + 1 < words.length && to - event < 6 && !CLAUSE_BREAK.test(words[to + 1]!.norm)) to++;
  const last = words[to]!;
  return sentence.slice(words[from]!.start, last.start + last.text.length);
}

/**
 * The thing the question's event is done to, as a stem, when it names one: what "how many" counts
 * ("ships" of "how many ships did the US add"), else the first word after the event ("troops" of
 * "send troops to Russia").
 */
function objectStemOf(parts: QuestionParts): string | undefined {
  const object = parts.counted ?? wordsOf(parts.rest).find((w) => w.norm.length > 3 && !STOPWORDS.has(w.norm) && !parts.names.some((n) => n.words.includes(w.norm)))?.norm;
  return object && stemOf(object);
}

/** Whether a sentence speaks of the question's object, when the question names one ("aid delivered to Pyongyang" is not "troops sent"). */
function tellsObject(parts: QuestionParts, words: readonly Word[]): boolean {
  const stem = objectStemOf(parts);
  if (!stem) return true;
  const syn = synonymsOf(stem);
  return words.some((w) => { const s = stemOf(w.norm); return s === stem || syn.has(s); });
}

/**
 * The question without the words that name what is measured rather than say anything: "how *old*
 * is ...", "how much *more* do ...", "what *time of day* ...". The answer may be either of a pair
 * ("old"/"new", "day"/"night"), so neither is an opposite of the sentence's.
 */
function withoutMeasure(question: string): string {
  return question.replace(/\bhow (?:\w+)(?: (?:more|less|fewer|longer|shorter|older|younger|higher|lower|bigger|smaller|larger|further|farther))?\b/gi, 'how').replace(/\btime of (?:the )?(?:day|year)\b/gi, 'time');
}

/**
 * Whether a sentence says the opposite of what the question asks ("left ... unchanged" for "raise"),
 * what the question measures aside: "less" is no opposite of "how much more ...?", whose answer may be either.
 */
export function opposesQuestion(question: string, sentence: string): boolean {
  return saysOpposite(withoutMeasure(question), sentence);
}

/** Prepositions of an event two sides do together ("clash with", "fight against"): either side may be its subject. */
const SYMMETRIC_SLOTS = new Set(['with', 'against']);

/** Verbs that name no event of their own ("got", "said"): the sources say them of everyone. */
const LIGHT_VERB = /^(get|got|gets|have|has|had|do|does|did|make|makes|made|take|takes|took|give|gives|gave|go|goes|went|come|comes|came|be|say|says|said|tell|tells|told|think|thinks|thought|want|wants|wanted|need|needs|use|uses|used|call|called|name|named|play|plays|played)$/;

function isPlace(text: string): boolean {
  return getCompromise()(text).places().found;
}

const IRREGULAR: Record<string, string> = {
  send: 'sent', make: 'made', tell: 'told', say: 'said', give: 'gave', take: 'took', hit: 'hit', win: 'won', lose: 'lost', buy: 'bought',
  pay: 'paid', get: 'got', put: 'put', run: 'ran', go: 'went', see: 'saw', leave: 'left', bring: 'brought', find: 'found', beat: 'beat',
  hold: 'held', meet: 'met', lead: 'led', sell: 'sold', fight: 'fought', steal: 'stole', throw: 'threw', break: 'broke', catch: 'caught',
  write: 'wrote', build: 'built', spend: 'spent', keep: 'kept', shoot: 'shot', begin: 'began', become: 'became', do: 'did', have: 'had',
};

/** Irregular pasts and participles back to their verb. */
const BASE_OF_PAST: Record<string, string> = {
  ...Object.fromEntries(Object.entries(IRREGULAR).map(([verb, past]) => [past, verb])),
  given: 'give', taken: 'take', seen: 'see', written: 'write', broken: 'break', stolen: 'steal', beaten: 'beat', begun: 'begin', done: 'do', gone: 'go', thrown: 'throw',
};

function pastOf(verb: string): string {
  if (/ed$/.test(verb)) return verb;
  // "how long has Monye been at Quins?" claims he had been there, not that he "beened".
  if (PARTICIPLE.test(verb)) return `had ${verb}`;
  return pastTenseOf(verb) ?? entryOf(IRREGULAR, verb) ?? `${verb}ed`;
}

/** Past participles unlike their simple past. */
const PARTICIPLE = /^(been|seen|done|gone|taken|given|written|driven|eaten|fallen|chosen|spoken|broken|stolen|forgotten|gotten|hidden|ridden|risen|shaken|sworn|torn|worn|known|shown|grown|thrown|flown|drawn|blown|begun|sung|swum)$/;

/** The question's statement: "How many firms did India sanction?" → "India sanctioned any firms". */
function claimOf(p: QuestionParts, question: string, spelled: string | undefined): string | undefined {
  const rest = p.rest.replace(/[?!.]+$/, '').trim();
  // "north korean troops were killed in the clash"
  if (p.undergoer && p.verb) return [p.undergoer.text, p.head, p.undergoer.aux, p.verb, rest].filter(Boolean).join(' ');
  if (!p.agent || !p.verb) return undefined;
  const counted = /^how (?:many|much) (\S+)/i.exec(question)?.[1];
  // "How many ships did the US add to the list?" claims the US added ships to the list.
  const countedObject = counted && p.agent && !p.agent.words.includes(counted.toLowerCase()) && !/^(of|more)$/i.test(counted) ? counted : undefined;
  const object = countedObject ? (rest ? `${countedObject} ${rest}` : `any ${countedObject}`) : rest;
  const told = p.progressive ? `${p.progressive} ${p.verb!}` : pastOf(p.verb!);
  // "the North Korean defense minister", as the question wrote it, not "North Korean defense minister".
  const the = new RegExp(String.raw`\bthe\s+${escapeRegExp(p.agent.text)}`, 'i').test(question) ? 'the ' : '';
  const doer = `${the}${spelled ?? p.agent.text}${p.head ? ` ${p.head}` : ''}`;
  // "What did Russia say (about the troops)?" claims Russia said anything (about them).
  if (/^what\b/i.test(question) && SAYING_ASKED.test(p.verb) && (!object || SLOT_PREPS.has(object.split(' ')[0]!.toLowerCase()) || /^about\b/i.test(object))) {
    return `${doer} ${told} anything${object ? ` ${object}` : ''}`;
  }
  return `${doer} ${told}${object ? ` ${object}` : ''}`;
}

/** Words that may stand between "how many" and the counted noun without qualifying it. */
const NOT_QUALIFIER = /^(of|the|a|an|more|other|new|total|different|separate|individual|people)$/;

/**
 * A count of more than was asked: "How many Chinese firms were sanctioned?" against "sanctions on
 * 398 firms across Russia, India, China and more than a dozen other nations" (398 is all of them;
 * China's share is not given). The question qualifies the counted noun with a name; the sentence's
 * number counts the same noun with the name only as one of a list after it.
 */
function countOfMore(question: string, sentence: string, articleRuns: readonly Run[]): PremiseConflict | undefined {
  const q = wordsOf(question);
  const h = q.findIndex((w, i) => w.norm === 'how' && q[i + 1]?.norm === 'many');
  if (h < 0) return undefined;
  const s = wordsOf(sentence);
  // The counted occurrence: the noun right after a number (up to three words between).
  const counted = (noun: string) => {
    const stem = stemOf(noun);
    for (let k = 1; k < s.length; k++) {
      if (stemOf(s[k]!.norm) !== stem) continue;
      for (let n = k - 1; n >= Math.max(0, k - 4); n--) if (isNumberWord(s[n]!.norm)) return { n, k };
    }
    return undefined;
  };
  let j = h + 2;
  let at: { n: number; k: number } | undefined;
  for (; j < q.length && j <= h + 6; j++) if ((at = counted(q[j]!.norm))) break;
  if (!at) return undefined;
  // A name is a word capitalised in the question past its start or in the article ("us" for "U.S.", "chinese" for "China").
  const namesIn = articleRuns.flatMap((r) => r.norms);
  const isName = (w: Word, i: number) => (i > 0 && isCap(w)) || namesIn.some((n) => wordMatch(w.norm, n));
  const qualifiers = q.slice(h + 2, j).filter((w, i) => !NOT_QUALIFIER.test(w.norm) && isName(w, h + 2 + i));
  // "how many firms in China": a name after the noun's preposition qualifies it too.
  const trailing = /^(in|from)$/.test(q[j + 1]?.norm ?? '') ? q.slice(j + 2, j + 5).filter((w, i) => isName(w, j + 2 + i)) : [];
  qualifiers.push(...trailing);
  if (!qualifiers.length) return undefined;
  // What the question counts, as typed: "Chinese firms", "firms in India".
  const [from, to] = trailing.length ? [q[j]!, trailing[trailing.length - 1]!] : [qualifiers[0]!, q[j]!];
  const asked = question.slice(from.start, to.start + to.text.length);
  const same = (a: Word, b: Word) => wordMatch(a.norm, b.norm) || aliasWords(b.norm).includes(a.norm) || aliasWords(a.norm).includes(b.norm);
  const between = s.slice(at.n + 1, at.k);
  const after = s.slice(at.k + 1, at.k + 3);
  if (qualifiers.every((qw) => between.some((w) => same(qw, w)) || (/^(in|from|of)$/.test(after[0]?.norm ?? '') && after.slice(1).some((w) => same(qw, w))))) return undefined;
  // More than asked: the name is one of a list after the counted noun. (Another name before the
  // noun, "4,500 North Korean troops" for "US troops", is the people's-name check's, above.)
  const named = s.findIndex((w, i) => i > at.k && qualifiers.some((qw) => same(qw, w)));
  if (named < 0) return undefined;
  const listed = (i: number) => isCap(s[i]) && (s[i - 1]?.norm === ',' || s[i + 1]?.norm === ',' || /^(and|or)$/.test(s[i - 1]?.norm ?? '') || /^(and|or)$/.test(s[i + 1]?.norm ?? ''));
  if (!listed(named)) return undefined;
  // The count's phrase through the end of the list: "398 firms across Russia, India, China and more than a dozen other nations".
  // It runs on past commas that go on listing names, and stops at any other comma or break.
  const goesOn = (i: number) => (s[i]!.norm === ',' ? isCap(s[i + 1]) : !/^[;:—–]$/.test(s[i]!.norm));
  let end = named;
  while (end + 1 < s.length && goesOn(end + 1)) end++;
  const last = s[end]!;
  return { kind: 'scope', asked, found: sentence.slice(s[at.n]!.start, last.start + last.text.length) };
}

/** Ordinals: "the fifth session" is not "the fourth Session". */
const ORDINAL_MODIFIER = /^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last)$/;
/** Adjectives of a field: a "political advisor" is not a "military advisor". */
const FIELD_MODIFIER = /^(political|military|economic|religious|cultural|social|financial|legal|civil|naval|scientific|academic|commercial|industrial|agricultural|medical|diplomatic|judicial|legislative|administrative)$/;
/** A small count in one word, digits or letters ("two", "12", "one" right before its noun); not a year. */
function countOf(word: string): number | undefined {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  if (word === 'one') return 1;
  if (!/^[a-z]+$/.test(word) || !isNumberWord(word) || word.endsWith('s')) return undefined;
  const v = numberValues(word);
  return v.length === 1 && v[0]! < 1000 ? v[0] : undefined;
}

/** Adjectives of reach, by rank: a "global list" is not a "regional list"; "worldwide" is "global". */
const REACH: Readonly<Record<string, number>> = { local: 1, municipal: 1, regional: 2, provincial: 2, national: 3, federal: 3, nationwide: 3, international: 4, global: 4, worldwide: 4 };

/** Two modifiers of one kind that tell different things apart (names, ordinals, fields, reaches), or one the denial of the other ("non-eligible"). */
function modifiersDiffer(asked: Word, said: Word): boolean {
  const a = asked.norm;
  const b = said.norm;
  // Counts: "elects two MSPs" is not "elects one MSP".
  const ca = countOf(a);
  const cb = countOf(b);
  if (ca !== undefined || cb !== undefined) return ca !== undefined && cb !== undefined && ca !== cb;
  if (a === `non-${b}` || a === `non${b}` || b === `non-${a}` || b === `non${a}`) return true;
  if (/^non-?/.test(a) || /^non-?/.test(b)) return false;
  // A typo or another form of the same word: "Intercolleiate", "Hamaz", "Lor".
  if (sameNameWord(a, b) || sameNameWord(b, a) || oneTypo(a, b)) return false;
  // Names: a sentence's first word is capitalised whatever it is ("Several families").
  if (isNameCap(asked) && isNameCap(said) && !said.lead) return true;
  // Ordinals in any case: "the last Sino-Japanese War" is not "the Second Sino-Japanese War".
  if (ORDINAL_MODIFIER.test(a) && ORDINAL_MODIFIER.test(b)) return true;
  if (isCap(asked) !== isCap(said) && !asked.lead) return false;
  if (FIELD_MODIFIER.test(a) && FIELD_MODIFIER.test(b)) return true;
  const ra = entryOf(REACH, a);
  const rb = entryOf(REACH, b);
  return ra !== undefined && rb !== undefined && ra !== rb;
}

/** The modifier and its head as written, with the rest of a name they end ("United Kingdom Parliament", not "Kingdom Parliament"). */
function phraseTo(text: string, words: readonly Word[], head: number): string {
  let from = head - 1;
  // Not a sentence's first word, capitalised whatever it is ("Radical Islamist organizations").
  while (from > 0 && isNameCap(words[from]) && isNameCap(words[from - 1]) && !words[from - 1]!.lead && !COMMON_CAPS.test(words[from - 1]!.norm)) from--;
  return text.slice(words[from]!.start, words[head]!.start + words[head]!.text.length);
}

/**
 * The question names its thing by a head noun and a modifier ("United States Parliament", "fifth
 * session", "political advisor"); the sentence has the same head with another modifier of the same
 * kind ("United Kingdom Parliament", "fourth Session", "military advisor"), the question's modifier
 * is nowhere in it, and no source puts the question's modifier before that head.
 */
function modifierSwapped(question: string, first: PremiseEvidence, evidence: readonly PremiseEvidence[]): PremiseConflict | undefined {
  const q = wordsOf(question);
  const s = wordsOf(first.sentence);
  const content = (w: Word | undefined) => !!w && /^\p{L}[\p{L}-]*$/u.test(w.text) && w.norm.length > 2 && !STOPWORDS.has(w.norm) && !isNumberWord(w.norm);
  // A modifier may be a count ("two MSPs", "3 seats"); the head may not.
  const modifier = (w: Word | undefined) => content(w) || (!!w && countOf(w.norm) !== undefined);
  const sameWord = (a: string, b: string) => stemOf(a) === stemOf(b) || samePeople(a, b) || (countOf(a) !== undefined && countOf(a) === countOf(b));
  let articles: (readonly Word[])[] | undefined;
  // The head is a noun in both: "why did the BBC sack ..." against "the British Broadcasting Corporation sacked" names no thing.
  let qTags: ReturnType<typeof tokenize> | undefined;
  let sTags: ReturnType<typeof tokenize> | undefined;
  const verbIn = (tags: ReturnType<typeof tokenize>, w: Word) => tags.find((t) => t.start === w.start)?.pos === 'VERB';
  for (let j = 1; j < q.length; j++) {
    const head = q[j]!;
    const mod = q[j - 1]!;
    if (!content(head) || !modifier(mod)) continue;
    const k = s.findIndex((w, i) => i > 0 && sameWord(w.norm, head.norm) && modifier(s[i - 1]) && modifiersDiffer(mod, s[i - 1]!));
    if (k < 0) continue;
    qTags ??= tokenize(question);
    sTags ??= tokenize(first.sentence);
    if (verbIn(qTags, head) || verbIn(sTags, s[k]!)) continue;
    const other = s[k - 1]!;
    // The question's modifier anywhere in the sentence keeps it ("Parliament of the United States");
    // the sentence's in the question is part of a longer name ("East *India* Trading Company") or one of a choice.
    if (s.some((w) => sameWord(w.norm, mod.norm)) || q.some((w) => sameWord(w.norm, other.norm))) continue;
    articles ??= evidence.map((e) => wordsOf(`${e.sentence}\n${e.article}`));
    if (articles.some((words) => words.some((w, i) => i > 0 && sameWord(w.norm, head.norm) && sameWord(words[i - 1]!.norm, mod.norm)))) continue;
    return { kind: 'attribute', asked: phraseTo(question, q, j), found: phraseTo(first.sentence, s, k) };
  }
  return undefined;
}

/** Nouns of a relation between two people: "X's son" and "X, Y's son" say opposite things of X. */
const RELATION_NOUN = /^(son|daughter|father|mother|wife|husband|brother|sister|nephew|niece|uncle|aunt|grandson|granddaughter|grandfather|grandmother|cousin|heir|successor|predecessor|widow|stepson|stepfather|stepmother|stepdaughter)$/;

/**
 * The question asks for a person's relation ("Who was Bohemond's son?"); the sentence makes that
 * person the one who holds it ("Bohemond, Robert's son", "his nephew Tancred") and never names the
 * relation as theirs.
 */
function relationSwapped(question: string, sentence: string): PremiseConflict | undefined {
  const q = wordsOf(question);
  const at = q.findIndex((w, i) => i > 0 && RELATION_NOUN.test(w.norm) && /['’]s$/.test(q[i - 1]!.text) && isNameCap(q[i - 1]));
  if (at < 0) return undefined;
  const relation = q[at]!.norm;
  const qRun = capitalRuns(q).find((r) => r.to === at - 1);
  if (!qRun) return undefined;
  const s = wordsOf(sentence);
  const runs = capitalRuns(s);
  const isPerson = (r: Run | undefined) => !!r && nameIn(qRun.norms, r);
  let found: string | undefined;
  for (let k = 1; k < s.length; k++) {
    if (s[k]!.norm !== relation) continue;
    const owner = runs.find((r) => r.to === k - 1 && /['’]s$/.test(s[r.to]!.text));
    // The question's person as the owner ("Bohemond's son"), or right before "his son": the premise holds.
    if (isPerson(owner)) return undefined;
    // "Bohemond, Robert's son": the name before the comma is the son.
    const holder = owner && s[owner.from - 1]?.norm === ',' ? runs.find((r) => r.to === owner.from - 2) : undefined;
    if (isPerson(holder)) found ??= sentence.slice(s[holder!.from]!.start, s[k]!.start + s[k]!.text.length);
    // "his nephew Tancred", "Robert's son Bohemond": the name right after the relation holds it.
    const after = runs.find((r) => r.from === k + 1);
    if ((owner || /^(his|her|their)$/.test(s[k - 1]!.norm)) && isPerson(after)) found ??= sentence.slice(s[k - 1]!.start, s[after!.to]!.start + s[after!.to]!.text.length);
  }
  return found ? { kind: 'attribute', asked: question.slice(q[at - 1]!.start, q[at]!.start + q[at]!.text.length), found } : undefined;
}

const ROMAN_NUMERAL = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;
const isNumeral = (w: Word | undefined) => !!w && w.text.length > 0 && ROMAN_NUMERAL.test(w.text);
const isYear = (w: Word | undefined) => !!w && /^1\d{3}$|^20\d{2}$/.test(w.norm);

/**
 * Where the question's thing is told apart by a numeral after a name ("Elizabeth I", "George V")
 * or by a month before a year ("March 1999"), and the sentence has the same name or year with
 * another ("Elizabeth II", "May 1999") while no source has the question's.
 * Returns the pair's index in a text's words: the varying word and the fixed one.
 */
function numberingAt(words: readonly Word[], i: number): { vary: number; fixed: number } | undefined {
  const w = words[i]!;
  if (isNumeral(w) && i > 0 && isNameCap(words[i - 1]) && !isNumeral(words[i - 1])) return { vary: i, fixed: i - 1 };
  if (MONTH.test(w.norm) && isCap(w) && isYear(words[i + 1])) return { vary: i, fixed: i + 1 };
  return undefined;
}

function numberingSwapped(question: string, first: PremiseEvidence, evidence: readonly PremiseEvidence[]): PremiseConflict | undefined {
  const pairs = (words: readonly Word[]) => words.map((_, i) => numberingAt(words, i)).filter((p): p is { vary: number; fixed: number } => !!p);
  const q = wordsOf(question);
  const qPairs = pairs(q);
  if (!qPairs.length) return undefined;
  const s = wordsOf(first.sentence);
  const sPairs = pairs(s);
  if (!sPairs.length) return undefined;
  // The sources' words only when both the question and the sentence number a name or a date.
  const sources = evidence.map((e) => wordsOf(`${e.sentence}\n${e.article}`));
  for (const p of qPairs) {
    const fixed = q[p.fixed]!.norm;
    const vary = q[p.vary]!.text.toLowerCase();
    const other = sPairs.find((o) => s[o.fixed]!.norm === fixed && s[o.vary]!.text.toLowerCase() !== vary);
    if (!other) continue;
    // A source with the question's own numbering ("Elizabeth I" elsewhere in the article) keeps it.
    if (sources.some((words) => pairs(words).some((o) => words[o.fixed]!.norm === fixed && words[o.vary]!.text.toLowerCase() === vary))) continue;
    return { kind: 'attribute', asked: numberingText(question, q, p), found: numberingText(first.sentence, s, other) };
  }
  return undefined;
}

/** The pair as written, with a day before a month ("12 May 1999"). */
function numberingText(text: string, words: readonly Word[], p: { vary: number; fixed: number }): string {
  let from = Math.min(p.vary, p.fixed);
  if (p.vary < p.fixed && /^\d{1,2}$/.test(words[from - 1]?.norm ?? '')) from--;
  const to = words[Math.max(p.vary, p.fixed)]!;
  return text.slice(words[from]!.start, to.start + to.text.length);
}
