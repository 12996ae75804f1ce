// Schema migrations, applied in order and recorded in PRAGMA user_version.
import type Database from 'better-sqlite3';
import { sentencesAsSpans } from './sqlite-spans-migration.ts';

/** SQL, or a step that needs code (reading rows to compute what the new schema holds). */
type Migration = string | ((db: Database.Database) => void);

const MIGRATIONS: Migration[] = [
  `CREATE TABLE articles (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     source TEXT,
     url TEXT,
     canonical_url TEXT UNIQUE,
     external_id TEXT,
     published_at TEXT,
     ingested_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     content_hash TEXT NOT NULL UNIQUE,
     body TEXT NOT NULL,
     story_id TEXT
   );
   CREATE INDEX articles_published ON articles (COALESCE(published_at, ingested_at));
   CREATE TABLE lsh_bands (
     band INTEGER NOT NULL,
     value INTEGER NOT NULL,
     article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     PRIMARY KEY (band, value, article_id)
   ) WITHOUT ROWID;
   CREATE TABLE sentences (
     id INTEGER PRIMARY KEY,
     article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     text TEXT NOT NULL
   );
   CREATE INDEX sentences_article ON sentences (article_id, idx);
   CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
   CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
     INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
   END;
   CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
     INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
   END;
   CREATE TABLE entities (
     sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
     article_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     text TEXT NOT NULL,
     start INTEGER NOT NULL,
     end INTEGER NOT NULL
   );
   CREATE INDEX entities_sentence ON entities (sentence_id);
   CREATE TABLE facts (
     sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
     article_id TEXT NOT NULL,
     text TEXT NOT NULL,
     value REAL NOT NULL,
     unit TEXT NOT NULL
   );
   CREATE INDEX facts_article ON facts (article_id);
   CREATE TABLE marks (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // v2: sentences as spans of the body, a contentless sentence index, entities packed per sentence.
  sentencesAsSpans,
  // v3 counted deleted sentences against FTS5's own row total, which only some SQLite versions
  // lower on a contentless delete (12's bundled SQLite does not, 13's does); v4 replaced it.
  '',
  // v4: the store's own count of sentences, behind every IDF: writes add each article's, the delete
  // trigger takes each deleted one off, so no question counts millions of rows.
  `DROP TABLE IF EXISTS sentence_deletes;
   CREATE TABLE sentence_count (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
   INSERT INTO sentence_count (id, n) SELECT 1, count(*) FROM sentence_spans;
   DROP TRIGGER IF EXISTS sentence_spans_ad;
   CREATE TRIGGER sentence_spans_ad AFTER DELETE ON sentence_spans BEGIN
     DELETE FROM sentences_fts WHERE rowid = old.id;
     UPDATE sentence_count SET n = n - 1 WHERE id = 1;
   END;`,
  // v5: new articles' MinHash bands go to a small table first and move to lsh_bands in sorted bulk
  // (sqlite-store.ts, flushRecentBands): each band value is random, so writing them straight into
  // the 1.6M-row lsh_bands at 100,000 articles dirtied a page of it per band, 60% of an import's
  // WAL bytes. Lookups read both tables; an article's bands are in one of them.
  `CREATE TABLE lsh_recent (
     band INTEGER NOT NULL,
     value INTEGER NOT NULL,
     article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     PRIMARY KEY (band, value, article_id)
   ) WITHOUT ROWID;`,
  // v6: facts by sentence. Deleting an article's sentence spans (an edit, a re-dated copy, a
  // removal) makes SQLite's foreign key look up each span's facts, and without this index every
  // lookup read the whole table (284k rows at 100,000 bench articles, about 20 scans per edit).
  // Sentence ids only grow, so an import appends to the index's last page.
  'CREATE INDEX IF NOT EXISTS facts_sentence ON facts (sentence_id);',
];

/** Extra migrations registered by other modules (schedule, feeds), keyed by a unique name. */
const extra = new Map<string, string>();
export function registerSchema(name: string, sql: string): void {
  extra.set(name, sql);
}

/** `upTo`: stop at this schema version (tests build a store as an older release left it). */
export function migrate(db: Database.Database, upTo: number = MIGRATIONS.length): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    for (let v = version; v < upTo; v++) {
      const m = MIGRATIONS[v]!;
      if (typeof m === 'string') db.exec(m);
      else m(db);
    }
    if (version < upTo) db.pragma(`user_version = ${upTo}`);
    db.exec('CREATE TABLE IF NOT EXISTS module_schemas (name TEXT PRIMARY KEY)');
    for (const [name, sql] of extra) {
      if (db.prepare('SELECT 1 FROM module_schemas WHERE name = ?').get(name)) continue;
      db.exec(sql);
      db.prepare('INSERT INTO module_schemas (name) VALUES (?)').run(name);
    }
  })();
}
