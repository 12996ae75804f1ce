// People, places and organisations of an article's sentences without running a tagger over every
// word: runs of capitalised words, typed by compromise's own word lists (first and last names,
// countries, cities, organisations, their endings) and by the words around them ("Mr.", "said",
// "in"). Ingest spent three quarters of its time in compromise's full tagger; this is about a
// hundred times cheaper (the eval in docs/benchmarks.md gives what it costs in answers).
import type { Entity, EntityKind } from './entities.ts';
import { getCompromiseWorld } from './nlp.ts';
import { STOPWORDS } from './stopwords.ts';
import { OPENS_LOWER } from './words.ts';

type NameKind = Extract<EntityKind, 'person' | 'place' | 'organization'>;

interface Lists {
  tags: (word: string) => readonly string[];
  orgWords: Set<string>;
  placeWords: Set<string>;
}
let lists: Lists | undefined;

function getLists(): Lists {
  if (lists) return lists;
  const model = getCompromiseWorld().model;
  const lexicon = model.one.lexicon;
  const tags = (word: string): readonly string[] => {
    const t = lexicon[word];
    return t === undefined ? [] : Array.isArray(t) ? t : [t];
  };
  lists = { tags, orgWords: new Set(Object.keys(model.two.orgWords)), placeWords: new Set(Object.keys(model.two.placeWords)) };
  return lists;
}

const FIRST_NAME = new Set(['FirstName', 'MaleName', 'FemaleName', 'Person']);
const PLACE = new Set(['Country', 'City', 'Region', 'Place']);
const ORG = new Set(['Organization', 'SportsTeam', 'Company', 'School']);
/** Capitalised words that are not names: months, days, pronouns... */
const NOT_NAME = new Set(['Month', 'WeekDay', 'Date', 'Pronoun', 'Determiner', 'Preposition', 'Conjunction', 'QuestionWord', 'Modal', 'Expression', 'Holiday']);
const TITLES =
  /^(mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|gen|col|lt|capt|sgt|adm|gov|sen|rep|rev|president|vice|prime|minister|secretary|senator|governor|mayor|chancellor|king|queen|prince|princess|pope|ambassador|judge|justice|coach|chief|director|chairman|chairwoman|commissioner|general|colonel|captain|sergeant|officer|detective|inspector|professor|dr\.|saint|st)\.?$/i;
const REALM = /^(Empire|Kingdom|Duchy|Republic|Province|County|Dynasty|Caliphate|Sultanate|Principality|Emirate|State|States|Island|Islands|Mountains|Valley|River|Sea|Ocean|Lake|Bay|Gulf|Strait)$/;
const CONNECTORS = new Set(['of', 'de', 'da', 'del', 'della', 'der', 'van', 'von', 'du', 'la', 'le', 'al', 'bin', 'ibn', 'y']);
const SAYS = /^\s*(?:,\s*)?(?:said|says|told|added|explained|wrote|asked|insisted|claimed|argued|stated|who|,\s*\d+,)/i;
const PLACE_BEFORE = /\b(?:in|at|from|near|across|throughout|outside|inside)\s+(?:the\s+)?$/i;
const ORG_SUFFIX = /\b(Department|Ministry|Agency|Council|Committee|Commission|Company|Corp\.?|Corporation|Inc\.?|Ltd\.?|Bank|University|College|Party|Association|Institute|Office|Bureau|Service|Group|Union|Court|Parliament|Congress|Senate|Club|Foundation|Society|Airlines|Network|Times|Post|News)$/;

