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

/** The quoted phrases of a query over the question's words, and with `widen` their paraphrases and aliases. */
export function ftsPhrases(terms: readonly QuestionTerm[], widen = true): string[] {
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
  return [...parts];
}

export function ftsQuery(terms: readonly QuestionTerm[], widen = true): string {
  return ftsPhrases(terms, widen).join(' OR ');
}

/**
 * Sentences a full-text query may walk, summed over its phrases' posting lists. Ranking an
 * OR-query costs time in proportion to every row it matches: at 100,000 articles one common word
 * ("year", "video") matches 50,000-150,000 sentences and makes the query take hundreds of
 * milliseconds, while adding little to the ranking (its IDF is a fraction of a name's; the
 * answerer still weighs every question word on the candidates). A store of fewer than about
 * 5,000 sentences never reaches the budget, so its queries are unchanged.
 */
export const POSTINGS_BUDGET = 5_000;

/**
 * An OR-query over the phrases worth walking: rarest first while their sentence counts fit in the
 * budget. When even the rarest is over it (every word common: "why campaign jobs homes"), the
 * sentences with both of the first two (counts stop at the budget, so which is rarer is not
 * known): FTS5 finds those by skipping through both lists instead of ranking every row of either.
 * Without counts from the store, every phrase.
 */
export async function boundedQuery(store: ArticleStore, phrases: readonly string[], budget = POSTINGS_BUDGET): Promise<string> {
  if (!store.phraseCounts || phrases.length < 2) return phrases.join(' OR ');
  return withinBudget(phrases, await store.phraseCounts(phrases, budget), budget);
}

/** boundedQuery's choice from the phrases' counts. */
function withinBudget(phrases: readonly string[], counts: ReadonlyMap<string, number>, budget: number): string {
  if (phrases.length < 2) return phrases.join(' OR ');
  const total = phrases.reduce((n, p) => n + (counts.get(p) ?? 0), 0);
  if (total <= budget) return phrases.join(' OR ');
  // Stable: equal counts keep the question's order. A count past the budget is read as budget + 1:
  // a store may know some of those exactly (SQLite's document frequencies share its cache), and
  // the pair AND-ed below then depended on which words earlier questions had counted, so the same
  // question asked twice in one process could be answered from other sentences.
  const byCount = phrases.map((p, i) => ({ p, i, n: Math.min(counts.get(p) ?? 0, budget + 1) })).sort((a, b) => a.n - b.n || a.i - b.i);
  if (byCount[0]!.n > budget) return `${byCount[0]!.p} AND ${byCount[1]!.p}`;
  const kept = new Set<string>();
  let walked = 0;
  for (const x of byCount) {
    if (walked + x.n > budget) break;
    kept.add(x.p);
    walked += x.n;
  }
  return phrases.filter((p) => kept.has(p)).join(' OR ');
}

/**
 * The exact and the widened query for a question's terms, each within the postings budget. The
 * widened phrases include the exact ones, so one count serves both (a round trip less per search
 * on PostgreSQL).
 */
export async function boundedQueries(store: ArticleStore, terms: readonly QuestionTerm[]): Promise<{ exact: string; wide: string }> {
  const exact = ftsPhrases(terms, false);
  const wide = ftsPhrases(terms, true);
  if (!store.phraseCounts || wide.length < 2) return { exact: exact.join(' OR '), wide: wide.join(' OR ') };
  const counts = await store.phraseCounts([...new Set([...exact, ...wide])], POSTINGS_BUDGET);
  return { exact: withinBudget(exact, counts, POSTINGS_BUDGET), wide: withinBudget(wide, counts, POSTINGS_BUDGET) };
}

/**
 * Candidates from the question's words, its paraphrases and aliases; each hit's bm25 is that of
 * the question's own words (0 when only a paraphrase matched), so synonyms widen the net without
 * inflating the score of sentences that use many loosely related words.
 */
export async function retrieveSentences(store: ArticleStore, terms: readonly QuestionTerm[], limit: number, articleIds?: readonly string[]): Promise<SentenceHit[]> {
  const { exact: exactQuery, wide } = await boundedQueries(store, terms);
  if (!wide) return [];
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
