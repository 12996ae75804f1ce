// Schema v2 (SQLite): each sentence is a span of its article's body instead of a second copy of
// the text, the sentence index is contentless (it held a third reference to the text through its
// content table), and entities are packed in one column per sentence instead of a row each with
// an index. The store is about a third smaller; reads see the same sentences through a view.
import type Database from 'better-sqlite3';
import { packEntities, spansIn } from './sentence-spans.ts';
import type { EntityKind } from '../language/entities.ts';

const V2 = `
  CREATE TABLE sentence_spans (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    len INTEGER NOT NULL,
    text TEXT,
    entities TEXT
  );
  CREATE INDEX sentence_spans_article ON sentence_spans (article_id, idx);
  CREATE TABLE facts_v2 (
    sentence_id INTEGER NOT NULL REFERENCES sentence_spans(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL
  );`;

const AFTER = `
  DROP TABLE facts;
  ALTER TABLE facts_v2 RENAME TO facts;
  CREATE INDEX facts_article ON facts (article_id);
  DROP TRIGGER sentences_ai;
  DROP TRIGGER sentences_ad;
  DROP TABLE sentences_fts;
  DROP TABLE entities;
  DROP TABLE sentences;
  CREATE VIEW sentences (id, article_id, idx, text) AS
    SELECT s.id, s.article_id, s.idx, COALESCE(s.text, substr(a.body, s.start, s.len))
    FROM sentence_spans s JOIN articles a ON a.id = s.article_id;
  -- Deleting from a contentless index needs only the rowid, so no copy of the text is kept for it.
  CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
  CREATE TRIGGER sentence_spans_ad AFTER DELETE ON sentence_spans BEGIN
    DELETE FROM sentences_fts WHERE rowid = old.id;
  END;
  INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences;`;

/** Moves v1's sentences, entities and facts into v2's tables, keeping every sentence id. Runs inside migrate()'s transaction. */
export function sentencesAsSpans(db: Database.Database): void {
  db.exec(V2);
  // Articles in pages by rowid: memory stays bounded at any store size (better-sqlite3 cannot write while iterating).
  const page = db.prepare('SELECT rowid AS r, id, body FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 500');
  const sentencesOf = db.prepare('SELECT id, idx, text FROM sentences WHERE article_id = ? ORDER BY idx');
  const entitiesOf = db.prepare('SELECT sentence_id, kind, text, start, end FROM entities WHERE sentence_id IN (SELECT id FROM sentences WHERE article_id = ?) ORDER BY sentence_id, start');
  const insert = db.prepare('INSERT INTO sentence_spans (id, article_id, idx, start, len, text, entities) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const migrateArticle = (a: { id: string; body: string }): void => {
    const rows = sentencesOf.all(a.id) as { id: number; idx: number; text: string }[];
    const ents = new Map<number, { kind: EntityKind; text: string; start: number; end: number }[]>();
    for (const e of entitiesOf.all(a.id) as { sentence_id: number; kind: EntityKind; text: string; start: number; end: number }[]) {
      const list = ents.get(e.sentence_id) ?? [];
      list.push({ kind: e.kind, text: e.text, start: e.start, end: e.end });
      ents.set(e.sentence_id, list);
    }
    const spans = spansIn(a.body, rows.map((r) => r.text));
    rows.forEach((r, i) => {
      const span = spans[i];
      insert.run(r.id, a.id, r.idx, span?.start ?? 0, span?.len ?? 0, span ? null : r.text, packEntities(r.text, ents.get(r.id) ?? []));
    });
  };
  for (let after = 0, batch = page.all(after) as { r: number; id: string; body: string }[]; batch.length; batch = page.all(after) as typeof batch) {
    after = batch[batch.length - 1]!.r;
    for (const a of batch) migrateArticle(a);
  }
  db.exec('INSERT INTO facts_v2 SELECT sentence_id, article_id, text, value, unit FROM facts');
  db.exec(AFTER);
}
