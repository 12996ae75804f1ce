// A long import on PostgreSQL (batch()) commits as it goes: each write's savepoint is a
// subtransaction, and past 64 of them every other session meeting the import's uncommitted rows
// looks them up in pg_subtrans. Another process sees the import's articles as it goes, a refused
// article is still undone alone, and nothing is lost at the end.
import { describe, expect, it } from 'vitest';
import { ArticleConflict } from '../../src/core/store/article-store.ts';
import { pgArticleStoresPerTest, pgSkipReason } from '../helpers/postgres.ts';
import { articleRecord } from '../helpers/stores.ts';

const T0 = '2025-05-12T08:00:00.000Z';
const record = (id: string, text: string) => articleRecord(id, [text], { url: null, canonicalUrl: null });

describe.skipIf(!!pgSkipReason)(`PostgreSQL long imports${pgSkipReason ? ` (${pgSkipReason})` : ''}`, () => {
  const { fresh, open } = pgArticleStoresPerTest();

  it('commits a long import as it goes: another process sees its articles before it ends, a refused one leaves nothing', async () => {
    await fresh();
    const [importer, other] = [await open(), await open()];
    let seenDuring = 0;
    await importer.batch(async () => {
      for (let i = 0; i < 130; i++) {
        await importer.insertArticle(record(`a${i}`, `Troops moved ${i} miles.`), T0);
        if (i === 70) await expect(importer.insertArticle(record('a3', 'Another text.'), T0)).rejects.toBeInstanceOf(ArticleConflict);
      }
      seenDuring = await other.countArticles();
    });
    expect(seenDuring).toBeGreaterThanOrEqual(60);
    expect(seenDuring).toBeLessThan(130);
    expect(await other.countArticles()).toBe(130);
    expect((await other.getArticle('a3'))?.sentences.map((s) => s.text)).toEqual(['Troops moved 3 miles.']);
    expect((await other.documentFrequencies(['troops', 'another'])).df).toEqual(new Map([['troops', 130], ['another', 0]]));
  });
});
