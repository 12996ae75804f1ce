// Full-text queries bounded by posting-list length (answer/retrieve.ts): common words leave the
// OR-query when rarer ones can carry it, on a real SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundedQuery } from '../../src/core/answer/retrieve.ts';
import type { ArticleRecord } from '../../src/core/store/article-store.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';

const T0 = '2025-05-12T08:00:00.000Z';

function record(id: string, sentences: string[]): ArticleRecord {
  return {
    id,
    title: `Title of ${id}`,
    source: 'Wire',
    url: `https://news.example/${id}`,
    canonicalUrl: `https://news.example/${id}`,
    externalId: null,
    published: null,
    contentHash: `hash-${id}`,
    bands: [],
    body: sentences.join(' '),
    sentences: sentences.map((text) => ({ text, entities: [], facts: [] })),
  };
}

describe('boundedQuery', () => {
  let dir: string;
  let store: SqliteArticleStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bounded-'));
    store = SqliteArticleStore.open(join(dir, 'b.db'));
    // "said" in 12 sentences, "troops" in 6, "convoy" in 3, "Kursk" in 1.
    for (let i = 0; i < 6; i++) await store.insertArticle(record(`a${i}`, [`Officials said troops moved ${i}.`, `He said it was cold ${i}.`]), T0);
    await store.insertArticle(record('b', ['A convoy said nothing.', 'The convoy passed.', 'Another convoy left Kursk.']), T0);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the sentences a phrase matches, no further than the cap', async () => {
    const counts = await store.phraseCounts(['"said"', '"troops"', '"convoy"', '"zebra"'], 8);
    expect(Object.fromEntries(counts)).toEqual({ '"said"': 9, '"troops"': 6, '"convoy"': 3, '"zebra"': 0 });
    // Below the cap the count is exact, and the same as documentFrequencies'.
    expect((await store.documentFrequencies(['convoy'])).df.get('convoy')).toBe(3);
    expect(Object.fromEntries(await store.phraseCounts(['"said"'], 20))).toEqual({ '"said"': 13 });
  });

  it('keeps every phrase while their lists fit in the budget', async () => {
    expect(await boundedQuery(store, ['"said"', '"troops"', '"convoy"'], 30)).toBe('"said" OR "troops" OR "convoy"');
  });

  it('leaves out the commonest phrases, rarest kept first, in the question order', async () => {
    expect(await boundedQuery(store, ['"said"', '"troops"', '"Kursk"', '"convoy"'], 10)).toBe('"troops" OR "Kursk" OR "convoy"');
    expect(await boundedQuery(store, ['"said"', '"troops"', '"Kursk"', '"convoy"'], 5)).toBe('"Kursk" OR "convoy"');
  });

  it('takes the first two together when every phrase is over the budget', async () => {
    expect(await boundedQuery(store, ['"said"', '"troops"', '"convoy"'], 2)).toBe('"said" AND "troops"');
    expect(await boundedQuery(store, ['"said"'], 2)).toBe('"said"');
  });

  it('counts again after the store changes', async () => {
    expect((await store.phraseCounts(['"Kursk"'], 5)).get('"Kursk"')).toBe(1);
    await store.insertArticle(record('c', ['Kursk again.', 'And Kursk.']), T0);
    expect((await store.phraseCounts(['"Kursk"'], 5)).get('"Kursk"')).toBe(3);
  });
});