interface Word {
  text: string;
  start: number;
  end: number;
  lower: string;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const isApostrophe = (c: number) => c === 0x27 || c === 0x2019;

/**
 * The code point at `i` is a letter or digit (what \p{L}\p{N} matches), or with `inner` also one
 * of the characters a word may hold ('’.&-); returns its length in UTF-16 units, 0 if not.
 * ASCII is decided here; other characters (rare in English news) by the regex.
 */
function wordCharAt(s: string, i: number, inner: boolean): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (inner && (c === 0x27 || c === 0x2e || c === 0x26 || c === 0x2d)) ? 1 : 0;
  if (inner && c === 0x2019) return 1;
  const cp = s.codePointAt(i)!;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/**
 * The sentence's words: runs of /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*\/u, scanned by hand (matchAll's
 * match objects were the tagger's largest cost), with a final full stop and a possessive taken off.
 */
function wordsOf(sentence: string): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < sentence.length; ) {
    const first = wordCharAt(sentence, i, false);
    if (!first) {
      i++;
      continue;
    }
    const start = i;
    i += first;
    for (let n = wordCharAt(sentence, i, true); n; n = wordCharAt(sentence, i, true)) i += n;
    let text = sentence.slice(start, i);
    // A full stop ends the sentence, not the word, unless the word is an abbreviation ("U.S.", "Mr.").
    if (text.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(text) && !TITLES.test(text)) text = text.replace(/\.+$/, '');
    // A possessive or closing apostrophe is not part of the name: /['’]s?$/ without a regex per plural.
    const last = text.charCodeAt(text.length - 1);
    if (isApostrophe(last)) text = text.slice(0, -1);
    else if (last === 0x73 /* s */ && text.length > 1 && isApostrophe(text.charCodeAt(text.length - 2))) text = text.slice(0, -2);
    if (!text) continue;
    const lower = text.toLowerCase();
    out.push({ text, start, end: start + text.length, lower: lower.endsWith('.') ? lower.slice(0, -1) : lower });
  }
  return out;
}

const CAPITAL = /^\p{Lu}/u;
const isCapitalised = (w: Word) => CAPITAL.test(w.text);

const WHITESPACE = /\s/;
const OPENS = '.!?:;"“‘(—–-';

/** Whether a word starts its sentence or a quotation, where capitals say nothing. */
function atStart(sentence: string, w: Word): boolean {
  // The last character before the word that is not white space (what trimEnd would leave last).
  let k = w.start - 1;
  while (k >= 0 && WHITESPACE.test(sentence[k]!)) k--;
  return k < 0 || OPENS.includes(sentence[k]!);
}

/** The article's context for the tagger: words it capitalises mid-sentence, and the people named so far. */
export interface NameContext {
  midCapitals: Set<string>;
  people: Set<string>;
  /** Each sentence's words, as nameContext read them (namesIn reads them again otherwise). */
  words?: Map<string, Word[]>;
}

export function nameContext(sentences: readonly string[]): NameContext {
  const midCapitals = new Set<string>();
  const words = new Map<string, Word[]>();
  for (const s of sentences) {
    const ws = words.get(s) ?? wordsOf(s);
    words.set(s, ws);
    for (const w of ws) if (isCapitalised(w) && !atStart(s, w)) midCapitals.add(w.lower);
  }
  return { midCapitals, people: new Set(), words };
}

