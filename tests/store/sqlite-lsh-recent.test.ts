// New articles' MinHash bands wait in lsh_recent and move to lsh_bands in bulk (schema v5): the
// near-duplicate candidates are the same wherever an article's bands are, and a replaced article's
// bands are replaced.
import { SqliteDatabase } from '../../src/core/store/sqlite-driver.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/core/store/sqlite-schema.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';
import type { ArticleRecord } from '../../src/core/store/article-store.ts';
import { CANDIDATES_PER_BAND, LSH_BANDS, lshBands, MAX_NEAR_CANDIDATES } from '../../src/core/articles/near-duplicates.ts';

const T0 = '2025-05-12T08:00:00.000Z';

function record(i: number, bands: number[]): ArticleRecord {
  const text = [`Report ${i} on the talks.`];
  return { id: `a${String(i).padStart(3, '0')}`, title: `Story ${i}`, source: null, url: null, canonicalUrl: null, externalId: null, published: null, contentHash: `h${i}`, bands, body: text[0]!, sentences: text.map((t) => ({ text: t, entities: [], facts: [] })) };
}

/** Bands shared by many articles in a pattern (band 0 by all, band 1 by every third, ...), so per-band limits and ties matter. */
const bandsOf = (i: number) => [7, i % 3 === 0 ? 8 : 1000 + i, i % 5, 2000 + (i % 40)];

describe('SQLite near-duplicate bands in two tables', () => {
  const stores: SqliteArticleStore[] = [];
  afterEach(() => stores.splice(0).forEach((s) => s.close()));

  const filled = async (recentRows: number) => {
    const store = new SqliteArticleStore(new SqliteDatabase(':memory:'));
    stores.push(store);
    migrate(store.db);
    store.lshRecentRows = recentRows;
    // In batches, as an import writes them, with ids out of insertion order.
    for (let b = 0; b < 5; b++) await store.batch(async () => {
      for (let k = 0; k < 20; k++) await store.insertArticle(record(((b * 20 + k) * 37) % 100, bandsOf(((b * 20 + k) * 37) % 100)), T0);
    });
    return store;
  };
  const rows = (store: SqliteArticleStore, table: string) => (store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);

  it('finds the same candidates, in the same order, before and after the recent bands move', async () => {
    const moved = await filled(90); // moves every 90 rows: most bands in lsh_bands, some still recent
    const recent = await filled(1_000_000); // never moves: all in lsh_recent
    const bands = await filled(1); // moves after every article: all in lsh_bands, as before v5
    expect(rows(moved, 'lsh_bands')).toBeGreaterThan(0);
    expect(rows(moved, 'lsh_recent')).toBeGreaterThan(0);
    expect(rows(moved, 'lsh_bands') + rows(moved, 'lsh_recent')).toBe(400);
    expect(rows(recent, 'lsh_bands')).toBe(0);
    expect(rows(bands, 'lsh_recent')).toBe(0);
    for (const query of [bandsOf(3), bandsOf(10), [7, 8, 0, 2003], [7, 9999, 4, 5]]) {
      const [a, b, c] = (await Promise.all([moved, recent, bands].map(async (s) => (await s.findDuplicateCandidates('-', null, query)).near.map((n) => n.id).sort()))) as [string[], string[], string[]];
      expect(a).toEqual(b);
      expect(a).toEqual(c);
      expect(a.length).toBeGreaterThan(0);
      expect(a.length).toBeLessThanOrEqual(MAX_NEAR_CANDIDATES);
    }
    // Band 0 (value 7) is shared by all 100: each table gives its first ids and the merge keeps the first CANDIDATES_PER_BAND overall.
    const only7 = (await moved.findDuplicateCandidates('-', null, [7])).near.map((n) => n.id).sort();
    expect(only7).toEqual(Array.from({ length: Math.min(CANDIDATES_PER_BAND, MAX_NEAR_CANDIDATES) }, (_, i) => `a${String(i).padStart(3, '0')}`));
  });

  it('forgets a deleted or replaced article in either table', async () => {
    const store = await filled(90);
    const where = (id: string) => [rows(store, `lsh_bands WHERE article_id = '${id}'`), rows(store, `lsh_recent WHERE article_id = '${id}'`)];
    const ids = (store.db.prepare('SELECT id FROM articles ORDER BY rowid').pluck().all() as string[]);
    const old = ids[0]!;
    const last = ids.at(-1)!;
    expect(where(old)[0]).toBe(4);
    expect(where(last)[1]).toBe(4);
    store.db.prepare('DELETE FROM articles WHERE id = ?').run(old);
    expect(where(old)).toEqual([0, 0]);
    const { id: _id, ...rest } = record(555, [9001, 9002, 9003, 9004]);
    await store.replaceArticle(last, { ...rest, contentHash: 'h-new' }, T0);
    expect(where(last)).toEqual([0, 4]);
    expect((await store.findDuplicateCandidates('-', null, [9001, 9002, 9003, 9004])).near.map((n) => n.id)).toEqual([last]);
  });

  it('replaces the bands of an article stored with its body\'s own bands, in either table', async () => {
    const store = new SqliteArticleStore(new SqliteDatabase(':memory:'));
    stores.push(store);
    migrate(store.db);
    store.lshRecentRows = 48; // three articles' bands move, the fourth's stay recent
    const topics = ['cycling lanes open in Lisbon', 'a storm closes the northern ports', 'the central bank holds its rates', 'miners rescued after four days underground'];
    const body = (i: number) => `Reporters say ${topics[i - 1]} this week. Officials confirmed ${topics[i - 1]} on Monday, and ${topics[i - 1]} again later.`;
    const real = (i: number): ArticleRecord => ({ ...record(i, lshBands(body(i))), body: body(i), sentences: [{ text: body(i), entities: [], facts: [] }] });
    for (let i = 1; i <= 4; i++) await store.insertArticle(real(i), T0);
    const where = (id: string) => rows(store, `lsh_bands WHERE article_id = '${id}'`) + rows(store, `lsh_recent WHERE article_id = '${id}'`);
    for (const i of [2, 4]) {
      const { id, ...rest } = real(i);
      const edited = `${body(i)} The mayor welcomed the plan.`;
      await store.replaceArticle(id, { ...rest, body: edited, bands: lshBands(edited), contentHash: `e${i}` }, T0);
      expect(where(id)).toBe(LSH_BANDS);
      const held = store.db.prepare('SELECT band, value FROM lsh_bands WHERE article_id = ? UNION ALL SELECT band, value FROM lsh_recent WHERE article_id = ? ORDER BY band').raw().all(id, id);
      expect(held).toEqual(lshBands(edited).map((value, band) => [band, value]));
      expect((await store.findDuplicateCandidates('-', null, lshBands(edited))).near.map((n) => n.id)).toEqual([id]);
    }
    expect(rows(store, 'lsh_bands') + rows(store, 'lsh_recent')).toBe(4 * LSH_BANDS);
  });
});
