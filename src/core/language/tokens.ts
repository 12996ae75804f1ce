// Word tokens with character offsets, stems and part of speech, from wink-nlp.
import { getWinkFor, winkStem } from './nlp.ts';
import { STOPWORDS } from './stopwords.ts';

export interface Token {
  text: string;
  /** Lower-cased. */
  norm: string;
  stem: string;
  lemma: string;
  pos: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'punctuation' | 'symbol' | 'other';
  stop: boolean;
}

const tokenCache = new Map<string, readonly Token[]>();
const TOKEN_CACHE_SIZE = 20_000;

/**
 * Tokens of `text` with offsets into `text`. The stored sentences a question reaches are tagged
 * again by every question about the same story; the latest 20,000 texts keep their tokens.
 */
export function tokenize(text: string): Token[] {
  let tokens = tokenCache.get(text);
  if (tokens) {
    // Most recently used last, so the oldest is dropped first.
    tokenCache.delete(text);
  } else {
    tokens = Object.freeze(tagTokens(text));
    if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.delete(tokenCache.keys().next().value!);
  }
  tokenCache.set(text, tokens);
  return tokens as Token[];
}

function tagTokens(text: string): Token[] {
  const { nlp, its } = getWinkFor('tagging');
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const lemmas = tokens.out(its.lemma) as string[];
  const pos = tokens.out(its.pos) as string[];
  const types = tokens.out(its.type) as string[];
  const out: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    cursor += spaces[i]?.length ?? 0;
    // wink normalises some characters; find the token in the source to keep offsets honest.
    const found = text.indexOf(value, cursor);
    const start = found >= 0 && found - cursor < 4 ? found : cursor;
    const end = start + value.length;
    cursor = end;
    // Dotted acronyms match their plain spelling: "U.N." is "UN".
    const acronym = isAcronym(value);
    const norm = normOf(value);
    const type = types[i] ?? 'word';
    out.push({
      text: value,
      norm,
      // stemOfToken(value), from the acronym test and norm already made (three patterns a token fewer).
      stem: acronym ? norm : stemWord(norm, winkStem(value)),
      lemma: (lemmas[i] ?? norm).toLowerCase(),
      pos: pos[i] ?? 'X',
      start,
      end,
      kind: type === 'word' ? 'word' : type === 'number' ? 'number' : type === 'punctuation' ? 'punctuation' : type === 'symbol' || type === 'currency' ? 'symbol' : 'other',
      stop: !acronym && STOPWORDS.has(norm),
    });
  }
  return out;
}

/** Whether a token opens with an ASCII lower-case letter or digit: then it is no acronym (most tokens; the patterns below cost more). */
const opensLower = (value: string) => {
  const c = value.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
};
/** Dotted capitals ("U.S."), and a short run of capitals ("NATO"). Module-level: see OPENS_UPPER in words.ts. */
const DOTTED_CAPITALS = /^(?:\p{Lu}\.){2,}$/u;
const CAPITALS = /^\p{Lu}{2,5}$/u;
const isAcronym = (value: string) => !opensLower(value) && (DOTTED_CAPITALS.test(value) || (CAPITALS.test(value) && value.length <= 5));
const normOf = (value: string) => (!opensLower(value) && DOTTED_CAPITALS.test(value) ? value.replace(/\./g, '').toLowerCase() : value.toLowerCase());

/** A token's stem as tokenize() gives it: acronyms keep their letters, numbers their digits. */
function stemOfToken(value: string): string {
  const norm = normOf(value);
  return isAcronym(value) ? norm : stemWord(norm, winkStem(value));
}

function stemWord(norm: string, winkStem: string | undefined): string {
  // Numbers keep their digits (12,000 → 12000) so "12000" and "12,000" match.
  if (/^[\d.,]+$/.test(norm)) return norm.replace(/,/g, '');
  return (winkStem ?? norm).toLowerCase();
}

/**
 * The stem of every token of `text` as tokenize() gives it (stop words and punctuation included),
 * from wink's tokenizer alone: a headline's stems are all the answerer reads of it, and tagging
 * each candidate's headline was a third of the ranking's tokenising. The whole text is read at
 * once, as tokenize() reads it (what wink learns from a text no longer changes how it reads dotted
 * initials later: see initialsFirst in nlp.ts).
 */
export function tokenStems(text: string): string[] {
  // With parts of speech wink keeps "Newcomen's" whole where its tokenizer alone cuts off the "'s".
  if (APOSTROPHE.test(text)) return tokenize(text).map((t) => t.stem);
  const { nlp, its } = getWinkFor('tokens');
  return (nlp.readDoc(text).tokens().out(its.value) as string[]).map(stemOfToken);
}

const APOSTROPHE = /['’‘`´]/;

const contentStemCache = new Map<string, string | null>();

/**
 * Content words (not stop words, not punctuation) as stems: the unit of term matching. The same
 * stems as filtering tokenize(), from wink's tokenizer alone (no tagging) with each distinct
 * token's stem cached: summaries, briefings and search stem thousands of sentences per request.
 */
export function contentStems(text: string): string[] {
  // wink's tokenizer reads each space-separated chunk on its own (a cache lookup, then rules), so
  // a chunk's stems are the same wherever it stands: news reuses most chunks, and each is
  // tokenised once. Briefings stem every sentence of up to 200 articles.
  const out: string[] = [];
  for (const chunk of text.split(SPACES)) {
    if (!chunk) continue;
    let stems = chunkStemCache.get(chunk);
    if (stems === undefined) {
      stems = chunkContentStems(chunk);
      if (chunkStemCache.size > 200_000) chunkStemCache.clear();
      chunkStemCache.set(chunk, stems);
    }
    for (const s of stems) out.push(s);
  }
  return out;
}

/** Plain spaces and line breaks: wink splits a text at each of these before anything else. */
const SPACES = /[ \t\n\r]+/;
const chunkStemCache = new Map<string, readonly string[]>();

function chunkContentStems(text: string): string[] {
  const { nlp, its } = getWinkFor('tokens');
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  const types = tokens.out(its.type) as string[];
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const type = types[i];
    if (type === 'punctuation' || type === 'symbol' || type === 'currency') continue;
    const value = values[i]!;
    let stem = contentStemCache.get(value);
    if (stem === undefined) {
      stem = contentStemOf(value);
      if (contentStemCache.size > 200_000) contentStemCache.clear();
      contentStemCache.set(value, stem);
    }
    if (stem !== null) out.push(stem);
  }
  return out;
}

/** What tokenize() would make of one word token: its stem, or null for a stop word. */
function contentStemOf(value: string): string | null {
  const dotted = DOTTED_CAPITALS.test(value);
  const acronym = dotted || (CAPITALS.test(value) && value.length <= 5);
  const norm = dotted ? value.replace(/\./g, '').toLowerCase() : value.toLowerCase();
  if ((!acronym && STOPWORDS.has(norm)) || !/[\p{L}\p{N}]/u.test(norm)) return null;
  return acronym ? norm : stemWord(norm, winkStem(norm));
}

const stemCache = new Map<string, string>();
/** The stem of one word, as tokenize() would give it. */
export function stemOf(word: string): string {
  const key = word.toLowerCase();
  let s = stemCache.get(key);
  if (s === undefined) {
    // wink's tokenizer alone gives the same first token as tagging would (the stem reads no tag),
    // at a third of the cost and without pushing a one-word text through tokenize()'s cache.
    const { nlp, its } = getWinkFor('tokens');
    const value = (nlp.readDoc(key).tokens().out(its.value) as string[])[0];
    s = value === undefined ? key : stemOfToken(value);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(key, s);
  }
  return s;
}
