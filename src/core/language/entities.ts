// Named entities and numeric facts of one sentence: people, places and organisations from
// compromise; numbers, dates, money and percentages from wink-nlp.
import { getCompromise, getCompromiseWorld, getWinkFor } from './nlp.ts';
import type { WinkEntity } from './sentences.ts';
import { nameContext, namesIn } from './name-tagger.ts';
import { isNumberWord } from './numbers.ts';
import { HAS_UPPER } from './words.ts';

export type EntityKind = 'person' | 'place' | 'organization' | 'number' | 'money' | 'percent' | 'date' | 'time' | 'duration' | 'ordinal';

export interface Entity {
  kind: EntityKind;
  text: string;
  start: number;
  end: number;
}

const WINK_KINDS: Record<string, EntityKind> = {
  CARDINAL: 'number',
  MONEY: 'money',
  PERCENT: 'percent',
  DATE: 'date',
  TIME: 'time',
  DURATION: 'duration',
  ORDINAL: 'ordinal',
};

/** Names ending like these are organisations whatever the tagger thought ("State Department"). */
const ORG_SUFFIX = /\b(Department|Ministry|Agency|Council|Committee|Commission|Company|Corp\.?|Corporation|Inc\.?|Ltd\.?|Bank|University|College|Party|Association|Institute|Office|Bureau|Service|Group|Union|Court|Parliament|Congress|Senate)$/;

