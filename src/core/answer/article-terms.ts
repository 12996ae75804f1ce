// What one candidate article says about a question's terms, as a whole and sentence by sentence:
// the credit creditIn() gives each sentence's words for each term, and how often countIn() finds
// each term in the title and body, worked out once per article.
import type { Article } from '../articles/types.ts';
import { words as plainWords } from '../language/words.ts';
import { formMatch, type TermPatterns } from './features.ts';
import { sameName } from '../language/names.ts';
import { aliasWords } from '../language/aliases.ts';

/** A question term's word (lower-cased) and whether it is a name, for likelyCredit(). */
export interface QuestionWord {
  word: string;
  proper: boolean;
}

export interface ArticleTerms {
  /** credit[i][j]: creditIn(words of sentence i, patterns[j]) (1 exact form, 0.8 synonym, 0). */
  credit: number[][];
  /** creditIn(words of the title and every sentence, patterns[j]). */
  whole: number[];
  /** Sentences with any credit for patterns[j]. */
  sentencesWith: number[];
  /** countIn(word counts of the title and body, patterns[j]). */
  counts: number[];
  /** Words in the title and body. */
  length: number;
  /** creditIn(words of the title, patterns[j]). */
  title: number[];
  /** The words of each sentence (words()). */
  words: string[][];
}

/**
 * Each sentence's credit and the article's count for each term. Whether a word matches a term's
 * forms depends on the word alone, so each distinct word of the article is tested once and each
 * sentence only looks up its words: asking creditIn() of every sentence for every term, and
 * countIn() of the article's counts, tested every word against every form again (thousands of
 * tests per article, about 30 articles per question). The same numbers as creditIn() on each
 * sentence's wordsOf() and countIn() on the counts of the title and body's words.
 */
export function articleTerms(article: Pick<Article, 'title' | 'body' | 'sentences'>, patterns: readonly TermPatterns[]): ArticleTerms {
  const title = plainWords(article.title);
  const sentences = article.sentences.map((s) => plainWords(s.text));
  const fromPieces = article.title.includes('Σ') ? undefined : wordsFromPieces(title, article.body, article.sentences, sentences);
  const all = fromPieces ?? plainWords(`${article.title} ${article.body}`);
  const counts = new Map<string, number>();
  for (const w of all) counts.set(w, (counts.get(w) ?? 0) + 1);
  // Every distinct word of the title and body, and of any sentence whose text the body lacks.
  const distinct = [...counts.keys()];
  if (!fromPieces) {
    for (const s of sentences) {
      for (const w of s) {
        if (counts.has(w)) continue;
        counts.set(w, 0);
        distinct.push(w);
      }
    }
  }
  // The words that match some term: their credit for each (1 an exact form, 0.8 only a synonym).
  const matches = new Map<string, number[]>();
  patterns.forEach((p, j) => {
    // A word matches a form only if it starts with it: most words fail on their first letter.
    const forms = [...p.exact, ...p.synonym];
    const firsts = forms.every((f) => f.length > 0) ? new Set(forms.map((f) => f[0])) : undefined;
    for (const w of distinct) {
      if (firsts && !firsts.has(w[0])) continue;
      const c = formMatch(w, p.exact) ? 1 : p.synonym.length && formMatch(w, p.synonym) ? 0.8 : 0;
      if (!c) continue;
      let row = matches.get(w);
      if (!row) matches.set(w, (row = patterns.map(() => 0)));
      row[j] = c;
    }
  });
  // creditIn(): 1 when any word has an exact form, else 0.8 when any has a synonym.
  const creditOf = (words: readonly string[], into = patterns.map(() => 0)) => {
    for (const w of words) {
      const row = matches.get(w);
      if (row) for (let j = 0; j < row.length; j++) if (row[j]! > into[j]!) into[j] = row[j]!;
    }
    return into;
  };
  const credit = sentences.map((s) => creditOf(s));
  const inTitle = creditOf(title);
  const whole = [...inTitle];
  for (const row of credit) for (let j = 0; j < row.length; j++) if (row[j]! > whole[j]!) whole[j] = row[j]!;
  // countIn(): every occurrence of an exact form; only when there is none, synonyms at 0.8.
  const countOf = (j: number) => {
    let exact = 0;
    let synonym = 0;
    for (const [w, row] of matches) {
      if (row[j] === 1) exact += counts.get(w)!;
      else if (row[j]) synonym += counts.get(w)!;
    }
    return exact || (synonym ? 0.8 * synonym : 0);
  };
  return {
    credit,
    whole,
    title: inTitle,
    words: sentences,
    sentencesWith: patterns.map((_, j) => credit.filter((c) => c[j]! > 0).length),
    counts: patterns.map((_, j) => countOf(j)),
    length: all.length,
  };
}

