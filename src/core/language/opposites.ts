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
  ['raise', 'lower'], ['raised', 'lowered'], ['cut', 'unchanged'], ['cutting', 'unchanged'], ['lower', 'unchanged'], ['lowered', 'unchanged'], ['hike', 'unchanged'], ['hike', 'hold'], ['all', 'none'], ['everyone', 'nobody'], ['agree', 'disagree'], ['legal', 'illegal'], ['direct', 'indirect'], ['formal', 'informal'],
];

const OPPOSITES = new Map<string, Set<string>>();
for (const [a, b] of PAIRS) {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    let set = OPPOSITES.get(x);
    if (!set) OPPOSITES.set(x, (set = new Set()));
    set.add(y);
  }
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
  const negatedInSentence = new Set<string>();
  for (const w of s) {
    const base = NEGATING_PREFIX.exec(w)?.[1];
    if (base) negatedInSentence.add(base);
  }
  for (const w of commonWords(question)) {
    if (s.has(w)) continue;
    for (const o of OPPOSITES.get(w) ?? []) if (s.has(o)) return true;
    const base = NEGATING_PREFIX.exec(w)?.[1];
    if ((base !== undefined && s.has(base)) || negatedInSentence.has(w)) return true;
  }
  return false;
}
