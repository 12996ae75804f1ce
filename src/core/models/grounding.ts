// Checks a model's reply against the passages it was given, before anyone sees it: every [n] must
// be a passage that was given, something must be cited, and every number and name in a sentence
// must appear in the passages that sentence cites (or, for an uncited sentence of an answer, in the
// passages the answer cites). A reply saying the sources do not answer is a decline.
import { aliasWords } from '../language/aliases.ts';
import { entitiesOf } from '../language/entities.ts';
import { sameNumber, numberValues } from '../language/numbers.ts';
import { OPENS_UPPER } from '../language/words.ts';

export interface GivenSource {
  /** The number the model saw. */
  n: number;
  /** What the model may state from it (title, date and text). */
  text: string;
}

export type GroundingCheck = 'citation' | 'uncited' | 'number' | 'name' | 'premise';

export type Verdict =
  | { kind: 'grounded'; units: GroundedUnit[]; cited: number[] }
  | { kind: 'decline' }
  | { kind: 'failed'; check: GroundingCheck; reason: string };

/** One sentence (or bullet) of the reply, its citation markers taken out, with what it cites. */
export interface GroundedUnit {
  text: string;
  cites: number[];
}

/** The exact reply the prompts ask for when the passages do not answer. */
export const DECLINE_SENTINEL = 'NOT_IN_SOURCES';

const DECLINE = new RegExp(
  [
    DECLINE_SENTINEL,
    String.raw`\b(?:the|these|my|provided|given)\s+(?:provided\s+|given\s+)?(?:sources|passages)\s+(?:do|does)\s*(?:not|n['’]t)\s+(?:say|answer|mention|contain|state|cover|include|provide|specify|address)`,
    String.raw`\bnot\s+(?:mentioned|stated|covered|answered|specified|found)\s+in\s+(?:the|these|my)\s+(?:provided\s+|given\s+)?(?:sources|passages)`,
    String.raw`\b(?:sources|passages)\s+(?:provide|contain|give)\s+no\s+information`,
    String.raw`^\s*I\s+(?:couldn['’]t|could\s+not|cannot|can['’]t)\s+find`,
  ].join('|'),
  'i',
);

export const isDecline = (reply: string): boolean => DECLINE.test(reply);

const MARKERS = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** The citation numbers a text uses, in order of first use. */
export function citationsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(MARKERS)) for (const n of m[1]!.split(',')) if (!out.includes(Number(n))) out.push(Number(n));
  return out;
}

export const stripMarkers = (text: string): string => text.replace(/\s*\[\d+(?:\s*,\s*\d+)*\]/g, '').replace(/\s+([.,;:!?])/g, '$1').trim();

