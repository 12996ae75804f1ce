// Finding the answer inside a sentence: entities of the wanted type, numeric facts with the asked
// unit, noun phrases for "what" questions, clauses for "why". Every span is a substring of the sentence.
import type { Entity } from '../language/entities.ts';
import { numericFacts } from '../language/entities.ts';
import { synonymsOf } from '../language/synonyms.ts';
import { stemOf, type Token } from '../language/tokens.ts';
import { asksAmount, asksYear, pluralFocus, TYPE_ENTITIES, type QuestionAnalysis } from './question.ts';
import { familyOf, spanCandidates, spanScore, type SpanCandidate, type SpanFamily, type SpanFeature } from './span-model.ts';
import { SPAN_WEIGHTS } from './weights.ts';
import { OPENS_UPPER } from '../language/words.ts';

export interface Span {
  text: string;
  start: number;
  end: number;
  /** 0..1: how well this span fits the question, before sentence relevance. */
  fit: number;
  /** The name the sentence ties to the asked thing (naming.ts, namedBy): it answers whatever its fit. */
  tied?: boolean;
}

/** Distance in tokens from a character range to the nearest question-term token. */
function proximity(tokens: Token[], matched: boolean[], start: number, end: number): number {
  let best = Infinity;
  tokens.forEach((t, i) => {
    // Question words inside the span say nothing about where the answer sits.
    if (!matched[i] || (t.start >= start && t.end <= end)) return;
    const d = t.end <= start ? tokensBetween(tokens, t.end, start) : tokensBetween(tokens, end, t.start);
    best = Math.min(best, d);
  });
  return best;
}

function tokensBetween(tokens: Token[], from: number, to: number): number {
  const index = positionsOf(tokens);
  if (!index) return tokens.filter((t) => t.start >= from && t.end <= to && t.kind !== 'punctuation').length;
  // Starts and ends both ascend, so the tokens inside run from the first starting at `from` or
  // later to the last ending at `to` or sooner.
  const first = firstAtLeast(index.starts, from);
  const after = firstAtLeast(index.ends, to + 1);
  return after > first ? index.words[after]! - index.words[first]! : 0;
}

interface Positions {
  starts: number[];
  ends: number[];
  /** words[k]: tokens before k that are not punctuation. */
  words: number[];
}

const positions = new WeakMap<readonly Token[], Positions | null>();

/**
 * A sentence's token offsets and running word counts, built once per token list: each span's
 * proximity counted the words between it and every question word by reading the whole sentence
 * again (a few thousand passes per sentence). Null when offsets do not ascend (a hand-made token
 * list): tokensBetween() then reads the tokens.
 */
function positionsOf(tokens: readonly Token[]): Positions | null {
  let p = positions.get(tokens);
  if (p !== undefined) return p;
  const starts: number[] = [];
  const ends: number[] = [];
  const words = [0];
  let ascending = true;
  for (const [k, t] of tokens.entries()) {
    if (k > 0 && (t.start < starts[k - 1]! || t.end < ends[k - 1]!)) ascending = false;
    starts.push(t.start);
    ends.push(t.end);
    words.push(words[k]! + (t.kind !== 'punctuation' ? 1 : 0));
  }
  p = ascending ? { starts, ends, words } : null;
  positions.set(tokens, p);
  return p;
}

