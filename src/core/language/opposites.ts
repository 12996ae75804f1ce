// Words that say the opposite of each other. A question that swaps one for the other ("Who
// replaced ... first?" against "... second ...", "outside" against "inside") asks about something
// the sentence does not say, however many other words the two share.

const PAIRS: [string, string][] = [
  ['first', 'last'], ['first', 'second'], ['second', 'third'], ['before', 'after'], ['earliest', 'latest'], ['early', 'late'],
  ['earlier', 'later'], ['largest', 'smallest'], ['biggest', 'smallest'], ['most', 'least'], ['more', 'less'], ['more', 'fewer'],
  ['increase', 'decrease'], ['increased', 'decreased'], ['rise', 'fall'], ['rose', 'fell'], ['north', 'south'], ['east', 'west'],
  ['northern', 'southern'], ['eastern', 'western'], ['highest', 'lowest'], ['higher', 'lower'], ['high', 'low'], ['win', 'lose'],
  ['won', 'lost'], ['gain', 'lose'], ['gained', 'lost'], ['begin', 'end'], ['began', 'ended'], ['start', 'end'], ['accept', 'reject'],
  ['accepted', 'rejected'], ['allow', 'forbid'], ['allowed', 'banned'], ['support', 'oppose'], ['supported', 'opposed'],
  ['major', 'minor'], ['majority', 'minority'], ['old', 'new'], ['older', 'newer'], ['oldest', 'newest'], ['younger', 'older'],
  ['youngest', 'oldest'], ['best', 'worst'], ['better', 'worse'], ['strong', 'weak'], ['stronger', 'weaker'], ['long', 'short'],
  ['longest', 'shortest'], ['inside', 'outside'], ['above', 'below'], ['upper', 'lower'], ['maximum', 'minimum'], ['same', 'different'],
  ['public', 'private'], ['male', 'female'], ['internal', 'external'], ['modern', 'ancient'], ['rich', 'poor'], ['true', 'false'],
  ['open', 'closed'], ['positive', 'negative'], ['import', 'export'], ['imports', 'exports'], ['imported', 'exported'], ['buy', 'sell'],
  ['bought', 'sold'], ['enter', 'leave'], ['add', 'remove'], ['success', 'failure'], ['hundreds', 'thousands'],
  ['thousands', 'millions'], ['dozens', 'hundreds'], ['rural', 'urban'], ['domestic', 'foreign'], ['weaken', 'strengthen'],
  ['weakened', 'strengthened'], ['defeat', 'victory'], ['am', 'pm'], ['day', 'night'], ['morning', 'evening'], ['always', 'never'],
  ['raise', 'cut'], ['raised', 'cut'], ['raise', 'hold'], ['raised', 'held'], ['raising', 'hold'], ['raising', 'cut'], ['cutting', 'hold'], ['cutting', 'raise'], ['cut', 'hold'], ['raise', 'unchanged'], ['raised', 'unchanged'], ['hike', 'cut'],
  ['raise', 'lower'], ['raised', 'lowered'], ['cut', 'unchanged'], ['cutting', 'unchanged'], ['lower', 'unchanged'], ['lowered', 'unchanged'], ['hike', 'unchanged'], ['hike', 'hold'], ['all', 'none'], ['everyone', 'nobody'], ['opening', 'closing'], ['open', 'secret'], ['last', 'second'], ['stopped', 'started'], ['larger', 'smaller'], ['greater', 'lesser'], ['slow', 'rapid'], ['slow', 'fast'], ['warm', 'cold'], ['rise', 'decline'], ['little', 'much'], ['lose', 'won'], ['succeeded', 'failed'], ['increase', 'reduce'], ['behind', 'front'], ['gave', 'took'], ['few', 'most'], ['former', 'current'], ['powerful', 'weak'], ['accept', 'renounced'], ['support', 'renounced'], ['surrender', 'captured'], ['agree', 'disagree'], ['legal', 'illegal'], ['direct', 'indirect'], ['formal', 'informal'],
];

