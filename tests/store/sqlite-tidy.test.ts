// After a large import, the SQLite store merges what many small commits left in its full-text
// indexes: the store gets smaller and every search finds the same, ranked the same.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase } from '../../src/core/store/sqlite-driver.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/core/store/sqlite-schema.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';
import { ingestStream } from '../../src/core/articles/ingest-stream.ts';
import type { FileItem } from '../../src/core/articles/files.ts';

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

  // FTS5's gradual merging rewrites each entry once per level over a long import, and the final
  // merge rewrites everything again: a large import turns it off until its end.
  it('defers gradual merging during a large import and turns it back on at its end, also when the import fails', async () => {
    store = new SqliteArticleStore(new SqliteDatabase(':memory:'));
    migrate(store.db);
    const s = store;
    const automerge = () => (['sentences_fts', 'articles_fts'] as const).map((ix) => (s.db.prepare(`SELECT v FROM ${ix}_config WHERE k = 'automerge'`).get() as { v: number } | undefined)?.v ?? 'default');
    const seen = new Map<number, (number | string)[]>();
    let stored = 0;
    const target = {
      store: s,
      ingest: async (input: { text: string }) => {
        const i = stored++;
        if (i === 10 || i === 1100) seen.set(i, automerge());
        const text = `Report ${i}: ${TOPICS[i % 5]} on day ${i}.`;
        await s.insertArticle({ id: `a${i}`, title: `Story ${i}`, source: null, url: null, canonicalUrl: null, externalId: null, published: null, contentHash: `h${i}`, bands: [], body: input.text, sentences: [{ text, entities: [], facts: [] }] }, T0);
        return { status: 'added' as const };
      },
      ingestPrepared: async () => ({ status: 'rejected' as const }),
    };
    async function* items(n: number, failAt?: number): AsyncGenerator<FileItem> {
      for (let i = 0; i < n; i++) {
        if (i === failAt) throw new Error('disk gone');
        yield { input: { text: `Report ${stored}: ${TOPICS[i % 5]} on day ${i}.` } };
      }
    }
    // Small batches: many commits, as a loaded machine's one-second batches give.
    const counts = await ingestStream(target, items(1200), () => undefined, { batchArticles: 50 });
    expect(counts.added).toBe(1200);
    expect(seen.get(10)).toEqual(['default', 'default']);
    expect(seen.get(1100)).toEqual([0, 0]);
    expect(automerge()).toEqual([4, 4]);
    expect((await s.searchSentences('"geneva"', 3)).length).toBe(3);

    seen.clear();
    stored = 0;
    s.db.exec('DELETE FROM articles');
    await expect(ingestStream(target, items(1500, 1200), () => undefined, { batchArticles: 50 })).rejects.toThrow('disk gone');
    expect(seen.get(1100)).toEqual([0, 0]);
    expect(automerge()).toEqual([4, 4]);
  });

  it('an import killed with gradual merging off has it back on when the store is next opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-upkeep-'));
    try {
      const path = join(dir, 'store.db');
      const killed = SqliteArticleStore.open(path);
      await killed.deferUpkeep();
      killed.db.close(); // no resumeUpkeep: the process died mid-import
      const reopened = SqliteArticleStore.open(path);
      const v = (['sentences_fts', 'articles_fts'] as const).map((ix) => reopened.db.prepare(`SELECT v FROM ${ix}_config WHERE k = 'automerge'`).pluck().get());
      expect(v).toEqual([4, 4]);
      reopened.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