const TRIM = /^[\s"'“”‘’(),.;:!?-]+|[\s"'“”‘’(),.;:!?-]+$/g;

function cleanName(raw: string): string {
  let t = raw.replace(TRIM, '').replace(/['’]s$/, '');
  // Keep the dot of abbreviations such as "U.S." that TRIM took off.
  if (/(?:^|\s)(?:\p{Lu}\.)+\p{Lu}$/u.test(t) && raw.includes(`${t}.`)) t += '.';
  return t;
}

/** Loads the taggers before an article's time budget starts counting (loading is not analysing). */
export function loadAnalysers(): void {
  getWinkFor('sentences+entities');
  getCompromiseWorld();
}

function locate(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at >= 0 ? at : text.indexOf(needle);
}

/** Numbers, dates, money... as wink found them in the sentence, with offsets. */
function numericEntities(sentence: string, found: readonly WinkEntity[]): Entity[] {
  const out: Entity[] = [];
  let cursor = 0;
  for (const e of found) {
    const kind = WINK_KINDS[e.type];
    if (!kind) continue;
    const at = locate(sentence, e.value, cursor);
    if (at < 0) continue;
    out.push({ kind, text: e.value, start: at, end: at + e.value.length });
    cursor = at + e.value.length;
  }
  return out;
}

/** Names that overlap no entity already found, organisations recognised by their endings. */
function withNames(out: Entity[], names: readonly Entity[]): Entity[] {
  for (const n of names) {
    if (out.some((o) => n.start < o.end && o.start < n.end)) continue;
    out.push({ ...n, kind: ORG_SUFFIX.test(n.text) ? 'organization' : n.kind });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Entities of a sentence with compromise's full tagger for names: thorough but about 3 ms a
 * sentence (model replies are checked with it; ingest uses articleEntities).
 * `found`: wink's entities of this sentence when the sentence splitter already has them.
 */
export function entitiesOf(sentence: string, found: readonly WinkEntity[] = winkEntities(sentence)): Entity[] {
  const doc = getCompromise()(sentence);
  const named: [EntityKind, ReturnType<typeof doc.people>][] = [
    ['person', doc.people()],
    ['place', doc.places()],
    ['organization', doc.organizations()],
  ];
  const names: Entity[] = [];
  for (const [kind, view] of named) {
    for (const m of view.json({ offset: true })) {
      // compromise joins lists ("Russia, India, China"); each member is its own entity.
      for (const part of m.text.split(/,\s*|\s+and\s+/)) {
        const text = cleanName(part);
        if (!text || !HAS_UPPER.test(text)) continue;
        const from = m.offset?.start ?? 0;
        const at = locate(sentence, text, Math.max(0, from - 2));
        if (at < 0) continue;
        if (names.some((o) => at < o.end && o.start < at + text.length)) continue;
        names.push({ kind, text, start: at, end: at + text.length });
      }
    }
  }
  return withNames(numericEntities(sentence, found), names);
}

/**
 * Entities of an article's sentences for ingest: wink's numbers and dates, and names from the
 * word-list tagger (name-tagger.ts), with the whole article as context.
 */
export function articleEntities(sentences: readonly { text: string; entities: readonly WinkEntity[] }[]): Entity[][] {
  const ctx = nameContext(sentences.map((s) => s.text));
  return sentences.map((s) => withNames(numericEntities(s.text, s.entities), namesIn(s.text, ctx)));
}

function winkEntities(sentence: string): WinkEntity[] {
  const { nlp, its } = getWinkFor('entities');
  return nlp.readDoc(sentence).entities().out(its.detail) as WinkEntity[];
}

export interface NumericFact {
  /** As written, with its qualifier and unit: "as many as 12,000 troops". */
  text: string;
  value: number;
  unit: string;
}

/** Words that hedge an amount ("as many as 12,000"), as a pattern's alternatives: the answer keeps them. */
export const HEDGE_WORDS = 'as many as|as few as|more than|less than|fewer than|at least|at most|up to|nearly|almost|about|around|roughly|approximately|over|some|an estimated|a total of';
const QUALIFIER = new RegExp(`(?:${HEDGE_WORDS})\\s+$`, 'i');
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

const UNIT_STOP = /^(and|or|of|to|in|on|at|the|a|an|that|which|who|for|from|with|by|as|is|are|was|were|have|has|had|will|would|could|be|been|than|this|its|their)$/i;
/** Plurals without an s: "800,000 people" counts people, and "visit" after it is the verb. */
const PLURAL_WITHOUT_S = /^(people|children|men|women|police|staff|personnel|crew|cattle|sheep|deer|fish|feet|teeth|mice|geese|criteria|bacteria|alumni)$/i;
/** A plural noun with an s ends the unit ("12,000 troops"); "basis", "status" are not plurals. */
const isPluralNoun = (w: string): boolean => /[^siu]s$/.test(w) && w.length > 3;
/** A word without the punctuation that closes it: "nations." ends the sentence and the unit. */
const withoutClosing = (raw: string): string => raw.replace(/[.,;:!?)"”’]+$/, '');
/**
 * Whether a word ends the unit: a plural noun, or a plural without an s that is not a modifier of the
 * plural after it ("800,000 people visit" but "20 police officers").
 */
const endsUnit = (w: string, next: string | undefined): boolean => isPluralNoun(w) || (PLURAL_WITHOUT_S.test(w) && !isPluralNoun(withoutClosing(next ?? '')));
/** A word a unit can hold: a word of letters, not a function word. */
const isUnitWord = (w: string): boolean => /^[A-Za-z][\w-]*$/.test(w) && !UNIT_STOP.test(w);

/** The words naming what a number counts, from the text after it: "other nations" of "a dozen other nations and ...". */
function unitWordsOf(after: string): string[] {
  const words = after.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const [i, raw] of words.slice(0, 3).entries()) {
    const w = withoutClosing(raw);
    if (/^(and|or)$/i.test(w) && out.length) return [...out, ...coordinated(w, words.slice(i + 1))];
    if (!isUnitWord(w)) break;
    out.push(w);
    if (w !== raw || endsUnit(w, words[i + 1])) break;
  }
  return out;
}

/** "50,000 current and former drivers": the words after "and" up to the plural they share, or none. */
function coordinated(conjunction: string, rest: readonly string[]): string[] {
  const out = [conjunction];
  for (const raw of rest.slice(0, 2)) {
    const w = withoutClosing(raw);
    if (!isUnitWord(w)) return [];
    out.push(w);
    if (endsUnit(w, undefined)) return out;
    if (w !== raw) return [];
  }
  return [];
}

/**
 * An amount in words as the sentence puts it, with its qualifier, and with what it counts when that
 * is the thing asked for (`counted`, a test of a word): "a dozen" in "... and more than a dozen other
 * nations" → "more than a dozen other nations" for "how many countries", "almost two hours" for "how
 * long"; not "seven year stint" nor "two members" for "how many votes". Undefined when the sentence
 * does not have it.
 */
export function amountAsWritten(amount: string, sentence: string, counted: (word: string) => boolean): string | undefined {
  const at = sentence.indexOf(amount);
  if (at < 0) return undefined;
  const qual = QUALIFIER.exec(sentence.slice(0, at))?.[0] ?? '';
  // Only a bare number takes the words after it: "eight hours" has its unit already.
  const bare = isNumberWord(amount.split(/[\s-]+/).pop()!.toLowerCase()) || /\bdozen$/i.test(amount);
  const unitWords = bare ? unitWordsOf(sentence.slice(at + amount.length).replace(/^[^\s\w]+/, '')) : [];
  const unit = unitWords.length && counted(unitWords[unitWords.length - 1]!) ? ` ${unitWords.join(' ')}` : '';
  return `${qual}${amount}${unit}`.trim();
}

/** Numbers with the thing they count ("398 firms"), amounts of money and percentages. */
export function numericFacts(sentence: string): NumericFact[] {
  const facts: NumericFact[] = [];
  const re = /(\$|€|£)?\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(thousand|million|billion|trillion))?(%|\s+percent)?(?:\s+((?:[A-Za-z][\w-]*\s+){0,2}[a-z][\w-]*))?/g;
  for (const m of sentence.matchAll(re)) {
    const [whole, currency, digits, scale, percent, tail] = m;
    const start = m.index;
    // Years and day numbers in dates are not quantities.
    const num = Number(digits!.replace(/,/g, '')) * (scale ? SCALE[scale.toLowerCase()]! : 1);
    const before = sentence.slice(0, start);
    if (!currency && !percent && !scale && /^(1[89]|20)\d\d$/.test(digits!)) continue;
    if (/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$/i.test(before)) continue;
    // "Category 3", "Article 5": a number inside a name is not a quantity.
    const named = /\b([A-Z][a-z]+)\s+$/.exec(before);
    if (!currency && named && !QUALIFIER.test(`${named[1]!.toLowerCase()} `)) continue;
    const qual = QUALIFIER.exec(before)?.[0] ?? '';
    let unit = '';
    let text: string;
    if (currency) {
      unit = 'money';
      text = `${currency}${digits}${scale ? ` ${scale}` : ''}`;
    } else if (percent) {
      unit = 'percent';
      text = `${digits}${percent.trim() === '%' ? '%' : ' percent'}`;
    } else {
      // Keep adjectives and nouns up to the noun: "12,000 troops", "274 companies", "two-year war" is not here (digits only).
      // The unit reads on past the match's few words: "50,000 current and former drivers".
      const unitWords = tail ? unitWordsOf(sentence.slice(start + whole.length - tail.length)) : [];
      if (!unitWords.length) continue;
      unit = unitWords.join(' ');
      text = `${digits}${scale ? ` ${scale}` : ''} ${unit}`;
    }
    facts.push({ text: `${qual}${text}`.trim(), value: num, unit });
  }
  return facts;
}
