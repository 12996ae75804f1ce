// Full-text queries bounded by posting-list length (answer/retrieve.ts): common words leave the
// OR-query when rarer ones can carry it, on a real SQLite store and a real PostgreSQL one.
import { beforeEach, expect, it } from 'vitest';
import { boundedQuery } from '../../src/core/answer/retrieve.ts';
import type { ArticleStore } from '../../src/core/store/article-store.ts';
import { articleRecord as record, describeStoreContract } from '../helpers/stores.ts';

const T0 = '2025-05-12T08:00:00.000Z';

describeStoreContract('boundedQuery', (db) => {
  let store: ArticleStore & Required<Pick<ArticleStore, 'phraseCounts'>>;
  beforeEach(async () => {
    const s = db.stores.articles;
    if (!s.phraseCounts) throw new Error('both stores count phrases');
    store = s as typeof store;
    // "said" in 12 sentences, "troops" in 6, "convoy" in 3, "Kursk" in 1.
    for (let i = 0; i < 6; i++) await store.insertArticle(record(`a${i}`, [`Officials said troops moved ${i}.`, `He said it was cold ${i}.`]), T0);
    await store.insertArticle(record('b', ['A convoy said nothing.', 'The convoy passed.', 'Another convoy left Kursk.']), T0);
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

  it('takes the same two when the store already knows how common each is (the same question, asked again, reads the same sentences)', async () => {
    // An answer counts every question word exactly; a store may then give those counts past the budget.
    await store.documentFrequencies(['said', 'troops', 'convoy']);
    expect(await boundedQuery(store, ['"said"', '"troops"', '"convoy"'], 2)).toBe('"said" AND "troops"');
    expect(await boundedQuery(store, ['"said"', '"troops"', '"Kursk"', '"convoy"'], 5)).toBe('"Kursk" OR "convoy"');
  });

  it('counts again after the store changes', async () => {
    expect((await store.phraseCounts(['"Kursk"'], 5)).get('"Kursk"')).toBe(1);
    await store.insertArticle(record('c', ['Kursk again.', 'And Kursk.']), T0);
    expect((await store.phraseCounts(['"Kursk"'], 5)).get('"Kursk"')).toBe(3);
    // Another process's writes too, and phrases of several words (counted, not looked up).
    const other = (await db.connect()).articles;
    expect((await store.phraseCounts(['"convoy left"', '"convoy"'], 5))).toEqual(new Map([['"convoy left"', 1], ['"convoy"', 3]]));
    await other.insertArticle(record('d', ['The convoy left at dawn.', 'A second convoy left Kursk.']), T0);
    expect((await store.phraseCounts(['"convoy left"', '"convoy"', '"Kursk"'], 5))).toEqual(new Map([['"convoy left"', 3], ['"convoy"', 5], ['"Kursk"', 4]]));
    await other.replaceArticle('d', record('x', ['Quiet.']), T0);
    expect((await store.phraseCounts(['"convoy left"', '"convoy"', '"Kursk"'], 5))).toEqual(new Map([['"convoy left"', 1], ['"convoy"', 3], ['"Kursk"', 3]]));
  });

  it('stops a phrase of several words at the cap, and remembers which cap it passed', async () => {
    expect(Object.fromEntries(await store.phraseCounts(['"he said"', '"officials said"'], 4))).toEqual({ '"he said"': 5, '"officials said"': 5 });
    expect(Object.fromEntries(await store.phraseCounts(['"he said"'], 10))).toEqual({ '"he said"': 6 });
    // Once the exact count is known a store may give it instead of cap + 1: either is over the cap.
    const again = await store.phraseCounts(['"he said"', '"officials said"'], 4);
    expect([again.get('"he said"'), again.get('"officials said"')]).toEqual([expect.toSatisfy((n: number) => n === 5 || n === 6), 5]);
  });
});
