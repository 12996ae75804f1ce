// Sentence retrieval: an FTS5 OR-query over the question's words and their paraphrases, bm25-ranked.
import { synonymWords } from '../language/synonyms.ts';
import { aliasesIn } from '../language/aliases.ts';
import type { ArticleStore, SentenceHit } from '../store/article-store.ts';
import type { QuestionTerm } from './question.ts';

/** A phrase FTS5 accepts: only word characters, quoted. */
export function ftsPhrase(word: string): string | undefined {
  const clean = (word.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
  return clean ? `"${clean}"` : undefined;
}

export function ftsQuery(terms: readonly QuestionTerm[], widen = true): string {
  const parts = new Set<string>();
  for (const t of terms) {
    const p = ftsPhrase(t.word);
    if (p) parts.add(p);
    if (widen) for (const s of new Set([...synonymWords(t.word), ...synonymWords(t.lemma)])) {
      const sp = ftsPhrase(s);
      if (sp) parts.add(sp);
    }
  }
  // "North Korea" also reaches sentences that say "Pyongyang".
  if (widen) for (const a of aliasesIn(terms.map((t) => t.word).join(' '))) {
    const p = ftsPhrase(a);
    if (p) parts.add(p);
  }
  return [...parts].join(' OR ');
}

/**
 * Candidates from the question's words, its paraphrases and aliases; each hit's bm25 is that of
 * the question's own words (0 when only a paraphrase matched), so synonyms widen the net without
 * inflating the score of sentences that use many loosely related words.
 */
export async function retrieveSentences(store: ArticleStore, terms: readonly QuestionTerm[], limit: number, articleIds?: readonly string[]): Promise<SentenceHit[]> {
  const wide = ftsQuery(terms);
  if (!wide) return [];
  const exactQuery = ftsQuery(terms, false);
  const exact = exactQuery ? await store.searchSentences(exactQuery, limit, articleIds) : [];
  const bm25 = new Map(exact.map((h) => [h.sentence.id, h.bm25]));
  const out = [...exact];
  if (wide !== exactQuery) {
    for (const h of await store.searchSentences(wide, limit, articleIds)) {
      if (out.length >= limit * 1.5) break;
      if (!bm25.has(h.sentence.id)) out.push({ ...h, bm25: 0 });
    }
  }
  return out;
}