/** Names in one sentence; `ctx` carries what earlier sentences of the article established. */
export function namesIn(sentence: string, ctx: NameContext = nameContext([sentence])): Entity[] {
  const { tags } = getLists();
  const words = ctx.words?.get(sentence) ?? wordsOf(sentence);
  const out: Entity[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (!startsName(sentence, w, ctx)) {
      i++;
      continue;
    }
    // Extend the run over capitalised words joined by a single space, and connectors between them.
    let j = i;
    while (j + 1 < words.length) {
      const next = words[j + 1]!;
      const gap = sentence.slice(words[j]!.end, next.start);
      // "Russia’s Kursk region" is one place.
      const possessivePlace = /^['’]s $/.test(gap) && tags(words[j]!.lower).some((t) => PLACE.has(t));
      if (gap !== ' ' && gap !== '' && !possessivePlace) break;
      if (isCapitalised(next) && !tags(next.lower).some((t) => NOT_NAME.has(t))) {
        j++;
        continue;
      }
      const after = words[j + 2];
      if (CONNECTORS.has(next.text) && after && isCapitalised(after) && sentence.slice(next.end, after.start) === ' ') {
        j += 2;
        continue;
      }
      break;
    }
    let run = words.slice(i, j + 1);
    i = j + 1;
    // "South Korean Defense Minister Kim Yong-hyun": the name starts at its last title.
    const title = lastIndexWhere(run, (w) => TITLES.test(w.text));
    if (title > 0 && title < run.length - 1) run = run.slice(title);
    // A lower-case noun after the name says what it is and belongs to it: "Kursk region", "State departments".
    const next = words[i];
    const noun = next && sentence.slice(run[run.length - 1]!.end, next.start) === ' ' && OPENS_LOWER.test(next.text) ? kindOfNoun(next.lower) : undefined;
    const kind = noun ?? kindOf(sentence, run, ctx);
    if (!kind) continue;
    const start = run[0]!.start;
    const end = noun ? next!.end : run[run.length - 1]!.end;
    if (noun) i++;
    out.push({ kind, text: sentence.slice(start, end), start, end });
  }
  return out;
}

function lastIndexWhere<T>(xs: readonly T[], f: (x: T) => boolean): number {
  for (let k = xs.length - 1; k >= 0; k--) if (f(xs[k]!)) return k;
  return -1;
}

function kindOfNoun(noun: string): NameKind | undefined {
  const { orgWords, placeWords } = getLists();
  const singular = noun.replace(/(?<=[^s])s$/, '');
  if (orgWords.has(noun) || orgWords.has(singular) || /^(department|ministry|agency|government|administration|party|company|group|court|council)s?$/.test(noun)) return 'organization';
  if (placeWords.has(noun) || placeWords.has(singular) || /^(region|province|state|city|town|village|county|district|border|area|oblast|peninsula)s?$/.test(noun)) return 'place';
  return undefined;
}

function startsName(sentence: string, w: Word, ctx: NameContext): boolean {
  if (!isCapitalised(w) || w.text === 'I') return false;
  const { tags } = getLists();
  const t = tags(w.lower);
  if (t.some((x) => NOT_NAME.has(x))) return false;
  if (!atStart(sentence, w)) return true;
  // At the start of a sentence only a known name, or a word the article capitalises elsewhere too.
  if (STOPWORDS.has(w.lower)) return false;
  return t.some((x) => FIRST_NAME.has(x) || PLACE.has(x) || ORG.has(x) || x === 'LastName' || x === 'ProperNoun') || TITLES.test(w.text) || ctx.midCapitals.has(w.lower);
}

function kindOf(sentence: string, run: Word[], ctx: NameContext): NameKind | undefined {
  const { tags, orgWords, placeWords } = getLists();
  // Titles before a name: "President Barack Obama", "Mr. Smith".
  let k = 0;
  while (k < run.length - 1 && TITLES.test(run[k]!.text)) k++;
  const titled = k > 0;
  const name = run.slice(k);
  const first = name[0]!;
  const last = name[name.length - 1]!;
  if (!titled && name.length === 1 && TITLES.test(first.text)) return undefined;
  // "French", "Normans": a people's name, not a named entity.
  if (name.length === 1 && tags(first.lower).includes('Demonym')) return undefined;
  const text = sentence.slice(run[0]!.start, last.end);
  const whole = tags(name.map((w) => w.lower).join(' '));
  const wordTags = name.map((w) => tags(w.lower));
  const has = (set: Set<string>, t: readonly string[]) => t.some((x) => set.has(x));
  // "Bank of England", "Gulf of Mexico": the word before "of" says what the name is.
  const of = name.findIndex((w) => w.text === 'of');
  const head = of > 0 ? name[of - 1]! : last;
  if (has(ORG, whole) || wordTags.some((t) => has(ORG, t)) || orgWords.has(head.lower) || ORG_SUFFIX.test(head.text) || ORG_SUFFIX.test(text)) return 'organization';
  if (of > 0 && (placeWords.has(head.lower) || REALM.test(head.text))) return 'place';
  // Acronyms name organisations ("NASA", "FBI"), except the places among them ("U.S.", "UK").
  if (name.length === 1 && /^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,6}$/u.test(first.text)) return has(PLACE, wordTags[0]!) ? 'place' : 'organization';
  const firstName = has(FIRST_NAME, wordTags[0]!);
  const personal = titled || (firstName && name.length > 1) || ctx.people.has(last.lower) || (name.length > 1 && wordTags[name.length - 1]!.includes('LastName'));
  const placed = has(PLACE, whole) || wordTags.some((t) => has(PLACE, t)) || placeWords.has(last.lower) || REALM.test(first.text) || REALM.test(last.text);
  let kind: NameKind | undefined;
  if (personal) kind = 'person';
  else if (placed) kind = 'place';
  else if (firstName || wordTags[0]!.includes('LastName')) kind = 'person';
  else if (SAYS.test(sentence.slice(last.end))) kind = 'person';
  else if (name.length === 1 && PLACE_BEFORE.test(sentence.slice(0, run[0]!.start))) kind = 'place';
  if (kind === 'person') for (const w of name) ctx.people.add(w.lower);
  return kind;
}
