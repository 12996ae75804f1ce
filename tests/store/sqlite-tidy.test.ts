// After a large import, the SQLite store merges what many small commits left in its full-text
// indexes: the store gets smaller and every search finds the same, ranked the same.
import { SqliteDatabase } from '../../src/core/store/sqlite-driver.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/core/store/sqlite-schema.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';

const T0 = '2025-05-12T08:00:00.000Z';
const TOPICS = ['troops crossed the border', 'sanctions hit banks', 'storm reached the coast', 'talks resumed in Geneva', 'prices rose again'];

describe('SQLite store after a large import', () => {
  let store: SqliteArticleStore | undefined;
  afterEach(() => store?.close());

  it('merges the index segments: smaller, with the same hits and scores', async () => {
    store = new SqliteArticleStore(new SqliteDatabase(':memory:'));
    migrate(store.db);
    // One commit per article, as a live bot stores feed items: one index segment each.
    for (let i = 0; i < 60; i++) {
      const text = [`Report ${i}: ${TOPICS[i % 5]} on day ${i}.`, `Officials said ${TOPICS[(i + 2) % 5]}.`];
      await store.insertArticle({ id: `a${i}`, title: `Story ${i}`, source: null, url: null, canonicalUrl: null, externalId: null, published: null, contentHash: `h${i}`, bands: [], body: text.join(' '), sentences: text.map((t) => ({ text: t, entities: [], facts: [] })) }, T0);
    }
    const indexBytes = () => (store!.db.prepare("SELECT sum(length(block)) AS n FROM sentences_fts_data").get() as { n: number }).n + (store!.db.prepare('SELECT sum(length(block)) AS n FROM articles_fts_data').get() as { n: number }).n;
    const hits = async () => ({
      sentences: (await store!.searchSentences('"troops" OR "geneva"', 20)).map((h) => [h.sentence.id, h.bm25.toFixed(9)]),
      articles: (await store!.searchArticleText('"sanctions"', 20)).map((h) => [h.article.id, h.bm25.toFixed(9)]),
    });
    const before = { bytes: indexBytes(), hits: await hits() };
    await store.tidyAfterImport(60);
    expect(indexBytes()).toBeLessThan(before.bytes * 0.8);
    expect(await hits()).toEqual(before.hits);
  });
});
