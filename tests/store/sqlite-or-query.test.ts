// The SQLite store ranks an OR of phrases from each phrase's rows and bm25 terms (orQueryTop):
// the same sentences, scores and order as FTS5's own bm25 ranking, ties and later writes included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../../src/core/store/sqlite-driver.ts';
import { migrate } from '../../src/core/store/sqlite-schema.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';

const T0 = '2025-05-12T08:00:00.000Z';
const WORDS = ['troops', 'border', 'sanctions', 'banks', 'storm', 'coast', 'talks', 'geneva', 'prices', 'rose', 'said', 'convoy'];

/** A small random generator, so the corpus is the same on every run. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('SQLite store: OR-queries of phrases', () => {
  let store: SqliteArticleStore;
  const next = random(7);
  const pick = () => WORDS[Math.floor(next() * WORDS.length)]!;
  beforeEach(async () => {
    store = new SqliteArticleStore(new SqliteDatabase(':memory:'));
    migrate(store.db);
    // Short sentences from few words: many rows of one length with the same words, so equal scores.
    for (let i = 0; i < 150; i++) {
      const text = [0, 1, 2].map(() => `${pick()} ${pick()} ${next() < 0.5 ? pick() : 'and'} ${next() < 0.3 ? `${pick()} ${pick()}` : 'now'}.`);
      await store.insertArticle({ id: `a${i}`, title: `Story ${i}`, source: null, url: null, canonicalUrl: null, externalId: null, published: null, contentHash: `h${i}`, bands: [], body: text.join(' '), sentences: text.map((t) => ({ text: t, entities: [], facts: [] })) }, T0);
    }
  });
  afterEach(() => store.close());

  /** FTS5's ranking of the query: the best `limit` by bm25, equal scores by rowid. */
  const fts5 = (match: string, limit: number) =>
    (store.db.prepare('SELECT rowid AS sid, bm25(sentences_fts) AS score FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY score, rowid LIMIT ?').all(match, limit) as { sid: number; score: number }[]).map((r) => [r.sid, r.score]);
  const ranked = async (match: string, limit: number) => (await store.searchSentences(match, limit)).map((h) => [h.sentence.id, h.bm25]);

  it('gives the rows and scores FTS5 gives, equal scores included, whether or not the phrases were counted first', async () => {
    let compared = 0;
    for (let k = 0; k < 60; k++) {
      const phrases = [...new Set(Array.from({ length: 1 + Math.floor(next() * 4) }, () => `"${next() < 0.2 ? `${pick()} ${pick()}` : pick()}"`))];
      const match = phrases.join(' OR ');
      const limit = 1 + Math.floor(next() * 40);
      const expected = fts5(match, limit);
      // Not counted: FTS5 ranks the query. Counted (as an answer's query is): from the phrases' rows.
      expect(await ranked(match, limit)).toEqual(expected);
      await store.phraseCounts(phrases, 5000);
      expect(await ranked(match, limit)).toEqual(expected);
      // Equal scores straddle the cut in most of these queries.
      if (expected.length === limit) compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('adds the same phrase twice as FTS5 does, and ranks again after a write', async () => {
    await store.phraseCounts(['"storm"', '"coast"'], 5000);
    expect(await ranked('"storm" OR "coast" OR "storm"', 10)).toEqual(fts5('"storm" OR "coast" OR "storm"', 10));
    await store.insertArticle({ id: 'new', title: 'New', source: null, url: null, canonicalUrl: null, externalId: null, published: null, contentHash: 'hn', bands: [], body: 'Storm storm coast.', sentences: [{ text: 'Storm storm coast.', entities: [], facts: [] }] }, T0);
    await store.phraseCounts(['"storm"', '"coast"'], 5000);
    const after = await store.searchSentences('"storm" OR "coast"', 5);
    expect(after[0]!.sentence.text).toBe('Storm storm coast.');
    expect(after.map((h) => [h.sentence.id, h.bm25])).toEqual(fts5('"storm" OR "coast"', 5));
  });
});
