// PostgreSQL keeps each sentence as a span of its article's body (migration
// articles-6-sentence-spans), as the SQLite store does. A database the previous release wrote
// migrates without losing a sentence, entity, fact, search hit or count; text that is not a plain
// slice of the body (fragments joined, characters outside the BMP before it) reads back exactly,
// and the table keeps working afterwards: new ids after the old ones, cascades, counts.
import { afterEach, describe, expect, it } from 'vitest';
import { PgArticleStore } from '../../src/core/store/postgres/pg-article-store.ts';
import { PgDatabase } from '../../src/core/store/postgres/pg-database.ts';
import { createTestSchema, pgSkipReason, type TestSchema } from '../helpers/postgres.ts';
import { articleRecord } from '../helpers/stores.ts';

const T0 = '2025-05-12T08:00:00.000Z';

describe.skipIf(!!pgSkipReason)(`PostgreSQL upgrade to sentence spans${pgSkipReason ? ` (${pgSkipReason})` : ''}`, () => {
  let schema: TestSchema | undefined;
  const dbs: PgDatabase[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.close();
    await schema?.drop();
    schema = undefined;
  });

  /** A database as the previous release left it: each sentence with its own text, entities and facts by sentence id. */
  async function previousRelease(): Promise<PgDatabase> {
    schema = await createTestSchema();
    const db = await PgDatabase.open(schema.url, { max: 1, migrateThrough: 'articles-5-facts-sentence' });
    dbs.push(db);
    const add = async (id: string, body: string, sentences: string[]) => {
      await db.query(
        `INSERT INTO articles (id, title, source, ingested_at, updated_at, content_hash, body, tsv)
         VALUES ($1, $2, 'Wire', $3, $3, $4, $5, to_tsvector('briefbot_text', $2 || ' ' || $5))`,
        [id, `Title of ${id}`, T0, `hash-${id}`, body],
      );
      await db.query("INSERT INTO article_scopes (article_id, scope, added_at) VALUES ($1, '', $2)", [id, T0]);
      const ids: number[] = [];
      for (const [i, text] of sentences.entries()) {
        ids.push((await db.query<{ id: number }>("INSERT INTO sentences (article_id, idx, text, tsv) VALUES ($1, $2, $3, to_tsvector('briefbot_text', $3)) RETURNING id", [id, i, text])).rows[0]!.id);
      }
      return ids;
    };
    const [troops] = await add('a1', 'North Korea sent 12,000 troops to Kursk.\n\nThe talks failed.', ['North Korea sent 12,000 troops to Kursk.', 'The talks failed.']);
    await db.query("INSERT INTO entities (sentence_id, article_id, kind, text, start_offset, end_offset) VALUES ($1, 'a1', 'place', 'North Korea', 0, 11), ($1, 'a1', 'number', '12,000', 17, 23)", [troops]);
    await db.query("INSERT INTO facts (sentence_id, article_id, text, value, unit) VALUES ($1, 'a1', '12,000 troops', 12000, 'troops')", [troops]);
    // Wink split after "Gen." and the pieces were joined with one space: not a slice of the body.
    // The rocket comes before, so the spans count characters, not UTF-16 units.
    await add('a2', '🚀 Launch day. Gen.  Smith watched the rocket. Crowds cheered 🎉 loudly.', ['Launch day.', 'Gen. Smith watched the rocket.', 'Crowds cheered 🎉 loudly.']);
    // The same sentence twice, and an empty one.
    await add('a3', 'Troops left. Rain fell. Troops left.', ['Troops left.', 'Rain fell.', 'Troops left.', '']);
    // A sentence removed (an edit): its id is not handed out again.
    const [gone] = await add('a4', 'Temporary text here.', ['Temporary text here.']);
    await db.query('DELETE FROM sentences WHERE id = $1', [gone]);
    return db;
  }

  it('keeps every sentence, entity, fact, search hit and count of a database the previous release wrote', async () => {
    const old = await previousRelease();
    // What the previous release read back, straight from its tables.
    const sentences = async (id: string) =>
      (await old.query<{ id: number; idx: number; text: string }>('SELECT id, idx, text FROM sentences WHERE article_id = $1 ORDER BY idx', [id])).rows.map((r) => ({
        id: r.id,
        articleId: id,
        index: r.idx,
        text: r.text,
      }));
    const search = async (tsquery: string) =>
      (
        await old.query<{ id: number; text: string; score: number }>(
          "SELECT s.id, s.text, -ts_rank_cd(s.tsv, q) AS score FROM sentences s, to_tsquery('briefbot_text', $1) q WHERE s.tsv @@ q ORDER BY score, s.id",
          [tsquery],
        )
      ).rows;
    const before = {
      a1: await sentences('a1'),
      a2: await sentences('a2'),
      a3: await sentences('a3'),
      hits: await search('troop | rocket | cheer'),
      entities: (await old.query('SELECT * FROM entities ORDER BY sentence_id, start_offset')).rows,
      facts: (await old.query('SELECT * FROM facts ORDER BY sentence_id')).rows,
      troops: (await search('troop')).length,
      maxId: (await old.query<{ n: number }>('SELECT max(id) AS n FROM sentences')).rows[0]!.n,
    };
    expect(before.hits.length).toBe(5);
    const ids = [...before.a1, ...before.a2, ...before.a3].map((s) => s.id);

    const db = await PgDatabase.open(schema!.url, { max: 1 });
    dbs.push(db);
    const after = new PgArticleStore(db);
    // Slices of the body keep no text of their own; the joined fragments and the empty sentence do.
    expect((await db.query<{ text: string | null }>('SELECT text FROM sentences WHERE text IS NOT NULL ORDER BY id')).rows.map((r) => r.text)).toEqual(['Gen. Smith watched the rocket.', '']);
    for (const id of ['a1', 'a2', 'a3'] as const) {
      expect(await after.sentencesOf(id)).toEqual(before[id]);
      expect((await after.getArticle(id))!.sentences).toEqual(before[id]);
    }
    expect([...(await after.getArticles(['a1', 'a2', 'a3'])).values()].map((a) => a.sentences)).toEqual([before.a1, before.a2, before.a3]);
    // The same sentences are found (ranked by bm25 now, not by the old release's ts_rank_cd).
    const hits = await after.searchSentences('"troops" OR "rocket" OR "cheered"', 10);
    const byId = (x: { id: number }, y: { id: number }) => x.id - y.id;
    expect(hits.map((h) => ({ id: h.sentence.id, text: h.sentence.text })).sort(byId)).toEqual(before.hits.map(({ id, text }) => ({ id, text })).sort(byId));
    expect((await after.searchSentences('"troops"', 10, ['a3'])).map((h) => h.sentence.text)).toEqual(['Troops left.', 'Troops left.']);
    expect((await db.query('SELECT * FROM entities ORDER BY sentence_id, start_offset')).rows).toEqual(before.entities);
    expect((await db.query('SELECT * FROM facts ORDER BY sentence_id')).rows).toEqual(before.facts);
    expect((await after.entitiesOf(ids)).get(before.a1[0]!.id)?.map((e) => e.text)).toEqual(['North Korea', '12,000']);
    expect(await after.documentFrequencies(['troops', 'smith', 'nothing'])).toEqual({ total: 9, df: new Map([['troops', before.troops], ['smith', 1], ['nothing', 0]]) });

    // New sentences get ids after every id the old table handed out, and are spans too.
    await after.insertArticle(articleRecord('b1', ['Troops crossed 🎉 the river.', 'Talks resumed.']), T0);
    const added = await after.sentencesOf('b1');
    expect(added.map((s) => s.text)).toEqual(['Troops crossed 🎉 the river.', 'Talks resumed.']);
    expect(Math.min(...added.map((s) => s.id))).toBeGreaterThan(before.maxId + 1);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sentences WHERE article_id = 'b1' AND text IS NULL")).rows[0]!.n).toBe(2);
    expect((await after.documentFrequencies(['troops'])).df.get('troops')).toBe(before.troops + 1);
    // An edit replaces the sentences; entities and facts of the old ones go with them (the foreign keys carried over).
    await after.replaceArticle('a1', articleRecord('a1', ['Kursk was quiet.']), T0);
    expect((await after.sentencesOf('a1')).map((s) => s.text)).toEqual(['Kursk was quiet.']);
    expect((await after.entitiesOf(before.a1.map((s) => s.id))).size).toBe(0);
    expect(await after.factsOf(['a1'])).toEqual([]);
    expect((await after.documentFrequencies(['troops'])).df.get('troops')).toBe(before.troops);
  });
});
