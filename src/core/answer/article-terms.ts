// What one candidate article says about a question's terms, as a whole and sentence by sentence:
// the credit creditIn() gives each sentence's words for each term, and how often countIn() finds
// each term in the title and body, worked out once per article.
import type { Article } from '../articles/types.ts';
import { words as plainWords } from '../language/words.ts';
import { formMatch, wordsOf, type TermPatterns } from './features.ts';

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
  const sentences = article.sentences.map((s) => wordsOf(s.text));
  const vocabulary = wordsOf(article.title);
  for (const s of sentences) for (const w of s) vocabulary.add(w);
  const all = plainWords(`${article.title} ${article.body}`);
  const counts = new Map<string, number>();
  for (const w of all) counts.set(w, (counts.get(w) ?? 0) + 1);
  const distinct = new Set(vocabulary);
  for (const w of counts.keys()) distinct.add(w);
  // Per term: the words that match an exact form (credit 1) and those that match only a synonym (0.8).
  const matching = patterns.map((p) => {
    const exact: string[] = [];
    const synonym: string[] = [];
    // A word matches a form only if it starts with it: most words fail on their first letter.
    const forms = [...p.exact, ...p.synonym];
    const firsts = forms.every((f) => f.length > 0) ? new Set(forms.map((f) => f[0])) : undefined;
    for (const w of distinct) {
      if (firsts && !firsts.has(w[0])) continue;
      if (formMatch(w, p.exact)) exact.push(w);
      else if (p.synonym.length && formMatch(w, p.synonym)) synonym.push(w);
    }
    return { exact, synonym };
  });
  const creditOf = (words: ReadonlySet<string>, j: number) => {
    const m = matching[j]!;
    for (const w of m.exact) if (words.has(w)) return 1;
    for (const w of m.synonym) if (words.has(w)) return 0.8;
    return 0;
  };
  // countIn(): every occurrence of an exact form; only when there is none, synonyms at 0.8.
  const countOf = (j: number) => {
    const m = matching[j]!;
    let exact = 0;
    for (const w of m.exact) exact += counts.get(w) ?? 0;
    if (exact) return exact;
    let synonym = 0;
    for (const w of m.synonym) synonym += counts.get(w) ?? 0;
    return synonym ? 0.8 * synonym : 0;
  };
  const credit = sentences.map((s) => patterns.map((_, j) => creditOf(s, j)));
  return {
    credit,
    whole: patterns.map((_, j) => creditOf(vocabulary, j)),
    sentencesWith: patterns.map((_, j) => credit.filter((c) => c[j]! > 0).length),
    counts: patterns.map((_, j) => countOf(j)),
    length: all.length,
  };
}

/** creditIn() of one sentence of the article (0 past either end), from articleTerms(). */
export function sentenceCredit(terms: ArticleTerms | undefined, index: number, patterns: readonly TermPatterns[]): number[] {
  const row = terms?.credit[index];
  return row ? [...row] : patterns.map(() => 0);
}
