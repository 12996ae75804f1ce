// SQLite schema v2 keeps each sentence as a span of its article's body. A store written by the
// previous release upgrades in place without losing a sentence, entity, fact or search hit, and
// text that is not a plain slice of the body (emoji before it, fragments joined) reads back exactly.
import type Database from 'better-sqlite3';
import { SqliteDatabase } from '../../src/core/store/sqlite-driver.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/core/store/sqlite-schema.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';

const T0 = '2025-05-12T08:00:00.000Z';

/** A store as release v1 wrote it: sentences with their own text and index triggers, one entity row each. */
function v1Store(): Database.Database {
  const db = new SqliteDatabase(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 1);
  const article = db.prepare(
    `INSERT INTO articles (id, title, source, url, canonical_url, external_id, published_at, ingested_at, updated_at, content_hash, body)
     VALUES (?, ?, 'Wire', NULL, NULL, NULL, NULL, ?, ?, ?, ?)`,
  );
  const scope = db.prepare("INSERT INTO article_scopes (article_id, scope, added_at) VALUES (?, '', ?)");
  const sentence = db.prepare('INSERT INTO sentences (article_id, idx, text) VALUES (?, ?, ?)');
  const entity = db.prepare('INSERT INTO entities (sentence_id, article_id, kind, text, start, end) VALUES (?, ?, ?, ?, ?, ?)');
  const fact = db.prepare('INSERT INTO facts (sentence_id, article_id, text, value, unit) VALUES (?, ?, ?, ?, ?)');
  const add = (id: string, body: string, sentences: string[]) => {
    article.run(id, `Title of ${id}`, T0, T0, `hash-${id}`, body);
    scope.run(id, T0);
    return sentences.map((s, i) => Number(sentence.run(id, i, s).lastInsertRowid));
  };
  const [troops] = add('a1', 'North Korea sent 12,000 troops to Kursk.\n\nThe talks failed.', ['North Korea sent 12,000 troops to Kursk.', 'The talks failed.']);
  entity.run(troops, 'a1', 'place', 'North Korea', 0, 11);
  entity.run(troops, 'a1', 'number', '12,000', 17, 23);
  fact.run(troops, 'a1', '12,000 troops', 12000, 'troops');
  // Wink split after "Gen." and the pieces were joined with one space: not a slice of the body.
  add('a2', '🚀 Launch day. Gen.  Smith watched the rocket.', ['Launch day.', 'Gen. Smith watched the rocket.']);
  // v1's insert trigger indexed every article as it was written (migrate() now drops that trigger).
  db.exec("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')");
  return db;
}

