// Choosing the answer span: every plausible span of a sentence (typed entities, numeric facts,
// years, capitalised names, noun phrases) described by a few features and scored by weights fitted
// on the SQuAD dev split. The hand-written fit of spans.ts is one of the features.
import type { Entity } from '../language/entities.ts';
import { numericFacts } from '../language/entities.ts';
import { NUMBER_IN_WORDS, TIMES_IN_A_WORD } from '../language/numbers.ts';
import { synonymsOf } from '../language/synonyms.ts';
import { stemOf, type Token } from '../language/tokens.ts';
import { asksAmount, TYPE_ENTITIES, type QuestionAnalysis } from './question.ts';
import { askedRole, rolePositions } from './span-roles.ts';

/** What the sentence ranking's span fit reads (the ranking's weights were fitted with these). */
export const SPAN_RANK_FEATURES = [
  'heuristic', 'kindFirst', 'kindOther', 'kindWrong', 'unitFit', 'year', 'proper', 'phrase', 'list', 'pluralList',
  'prox', 'leftAdj', 'rightAdj', 'afterLast', 'beforeFirst', 'focusBeside', 'naming', 'words', 'single', 'parens', 'qOverlap',
  'gapAfter', 'gapBefore', 'gapAfterNext', 'gapBeforeNext',
] as const;
/**
 * Every span feature: the answer span inside the chosen sentence is picked by a model over all of
 * them (the question's words around the span, clause breaks, nesting, the word before it). Kept out
 * of the ranking: there they cost about a point of news top-1 (docs/evaluation.md).
 */
export const SPAN_FEATURES = [
  ...SPAN_RANK_FEATURES,
  'nearTerms', 'punctBetween', 'inside', 'contains', 'prepLink', 'prevMatched', 'nextMatched', 'pronoun', 'gapAfterNear', 'gapBeforeNear',
  'appositive', 'copulaBefore', 'focusInside', 'afterLastNear',
  'roleObject', 'roleSubject', 'orderAgree', 'namingAsked', 'quoted', 'gapAfterNoun', 'gapBeforeNoun',
] as const;
/**
 * The features only the answer span of "what" questions reads (typed questions' answer span and
 * the gate keep weight 0 on them): the span's role to the question's verb, the question's words on
 * the gap's sides, a name asked for, a quoted span, a gap read after a noun (docs/evaluation.md,
 * thirteenth round).
 */
export const WHAT_SPAN_FEATURES = ['roleObject', 'roleSubject', 'orderAgree', 'namingAsked', 'quoted', 'gapAfterNoun', 'gapBeforeNoun'] as const satisfies readonly SpanFeature[];
export type SpanFeature = (typeof SPAN_FEATURES)[number];
export type SpanFamily = 'typed' | 'other';

export interface SpanCandidate {
  text: string;
  start: number;
  end: number;
  features: Record<SpanFeature, number>;
}

/** Entity kinds that are amounts. */
const NUMERIC = new Set(['number', 'money', 'percent']);
/** Units of time: what "how long did ..." asks for ("for 10 minutes", "a 16-week curfew"). */
const TIME_UNIT = /^(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ies)|season|game|match)(?:s)?$/;

const DURATION_PHRASE = new RegExp(String.raw`\b(?:\d+(?:\.\d+)?|an?|${NUMBER_IN_WORDS}|hundred)(?:-| )(?:and-a-half-)?(?:second|minute|hour|day|night|week|month|year|decade)s?\b(?!-old)`, 'gi');

const NUMBER_WORD = String.raw`(?:\d{1,3}|${NUMBER_IN_WORDS})`;
/**
 * How a story gives an age: "an 86-year-old nun" (the years alone answer), "his four-month-old son"
 * (a baby's age needs its unit), "died at the age of 66", "Klopp, 47, announced".
 */
const AGE_YEARS = new RegExp(String.raw`\b(${NUMBER_WORD})-years?-old\b`, 'gi');
const AGE_OTHER = new RegExp(String.raw`\b${NUMBER_WORD}-(?:month|week|day)s?-old\b`, 'gi');
const AGE_STATED = new RegExp(String.raw`(?:\baged|\bage of|\p{Lu}[\p{L}'’-]+,)\s(\d{1,3}),?`, 'gu');

