// Sentence retrieval: an FTS5 OR-query over the question's words and their paraphrases, bm25-ranked.
import { synonymWords } from '../language/synonyms.ts';
import type { ArticleStore, SentenceHit } from '../store/article-store.ts';
import type { QuestionTerm } from './question.ts';

/** A phrase FTS5 accepts: only word characters, quoted. */
export function ftsPhrase(word: string): string | undefined {
  const clean = (word.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
  return clean ? `"${clean}"` : undefined;
}

export function ftsQuery(terms: readonly QuestionTerm[], withSynonyms = true): string {
  const parts = new Set<string>();
  for (const t of terms) {
    const p = ftsPhrase(t.word);
    if (p) parts.add(p);
    if (withSynonyms) for (const s of synonymWords(t.word)) {
      const sp = ftsPhrase(s);
      if (sp) parts.add(sp);
    }
  }
  return [...parts].join(' OR ');
}

export async function retrieveSentences(store: ArticleStore, terms: readonly QuestionTerm[], limit: number, articleIds?: readonly string[]): Promise<SentenceHit[]> {
  const match = ftsQuery(terms);
  if (!match) return [];
  return store.searchSentences(match, limit, articleIds);
}