describe('SQLite store upgrade to sentence spans', () => {
  let store: SqliteArticleStore | undefined;
  afterEach(() => store?.close());

  it('keeps every sentence, entity, fact and search hit of a store written by the previous release', async () => {
    const db = v1Store();
    // What the previous release read back, straight from its tables.
    const sentences = (id: string) =>
      (db.prepare('SELECT id, idx, text FROM sentences WHERE article_id = ? ORDER BY idx').all(id) as { id: number; idx: number; text: string }[]).map((r) => ({ id: r.id, articleId: id, index: r.idx, text: r.text }));
    const search = (match: string) => db.prepare('SELECT rowid AS id, bm25(sentences_fts) AS score FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY score').all(match);
    const before = { a1: sentences('a1'), a2: sentences('a2'), hits: search('"troops" OR "rocket"'), troop: search('"troop"').length };
    const [troops] = before.a1;

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    // An edit deletes the article's spans, and the foreign key looks up each one's facts: by an
    // index, not by reading every fact of the store (about 20 full scans per edit at 100,000 articles).
    expect(JSON.stringify(db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM facts WHERE sentence_id = ?').all(1))).toMatch(/USING (COVERING )?INDEX facts_sentence/);
    store = new SqliteArticleStore(db);
    expect(await store.sentencesOf('a1')).toEqual(before.a1);
    expect(await store.sentencesOf('a2')).toEqual(before.a2);
    expect(await store.entitiesOf(before.a1.map((s) => s.id))).toEqual(
      new Map([
        [
          troops!.id,
          [
            { sentenceId: troops!.id, kind: 'place', text: 'North Korea', start: 0, end: 11 },
            { sentenceId: troops!.id, kind: 'number', text: '12,000', start: 17, end: 23 },
          ],
        ],
      ]),
    );
    expect(await store.factsOf(['a1'])).toEqual([{ articleId: 'a1', sentenceId: troops!.id, text: '12,000 troops', value: 12000, unit: 'troops' }]);
    expect((await store.searchSentences('"troops" OR "rocket"', 5)).map((h) => ({ id: h.sentence.id, score: h.bm25 }))).toEqual(before.hits);
    expect(await store.documentFrequencies(['troop'])).toEqual({ total: 4, df: new Map([['troop', before.troop]]) });
  });

  it('after the upgrade, an edited article is found by its new words only', async () => {
    const db = v1Store();
    migrate(db);
    store = new SqliteArticleStore(db);
    await store.replaceArticle(
      'a1',
      { title: 'Title of a1', source: 'Wire', url: null, canonicalUrl: null, externalId: null, published: null, contentHash: 'hash-a1-v2', bands: [], body: 'Peace talks resumed in Geneva.', sentences: [{ text: 'Peace talks resumed in Geneva.', entities: [], facts: [] }] },
      T0,
    );
    expect(await store.searchSentences('"troops"', 5)).toEqual([]);
    expect((await store.searchSentences('"geneva"', 5)).map((h) => h.sentence.text)).toEqual(['Peace talks resumed in Geneva.']);
    expect(await store.factsOf(['a1'])).toEqual([]);
  });

  it('counts the sentences a replaced article left in the index total as gone, before and after the upgrade', async () => {
    const db = v1Store();
    migrate(db, 2);
    // A v2 release replacing a1 began by deleting its sentences; with 12's SQLite the index's own
    // row total still counted them, and IDFs divided by 4 where 2 sentences were stored.
    db.prepare("DELETE FROM sentence_spans WHERE article_id = 'a1'").run();
    migrate(db);
    store = new SqliteArticleStore(db);
    expect((await store.documentFrequencies(['rocket'])).total).toBe(2);
    const replace = (id: string, text: string) =>
      store!.replaceArticle(id, { title: `Title of ${id}`, source: 'Wire', url: null, canonicalUrl: null, externalId: null, published: null, contentHash: `hash-${id}-${text.length}`, bands: [], body: text, sentences: [{ text, entities: [], facts: [] }] }, T0);
    await replace('a1', 'Peace talks resumed in Geneva.');
    await replace('a2', 'Launch delayed.');
    expect(await store.documentFrequencies(['geneva', 'launch'])).toEqual({ total: 2, df: new Map([['geneva', 1], ['launch', 1]]) });
  });

  it('reads back sentences after emoji and sentences that are not a slice of the body, with their entities', async () => {
    store = new SqliteArticleStore(new SqliteDatabase(':memory:'));
    migrate(store.db);
    const body = '🚀🚀 Launch day in Cape Canaveral.\n\nGen.  Smith watched 3 rockets.';
    const sentences = [
      { text: 'Launch day in Cape Canaveral.', entities: [{ kind: 'place' as const, text: 'Cape Canaveral', start: 14, end: 28 }], facts: [] },
      // An entity text that is not the sentence's slice comes back as given.
      { text: 'Gen. Smith watched 3 rockets.', entities: [{ kind: 'person' as const, text: 'Smith', start: 5, end: 10 }, { kind: 'number' as const, text: 'three', start: 19, end: 20 }], facts: [] },
    ];
    await store.insertArticle({ id: 'a9', title: 'Launch', source: null, url: null, canonicalUrl: null, externalId: null, published: null, contentHash: 'h9', bands: [], body, sentences }, T0);
    const got = await store.sentencesOf('a9');
    expect(got.map((s) => s.text)).toEqual(sentences.map((s) => s.text));
    const ents = await store.entitiesOf(got.map((s) => s.id));
    expect(got.map((s) => ents.get(s.id)!.map((e) => e.text))).toEqual([['Cape Canaveral'], ['Smith', 'three']]);
    expect((await store.searchSentences('"canaveral"', 5)).map((h) => h.sentence.text)).toEqual(['Launch day in Cape Canaveral.']);
  });
});