const OPPOSITES = new Map<string, Set<string>>();
for (const [a, b] of PAIRS) {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    let set = OPPOSITES.get(x);
    if (!set) OPPOSITES.set(x, (set = new Set()));
    set.add(y);
  }
}

/** "Which is *more* costly, formal or informal ...?": a choice, whichever way the sentence compares them. */
const COMPARATIVE = new Set(['more', 'less', 'fewer', 'higher', 'lower', 'better', 'worse', 'older', 'younger', 'stronger', 'weaker', 'earlier', 'later']);
const ORDINAL = new Set(['first', 'second', 'third', 'last']);
/** Opposites that relate something to what follows them: only opposite when said of the same thing. */
const RELATION = new Set(['before', 'after', 'above', 'below', 'inside', 'outside']);
const FILLER = /^(the|a|an|its|their|his|her|of|to|in|on|at|and|coming|being|having)$/;

/** The words a preposition relates to: up to three after it, filler aside ("after *the independence*"). */
function objectOf(text: string, word: string): string[] {
  const words = [...text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
  const out: string[] = [];
  words.forEach((w, k) => {
    if (w === word) out.push(...words.slice(k + 1, k + 5).filter((x) => !FILLER.test(x)).slice(0, 3));
  });
  return out;
}

/** Whether the question's preposition and the sentence's opposite one take the same thing ("before/after the election"). */
function sameObject(question: string, asked: string, sentence: string, said: string): boolean {
  const heads = (xs: string[]) => xs.map((x) => x.slice(0, 5));
  const a = heads(objectOf(question, asked));
  const b = new Set(heads(objectOf(sentence, said)));
  // "before?" with nothing after it is said of the event itself.
  return !a.length || a.some((x) => b.has(x));
}

// "irrelevant" against "relevant", "unpopular" against "popular".
import { OPENS_UPPER } from './words.ts';
const NEGATING_PREFIX = /^(?:un|in|im|ir|il|non|dis)(\p{L}{4,})$/u;

/**
 * The lower-case words of a text: "South" in "South Korea" names a country, it is nobody's
 * opposite, and so does a sentence's first word when a capitalised one follows ("South Korea's
 * spy agency said").
 */
function commonWords(text: string): Set<string> {
  const out = new Set<string>();
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  for (const [k, m] of words.entries()) {
    if (OPENS_UPPER.test(m[0]) && (m.index > 0 || OPENS_UPPER.test(words[k + 1]?.[0] ?? ''))) continue;
    out.add(m[0].toLowerCase());
  }
  return out;
}

/**
 * Whether the sentence answers a word of the question with its opposite: a question word the
 * sentence lacks, where the sentence has its opposite instead.
 */
export function saysOpposite(question: string, sentence: string): boolean {
  const s = commonWords(sentence);
  const q = commonWords(question);
  const negatedInSentence = new Set<string>();
  for (const w of s) {
    const base = NEGATING_PREFIX.exec(w)?.[1];
    if (base) negatedInSentence.add(base);
  }
  // Both places of a series named in both ("Europe *first* colonized ..., what was *third*?" against
  // "*first* in the Americas, *second* in Asia"): the question asks for a place in the same series.
  const sameSeries = [...ORDINAL].some((o) => q.has(o) && s.has(o));
  for (const w of q) {
    if (s.has(w)) continue;
    for (const o of OPPOSITES.get(w) ?? []) {
      if (!s.has(o)) continue;
      // "formal or informal?": the question offers both, the answer may be either.
      if (q.has(o) || (COMPARATIVE.has(w) && q.has('or'))) continue;
      if (sameSeries && ORDINAL.has(w) && ORDINAL.has(o)) continue;
      // "before Britain" against "after the independence": a preposition's opposite said of something else.
      if (RELATION.has(w) && !sameObject(question, w, sentence, o)) continue;
      return true;
    }
    const base = NEGATING_PREFIX.exec(w)?.[1];
    if (base !== undefined && s.has(base) && !q.has(base)) return true;
    if (negatedInSentence.has(w) && ![...q].some((x) => NEGATING_PREFIX.exec(x)?.[1] === w)) return true;
  }
  return false;
}