/** The first index whose value is at least `x` in an ascending list (its length when none is). */
function firstAtLeast(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function overlapsQuestion(text: string, tokens: Token[], q: QuestionAnalysis, start: number, end: number): boolean {
  // The tokens inside, from the ascending offsets when there are any (see tokensBetween).
  const index = positionsOf(tokens);
  const within = index ? tokens.slice(firstAtLeast(index.starts, start), Math.max(0, firstAtLeast(index.ends, end + 1))) : tokens;
  const inside = within.filter((t) => t.start >= start && t.end <= end && !t.stop && t.kind !== 'punctuation');
  if (!inside.length) return true;
  const qStems = questionStems(q);
  return inside.every((t) => qStems.has(t.stem));
}

const stemsByQuestion = new WeakMap<QuestionAnalysis, Set<string>>();
/** The stems of a question's terms, made once per question (every span of every candidate sentence asks). */
function questionStems(q: QuestionAnalysis): Set<string> {
  let stems = stemsByQuestion.get(q);
  if (!stems) stemsByQuestion.set(q, (stems = new Set(q.terms.map((t) => t.stem))));
  return stems;
}

const proxFit = (d: number) => (Number.isFinite(d) ? 1 / (1 + d / 4) : 0.3);

/** Extends a place or organisation to the noun it names: "Russia’s Kursk region", "the Treasury Department". */
function extendName(sentence: string, e: Entity): Entity {
  let { start, end } = e;
  const after = /^(?:['’]s)?\s+(region|province|oblast|state|city|county|district|border|peninsula|area|island|department|ministry|agency)\b/i.exec(sentence.slice(end));
  if (after) end += after[0].length;
  const before = /([A-Z][\w.-]*['’]s\s+)$/.exec(sentence.slice(0, start));
  if (before && after) start -= before[1]!.length;
  return { ...e, start, end, text: sentence.slice(start, end) };
}

/**
 * Joins "Kim and Austin", "Russia, India and China" into one span when they answer together. A list
 * ends in "and" or "or": two names kept apart by a comma alone ("Deabolis, Gllavenica", "the Middle
 * East, Japan") are an aside or two clauses, each its own candidate, unless the question asks for
 * several ("which countries ...?").
 */
function mergeLists(sentence: string, spans: Span[], commasJoin = true): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const groups: { members: Span[]; joined: boolean }[] = [];
  for (const s of sorted) {
    const group = groups[groups.length - 1];
    const prev = group?.members[group.members.length - 1];
    const gap = prev ? /^\s*(,|,?\s+and|,?\s+or)\s+$/.exec(sentence.slice(prev.end, s.start)) : null;
    if (group && gap) {
      group.members.push(s);
      group.joined ||= gap[1] !== ',';
    } else groups.push({ members: [s], joined: false });
  }
  return groups.flatMap(({ members, joined }) => {
    // Three names or more in a row are a list however it ends ("Russia, India, China and more than a dozen other nations").
    if (members.length < 2 || (!joined && !commasJoin && members.length < 3)) return members;
    const first = members[0]!;
    const last = members[members.length - 1]!;
    return [{ text: sentence.slice(first.start, last.end), start: first.start, end: last.end, fit: Math.max(...members.map((m) => m.fit)) }];
  });
}

const OFFICE = /^(minister|secretary|president|ambassador|chancellor|senator|governor|mayor|spokesman|spokeswoman|spokesperson|defense|defence|foreign|interior|finance|prime|deputy|vice|chief|envoy|director|chairman|chairwoman|commissioner|mr|mrs|ms|dr)\.?$/;
const CONNECTORS = /^(of|de|du|des|la|le|van|von|der|den|da|di|del|al|bin|ibn|y|the|and|&)$/;

/**
 * Runs of capitalised words, joined across "of", "de", "van" and the like when a capitalised word
 * follows: "Edict of Nantes", "Pedro Menéndez de Avilés", "Sergiy Kyslytsya". Names the tagger
 * missed are still names.
 */
export function properRuns(tokens: readonly Token[], matched: readonly boolean[], names: NameRuns = nameRunsOf(tokens), asked?: QuestionAnalysis): ProperRun[] {
  const out: ProperRun[] = [];
  // With the question at hand, only a name it writes is cut off (askedAsName).
  const cut = (k: number, inward: 1 | -1) => !!matched[k] && (!asked || askedAsName(asked, tokens, k, inward));
  for (const [i, j] of names.runs) {
    // Question words at either end are the subject, not the answer: "Fécamp Abbey" for "who ... at Fécamp?".
    let from = i;
    let to = j;
    while (from <= to && cut(from, 1)) from++;
    while (to >= from && cut(to, -1)) to--;
    // Unless that leaves a dangling "of": then the whole name ("Guanabara Confession of Faith").
    // Nor a cut inside a word: "Kent-" of "Duke Kent-Brown".
    const glued = (a: number, b: number) => a >= i && b <= j && tokens[a]!.end === tokens[b]!.start;
    if (from > to || CONNECTORS.test(tokens[from]!.norm) || CONNECTORS.test(tokens[to]!.norm) || (asked && (glued(from - 1, from) || glued(to, to + 1)))) [from, to] = [i, j];
    // Offices before a name are not part of it: "Defense Minister Kim Yong-hyun" → "Kim Yong-hyun".
    while (from < to && OFFICE.test(tokens[from]!.norm)) from++;
    out.push({ start: tokens[from]!.start, end: tokens[to]!.end, from, to });
  }
  return out;
}

type ProperRun = { start: number; end: number; from: number; to: number };

/**
 * Whether the sentence's word at k stands for a name the question writes: capitalised there, and
 * not part of another name ("New" of "north of New York" is no part of "New Rochelle"). A word the
 * question writes in lower case ("what fort ...?", "official") is part of the sentence's name:
 * "Fort Beauséjour", "Presiding Officer". `inward`: the side the rest of the name lies on.
 */
function askedAsName(q: QuestionAnalysis, tokens: readonly Token[], k: number, inward: 1 | -1): boolean {
  const word = tokens[k]!;
  const next = tokens[k + inward];
  return q.tokens.some((t, m) => {
    if (t.norm !== word.norm || !OPENS_UPPER.test(t.text)) return false;
    const beside = q.tokens[m + inward];
    return !beside || beside.kind === 'punctuation' || !OPENS_UPPER.test(beside.text) || beside.norm === next?.norm;
  });
}

/**
 * A sentence's runs of capitalised words cut where a caption ran into the next sentence
 * (splitGlued()), and the offsets of the words a glued name was cut before: worked out once per
 * sentence for its tagged names, its proper runs and its heuristic spans.
 */
interface NameRuns {
  runs: [number, number][];
  cuts: number[];
}

function nameRunsOf(tokens: readonly Token[], edges = false): NameRuns {
  const whole = capitalRuns(tokens, edges);
  const starts = new Set(whole.map(([i]) => i));
  const runs = splitGlued(tokens, whole);
  return { runs, cuts: runs.filter(([i]) => !starts.has(i)).map(([i]) => tokens[i]!.start) };
}

/** Runs of capitalised words (token positions, first and last), joined across "of", "de" and hyphens. */
function capitalRuns(tokens: readonly Token[], edges = false): [number, number][] {
  const cap = (t: Token | undefined, i: number) =>
    !!t && OPENS_UPPER.test(t.text) && t.kind !== 'punctuation' && (t.pos === 'PROPN' || (i > 0 && t.pos !== 'PRON' && t.pos !== 'DET' && !t.stop));
  const runs: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!cap(tokens[i], i)) {
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      if (cap(tokens[j + 1], j + 1) || (tokens[j + 1]?.text === '-' && cap(tokens[j + 2], j + 2))) j += tokens[j + 1]?.text === '-' ? 2 : 1;
      else {
        const k = edges ? pastConnectors(tokens, j + 1) : tokens[j + 1] && CONNECTORS.test(tokens[j + 1]!.norm) && tokens[j + 1]!.norm !== 'and' ? j + 2 : j + 1;
        if (k > j + 1 && cap(tokens[k], k)) j = k;
        else break;
      }
    }
    runs.push([i, j]);
    i = j + 1;
  }
  return runs;
}

/**
 * Past the lower-case words inside a name, from position k: one or two connectors ("of", "de la",
 * "van der") or an Arabic "al-" ("Abd al-Salaam"). The position after them (k when there are none).
 */
function pastConnectors(tokens: readonly Token[], k: number): number {
  const connector = (t: Token | undefined) => !!t && CONNECTORS.test(t.norm) && t.norm !== 'and';
  if (tokens[k]?.norm === 'al' && tokens[k + 1]?.text === '-') return k + 2;
  if (!connector(tokens[k])) return k;
  // Two only as a name's particles ("de la"), not "of the": "the Huguenots of the Dutch Republic" is no name.
  const particle = (t: Token | undefined) => connector(t) && !/^(?:of|the)$/.test(t!.norm);
  return particle(tokens[k]) && particle(tokens[k + 1]) ? k + 2 : k + 1;
}

/**
 * Runs cut where a caption ran into the next sentence: DailyMail captions end without a full stop,
 * so "... against Matthew Stevens O'Sullivan is spoken to ..." and "... at the Crucible Marteel
 * approached ..." read as one name. A run is cut before a word that starts another run of the
 * sentence ("O'Sullivan as he walked", "referee Marteel in") when the word before the cut ends one
 * ("against Stevens at") or is a place after "the"; a pair the sentence repeats is one name.
 */
function splitGlued(tokens: readonly Token[], runs: readonly [number, number][]): [number, number][] {
  if (runs.length < 3) return [...runs];
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  const pairs = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const [i, j] of runs) {
    bump(starts, tokens[i]!.norm);
    bump(ends, tokens[j]!.norm);
    for (let k = i; k < j; k++) bump(pairs, `${tokens[k]!.norm} ${tokens[k + 1]!.norm}`);
  }
  const out: [number, number][] = [];
  for (const [i, j] of runs) {
    let from = i;
    for (let k = i; k < j; k++) {
      const left = tokens[k]!;
      const right = tokens[k + 1]!;
      if (!OPENS_UPPER.test(right.text) || CONNECTORS.test(left.norm) || CONNECTORS.test(right.norm)) continue;
      // Inside this run neither word starts or ends it: any count is another run's.
      const startsElsewhere = starts.has(right.norm);
      const endsElsewhere = ends.has(left.norm) || (k === from && tokens[from - 1]?.norm === 'the');
      if (startsElsewhere && endsElsewhere && (pairs.get(`${left.norm} ${right.norm}`) ?? 0) < 2) {
        out.push([from, k]);
        from = k + 1;
      }
    }
    out.push([from, j]);
  }
  return out;
}

const OFFICE_PREFIX = /^(?:(?:Minister|Secretary|President|Ambassador|Chancellor|Senator|Governor|Mayor|Spokes(?:man|woman|person)|Defen[cs]e|Foreign|Interior|Finance|Prime|Deputy|Vice|Chief|Envoy|Director|Chair(?:man|woman)?|Commissioner|Mr|Mrs|Ms|Dr)\.?\s+)+/;

/** Offices before a name are not part of it: "Defense Minister Kim Yong-hyun" → "Kim Yong-hyun". */
function withoutOffice(e: Entity): Entity {
  if (e.kind !== 'person') return e;
  const office = OFFICE_PREFIX.exec(e.text);
  if (!office || office[0].length >= e.text.length) return e;
  return { ...e, start: e.start + office[0].length, text: e.text.slice(office[0].length) };
}

/** Whether a span sits right after a naming phrase ("called", "known as", "named"). */
function afterNaming(sentence: string, start: number): boolean {
  return /\b(called|named|known as|termed|dubbed|titled|entitled)\s+["“'‘]?$/i.test(sentence.slice(Math.max(0, start - 20), start));
}

/** Whether the question's focus noun sits right beside the span: "the colony of Fort Caroline", "Paris, the capital". */
function besideFocus(tokens: readonly Token[], from: number, to: number, focusStem: string | undefined): boolean {
  if (!focusStem) return false;
  const near = [...tokens.slice(Math.max(0, from - 3), from), ...tokens.slice(to + 1, to + 4)];
  return near.some((t) => t.stem === focusStem || synonymsOf(focusStem).has(t.stem));
}

function typedSpans(sentence: string, tokens: Token[], matched: boolean[], entities: Entity[], q: QuestionAnalysis, proper: readonly ProperRun[], edges = false): Span[] {
  const kinds = TYPE_ENTITIES[q.type];
  const spans: Span[] = [];
  if (asksAmount(q) && q.focus) {
    // "How many troops" → the fact whose unit is troops (or a synonym of it).
    const focusStem = stemOf(q.focus);
    for (const f of numericFacts(sentence)) {
      const unitStem = stemOf(f.unit.split(' ').pop() ?? '');
      const unitFits = unitStem === focusStem || synonymsOf(focusStem).has(unitStem) || (q.type !== 'number' && f.unit === q.type);
      if (!unitFits) continue;
      const at = sentence.indexOf(f.text);
      if (at < 0) continue;
      spans.push({ text: f.text, start: at, end: at + f.text.length, fit: proxFit(proximity(tokens, matched, at, at + f.text.length)) });
    }
    if (spans.length) return spans;
  }
  // A count of something else ("how many tanks" → "12,000 troops") is a weak answer.
  const focusMissed = asksAmount(q) && !!q.focus;
  for (const e0 of entities) {
    const rank = kinds.indexOf(e0.kind);
    if (rank < 0) continue;
    const e = e0.kind === 'place' || e0.kind === 'organization' ? extendName(sentence, e0) : e0;
    if (overlapsQuestion(sentence, tokens, q, e.start, e.end)) continue;
    const d = proximity(tokens, matched, e.start, e.end);
    spans.push({ text: e.text, start: e.start, end: e.end, fit: (rank === 0 ? 1 : 0.6) * proxFit(d) * (focusMissed && e.kind === 'number' ? 0.5 : 1) });
  }
  if (q.type === 'person' || q.type === 'place' || q.type === 'organization') {
    // Capitalised names the tagger did not type: weaker than a typed entity, better than nothing.
    for (const r of proper) {
      if (spans.some((x) => r.start < x.end && x.start < r.end)) continue;
      if (overlapsQuestion(sentence, tokens, q, r.start, r.end)) continue;
      const d = proximity(tokens, matched, r.start, r.end);
      spans.push({ text: sentence.slice(r.start, r.end), start: r.start, end: r.end, fit: 0.55 * proxFit(d) });
    }
  }
  if (q.type === 'date') {
    // Bare years are dates even when the tagger misses them.
    for (const m of sentence.matchAll(/\b(1[0-9]{3}|20[0-9]{2})s?\b/g)) {
      if (spans.some((s) => m.index >= s.start && m.index < s.end)) continue;
      const d = proximity(tokens, matched, m.index, m.index + m[0].length);
      spans.push({ text: m[0], start: m.index, end: m.index + m[0].length, fit: 0.8 * proxFit(d) });
    }
  }
  // "Ismailiyah, Egypt" answers "where ...?"; elsewhere commas alone join no list (mergeLists).
  return mergeLists(sentence, spans, !edges || pluralFocus(q) || (q.type === 'place' && /^where\b/i.test(q.text)));
}

const REASON = /\b(because(?: of)?|due to|owing to|as a result of|in order to|so that|in exchange for|thanks to|since|after)\b/i;
/**
 * "hospitalised for dehydration", "a three-point deduction for fielding an ineligible player",
 * "jailed for fraud": after words that punish, praise, blame or treat, "for" gives the cause. Not a
 * time ("jailed for two years") or a sum ("fined for £500" is rare; "fined £500 for ..." reads on).
 */
const CAUSE_FOR = /\b(?:arrest|jail|imprison|fine|ban|punish|sack|fire|dismiss|hospitali[sz]|treat|praise|critici[sz]|blame|dock|deduct|suspend|charg|sentenc|convict|sue|honou?r|award|thank|apologi[sz]|penali[sz]|disqualif|expel|reprimand|condemn|slam|blast|mock|investigat|prosecut|detain|reward|fault|responsib|famous|known|remember|deduction|penalty|suspension|admitted|rushed)\w*(?:\s+(?:for\s+)?[\w\s-]{1,24}?\s(?:years?|months?|weeks?|days?|games?|matches?))?\s+(for)\s+(?!(?:a|an|the|\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|several|many|more than|up to|at least|about|over)?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seasons?|games?|matches?|life)\b)(?![$€£\d])/i;

function reasonSpan(sentence: string, tokens: Token[], matched: boolean[]): Span | undefined {
  // The marker after the last question word, so "why X" finds the clause that explains X.
  const last = tokens[matched.lastIndexOf(true)];
  const lastMatch = last?.end ?? 0;
  const rest = sentence.slice(lastMatch);
  let at = REASON.exec(rest)?.index;
  // The cause "for" when it comes first (or alone): "hospitalised for dehydration, though ...". Its
  // verb may be the question's last word ("why was he hospitalised?").
  const lastStart = last?.start ?? 0;
  const cause = CAUSE_FOR.exec(sentence.slice(lastStart));
  const causeAt = cause ? lastStart + cause.index + cause[0].lastIndexOf(cause[1]!) - lastMatch : undefined;
  if (causeAt !== undefined && causeAt >= 0 && (at === undefined || causeAt < at)) at = causeAt;
  if (at === undefined) {
    // "... to + verb": a purpose clause.
    const k = tokens.findIndex((t, i) => t.start >= lastMatch && t.norm === 'to' && tokens[i + 1]?.pos === 'VERB');
    if (k >= 0) at = tokens[k]!.start - lastMatch;
  }
  if (at === undefined) return undefined;
  const m = /^\S+(?:\s+\S+)?/.exec(rest.slice(at))!;
  const start = lastMatch + at;
  const clauseEnd = /[.;!?]|,\s+(?:but|while|although|though)\b/.exec(sentence.slice(start + m[0].length));
  const end = clauseEnd ? start + m[0].length + clauseEnd.index : sentence.length;
  const text = sentence.slice(start, end).trim().replace(/[.,;:!?]+$/, '');
  return text.split(/\s+/).length >= 2 ? { text, start, end: start + text.length, fit: 0.9 } : undefined;
}

/** Noun phrases: optional determiner, modifiers, and a noun head. */
export function nounPhrases(tokens: readonly Token[]): { start: number; end: number; from: number; to: number }[] {
  const out: { start: number; end: number; from: number; to: number }[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (['ADJ', 'NOUN', 'PROPN', 'NUM'].includes(t.pos) || (t.pos === 'DET' && t.norm !== 'that')) {
      let j = i;
      while (j < tokens.length && (['ADJ', 'NOUN', 'PROPN', 'NUM'].includes(tokens[j]!.pos) || (j === i && tokens[j]!.pos === 'DET') || (tokens[j]!.text === '-' && j > i) || (/^['’]s$/.test(tokens[j]!.text) && j > i))) j++;
      let last = j - 1;
      while (last >= i && !['NOUN', 'PROPN', 'NUM'].includes(tokens[last]!.pos)) last--;
      if (last >= i) {
        let first = i;
        if (tokens[first]!.pos === 'DET') first++;
        if (first <= last) out.push({ start: tokens[first]!.start, end: tokens[last]!.end, from: first, to: last });
      }
      i = Math.max(j, i + 1);
    } else i++;
  }
  return out;
}

function phraseSpans(sentence: string, tokens: Token[], matched: boolean[], q: QuestionAnalysis, proper: readonly ProperRun[]): Span[] {
  const spans: Span[] = [];
  const lastMatched = matched.lastIndexOf(true);
  const focusStem = q.focus ? stemOf(q.focus) : undefined;
  const wantsName = !!focusStem || /\b(name|called|named|known as|termed)\b/i.test(q.text);
  const add = (from: number, to: number, base: number) => {
    const start = tokens[from]!.start;
    const end = tokens[to]!.end;
    if (overlapsQuestion(sentence, tokens, q, start, end)) return;
    const d = proximity(tokens, matched, start, end);
    const after = lastMatched >= 0 && from > lastMatched ? 1 : 0.85;
    let fit = base * proxFit(d) * after;
    if (besideFocus(tokens, from, to, focusStem)) fit *= 1.3;
    if (afterNaming(sentence, start)) fit *= 1.3;
    spans.push({ text: sentence.slice(start, end), start, end, fit: Math.min(1, fit) });
  };
  for (const np of nounPhrases(tokens)) {
    // Drop question words the phrase starts with ("troops' uniforms" for "what did the troops wear").
    let from = np.from;
    while (from <= np.to && matched[from]) from++;
    if (from > np.to) continue;
    add(from, np.to, 0.7);
  }
  // Names answer "what treaty", "what was X called" better than common nouns do.
  if (wantsName) for (const r of proper) add(r.from, r.to, 0.9);
  return spans;
}

/** The hand-written candidates and their fit, before the fitted model (span-model.ts) rescores them. */
function heuristicSpans(sentence: string, tokens: Token[], matched: boolean[], entities: Entity[], q: QuestionAnalysis, proper: readonly ProperRun[], edges = false): Span[] {
  return q.type === 'other' ? phraseSpans(sentence, tokens, matched, q, proper) : typedSpans(sentence, tokens, matched, entities, q, proper, edges);
}

/**
 * Every candidate answer span of a sentence for a "what", "who", "where", "when" or "how many"
 * question. With `edges`, for the answer read out (not the sentence ranking, whose weights were
 * fitted on the plain candidates): names are taken whole ("Maria de la Queillerie") and commas alone
 * join no list.
 */
export function spanCandidatesOf(sentence: string, tokens: Token[], matched: boolean[], tagged: Entity[], q: QuestionAnalysis, edges = false): SpanCandidate[] {
  const family = familyOf(q);
  if (!family) return [];
  const names = nameRunsOf(tokens, edges);
  const cut = cutAt(sentence, tagged.map(withoutOffice), names.cuts);
  const entities = edges ? wholeDates(sentence, cut.map((e) => wholeName(sentence, e)), q) : cut;
  const proper = properRuns(tokens, matched, names, edges ? q : undefined);
  const heuristic = heuristicSpans(sentence, tokens, matched, entities, q, proper, edges);
  const phrases = nounPhrases(tokens).map((np) => {
    // Drop question words the phrase starts with ("troops' uniforms" for "what did the troops wear").
    let from = np.from;
    while (from < np.to && matched[from]) from++;
    return { start: tokens[from]!.start, end: np.end };
  });
  const all = spanCandidates(sentence, tokens, matched, entities, q, heuristic, { proper, phrases });
  const candidates = edges ? withoutDatePieces(all, entities, q) : all;
  // A typed question wants a span of its type: without one, the sentence does not answer it.
  return family === 'typed' ? candidates.filter((c) => c.features.kindFirst || c.features.kindOther || c.features.unitFit || c.features.year || c.features.heuristic) : candidates;
}

const YEAR = /\b(?:1\d{3}|20\d{2})\b/;
const MONTH = /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b/;
/** "from 1562 to 1598", "between 1945 and 1970", "24 August – 3 October 1572", "1568–1609". */
const RANGE = /\bfrom\b.*\bto\b|\bbetween\b.*\band\b|\s[–—-]\s|\d[–—-]\d/i;
/** Questions for one end of a stretch of time. */
const ONE_END = /\b(?:begin|began|begun|beginning|start|started|starting|born|die|died|end|ended|finish|finished|found|founded|establish|established|since|until)\b/i;
/** "1759–60", "1568-1609": a span of years written as one. */
const YEAR_RANGE = /\b(?:1\d{3}|20\d{2})\s?[–—-]\s?(?:\d{4}|\d{2})\b/g;

/**
 * A date as the question asks it: "when ...?" and "on what date ...?" are answered by the whole
 * date or range the sentence gives — "January 18, 1974" (wink tags "By January 18" and "1974"
 * apart), "from 1562 to 1598" and "24 August – 3 October 1572" (tagged as durations), "1759–60" —
 * not the year alone. "In what year ...?" keeps its year; a range still answers it. A question for
 * when a thing began or ended ("when did X die?") asks for one end, and "until 1978" is no date of
 * an event.
 */
function wholeDates(sentence: string, entities: Entity[], q: QuestionAnalysis): Entity[] {
  if (q.type !== 'date') return entities;
  const day = !asksYear(q);
  const ranges = !ONE_END.test(q.text);
  const out = entities.map((e) => {
    if (ranges && e.kind === 'duration' && (YEAR.test(e.text) || MONTH.test(e.text)) && RANGE.test(e.text)) return { ...e, kind: 'date' as const };
    if (e.kind !== 'date') return e;
    // "the winter of 1973–74": the year's range goes with it.
    const tail = ranges && /(?:1\d{3}|20\d{2})$/.test(e.text) ? /^[–-](?:\d{2}|1\d{3}|20\d{2})(?!\d)/.exec(sentence.slice(e.end)) : null;
    if (!day) return tail ? { ...e, end: e.end + tail[0].length, text: e.text + tail[0] } : e;
    let { start, end } = e;
    if (tail) end += tail[0].length;
    const by = /^(?:by|on|in|at)\s+/i.exec(e.text);
    if (by && start + by[0].length < end) start += by[0].length;
    const year = YEAR.test(e.text) ? null : /^,?\s(?:1\d{3}|20\d{2})\b/.exec(sentence.slice(end));
    if (year) end += year[0].length;
    return { ...e, start, end, text: sentence.slice(start, end) };
  });
  if (ranges) for (const m of sentence.matchAll(YEAR_RANGE)) {
    if (!out.some((e) => e.start <= m.index && e.end >= m.index + m[0].length)) out.push({ kind: 'date', text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** "When ...?", "on what date ...?": a piece of a whole date ("1974" of "January 18, 1974") is no answer of its own. */
function withoutDatePieces(candidates: SpanCandidate[], entities: readonly Entity[], q: QuestionAnalysis): SpanCandidate[] {
  if (q.type !== 'date' || asksYear(q)) return candidates;
  const dates = entities.filter((e) => e.kind === 'date' && /\d/.test(e.text));
  return candidates.filter((c) => !/\d/.test(c.text) || !dates.some((d) => d.start <= c.start && d.end >= c.end && d.end - d.start > c.end - c.start));
}

/** A name's particles and the capitalised words after them: " de la Queillerie", " al-Salaam Farag". */
const NAME_PARTICLES = /^(?:\s(?:de|du|des|da|di|del|della|van|von|der|den|la|le|bin|ibn|y)){1,2}\s\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*)*|^\s(?:al|el)-\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*)*/u;

/**
 * A name the tagger stopped at its particles, taken whole: "Maria" of "Maria de la Queillerie",
 * "Muhammad Abd" of "Muhammad Abd al-Salaam Farag" (the word-list tagger joins one connector only).
 */
function wholeName(sentence: string, e: Entity): Entity {
  if (e.kind !== 'person' && e.kind !== 'place' && e.kind !== 'organization') return e;
  const more = NAME_PARTICLES.exec(sentence.slice(e.end));
  if (!more) return e;
  const end = e.end + more[0].length;
  return { ...e, end, text: sentence.slice(e.start, end) };
}

/** Tagged names cut where a caption ran into the next sentence ("Crucible Marteel" → "Crucible", "Marteel"). */
function cutAt(sentence: string, entities: Entity[], cuts: readonly number[]): Entity[] {
  if (!cuts.length) return entities;
  return entities.flatMap((e) => {
    const inside = cuts.filter((c) => c > e.start && c < e.end);
    if (!inside.length) return [e];
    const bounds = [e.start, ...inside, e.end];
    return bounds.slice(1).map((end, k) => {
      const start = bounds[k]!;
      const text = sentence.slice(start, end).trimEnd();
      return { ...e, start, end: start + text.length, text };
    });
  });
}

export type SpanWeights = Record<SpanFamily, Readonly<Record<SpanFeature | 'bias', number>>>;

/**
 * The candidate answer spans of a sentence, scored by a span model. With `edges`, the candidates a
 * reader is shown (spanCandidatesOf): names and dates whole.
 */
export function findSpans(sentence: string, tokens: Token[], matched: boolean[], entities: Entity[], q: QuestionAnalysis, weights: SpanWeights = SPAN_WEIGHTS, edges = false): Span[] {
  if (q.type === 'reason') {
    const r = reasonSpan(sentence, tokens, matched);
    return r ? [{ ...r }] : [];
  }
  const family = familyOf(q);
  if (!family) return [];
  return spanCandidatesOf(sentence, tokens, matched, entities, q, edges).map((c) => ({ text: c.text, start: c.start, end: c.end, fit: spanScore(c, weights[family]) }));
}
