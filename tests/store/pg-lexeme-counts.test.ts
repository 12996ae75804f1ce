// PostgreSQL keeps each lexeme's sentence count in sentence_lexemes (migration
// articles-4-lexeme-counts): it must equal what the index holds (ts_stat over every sentence's
// tsvector) after inserts, replacements, deletes and concurrent writers, and the migration must
// fill it from the sentences a store already had.
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/core/store/article-store.ts';
import type { PgArticleStore } from '../../src/core/store/postgres/pg-article-store.ts';
import { pgArticleStoresPerTest, pgSkipReason } from '../helpers/postgres.ts';
import { articleRecord } from '../helpers/stores.ts';

const T0 = '2025-05-12T08:00:00.000Z';

const record = (id: string, sentences: string[], over: Partial<ArticleRecord> = {}) => articleRecord(id, sentences, { url: null, canonicalUrl: null, ...over });

describe.skipIf(!!pgSkipReason)(`PostgreSQL lexeme counts${pgSkipReason ? ` (${pgSkipReason})` : ''}`, () => {
  const { fresh, open } = pgArticleStoresPerTest();

  /** Lexemes whose kept count (folded plus pending changes) differs from the index's own (zero counts left by deletes aside). */
  const mismatches = async (store: PgArticleStore) =>
    (
      await store.db.query<{ lexeme: string; kept: number | null; indexed: number | null }>(
        `WITH kept AS (
           SELECT lexeme, sum(n)::int AS sentences FROM (
             SELECT lexeme, sentences AS n FROM sentence_lexemes
             UNION ALL
             SELECT c.lexeme, c.n FROM sentence_lexeme_changes ch, unnest(ch.lexemes, ch.counts) AS c(lexeme, n)
           ) x GROUP BY lexeme HAVING sum(n) <> 0)
         SELECT coalesce(k.lexeme, t.word) AS lexeme, k.sentences AS kept, t.ndoc AS indexed
         FROM kept k FULL JOIN ts_stat('SELECT tsv FROM sentences') t ON t.word = k.lexeme
         WHERE k.sentences IS DISTINCT FROM t.ndoc`,
      )
    ).rows;
  const pending = async (store: PgArticleStore) => (await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sentence_lexeme_changes')).rows[0]!.n;

  it('follows inserts, replacements and deletes, from several connections at once', async () => {
    await fresh();
    const [a, b] = [await open(), await open()];
    // Two writers at once, sharing most words: each statement's counts land whole.
    await Promise.all(
      [a, b].flatMap((store, w) =>
        Array.from({ length: 8 }, (_, i) => store.insertArticle(record(`w${w}-${i}`, [`Troops moved north ${i}.`, `The convoy said troops left ${w}.`, 'Quiet day.']), T0)),
      ),
    );
    expect(await mismatches(a)).toEqual([]);
    expect((await a.documentFrequencies(['troops', 'convoy', 'quiet', 'zebra'])).df).toEqual(new Map([['troops', 32], ['convoy', 16], ['quiet', 16], ['zebra', 0]]));
    await b.replaceArticle('w0-1', record('x', ['Troops stayed.']), T0);
    await a.db.query("DELETE FROM articles WHERE id = 'w1-2'");
    expect(await mismatches(a)).toEqual([]);
    expect((await a.documentFrequencies(['troops', 'convoy', 'quiet', 'stayed'])).df).toEqual(new Map([['troops', 29], ['convoy', 14], ['quiet', 14], ['stayed', 1]]));
    // Folding the pending changes (as after an import) leaves every count as it was.
    expect(await pending(a)).toBe(19);
    await a.tidyAfterImport();
    expect(await pending(a)).toBe(0);
    expect(await mismatches(a)).toEqual([]);
    expect((await b.documentFrequencies(['troops', 'convoy', 'quiet', 'stayed'])).df).toEqual(new Map([['troops', 29], ['convoy', 14], ['quiet', 14], ['stayed', 1]]));
  });

  it("a second process's writes do not wait for another's open import, and the totals stay exact", async () => {
    await fresh();
    const [a, b] = [await open(), await open()];
    await a.insertArticle(record('before', ['Troops waited.']), T0);
    // Cached counts from before both writes.
    expect(await b.documentFrequencies(['troops'])).toEqual({ total: 1, df: new Map([['troops', 1]]) });
    await a.batch(async () => {
      await a.insertArticle(record('in-batch', ['Troops moved.', 'Rain fell.']), T0);
      // Within a's open transaction: b stores its article and reads its counts without waiting for a's commit.
      await b.insertArticle(record('other', ['Troops left.']), T0);
      expect(await b.documentFrequencies(['troops'])).toEqual({ total: 2, df: new Map([['troops', 2]]) });
    });
    expect(await b.documentFrequencies(['troops', 'rain'])).toEqual({ total: 4, df: new Map([['troops', 3], ['rain', 1]]) });
    await b.replaceArticle('other', record('other', ['Snow fell.', 'Troops stayed.', 'Roads closed.']), T0);
    expect(await a.documentFrequencies(['troops', 'rain', 'snow'])).toEqual({ total: 6, df: new Map([['troops', 3], ['rain', 1], ['snow', 1]]) });
    await a.tidyAfterImport();
    expect(await b.documentFrequencies(['troops', 'rain', 'snow'])).toEqual({ total: 6, df: new Map([['troops', 3], ['rain', 1], ['snow', 1]]) });
    expect(await mismatches(a)).toEqual([]);
  });

  it('a reader folds the changes once there are many, and counts the same', async () => {
    await fresh();
    const store = await open();
    for (let i = 0; i < 70; i++) await store.insertArticle(record(`a${i}`, [`Troops moved ${i}.`]), T0);
    expect(await pending(store)).toBe(70);
    expect((await store.documentFrequencies(['troops', 'moved'])).df).toEqual(new Map([['troops', 70], ['moved', 70]]));
    expect(await pending(store)).toBe(0);
    await store.insertArticle(record('b', ['Troops stayed.']), T0);
    expect((await store.documentFrequencies(['troops', 'moved'])).df).toEqual(new Map([['troops', 71], ['moved', 70]]));
    expect(await mismatches(store)).toEqual([]);
  });

  it('the migration counts the sentences stored before it', async () => {
    await fresh();
    const first = await open();
    for (let i = 0; i < 5; i++) await first.insertArticle(record(`a${i}`, [`Troops moved ${i}.`, 'A convoy passed the troops.']), T0);
    // As a store from before the migration: no table, the migration not recorded.
    await first.db.query("DROP TABLE sentence_lexemes, sentence_lexeme_changes; DELETE FROM schema_migrations WHERE name IN ('articles-4-lexeme-counts', 'articles-7-totals-in-changes')");
    const again = await open();
    expect(await mismatches(again)).toEqual([]);
    expect((await again.documentFrequencies(['troops', 'convoy'])).df).toEqual(new Map([['troops', 10], ['convoy', 5]]));
    // And the triggers it installs keep counting.
    await again.insertArticle(record('b', ['More troops.']), T0);
    expect((await again.documentFrequencies(['troops'])).df.get('troops')).toBe(11);
    expect(await mismatches(again)).toEqual([]);
  });
});