/**
 * The credit tagging sentence `index` of the article is likely to give each term (matchTerms()),
 * from its words alone: its credit, or 1 for a name's word in another ending ("Korea" for
 * "Korean"), 0.8 for a place standing for a term ("Pyongyang" for "Korea"), 0.5 when only the
 * title has the term. Only irregular forms (a verb's past, read through its lemma) escape it.
 */
export function likelyCredit(terms: ArticleTerms, index: number, names: readonly QuestionWord[]): number[] {
  const row = terms.credit[index];
  const words = terms.words[index];
  if (!row || !words) return names.map(() => 0);
  const out = row.map((c, j) => (c > 0 ? c : terms.title[j]! > 0 ? 0.5 : 0));
  for (const w of words) {
    const aliases = aliasWords(w);
    for (let j = 0; j < out.length; j++) {
      if (out[j] === 1) continue;
      const name = names[j];
      if (!name) continue;
      if (name.proper && sameName(w, name.word)) out[j] = 1;
      else if (out[j]! < 0.8 && aliases.length && aliases.includes(name.word.replace(/\./g, ''))) out[j] = 0.8;
    }
  }
  return out;
}

/**
 * words(`${title} ${body}`) from the words already taken of the title and of each sentence, when
 * the sentences are pieces of the body in order: the body's words are then those of the pieces
 * and of the text between them, provided no word runs across an edge (a letter or digit on both
 * sides) and nothing lower-cases by its context (the Greek final sigma). Undefined otherwise.
 */
function wordsFromPieces(title: readonly string[], body: string, sentences: readonly { text: string }[], sentenceWords: readonly (readonly string[])[]): string[] | undefined {
  if (body.includes('Σ')) return undefined;
  const out = [...title];
  let cursor = 0;
  const between = (from: number, to: number) => {
    if (from < to && !/^\s*$/.test(body.slice(from, to))) for (const w of plainWords(body.slice(from, to))) out.push(w);
  };
  for (const [i, s] of sentences.entries()) {
    const at = body.indexOf(s.text, cursor);
    if (at < 0 || !s.text || !cleanEdge(body, at) || !cleanEdge(body, at + s.text.length)) return undefined;
    between(cursor, at);
    for (const w of sentenceWords[i]!) out.push(w);
    cursor = at + s.text.length;
  }
  between(cursor, body.length);
  return out;
}

/** Whether a word cannot run across position k of a text: no letter or digit on one side, and no surrogate pair cut. */
function cleanEdge(text: string, k: number): boolean {
  if (k === 0 || k === text.length) return true;
  const before = text.charCodeAt(k - 1);
  const after = text.charCodeAt(k);
  if ((before >= 0xd800 && before <= 0xdfff) || (after >= 0xd800 && after <= 0xdfff)) return false;
  return !(WORD_CHAR.test(text[k - 1]!) && WORD_CHAR.test(text[k]!));
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** creditIn() of one sentence of the article (0 past either end), from articleTerms(). */
export function sentenceCredit(terms: ArticleTerms | undefined, index: number, patterns: readonly TermPatterns[]): number[] {
  const row = terms?.credit[index];
  return row ? [...row] : patterns.map(() => 0);
}