// Units by what a measure question asks ("how fast" wants mph, "how heavy" kilos or pounds). A bare
// "m", "in" or "g" is left out: too often a word or a money scale ("£40m").
const LENGTH = String.raw`feet|foot|ft|inch(?:es)?|yards?|miles?|metres?|meters?|km|kilometres?|kilometers?|cm|centimetres?|millimetres?|mm|storeys?|stor(?:y|ies)|floors?`;
const SPEED = String.raw`mph|km\/h|kph|kmh|knots?|miles? (?:per|an|a) hour|metres? (?:per|a) second`;
const WEIGHT = String.raw`lbs?|kg|kilos?|kilogra(?:m|mme)s?|grams?|stones?|tons?|tonnes?|ounces?|oz`;
const AREA = String.raw`acres?|hectares?|square (?:feet|foot|metres?|meters?|miles?|kilometres?|km)|sq ft|sq m`;
const VOLUME = String.raw`litres?|liters?|gallons?|barrels?|pints?|cubic (?:feet|metres?|meters?)`;
const PERCENT = String.raw`per ?cent|percentage points?|%`;
/** A lead or a gap in a contest: "a 27-point lead", "12 strokes back". */
const MARGIN = String.raw`points?|strokes?|shots?|goals?|runs?|lengths?|places?|seats?|votes?`;
const MONEY_WORD = String.raw`dollars?|euros?|pounds sterling|yuan|rupees?|pence`;
const MEASURE_UNITS: Record<string, string> = {
  fast: SPEED,
  far: `${LENGTH}|${MARGIN}`,
  tall: LENGTH,
  high: `${LENGTH}|${PERCENT}`,
  deep: LENGTH,
  wide: LENGTH,
  heavy: `${WEIGHT}|pounds`,
  big: `${LENGTH}|${AREA}|${WEIGHT}|${MARGIN}|${PERCENT}|${VOLUME}|${MONEY_WORD}`,
  large: `${LENGTH}|${AREA}|${WEIGHT}|${MARGIN}|${PERCENT}|${VOLUME}|${MONEY_WORD}`,
  much: `${WEIGHT}|${PERCENT}|${VOLUME}|${MONEY_WORD}`,
};
/** Measures whose answer may be a sum of money ("how big was the bailout" → £46billion). */
const MONEY_MEASURE = new Set(['big', 'large', 'much']);
const AMOUNT_NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|${NUMBER_IN_WORDS}|hundred)`;
const SCALE = String.raw`(?:\s?(?:thousand|million|billion|trillion)|bn|m|k)`;
/** A sum of money however it is written: "$40 billion", "£5.14billion", "£1.2m", "£12,000". */
const MONEY_AMOUNT = new RegExp(String.raw`[$€£]\d[\d,]*(?:\.\d+)?(?:${SCALE}\b)?`, 'gi');

/**
 * "How big / far / fast / heavy / much ...?" asks for an amount in its units: the word after "how"
 * names the measure, undefined when the question is not one.
 */
export function measureOf(q: QuestionAnalysis): string | undefined {
  if (q.type !== 'number' && q.type !== 'money') return undefined;
  const m = /\bhow\s+(big|large|tall|high|far|fast|heavy|deep|wide|much)\b/i.exec(q.text);
  if (m) return m[1]!.toLowerCase();
  return q.focus ? MEASURE_NOUNS.get(q.focus) : undefined;
}

/** "What's the wind speed ...?" asks what "how fast ...?" asks: the measure a noun names. */
const MEASURE_NOUNS = new Map<string, string>([
  ['speed', 'fast'], ['speeds', 'fast'], ['velocity', 'fast'],
  ['height', 'tall'], ['heights', 'tall'], ['altitude', 'high'],
  ['distance', 'far'], ['depth', 'deep'], ['width', 'wide'],
  ['weight', 'heavy'], ['size', 'big'], ['area', 'big'],
]);

/**
 * The amounts in the measure's units, as a story writes them: "115 mph", "20kg", "nine metres",
 * hyphenated before a noun ("a 27-point lead", "a 30-foot wall"), "13 per cent".
 */
function measuredAmounts(sentence: string, measure: string): { start: number; end: number; money: boolean }[] {
  const out = amountsIn(sentence, MEASURE_UNITS[measure]!).map((a) => ({ start: a.start, end: a.end, money: false }));
  if (MONEY_MEASURE.has(measure)) for (const m of sentence.matchAll(MONEY_AMOUNT)) out.push({ start: m.index, end: m.index + m[0].length, money: true });
  return out;
}

function amountsIn(sentence: string, units: string): { start: number; end: number; unit: string }[] {
  const re = new RegExp(String.raw`\b${AMOUNT_NUMBER}(?:${SCALE})?(?:-|\s)?(${units})(?![\p{L}\p{N}])`, 'giu');
  return [...sentence.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length, unit: m[1]! }));
}

/** Every unit a measured amount is given in: what a count is not. */
const ANY_MEASURE = [LENGTH, SPEED, WEIGHT, AREA, VOLUME, PERCENT].join('|');
/** Units no time is given in (a length can answer "how long"). */
const NOT_A_DURATION = [SPEED, WEIGHT, AREA, VOLUME, PERCENT].join('|');

/**
 * "How many structures ...?" asks for a count: the amounts of the sentence measured in units
 * ("about 20,000 acres", "60 mph", "12 per cent") count no structures. Units that are the counted
 * thing ("how many miles") are kept.
 */
function measuredNotCounted(sentence: string, q: QuestionAnalysis): { start: number; end: number }[] {
  // "How long did the fire burn?" asks for a time (or, "how long is the bridge", a length): "about
  // 20,000 acres", "60 mph", "12 per cent" are no answer to it.
  if (wantsDuration(q)) return amountsIn(sentence, NOT_A_DURATION);
  if (q.type !== 'number' || !q.focus || !/\bhow many\b/i.test(q.text)) return [];
  const focus = stemOf(q.focus);
  const syn = synonymsOf(focus);
  return amountsIn(sentence, ANY_MEASURE).filter((a) => {
    const unit = stemOf(a.unit.toLowerCase().split(/\s+/).pop()!);
    return unit !== focus && !syn.has(unit);
  });
}

const ALL_LETTERS = /^\p{L}+$/u;

/**
 * "What category is Rafael?" against "a Category 3 storm": the asked noun with the number or letter
 * that tells which one ("Category 3", "Level 4", "Stage IV", "Group B") is the answer.
 */
export function focusNumbers(sentence: string, q: QuestionAnalysis): { start: number; end: number }[] {
  if (q.type !== 'other' || !q.focus || !ALL_LETTERS.test(q.focus)) return [];
  // The noun as the text writes it, in either case; a capitalised word after the number makes it a title ("the film 50 First Dates").
  const re = new RegExp(String.raw`\b(?:${q.focus}|${q.focus[0]!.toUpperCase()}${q.focus.slice(1)})\s+(?:\d+[a-z]?|[IVX]+|[A-Z])(?![\p{L}\p{N}])(?!\s+\p{Lu})`, 'gu');
  return [...sentence.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** "How old ...?" asks for an age, which stories give in a few set ways. */
export function wantsAge(q: QuestionAnalysis): boolean {
  return q.type === 'number' && /^how old\b/i.test(q.text);
}

/** "How long ...?" asks for a duration: a number of minutes, days or years ranks above a bare count. */
export function wantsDuration(q: QuestionAnalysis): boolean {
  return q.type === 'number' && /^how long\b/i.test(q.text);
}

/** "has won the title twice": a count of occasions in one word. */
const TIMES_WORD = new RegExp(String.raw`\b(?:${TIMES_IN_A_WORD.join('|')})\b`, 'gi');

/** "How many times ...?" counts occasions, which stories often give in one word: where the sentence does. */
export function timesWords(sentence: string, q: QuestionAnalysis): { start: number; end: number }[] {
  if (q.type !== 'number' || q.focus !== 'times') return [];
  return [...sentence.matchAll(TIMES_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The entity kinds that answer the question, best first: a duration first for "how long". */
export function wantedKinds(q: QuestionAnalysis): readonly string[] {
  const kinds = TYPE_ENTITIES[q.type];
  return wantsDuration(q) ? ['duration', ...kinds.filter((k) => k !== 'duration')] : kinds;
}

export const familyOf = (q: QuestionAnalysis): SpanFamily | undefined =>
  q.type === 'reason' || q.type === 'yesno' ? undefined : q.type === 'other' ? 'other' : 'typed';

interface Raw {
  start: number;
  end: number;
  kind?: string | undefined;
  unitFit?: boolean;
  year?: boolean;
  proper?: boolean;
  phrase?: boolean;
  list?: boolean;
  amount?: boolean;
}

/** A question asking what a thing is called. */
const NAME_ASKED = /\b(?:call|called|calls|name|named|names|known|term|termed|nickname[sd]?|dubbed|title[sd]?)\b/i;

const isWord = (t: Token) => t.kind !== 'punctuation' && /[\p{L}\p{N}]/u.test(t.norm);
const COPULA = /^(?:is|was|are|were|be|been|became|becomes|remains|remained)$/;
const LINK_PUNCT = /^[,(:—–-]$/;

/**
 * The span named by the question's words beside it, as an appositive or a copula: "the Royal China
 * Club, a restaurant in ...", "the Harvard Library, which is the world's largest ... library",
 */
function namedAfter(tokens: readonly Token[], matched: readonly boolean[], to: number): boolean {
  let k = to + 1;
  let linked = false;
  if (tokens[k] && LINK_PUNCT.test(tokens[k]!.text)) {
    k++;
    linked = true;
  }
  if (tokens[k] && /^(?:which|who|that)$/.test(tokens[k]!.norm)) k++;
  if (tokens[k] && COPULA.test(tokens[k]!.norm)) {
    k++;
    linked = true;
  }
  if (!linked) return false;
  if (tokens[k]?.pos === 'DET' || /^(?:one|among)$/.test(tokens[k]?.norm ?? '')) k++;
  for (let n = 0; n < 3 && tokens[k]; n++, k++) {
    if (matched[k]) return true;
    if (!/^(?:ADJ|ADV|NOUN|PROPN|NUM)$/.test(tokens[k]!.pos) && !/^['’]s$/.test(tokens[k]!.text) && tokens[k]!.pos !== 'DET') return false;
  }
  return false;
}

/** "The top performer was [Southwest Airlines]", "... is known as [X]": question words, a copula (or colon), the span. */
function namedBefore(tokens: readonly Token[], matched: readonly boolean[], from: number): boolean {
  let k = from - 1;
  if (tokens[k]?.pos === 'DET') k--;
  if (!tokens[k] || !(COPULA.test(tokens[k]!.norm) || tokens[k]!.text === ':')) return false;
  k--;
  if (tokens[k]?.pos === 'ADV') k--;
  return !!matched[k] || !!matched[k - 1];
}

export function spanCandidates(
  sentence: string,
  tokens: readonly Token[],
  matched: readonly boolean[],
  entities: readonly Entity[],
  q: QuestionAnalysis,
  heuristic: readonly { start: number; end: number; fit: number }[],
  extra: { proper: { start: number; end: number }[]; phrases: { start: number; end: number }[] },
): SpanCandidate[] {
  const raw: Raw[] = [];
  for (const e of entities) raw.push({ start: e.start, end: e.end, kind: e.kind });
  const duration = wantsDuration(q);
  if (asksAmount(q)) {
    const focusStem = q.focus ? stemOf(q.focus) : undefined;
    for (const f of numericFacts(sentence)) {
      const at = sentence.indexOf(f.text);
      if (at < 0) continue;
      const unitWord = f.unit.split(' ').pop() ?? '';
      const unitStem = stemOf(unitWord);
      const fits = (!!focusStem && (unitStem === focusStem || synonymsOf(focusStem).has(unitStem))) || (duration && TIME_UNIT.test(unitWord.toLowerCase()));
      // The amount itself ("12,000" of "as many as 12,000 troops"): the cited sentence gives the rest.
      const amount = /(?:[$€£])?\d[\d,.]*(?:\s+(?:thousand|million|billion|trillion))?(?:%|\s+percent)?/.exec(f.text);
      const start = amount ? at + amount.index : at;
      const end = amount ? start + amount[0].length : at + f.text.length;
      raw.push({ start, end, kind: f.unit === 'money' ? 'money' : f.unit === 'percent' ? 'percent' : 'number', unitFit: fits || f.unit === q.type });
    }
  }
  // Durations the taggers miss: "a 16-week curfew", "a three-year deal", "for an hour".
  if (duration) for (const m of sentence.matchAll(DURATION_PHRASE)) raw.push({ start: m.index, end: m.index + m[0].length, kind: 'duration', unitFit: true });
  for (const m of timesWords(sentence, q)) raw.push({ ...m, kind: 'number', unitFit: true });
  const measure = measureOf(q);
  const amounts = measure ? measuredAmounts(sentence, measure) : [];
  // For "how big / far / heavy" an amount in the asked units is the number asked for, whatever a
  // tagger calls it (£46billion is the size of the bailout). "How much" names its thing ("how much
  // rent", "how much aid"): a sum of money there is one amount among others, not the answer's kind.
  const sized = q.type === 'number' && measure !== 'much';
  for (const a of amounts) raw.push({ start: a.start, end: a.end, kind: sized || a.money ? wantedKinds(q)[0] : 'number', unitFit: true, amount: sized });
  if (wantsAge(q)) {
    for (const m of sentence.matchAll(AGE_YEARS)) raw.push({ start: m.index, end: m.index + m[1]!.length, kind: 'number', unitFit: true });
    for (const m of sentence.matchAll(AGE_OTHER)) raw.push({ start: m.index, end: m.index + m[0].length, kind: 'number', unitFit: true });
    for (const m of sentence.matchAll(AGE_STATED)) {
      const start = m.index + m[0].indexOf(m[1]!, m[0].length - m[1]!.length - 1);
      raw.push({ start, end: start + m[1]!.length, kind: 'number', unitFit: true });
    }
  }
  for (const m of focusNumbers(sentence, q)) raw.push({ start: m.start, end: m.end, phrase: true });
  if (q.type === 'date') for (const m of sentence.matchAll(/\b(1[0-9]{3}|20[0-9]{2})s?\b/g)) raw.push({ start: m.index, end: m.index + m[0].length, year: true });
  for (const p of extra.proper) raw.push({ ...p, proper: true });
  for (const p of extra.phrases) raw.push({ ...p, phrase: true });
  for (const h of heuristic) if (!raw.some((r) => r.start === h.start && r.end === h.end)) raw.push({ start: h.start, end: h.end, list: true });
  // The number cut out of an amount ("13" of "a 13-point lead", "46billion" of "£46billion") does not
  // say how big: the amount with its unit answers instead.
  const cut = (r: Raw) => amounts.some((a) => a.start <= r.start && a.end >= r.end && (a.start < r.start || a.end > r.end));
  // Beside an amount in the asked units, another count is not the size ("a 27-point lead over 14
  // other drivers").
  const count = (r: Raw) => !r.amount && !!r.kind && NUMERIC.has(r.kind);
  if (sized) for (let i = raw.length - 1; i >= 0; i--) if (cut(raw[i]!) || (amounts.length && count(raw[i]!))) raw.splice(i, 1);
  const measured = measuredNotCounted(sentence, q);
  if (measured.length) for (let i = raw.length - 1; i >= 0; i--) if (measured.some((a) => a.start <= raw[i]!.end && raw[i]!.start < a.end && count(raw[i]!))) raw.splice(i, 1);

  // A phrase cut after a possessive name starts at its "'s" ("'s closing session" of "O'Sullivan's
  // closing session"): the span starts after it.
  for (const r of raw) {
    const lead = /^['’]s\s+/.exec(sentence.slice(r.start, r.end));
    if (lead && r.start + lead[0].length < r.end) r.start += lead[0].length;
  }
  // One candidate per character range, with every way it was found.
  const byRange = new Map<string, Raw>();
  for (const r of raw) {
    const key = `${r.start}:${r.end}`;
    const seen = byRange.get(key);
    if (!seen) byRange.set(key, { ...r });
    else {
      seen.kind ??= r.kind;
      seen.unitFit ||= r.unitFit;
      seen.year ||= r.year;
      seen.proper ||= r.proper;
      seen.phrase ||= r.phrase;
      seen.list ||= r.list;
      if (r.amount) seen.kind = r.kind;
    }
  }

  const kinds = wantedKinds(q);
  const qStems = new Set(q.terms.map((t) => t.stem));
  const firstMatched = matched.indexOf(true);
  const lastMatched = matched.lastIndexOf(true);
  const focusStem = q.focus ? stemOf(q.focus) : undefined;
  const focusSyn = focusStem ? synonymsOf(focusStem) : undefined;
  const plural = !!q.focus && /s$/.test(q.focus) && stemOf(q.focus) !== q.focus;
  // Word positions (punctuation skipped) and the word positions of question-term matches.
  const wordAt: number[] = [];
  let n = 0;
  for (const t of tokens) {
    wordAt.push(n);
    if (isWord(t)) n++;
  }
  const matchedAt = tokens.map((_, i) => i).filter((i) => matched[i]);
  // Where the sentence has the words on either side of the question's gap.
  const at = (term: QuestionAnalysis['terms'][number] | undefined) => {
    if (!term) return [];
    const syn = synonymsOf(term.stem);
    return tokens.map((t, i) => (t.stem === term.stem || t.lemma === term.lemma || syn.has(t.stem) ? i : -1)).filter((i) => i >= 0);
  };
  const gapAfterAt = at(q.gap.after);
  const gapBeforeAt = at(q.gap.before);
  // The first content word after the word before the gap, and the last one before the word after it.
  const contentAt = tokens.map((t, i) => (isWord(t) && !t.stop ? i : -1)).filter((i) => i >= 0);
  const nextContent = new Set(gapAfterAt.map((i) => contentAt.find((j) => j > i)).filter((j) => j !== undefined));
  const prevContent = new Set(gapBeforeAt.map((i) => contentAt.filter((j) => j < i).pop()).filter((j) => j !== undefined));
  // Where each question term sits in the sentence: how many of them surround a span.
  const termAt = q.terms.map((t) => at(t));
  const ranges = [...byRange.values()];
  const asked = askedRole(q);
  const roles = asked ? rolePositions(tokens, asked) : undefined;
  // Which side of the gap each question word stands on: up to the word before the gap, before it; from the word after it, after.
  const gapAfterIdx = q.gap.after ? q.terms.indexOf(q.gap.after) : -1;
  const gapBeforeIdx = q.gap.before ? q.terms.indexOf(q.gap.before) : -1;
  const sideOf = (j: number): 'before' | 'after' | undefined => (gapAfterIdx >= 0 && j <= gapAfterIdx ? 'before' : gapBeforeIdx >= 0 && j >= gapBeforeIdx ? 'after' : undefined);
  const asksName = NAME_ASKED.test(q.text);
  // A gap read after a noun at the question's end ("... upon ascending the throne?") is less often where the answer is than one after a verb.
  const nounGap = (t: QuestionAnalysis['terms'][number] | undefined) => !!t && /^(?:NOUN|PROPN)$/.test(t.pos);
  const out: SpanCandidate[] = [];
  for (const r of byRange.values()) {
    const inside: { t: Token; i: number }[] = [];
    tokens.forEach((t, i) => {
      if (t.start >= r.start && t.end <= r.end) inside.push({ t, i });
    });
    const words = inside.filter(({ t }) => isWord(t));
    const content = words.filter(({ t }) => !t.stop);
    if (!content.length) continue;
    const overlap = content.filter(({ t }) => qStems.has(t.stem)).length / content.length;
    if (overlap === 1) continue; // the question's own words are not its answer
    const from = inside[0]!.i;
    const to = inside[inside.length - 1]!.i;
    const near = (lo: number, hi: number) => matchedAt.some((i) => i >= lo && i < hi && isWord(tokens[i]!));
    let d = Infinity;
    for (const i of matchedAt) {
      if (i >= from && i <= to) continue;
      d = Math.min(d, Math.abs(wordAt[i]! - (i < from ? wordAt[from]! : wordAt[to]!)));
    }
    // The matched word nearest the span, and whether a clause break (comma, semicolon, bracket) stands between them.
    let nearest = -1;
    for (const i of matchedAt) {
      if (i >= from && i <= to) continue;
      if (nearest < 0 || Math.abs(wordAt[i]! - wordAt[i < from ? from : to]!) < Math.abs(wordAt[nearest]! - wordAt[nearest < from ? from : to]!)) nearest = i;
    }
    const between = nearest < 0 ? [] : nearest < from ? tokens.slice(nearest + 1, from) : tokens.slice(to + 1, nearest);
    const wordsOff = (i: number) => (i < from ? wordAt[from]! - wordAt[i]! : i > to ? wordAt[i]! - wordAt[to]! : 0);
    const around = termAt.filter((ps) => ps.some((i) => (i < from || i > to) && wordsOff(i) <= 5)).length;
    // The word before the span, past a determiner or possessive: "with [democracy]", "the outpost of [Charlesfort]".
    let prev = from - 1;
    while (prev >= 0 && (tokens[prev]!.pos === 'DET' || /^['’]s$/.test(tokens[prev]!.text))) prev--;
    const rank = r.kind ? kinds.indexOf(r.kind as never) : -1;
    const h = heuristic.find((x) => x.start === r.start && x.end === r.end);
    const before = sentence.slice(Math.max(0, r.start - 20), r.start);
    // The question's words on the same side of the span as of the gap, less those on the other side only.
    let agree = 0;
    let sided = 0;
    termAt.forEach((ps, j) => {
      const side = sideOf(j);
      const outside = ps.filter((i) => i < from || i > to);
      if (!side || !outside.length) return;
      sided++;
      agree += outside.some((i) => (side === 'before' ? i < from : i > to)) ? 1 : -1;
    });
    const naming = /\b(called|named|known as|termed|dubbed|titled|entitled)\s+["“'‘]?$/i.test(before);
    const gapAfterNear = Math.max(0, ...gapAfterAt.filter((i) => i < from).map((i) => 1 / (1 + Math.max(0, wordAt[from]! - wordAt[i]! - 1) / 2)));
    const gapBeforeNear = Math.max(0, ...gapBeforeAt.filter((i) => i > to).map((i) => 1 / (1 + Math.max(0, wordAt[i]! - wordAt[to]! - 1) / 2)));
    const quoted = /["“'‘]$/.test(before) && /^["”'’]/.test(sentence.slice(r.end));
    out.push({
      text: sentence.slice(r.start, r.end),
      start: r.start,
      end: r.end,
      features: {
        heuristic: h?.fit ?? 0,
        kindFirst: rank === 0 ? 1 : 0,
        kindOther: rank > 0 ? 1 : 0,
        kindWrong: r.kind && rank < 0 ? 1 : 0,
        unitFit: r.unitFit ? 1 : 0,
        year: r.year ? 1 : 0,
        proper: r.proper ? 1 : 0,
        phrase: r.phrase ? 1 : 0,
        list: r.list ? 1 : 0,
        // "Which countries": a plural question wants every member of a list ("Russia, India, China").
        pluralList: plural && /,|\band\b/.test(sentence.slice(r.start, r.end)) ? 1 : 0,
        prox: Number.isFinite(d) ? 1 / (1 + d / 3) : 0,
        leftAdj: near(from - 3, from) ? 1 : 0,
        rightAdj: near(to + 1, to + 4) ? 1 : 0,
        afterLast: lastMatched >= 0 && from > lastMatched ? 1 : 0,
        beforeFirst: firstMatched >= 0 && to < firstMatched ? 1 : 0,
        focusBeside: focusStem && [...tokens.slice(Math.max(0, from - 3), from), ...tokens.slice(to + 1, to + 4)].some((t) => t.stem === focusStem || focusSyn!.has(t.stem)) ? 1 : 0,
        naming: naming ? 1 : 0,
        words: Math.min(words.length, 10) / 10,
        single: words.length === 1 ? 1 : 0,
        parens: /\(\s*$/.test(before) ? 1 : 0,
        qOverlap: overlap,
        // The span fills the gap: it follows the word before the gap ("charged with [incitement]")
        // or precedes the word after it ("[Bowman] was the director").
        gapAfter: gapAfterAt.some((i) => i < from && wordAt[from]! - wordAt[i]! <= 3) ? 1 : 0,
        gapBefore: gapBeforeAt.some((i) => i > to && wordAt[i]! - wordAt[to]! <= 3) ? 1 : 0,
        gapAfterNext: inside.some(({ i }) => nextContent.has(i)) ? 1 : 0,
        gapBeforeNext: inside.some(({ i }) => prevContent.has(i)) ? 1 : 0,
        nearTerms: q.terms.length ? around / q.terms.length : 0,
        punctBetween: between.some((t) => /^[,;:()[\]—–]$/.test(t.text)) ? 1 : 0,
        inside: ranges.some((o) => o !== r && o.start <= r.start && o.end >= r.end) ? 1 : 0,
        contains: ranges.some((o) => o !== r && o.start >= r.start && o.end <= r.end) ? 1 : 0,
        prepLink: prev >= 1 && tokens[prev]!.pos === 'ADP' && !!matched[prev - 1] ? 1 : 0,
        prevMatched: prev >= 0 && !!matched[prev] ? 1 : 0,
        nextMatched: to + 1 < tokens.length && !!matched[to + 1] ? 1 : 0,
        pronoun: inside.some(({ t }) => t.pos === 'PRON') ? 1 : 0,
        // How close the span follows the word before the gap, or precedes the word after it, in words
        // ("charged with undermining the [communist ideology]" is four words on).
        gapAfterNear,
        gapBeforeNear,
        appositive: namedAfter(tokens, matched, to) ? 1 : 0,
        copulaBefore: namedBefore(tokens, matched, from) ? 1 : 0,
        // "Battle of Sainte-Foy" for "what battle ...?": the asked noun with the words that say which.
        focusInside: focusStem && content.some(({ t }) => t.stem === focusStem || focusSyn!.has(t.stem)) && content.some(({ t }) => !qStems.has(t.stem)) ? 1 : 0,
        // Right after the sentence's last question word: "a creation of [Americans]", "a reserve of [$159 million]".
        afterLastNear: lastMatched >= 0 && from > lastMatched && wordAt[from]! - wordAt[lastMatched]! <= 2 ? 1 : 0,
        // The object or subject of the question's verb, as the question asks it (span-roles.ts).
        roleObject: roles && [...roles.after].some((i) => i >= from && i <= to) ? 1 : 0,
        roleSubject: roles && [...roles.before].some((i) => i >= from && i <= to) ? 1 : 0,
        orderAgree: sided ? agree / sided : 0,
        // "What is X called?" answered by the words after "known as", or a quoted title.
        namingAsked: asksName && (naming || quoted) ? 1 : 0,
        quoted: quoted ? 1 : 0,
        gapAfterNoun: nounGap(q.gap.after) ? gapAfterNear : 0,
        gapBeforeNoun: nounGap(q.gap.before) ? gapBeforeNear : 0,
      },
    });
  }
  return out;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function spanScore(c: SpanCandidate, w: Readonly<Record<SpanFeature | 'bias', number>>): number {
  let z = w.bias;
  for (const k of SPAN_FEATURES) z += w[k] * c.features[k];
  return sigmoid(z);
}