/** Words whose full stop does not end a sentence: initials ("B.B.", "U.S.") and titles ("Gov.", "Dr."). */
const ABBREVIATION = /(?:^|[\s(“"-])(?:(?:\p{Lu}\.)+|(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|St|Mt|Jr|Sr|Inc|Corp|Co|Ltd|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|vs|etc)\.)$/u;

/** Sentences of a reply, each keeping the markers that follow its full stop ("... Kursk. [2]"). */
export function replyUnits(reply: string): string[] {
  const lines = reply.split(/\n+/).map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim()).filter(Boolean);
  const out: string[] = [];
  const boundary = /(?<=[.!?](?:\s*\[\d+(?:\s*,\s*\d+)*\])*)\s+(?=[\p{Lu}"“‘(\d])/gu;
  for (const line of lines) {
    let from = 0;
    for (const m of line.matchAll(boundary)) {
      const before = line.slice(from, m.index);
      if (ABBREVIATION.test(before)) continue;
      out.push(before);
      from = m.index + m[0].length;
    }
    out.push(line.slice(from));
  }
  return out.map((p) => p.trim()).filter((p) => /[\p{L}\p{N}]/u.test(stripMarkers(p)));
}

const normWord = (w: string) => w.toLowerCase().replace(/['’]s$/, '').replace(/[.'’]/g, '');

function wordSet(texts: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const t of texts) {
    for (const raw of t.match(/[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu) ?? []) {
      const w = normWord(raw.replace(/[.-]+$/, ''));
      set.add(w);
      for (const part of w.split('-')) set.add(part);
      for (const a of aliasWords(w)) set.add(a);
    }
  }
  return set;
}

/** Names a sentence states: tagged people, places and organisations, and capitalised words inside it. */
export function namesIn(sentence: string): string[] {
  const text = stripMarkers(sentence);
  const names = entitiesOf(text)
    .filter((e) => e.kind === 'person' || e.kind === 'place' || e.kind === 'organization')
    .map((e) => e.text);
  const tokens = [...text.matchAll(/[\p{L}][\p{L}.'’-]*/gu)];
  for (const m of tokens) {
    const w = m[0];
    const before = text.slice(0, m.index).trimEnd();
    // Sentence-initial words are capitalised anyway; the tagger above covers names there.
    if (!before || /[.!?:"“]$/.test(before)) continue;
    if (OPENS_UPPER.test(w) && w !== 'I') names.push(w);
  }
  return [...new Set(names)];
}

/**
 * The words of a name the sources lack ("Lloyd Austin" is fine when they say "Austin ... Lloyd").
 * A word glued to others in the source ("BBC" in "BBC5Live") counts as there.
 */
function missingName(name: string, have: Set<string>, text: string): boolean {
  const words = (name.match(/[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu) ?? []).map((w) => normWord(w.replace(/[.-]+$/, ''))).filter((w) => w.length > 1);
  return words.some((w) => !have.has(w) && !w.split('-').every((p) => have.has(p)) && !aliasWords(w).some((a) => have.has(a)) && !(w.length > 2 && text.includes(w)));
}

export interface GroundingOptions {
  /** Every sentence must cite (summaries, briefing bullets); an answer may have one uncited sentence around cited ones. */
  everyUnitCites?: boolean;
}

export function checkGrounding(reply: string, given: readonly GivenSource[], opts: GroundingOptions = {}): Verdict {
  if (isDecline(reply)) return { kind: 'decline' };
  const byN = new Map(given.map((g) => [g.n, g]));
  const cited = citationsIn(reply);
  const unknown = cited.filter((n) => !byN.has(n));
  if (unknown.length) return { kind: 'failed', check: 'citation', reason: `cites ${unknown.map((n) => `[${n}]`).join(', ')}, which ${unknown.length > 1 ? 'were' : 'was'} not given (given: 1-${given.length})` };
  if (!cited.length) return { kind: 'failed', check: 'uncited', reason: 'cites no source' };
  const units: GroundedUnit[] = [];
  for (const unit of replyUnits(reply)) {
    const own = citationsIn(unit);
    if (!own.length && opts.everyUnitCites) return { kind: 'failed', check: 'uncited', reason: `a sentence cites no source: “${stripMarkers(unit).slice(0, 80)}”` };
    const sources = (own.length ? own : cited).map((n) => byN.get(n)!.text);
    const have = sources.flatMap(numberValues);
    const numbers = numberValues(unit).filter((v) => !have.some((h) => sameNumber(h, v)));
    if (numbers.length) return { kind: 'failed', check: 'number', reason: `states ${numbers.join(', ')}, which no cited source gives` };
    const words = wordSet(sources);
    const text = sources.join(' ').toLowerCase().replace(/[.'’]/g, '');
    const names = namesIn(unit).filter((n) => missingName(n, words, text));
    if (names.length) return { kind: 'failed', check: 'name', reason: `names ${names.map((n) => `“${n}”`).join(', ')}, which no cited source mentions` };
    units.push({ text: stripMarkers(unit), cites: own });
  }
  if (!units.length) return { kind: 'failed', check: 'uncited', reason: 'says nothing' };
  return { kind: 'grounded', units, cited };
}
