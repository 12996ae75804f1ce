// ArticleStore on SQLite (better-sqlite3): WAL, foreign keys, FTS5 with bm25 over sentences.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { Article, ArticleMeta, Sentence } from '../articles/types.ts';
import type { NumericFact } from '../language/entities.ts';
import { CANDIDATES_PER_BAND, lshBands, MAX_NEAR_CANDIDATES } from '../articles/near-duplicates.ts';
import { ArticleConflict, SHARED_SCOPE, TIDIED_FROM, type ArticleHit, type ArticleRecord, type ArticleStore, type ArticleVersion, type DuplicateCandidates, type ListOptions, type SentenceHit, type StoredEntity } from './article-store.ts';
import { SqliteDatabase } from './sqlite-driver.ts';
import { migrate, registerSchema } from './sqlite-schema.ts';
import { packEntities, spansIn, unpackEntities } from './sentence-spans.ts';

// Whole-article full-text index for article-first retrieval: news questions name the story
// (its headline words, people, places) more reliably than any one sentence does.
registerSchema(
  'articles-fts-v1',
  `CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
   CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
     INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
   END;
   CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
     INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
   END;
   CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, body ON articles BEGIN
     INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
     INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
   END;
   INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');`,
);
// insertArticle indexes each new article itself: FTS5 inserts run from the trigger cost about
// 0.5 ms more per article (a third of a bulk import's writes) than the same insert run directly.
// Updates and deletes keep their triggers. Registered after the index, so a new store drops it too.
registerSchema('articles-fts-insert-v2', 'DROP TRIGGER IF EXISTS articles_fts_ai;');

/** bm25 column weights of articles_fts: a headline word counts as much as several body words. */
const TITLE_WEIGHT = 4;
const BODY_WEIGHT = 1;

// Live news: who sees each article (and where it was removed), earlier versions of edited or
// re-dated articles, and feed items' first-seen dates. Existing articles are shared with everyone.
registerSchema(
  'news-v1',
  `CREATE TABLE article_scopes (
     article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     scope TEXT NOT NULL,
     added_at TEXT NOT NULL,
     removed_at TEXT,
     removed_by TEXT,
     PRIMARY KEY (article_id, scope)
   ) WITHOUT ROWID;
   INSERT INTO article_scopes (article_id, scope, added_at) SELECT id, '', ingested_at FROM articles;
   CREATE TABLE article_versions (
     article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     version INTEGER NOT NULL,
     title TEXT NOT NULL,
     published_at TEXT,
     body TEXT NOT NULL,
     stored_at TEXT NOT NULL,
     replaced_at TEXT NOT NULL,
     PRIMARY KEY (article_id, version)
   );
   ALTER TABLE articles ADD COLUMN published_first_seen INTEGER NOT NULL DEFAULT 0;`,
);

/**
 * An article is visible in a scope when shared with everyone or added there, and removed in neither.
 * Two parameters: the scope twice. Its scope rows are read once: the least "not removed" of them is
 * 1 exactly when there is one and none is removed (no row gives NULL). An EXISTS and a NOT EXISTS
 * read the same rows twice for every row a query joins (200 a /search).
 */
const VISIBLE = `(SELECT min(v.removed_at IS NULL) FROM article_scopes v WHERE v.article_id = a.id AND v.scope IN ('', ?, ?)) = 1`;

interface ArticleRow {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  published_at: string | null;
  ingested_at: string;
  updated_at: string;
  story_id: string | null;
  published_first_seen: number;
}

/**
 * A sentence's text from its span and its article's row (what the `sentences` view gives): joining
 * the view and then the article read each article row twice per hit.
 */
const SPAN_TEXT = 'COALESCE(s.text, substr(a.body, s.start, s.len))';

const META_COLUMNS = 'a.id, a.title, a.source, a.url, a.published_at, a.ingested_at, a.updated_at, a.story_id, a.published_first_seen';

const toMeta = (r: ArticleRow): ArticleMeta => ({
  id: r.id,
  title: r.title,
  source: r.source,
  url: r.url,
  published: r.published_at,
  ...(r.published_first_seen ? { publishedIsFirstSeen: true } : {}),
  ingestedAt: r.ingested_at,
  updatedAt: r.updated_at,
  storyId: r.story_id,
});

export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new SqliteDatabase(path);
  // A new store can hand pages freed by index merges back to the file system (tidyAfterImport).
  // 8 KiB pages: an article row (about 2.5 KB of body) left a third of each 4 KiB page empty.
  if (!db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get()) {
    db.pragma('page_size = 8192');
    db.pragma('auto_vacuum = INCREMENTAL');
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // SQLite's default 2 MB page cache makes every query at 100k articles re-read the index from
  // the OS; 64 MB keeps the hot FTS pages in memory.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  migrate(db);
  restoreUpkeep(db);
  return db;
}

/**
 * An import killed while it had FTS5's gradual merging off (deferUpkeep) left it off in the index,
 * where it stays until the next large import ends: the next process to open the store turns it back
 * on. Another process's import running now only loses its deferral, which changes no result.
 */
function restoreUpkeep(db: Database.Database): void {
  for (const index of FTS_INDEXES) {
    const v = db.prepare(`SELECT v FROM ${index}_config WHERE k = 'automerge'`).pluck().get();
    if (v === 0) db.prepare(setAutomerge(index, FTS5_AUTOMERGE)).run();
  }
}

const ASTRAL = /[\uD800-\uDFFF]/;

/** A sentence_spans row: the text is null when the sentence is its body's slice [start, start + len) (1-based). */
interface SpanRow {
  id: number;
  idx: number;
  start: number;
  len: number;
  text: string | null;
}

/**
 * The most recently stored matches of a MATCH parameter, as many as a second parameter, with their
 * bm25 (sid, score): walked from the end of the posting lists, so bm25 is computed for those only.
 */
const NEWEST_MATCHES = 'SELECT rowid AS sid, bm25(sentences_fts) AS score FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ?';

/** FTS5 reads its query as a C string: a NUL inside a quoted term ends it early ("unterminated string"). */
const ftsSafe = (match: string): string => match.replace(/\0/g, ' ');

/** Per connection: document frequencies valid for one state of the database (see dfCache). */
interface DfCache {
  version: string;
  /** Exact sentence counts per word or phrase (unquoted). */
  counts: Map<string, number>;
  /** Phrases known to match more sentences than the key's cap: "cap\u0000phrase". */
  over: Set<string>;
  /** Every sentence a phrase matches, with its bm25 term (orQueryTop), keyed by the quoted phrase. */
  phraseRows: Map<string, PhraseRows>;
  /** Rows held in phraseRows, all phrases together. */
  phraseRowCount: number;
}

/** The sentences one phrase matches, in rowid order, and what each adds to an OR-query's bm25. */
interface PhraseRows {
  sid: Float64Array;
  term: Float64Array;
}

/**
 * orQueryTop reads a phrase's rows only when its sentence count is known and at most this (the
 * phrases of a bounded query share 5,000: retrieve.ts); the rows of all phrases held together are
 * at most PHRASE_ROWS_HELD (16 bytes each).
 */
const PHRASE_ROWS_MAX = 10_000;
const PHRASE_ROWS_HELD = 250_000;
/** A MATCH of quoted phrases joined by OR, nothing else: the query orQueryTop can rank. */
const OR_OF_PHRASES = /^"[^"]*"(?: OR "[^"]*")*$/;
const dfCaches = new WeakMap<Database.Database, DfCache>();

/** Connections with the sentence index's vocabulary table (vocabularyCount). */
const vocabularies = new WeakSet<Database.Database>();

/**
 * What the sentence index's tokenizer makes of a word: its terms, in order ("running" -> run,
 * "year-old" -> year, old). Read from a private in-memory FTS5 table built with the index's own
 * tokenize option (from its schema), so the terms are the index's whatever the tokenizer is.
 * Per tokenizer, the table; per word, the answer (bounded). Undefined when the option cannot be
 * read or used: then the caller counts with a MATCH, as before.
 */
interface Tokenizer {
  add: Database.Statement;
  terms: Database.Statement;
  clear: Database.Statement;
  memo: Map<string, readonly string[]>;
}
const tokenizers = new Map<string, Tokenizer | null>();
const tokenizeOptions = new WeakMap<Database.Database, string | null>();

function indexTerms(db: Database.Database, word: string): readonly string[] | undefined {
  let option = tokenizeOptions.get(db);
  if (option === undefined) {
    const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'sentences_fts'").pluck().get() as string | undefined) ?? '';
    option = /\btokenize\s*=\s*'((?:[^']|'')*)'/i.exec(sql)?.[1]?.replace(/''/g, "'") ?? null;
    tokenizeOptions.set(db, option);
  }
  if (option === null) return undefined;
  let t = tokenizers.get(option);
  if (t === undefined) {
    try {
      const mem = new SqliteDatabase(':memory:');
      mem.exec(`CREATE VIRTUAL TABLE words USING fts5(w, tokenize='${option.replace(/'/g, "''")}'); CREATE VIRTUAL TABLE words_terms USING fts5vocab(words, 'instance');`);
      t = {
        add: mem.prepare('INSERT INTO words (rowid, w) VALUES (1, ?)'),
        terms: mem.prepare('SELECT term FROM words_terms ORDER BY offset').pluck(),
        clear: mem.prepare('DELETE FROM words'),
        memo: new Map(),
      };
    } catch {
      // A tokenizer only the store's connection has (an extension): no private copy.
      t = null;
    }
    tokenizers.set(option, t);
  }
  if (!t) return undefined;
  let terms = t.memo.get(word);
  if (!terms) {
    t.add.run(word);
    terms = t.terms.all() as string[];
    t.clear.run();
    if (t.memo.size >= 50_000) t.memo.clear();
    t.memo.set(word, terms);
  }
  return terms;
}

const FTS_INDEXES = ['sentences_fts', 'articles_fts'] as const;

/** The statement that sets an FTS5 index's 'automerge' (how many segments of a level it merges gradually). */
const setAutomerge = (index: (typeof FTS_INDEXES)[number], segments: number) => `INSERT INTO ${index} (${index}, rank) VALUES ('automerge', ${segments})`;

/** FTS5's default 'automerge'. */
const FTS5_AUTOMERGE = 4;

/** Rows in lsh_recent, per connection (noteRecentBands). */
const recentBands = new WeakMap<Database.Database, number>();

/**
 * lsh_recent is moved into lsh_bands at this many rows (16 per article: every 4,000 articles). Small
 * enough to stay in the page cache (about 2 MB), large enough that a move touches each page of
 * lsh_bands for many articles at once.
 */
const LSH_RECENT_ROWS = 64_000;

/** Statements prepared once per connection (shared by its scoped views): preparing cost as much as running most of these queries. */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export class SqliteArticleStore implements ArticleStore {
  private readonly statements: Map<string, Database.Statement>;
  /** lsh_recent is moved into lsh_bands at this many rows (tests move it sooner). */
  lshRecentRows = LSH_RECENT_ROWS;

  constructor(
    readonly db: Database.Database,
    readonly scope: string = SHARED_SCOPE,
  ) {
    let map = prepared.get(db);
    if (!map) prepared.set(db, (map = new Map()));
    this.statements = map;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  static open(path: string): SqliteArticleStore {
    return new SqliteArticleStore(openDatabase(path));
  }

  withScope(scope: string): SqliteArticleStore {
    return scope === this.scope ? this : new SqliteArticleStore(this.db, scope);
  }

  async shareArticle(id: string, scope: string, now: string): Promise<void> {
    this.stmt('INSERT OR IGNORE INTO article_scopes (article_id, scope, added_at) VALUES (?, ?, ?)').run(id, scope, now);
  }

  async removeArticle(id: string, scope: string | null, now: string, by: string): Promise<boolean> {
    return this.db.transaction(() => {
      const visible = scope === null ? this.stmt('SELECT 1 FROM article_scopes WHERE article_id = ? AND removed_at IS NULL').get(id) : this.visibleIn(id, scope);
      if (!visible) return false;
      if (scope === null) {
        this.stmt('UPDATE article_scopes SET removed_at = ?, removed_by = ? WHERE article_id = ? AND removed_at IS NULL').run(now, by, id);
      } else {
        // A row for this scope marks the removal, also for an article shared with everyone.
        this.stmt(
          `INSERT INTO article_scopes (article_id, scope, added_at, removed_at, removed_by) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (article_id, scope) DO UPDATE SET removed_at = excluded.removed_at, removed_by = excluded.removed_by`,
        ).run(id, scope, now, now, by);
      }
      return true;
    })();
  }

  async isRemoved(id: string, scope: string): Promise<boolean> {
    return !!this.stmt("SELECT 1 FROM article_scopes WHERE article_id = ? AND scope IN ('', ?) AND removed_at IS NOT NULL").get(id, scope);
  }

  private visibleIn(id: string, scope: string): boolean {
    return !!this.stmt(`SELECT 1 FROM articles a WHERE a.id = ? AND ${VISIBLE}`).get(id, scope, scope);
  }

  async articleHistory(id: string): Promise<ArticleVersion[]> {
    const rows = this.stmt('SELECT version, title, published_at, body, stored_at, replaced_at FROM article_versions WHERE article_id = ? ORDER BY version')
      .all(id) as { version: number; title: string; published_at: string | null; body: string; stored_at: string; replaced_at: string }[];
    return rows.map((r) => ({ version: r.version, title: r.title, published: r.published_at, body: r.body, storedAt: r.stored_at, replacedAt: r.replaced_at }));
  }

  async findDuplicateCandidates(hash: string, canonicalUrl: string | null, bands: readonly number[]): Promise<DuplicateCandidates> {
    const byHash = this.stmt(`SELECT ${META_COLUMNS} FROM articles a WHERE a.content_hash = ?`).get(hash) as ArticleRow | undefined;
    const byUrl = canonicalUrl
      ? (this.stmt(`SELECT ${META_COLUMNS} FROM articles a WHERE a.canonical_url = ?`).get(canonicalUrl) as ArticleRow | undefined)
      : undefined;
    // Each band is one bounded index range; the articles sharing most bands are the candidates.
    // One statement for all bands (one call instead of one per band), read band by band as before.
    const shared = new Map<string, number>();
    // A band's articles are the first CANDIDATES_PER_BAND by id of both band tables (schema v5:
    // an article's bands are in one of them), as they were of lsh_bands alone: each table gives
    // its first ones, and the two are merged here, in band order and by id within a band.
    const C = CANDIDATES_PER_BAND;
    const arms = bands.flatMap((_v, band) =>
      ['lsh_bands', 'lsh_recent'].map((table) => `SELECT * FROM (SELECT ${band} AS band, article_id FROM ${table} WHERE band = ${band} AND value = ? LIMIT ${C})`),
    );
    const found = bands.length ? (this.stmt(arms.join(' UNION ALL ')).all(...bands.flatMap((v) => [v, v])) as { band: number; article_id: string }[]) : [];
    found.sort((a, b) => a.band - b.band || (a.article_id < b.article_id ? -1 : a.article_id > b.article_id ? 1 : 0));
    const rows = found.filter((r, i) => i < C || found[i - C]!.band !== r.band);
    for (const r of rows) shared.set(r.article_id, (shared.get(r.article_id) ?? 0) + 1);
    const ids = [...shared].sort((a, b) => b[1] - a[1]).slice(0, MAX_NEAR_CANDIDATES).map(([id]) => id);
    const near = ids.length
      ? (this.stmt(`SELECT ${META_COLUMNS}, a.body FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as (ArticleRow & { body: string })[])
      : [];
    return {
      byHash: byHash && toMeta(byHash),
      byUrl: byUrl && toMeta(byUrl),
      near: near.map((r) => ({ ...toMeta(r), body: r.body })),
    };
  }

  async insertArticle(rec: ArticleRecord, now: string): Promise<void> {
    // The article row first: the only insert a constraint can refuse (its id, URL or text already stored).
    const insertRow = () => {
      try {
        return this.stmt(
            `INSERT INTO articles (id, title, source, url, canonical_url, external_id, published_at, published_first_seen, ingested_at, updated_at, content_hash, body)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(rec.id, rec.title, rec.source, rec.url, rec.canonicalUrl, rec.externalId, rec.published, rec.publishedIsFirstSeen ? 1 : 0, now, now, rec.contentHash, rec.body);
      } catch (err) {
        // SQLite names the column in the message only ("UNIQUE constraint failed: articles.id").
        const on = /constraint failed: articles\.(id|content_hash|canonical_url)\b/.exec(String(err))?.[1];
        throw on ? new ArticleConflict(on === 'id' ? 'id' : on === 'content_hash' ? 'text' : 'url', rec.id) : err;
      }
    };
    const insertRest = (rowid: number | bigint) => {
      // The article index, as the insert trigger did before schema articles-fts-insert-v2.
      this.stmt('INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)').run(rowid, rec.title, rec.body);
      this.stmt('INSERT INTO article_scopes (article_id, scope, added_at) VALUES (?, ?, ?)').run(rec.id, rec.scope ?? SHARED_SCOPE, now);
      this.writeChildren(rec.id, rec);
    };
    if (!this.db.inTransaction) {
      this.db.transaction(() => insertRest(insertRow().lastInsertRowid))();
      return;
    }
    // Inside a batch (a bulk import) no savepoint per article: FTS5 writes its pending terms out as
    // a new segment at every savepoint, which cost both indexes a tenth of their insert time. An
    // article is still all or nothing: a failure after its row was written removes the row, and
    // with it (cascades and triggers) everything written for it. (Should the article index's
    // insert itself fail, the delete trigger leaves FTS5 delete markers that match no row: only
    // the index's document count would be one lower.)
    const { lastInsertRowid } = insertRow();
    try {
      insertRest(lastInsertRowid);
    } catch (err) {
      this.stmt('DELETE FROM articles WHERE id = ?').run(rec.id);
      throw err;
    }
  }

  async replaceArticle(id: string, rec: Omit<ArticleRecord, 'id'>, now: string): Promise<void> {
    this.db.transaction(() => {
      this.deleteBands(id);
      // The text being replaced becomes the newest entry of the article's history.
      this.stmt(
          `INSERT INTO article_versions (article_id, version, title, published_at, body, stored_at, replaced_at)
           SELECT id, (SELECT COALESCE(MAX(version), 0) + 1 FROM article_versions WHERE article_id = ?), title, published_at, body, updated_at, ?
           FROM articles WHERE id = ?`,
        )
        .run(id, now, id);
      this.stmt(
          `UPDATE articles SET title = ?, source = ?, url = ?, canonical_url = ?, external_id = ?, published_at = ?, published_first_seen = ?, updated_at = ?,
           content_hash = ?, body = ? WHERE id = ?`,
        )
        .run(rec.title, rec.source, rec.url, rec.canonicalUrl, rec.externalId, rec.published, rec.publishedIsFirstSeen ? 1 : 0, now, rec.contentHash, rec.body, id);
      this.stmt('INSERT OR IGNORE INTO article_scopes (article_id, scope, added_at) VALUES (?, ?, ?)').run(id, rec.scope ?? SHARED_SCOPE, now);
      this.stmt('DELETE FROM sentence_spans WHERE article_id = ?').run(id);
      this.writeChildren(id, rec);
    })();
  }

  /**
   * An article's LSH band rows, before it is rewritten. The band tables have no index by article
   * (a third more rows to write for every article), so deleting by article_id read every row: about
   * 0.9 s of the thread at 100,000 articles for each edited or re-dated article. An article has one
   * row per band, at the values its stored body hashes to, so those are deleted by their keys; should
   * fewer be found (a body hashed otherwise when stored), the whole tables are searched as before.
   */
  private deleteBands(id: string): void {
    const body = this.stmt('SELECT body FROM articles WHERE id = ?').pluck().get(id) as string | undefined;
    if (body !== undefined) {
      const bands = lshBands(body);
      const byKey = ['lsh_bands', 'lsh_recent'].map((table) => this.stmt(`DELETE FROM ${table} WHERE band = ? AND value = ? AND article_id = ?`));
      let found = 0;
      bands.forEach((value, band) => {
        for (const del of byKey) found += del.run(band, value, id).changes;
      });
      if (found === bands.length) return;
    }
    this.stmt('DELETE FROM lsh_bands WHERE article_id = ?').run(id);
    this.stmt('DELETE FROM lsh_recent WHERE article_id = ?').run(id);
  }

  private writeChildren(id: string, rec: Omit<ArticleRecord, 'id'>): void {
    // A sentence is a span of the body; only one that is not a verbatim slice keeps its own text.
    const insSentence = this.stmt('INSERT INTO sentence_spans (article_id, idx, start, len, text, entities) VALUES (?, ?, ?, ?, ?, ?)');
    const insIndexed = this.stmt('INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)');
    const insFact = this.stmt('INSERT INTO facts (sentence_id, article_id, text, value, unit) VALUES (?, ?, ?, ?, ?)');
    const spans = spansIn(rec.body, rec.sentences.map((s) => s.text));
    rec.sentences.forEach((s, i) => {
      const span = spans[i];
      const sid = Number(insSentence.run(id, i, span?.start ?? 0, span?.len ?? 0, span ? null : s.text, packEntities(s.text, s.entities)).lastInsertRowid);
      insIndexed.run(sid, s.text);
      for (const f of s.facts) insFact.run(sid, id, f.text, f.value, f.unit);
    });
    this.stmt('UPDATE sentence_count SET n = n + ? WHERE id = 1').run(rec.sentences.length);
    const insBand = this.stmt('INSERT OR IGNORE INTO lsh_recent (band, value, article_id) VALUES (?, ?, ?)');
    rec.bands.forEach((v, band) => insBand.run(band, v, id));
    this.noteRecentBands(rec.bands.length);
  }

  /**
   * Counts the rows written to lsh_recent on this connection (from its size when first asked) and
   * moves them into lsh_bands once there are LSH_RECENT_ROWS: one pass in key order touches each
   * page of lsh_bands once for thousands of articles, where writing each article's bands there
   * dirtied 16 pages of it per article (at 100,000 articles a 300-article commit rewrote 3,000
   * of its 5,000 pages). Runs inside the caller's transaction; another connection's rows are
   * moved with these (the count is only when to move, never what).
   */
  private noteRecentBands(added: number): void {
    let n = recentBands.get(this.db);
    if (n === undefined) n = (this.stmt('SELECT count(*) FROM lsh_recent').pluck().get() as number) - added;
    n += added;
    if (n >= this.lshRecentRows) {
      this.flushRecentBands();
      n = 0;
    }
    recentBands.set(this.db, n);
  }

  private flushRecentBands(): void {
    this.stmt('INSERT OR IGNORE INTO lsh_bands (band, value, article_id) SELECT band, value, article_id FROM lsh_recent ORDER BY band, value, article_id').run();
    this.stmt('DELETE FROM lsh_recent').run();
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const row = this.stmt(`SELECT ${META_COLUMNS}, a.body FROM articles a WHERE a.id = ? AND ${VISIBLE}`).get(id, this.scope, this.scope) as
      | (ArticleRow & { body: string })
      | undefined;
    if (!row) return undefined;
    return { ...toMeta(row), body: row.body, sentences: this.sentencesIn(id, row.body) };
  }

  async getArticles(ids: readonly string[]): Promise<Map<string, Article>> {
    const out = new Map<string, Article>();
    if (!ids.length) return out;
    const list = JSON.stringify([...new Set(ids)]);
    const rows = this.stmt(`SELECT ${META_COLUMNS}, a.body FROM json_each(?) j JOIN articles a ON a.id = j.value WHERE ${VISIBLE}`).all(list, this.scope, this.scope) as (ArticleRow & {
      body: string;
    })[];
    const spans = this.stmt('SELECT article_id, id, idx, start, len, text FROM sentence_spans WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, idx').all(
      list,
    ) as (SpanRow & { article_id: string })[];
    const byArticle = new Map<string, SpanRow[]>();
    for (const r of spans) {
      const l = byArticle.get(r.article_id);
      if (l) l.push(r);
      else byArticle.set(r.article_id, [r]);
    }
    const found = new Map(rows.map((r) => [r.id, { ...toMeta(r), body: r.body, sentences: ASTRAL.test(r.body) ? this.sentenceRows(r.id) : this.cut(r.id, r.body, byArticle.get(r.id) ?? []) }]));
    // In the order asked for, as getArticle would give them one by one.
    for (const id of ids) {
      const a = found.get(id);
      if (a) out.set(id, a);
    }
    return out;
  }

  /**
   * An article's sentences cut from its body here, from their spans: the sentences view re-reads
   * the body for each sentence, which made loading an article's sentences cost more than the
   * article. A body with characters outside the BMP (substr counts code points) goes through the view.
   */
  private sentencesIn(articleId: string, body: string): Sentence[] {
    if (ASTRAL.test(body)) return this.sentenceRows(articleId);
    return this.cut(articleId, body, this.stmt('SELECT id, idx, start, len, text FROM sentence_spans WHERE article_id = ? ORDER BY idx').all(articleId) as SpanRow[]);
  }

  /**
   * Sentences from their span rows (in order), for a body without astral characters (callers test
   * it once); spans the slice cannot cut go through the view.
   */
  private cut(articleId: string, body: string, rows: readonly SpanRow[]): Sentence[] {
    // Spans are 1-based and never negative (sentence-spans.ts); anything else is the view's to cut.
    if (rows.some((r) => r.text === null && (r.start < 1 || r.len < 0))) return this.sentenceRows(articleId);
    return rows.map((r) => ({ id: r.id, articleId, index: r.idx, text: r.text ?? body.slice(r.start - 1, r.start - 1 + r.len) }));
  }

  async batch<T>(work: () => Promise<T>): Promise<T> {
    // One outer transaction groups many articles' commits; each article keeps its own savepoint
    // (better-sqlite3 nests transactions as savepoints), so a failed one still rolls back alone.
    if (this.db.inTransaction) return work();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      return await work();
    } finally {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    }
  }

  async findArticleByUrl(canonicalUrl: string): Promise<ArticleMeta | undefined> {
    const row = this.stmt(`SELECT ${META_COLUMNS} FROM articles a WHERE a.canonical_url = ? AND ${VISIBLE}`).get(canonicalUrl, this.scope, this.scope) as
      | ArticleRow
      | undefined;
    return row && toMeta(row);
  }

  async listArticles(opts: ListOptions = {}): Promise<ArticleMeta[]> {
    const where: string[] = [VISIBLE];
    const args: unknown[] = [this.scope, this.scope];
    if (opts.since) {
      where.push('COALESCE(a.published_at, a.ingested_at) >= ?');
      args.push(opts.since);
    }
    if (opts.until) {
      where.push('COALESCE(a.published_at, a.ingested_at) < ?');
      args.push(opts.until);
    }
    if (opts.titleHas) {
      if (!opts.titleHas.length) return [];
      where.push(`(${opts.titleHas.map(() => "a.title LIKE ? ESCAPE '\\'").join(' OR ')})`);
      args.push(...opts.titleHas.map((f) => `%${f.replace(/[\\%_]/g, '\\$&')}%`));
    }
    const sql = `SELECT ${META_COLUMNS} FROM articles a WHERE ${where.join(' AND ')}
      ORDER BY COALESCE(a.published_at, a.ingested_at) DESC, a.rowid DESC ${opts.limit ? 'LIMIT ?' : ''}`;
    if (opts.limit) args.push(opts.limit);
    return (this.stmt(sql).all(...args) as ArticleRow[]).map(toMeta);
  }

  async countArticles(): Promise<number> {
    return (this.stmt(`SELECT count(*) AS n FROM articles a WHERE ${VISIBLE}`).get(this.scope, this.scope) as { n: number }).n;
  }

  async searchSentences(match: string, limit: number, articleIds?: readonly string[], newest?: number): Promise<SentenceHit[]> {
    type Row = ArticleRow & { sid: number; idx: number; text: string; score: number };
    const full = () => {
      const filter = articleIds ? `AND s.article_id IN (SELECT value FROM json_each(?))` : '';
      const args: unknown[] = [ftsSafe(match)];
      if (newest !== undefined) args.push(newest);
      if (articleIds) args.push(JSON.stringify(articleIds));
      args.push(this.scope, this.scope, limit);
      // Every match: the index joined directly (the plan this query always had); the newest: their rows first.
      const from =
        newest === undefined
          ? 'sentences_fts JOIN sentence_spans s ON s.id = sentences_fts.rowid'
          : `(${NEWEST_MATCHES}) m JOIN sentence_spans s ON s.id = m.sid`;
      const where = newest === undefined ? 'sentences_fts MATCH ?' : '1';
      return this.stmt(
        `SELECT s.id AS sid, s.idx, ${SPAN_TEXT} AS text, ${newest === undefined ? 'bm25(sentences_fts)' : 'm.score'} AS score, ${META_COLUMNS}
         FROM ${from} JOIN articles a ON a.id = s.article_id
         WHERE ${where} ${filter} AND ${VISIBLE} ORDER BY score LIMIT ?`,
      ).all(...args) as Row[];
    };
    // Within given articles the index cannot rank first: the filter decides.
    const rows = articleIds ? full() : this.topSentences(ftsSafe(match), limit, full, newest);
    return rows.map((r) => ({ sentence: { id: r.sid, articleId: r.id, index: r.idx, text: r.text }, article: toMeta(r), bm25: r.score }));
  }

  /**
   * The best rows from the index first, joined and filtered after: joining every matching row
   * before sorting (tens of thousands at 10k articles) was half of /ask's time. A few more rows
   * than asked for are taken so rows hidden from this scope rarely matter; when they do (fewer
   * visible than asked for while the index had more), the exact query runs instead.
   */
  private topSentences<Row>(match: string, limit: number, exact: () => Row[], newest?: number): Row[] {
    const fetch = limit * 2 + 10;
    const top = (
      newest === undefined
        ? (this.orQueryTop(match, fetch) ?? this.stmt('SELECT rowid AS sid, bm25(sentences_fts) AS score FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY score LIMIT ?').all(match, fetch))
        : this.stmt(`SELECT sid, score FROM (${NEWEST_MATCHES}) ORDER BY score, sid LIMIT ?`).all(match, newest, fetch)
    ) as {
      sid: number;
      score: number;
    }[];
    // The order the joined rows are kept in: best score, then id.
    top.sort((x, y) => x.score - y.score || x.sid - y.sid);
    // The first `limit` joined alone (joining every fetched row read twice as many articles):
    // when all of them are visible they are the answer; else every fetched row is joined.
    const first = this.joinTop<Row>(top.slice(0, limit));
    if (first.length >= limit) return first;
    const rows = top.length > limit ? this.joinTop<Row>(top).slice(0, limit) : first;
    if (rows.length >= limit) return rows;
    return this.fewerThanAsked('sentences_fts', match, fetch) ? rows : exact();
  }

  /**
   * The rows `SELECT rowid, bm25(sentences_fts) ... MATCH ? ORDER BY bm25 LIMIT ?` gives for an
   * OR of phrases, from each phrase's rows and bm25 terms, read once per state of the database:
   * an answer's exact and widened queries share their phrases, and questions share words ("said"
   * widens to "assert", "argue", "contend", "maintain"), while FTS5 walks every phrase's posting
   * list twice per query (its IDF, then the rows). The same rows and scores: FTS5's bm25 of a row
   * is -(0.0 + t1 + t2 + ...), the terms in the query's phrase order, each term depending only on
   * its own phrase (its IDF, its count in the row) and the row's length, and 0 for a phrase the
   * row lacks; a one-phrase query's bm25 is -t. Summed here in the same order (x + 0 is x), and
   * of equal scores the lowest rowids kept, as SQLite's LIMIT keeps the first rows FTS5 gives (in
   * rowid order) and lets no later equal one replace them. Undefined (FTS5 ranks it) for any
   * other query, or a phrase whose count is unknown or large.
   */
  private orQueryTop(match: string, fetch: number): { sid: number; score: number }[] | undefined {
    if (!OR_OF_PHRASES.test(match) || fetch < 1) return undefined;
    const phrases = match.match(/"[^"]*"/g)!;
    const entry = this.dfEntry();
    let needed = 0;
    for (const p of new Set(phrases)) {
      if (entry.phraseRows.has(p)) continue;
      const n = entry.counts.get(p.slice(1, -1));
      if (n === undefined || n > PHRASE_ROWS_MAX) return undefined;
      needed += n;
    }
    if (entry.phraseRowCount + needed > PHRASE_ROWS_HELD) {
      entry.phraseRows.clear();
      entry.phraseRowCount = 0;
    }
    const lists = phrases.map((p) => {
      let rows = entry.phraseRows.get(p);
      if (!rows) {
        rows = this.phraseRows(p);
        entry.phraseRows.set(p, rows);
        entry.phraseRowCount += rows.sid.length;
      }
      return rows;
    });
    // The rows in rowid order, each phrase's term added in the query's order; the best `fetch` by
    // (score, rowid), kept sorted: a row enters only below the worst kept.
    const at = lists.map(() => 0);
    const kept: { sid: number; score: number }[] = [];
    for (;;) {
      let sid = Infinity;
      for (let i = 0; i < lists.length; i++) if (at[i]! < lists[i]!.sid.length && lists[i]!.sid[at[i]!]! < sid) sid = lists[i]!.sid[at[i]!]!;
      if (sid === Infinity) break;
      let sum = 0;
      for (let i = 0; i < lists.length; i++) {
        const l = lists[i]!;
        if (at[i]! < l.sid.length && l.sid[at[i]!] === sid) sum += l.term[at[i]!++]!;
      }
      const score = -1.0 * sum;
      if (kept.length === fetch && !(score < kept[fetch - 1]!.score)) continue;
      let k = kept.length;
      while (k > 0 && kept[k - 1]!.score > score) k--;
      kept.splice(k, 0, { sid, score });
      if (kept.length > fetch) kept.pop();
    }
    return kept;
  }

  /** Every sentence a phrase matches, in rowid order, with its bm25 term (orQueryTop). */
  private phraseRows(phrase: string): PhraseRows {
    const rows = this.stmt('SELECT rowid, bm25(sentences_fts) FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid')
      .raw()
      .all(phrase) as [number, number][];
    const sid = new Float64Array(rows.length);
    const term = new Float64Array(rows.length);
    rows.forEach(([id, score], i) => {
      sid[i] = id;
      term[i] = -score;
    });
    return { sid, term };
  }

  /** Index rows joined with their sentence and article, those visible in this scope, in the given order. */
  private joinTop<Row>(top: readonly { sid: number; score: number }[]): Row[] {
    if (!top.length) return [];
    const found = this.stmt(
      `SELECT s.id AS sid, s.idx, ${SPAN_TEXT} AS text, ${META_COLUMNS}
       FROM json_each(?) j JOIN sentence_spans s ON s.id = j.value JOIN articles a ON a.id = s.article_id
       WHERE ${VISIBLE}`,
    ).all(JSON.stringify(top.map((t) => t.sid)), this.scope, this.scope) as { sid: number }[];
    const byId = new Map(found.map((r) => [r.sid, r]));
    const out: Row[] = [];
    for (const t of top) {
      const r = byId.get(t.sid);
      if (r) out.push({ ...r, score: t.score } as Row);
    }
    return out;
  }

  async searchArticleText(match: string, limit: number): Promise<ArticleHit[]> {
    type Row = ArticleRow & { score: number };
    const q = ftsSafe(match);
    const exact = () =>
      this.stmt(
        `SELECT bm25(articles_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score, ${META_COLUMNS}
         FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
         WHERE articles_fts MATCH ? AND ${VISIBLE} ORDER BY score LIMIT ?`,
      ).all(q, this.scope, this.scope, limit) as Row[];
    // As for sentences: the index ranks first, and only its best rows are joined (joining every
    // matching article before sorting was a fifth of /ask's time at 10,000 articles).
    const fetch = limit * 2 + 10;
    const rows = this.stmt(
      `WITH top AS MATERIALIZED (SELECT rowid AS rid, bm25(articles_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score FROM articles_fts WHERE articles_fts MATCH ? ORDER BY score LIMIT ?)
       SELECT top.score, ${META_COLUMNS}
       FROM top JOIN articles a ON a.rowid = top.rid
       WHERE ${VISIBLE} ORDER BY top.score, top.rid LIMIT ?`,
    ).all(q, fetch, this.scope, this.scope, limit) as Row[];
    const visible = rows.length >= limit ? rows : this.fewerThanAsked('articles_fts', q, fetch) ? rows : exact();
    return visible.map((r) => ({ article: toMeta(r), bm25: r.score }));
  }

  /** Whether the index holds fewer than `fetch` rows for the query: then every one of them was looked at. */
  private fewerThanAsked(index: 'articles_fts' | 'sentences_fts', match: string, fetch: number): boolean {
    return (this.stmt(`SELECT count(*) AS n FROM (SELECT rowid FROM ${index} WHERE ${index} MATCH ? LIMIT ?)`).get(match, fetch) as { n: number }).n < fetch;
  }

  async sentencesOf(articleId: string): Promise<Sentence[]> {
    return this.sentenceRows(articleId);
  }

  private sentenceRows(articleId: string): Sentence[] {
    const rows = this.stmt('SELECT id, idx, text FROM sentences WHERE article_id = ? ORDER BY idx').all(articleId) as { id: number; idx: number; text: string }[];
    return rows.map((r) => ({ id: r.id, articleId, index: r.idx, text: r.text }));
  }

  async entitiesOf(sentenceIds: readonly number[]): Promise<Map<number, StoredEntity[]>> {
    const rows = this.stmt(
        `SELECT s.id, s.entities, COALESCE(s.text, substr(a.body, s.start, s.len)) AS text
         FROM sentence_spans s JOIN articles a ON a.id = s.article_id
         WHERE s.id IN (SELECT value FROM json_each(?)) AND s.entities IS NOT NULL ORDER BY s.id`,
      )
      .all(JSON.stringify(sentenceIds)) as { id: number; entities: string; text: string }[];
    const out = new Map<number, StoredEntity[]>();
    for (const r of rows) {
      const list = unpackEntities(r.text, r.entities).map((e) => ({ sentenceId: r.id, ...e }));
      if (list.length) out.set(r.id, list);
    }
    return out;
  }

  async factsOf(articleIds: readonly string[]): Promise<(NumericFact & { articleId: string; sentenceId: number })[]> {
    const rows = this.stmt('SELECT sentence_id, article_id, text, value, unit FROM facts WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, sentence_id')
      .all(JSON.stringify(articleIds)) as { sentence_id: number; article_id: string; text: string; value: number; unit: string }[];
    return rows.map((r) => ({ articleId: r.article_id, sentenceId: r.sentence_id, text: r.text, value: r.value, unit: r.unit }));
  }

  async documentFrequencies(terms: readonly string[]): Promise<{ total: number; df: Map<string, number> }> {
    const count = this.stmt('SELECT count(*) AS n FROM sentences_fts WHERE sentences_fts MATCH ?');
    const cache = this.dfCache();
    const df = new Map<string, number>();
    for (const t of new Set(terms)) {
      const word = ftsSafe(t).replace(/"/g, '');
      if (!word) continue;
      let n = cache.get(word);
      if (n === undefined) {
        // A word the index holds as one term: its row count from the index's vocabulary, which
        // walks the posting list inside FTS5 (5-20x cheaper than stepping a MATCH through every
        // row: "year", in 141,000 sentences at 100k articles, 54 ms -> 3 ms). A word of several
        // terms ("year-old", "gullit's") is a phrase: only a MATCH counts those.
        const terms = indexTerms(this.db, word);
        n = terms?.length === 1 ? this.vocabularyCount(terms[0]!) : (count.get(`"${word}"`) as { n: number }).n;
        if (cache.size >= 50_000) cache.clear();
        cache.set(word, n);
      }
      df.set(t, n);
    }
    return { total: this.sentenceCount(), df };
  }

  async phraseCounts(phrases: readonly string[], cap: number): Promise<Map<string, number>> {
    // Counting stops after cap + 1 rows: the count a bounded query needs costs no more than the bound.
    const count = this.stmt('SELECT count(*) AS n FROM (SELECT 1 FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT ?)');
    const entry = this.dfEntry();
    const out = new Map<string, number>();
    for (const p of new Set(phrases)) {
      const word = ftsSafe(p).replace(/"/g, '');
      if (!word.trim()) continue;
      let n = entry.counts.get(word);
      if (n === undefined && entry.over.has(`${cap}\u0000${word}`)) n = cap + 1;
      if (n === undefined) {
        n = (count.get(`"${word}"`, cap + 1) as { n: number }).n;
        if (entry.counts.size >= 50_000) entry.counts.clear();
        if (entry.over.size >= 50_000) entry.over.clear();
        if (n <= cap) entry.counts.set(word, n);
        else entry.over.add(`${cap}\u0000${word}`);
      }
      out.set(p, n);
    }
    return out;
  }

  /** Sentences holding an index term (a stem, as sentences_fts stores it), from the index's vocabulary. */
  private vocabularyCount(term: string): number {
    if (!vocabularies.has(this.db)) {
      // A temporary table of this connection: a view of the index, nothing stored, no schema change.
      this.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentences_fts_terms USING fts5vocab(main, sentences_fts, 'row')");
      vocabularies.add(this.db);
    }
    return (this.stmt('SELECT doc FROM temp.sentences_fts_terms WHERE term = ?').pluck().get(term) as number | undefined) ?? 0;
  }

  /**
   * Sentence counts per word, kept while the database is unchanged: a common word's count walks
   * its whole posting list, and every question (twice: articles, then sentences) asks for its
   * words' counts. Any commit by another connection (data_version) or any row this connection
   * changed (total_changes) starts a new cache.
   */
  private dfCache(): Map<string, number> {
    return this.dfEntry().counts;
  }

  private dfEntry(): DfCache {
    const version = `${this.stmt('PRAGMA data_version').pluck().get() as number}:${this.stmt('SELECT total_changes()').pluck().get() as number}`;
    let entry = dfCaches.get(this.db);
    if (!entry || entry.version !== version) dfCaches.set(this.db, (entry = { version, counts: new Map(), over: new Set(), phraseRows: new Map(), phraseRowCount: 0 }));
    return entry;
  }

  /** Number of stored sentences, kept in one row by writes and the delete trigger (schema v4). */
  private sentenceCount(): number {
    return this.stmt('SELECT n FROM sentence_count WHERE id = 1').pluck().get() as number;
  }

  /**
   * FTS5's gradual merging is turned off until resumeUpkeep (before tidyAfterImport): after each
   * commit it merges the new segment with others of its size, so over a long import each entry is
   * rewritten once per level, and the final merge rewrites everything once more anyway. Segments
   * still merge when a level holds 16 (FTS5's crisismerge), so queries meanwhile read a bounded
   * number of them. The setting is stored in the index: after an import killed before it resumes,
   * the next process to open the store turns it back on (restoreUpkeep).
   */
  async deferUpkeep(): Promise<void> {
    for (const index of FTS_INDEXES) this.stmt(setAutomerge(index, 0)).run();
  }

  async resumeUpkeep(): Promise<void> {
    for (const index of FTS_INDEXES) this.stmt(setAutomerge(index, FTS5_AUTOMERGE)).run();
  }

  /**
   * Many small commits leave each full-text index in many segments, with the same terms listed
   * in each; after a large import one merge makes them about a fifth smaller and faster to read.
   * A small import is left to FTS5's own gradual merging (merging rewrites the whole index).
   */
  async tidyAfterImport(written: number): Promise<void> {
    if (written < TIDIED_FROM && written * 10 < (await this.countArticles())) return;
    for (const index of FTS_INDEXES) this.mergeSegments(index);
    if (this.db.pragma('auto_vacuum', { simple: true }) === 2) this.db.pragma('incremental_vacuum');
    this.db.pragma('optimize');
  }

  /**
   * Merges an index into one segment (what 'optimize' gives) in steps of about 2,000 pages, each
   * its own commit: a running bot's writes wait for one step, not for the whole index.
   */
  private mergeSegments(index: string): void {
    const merge = this.stmt(`INSERT INTO ${index} (${index}, rank) VALUES ('merge', -2000)`);
    const changes = this.stmt('SELECT total_changes() AS n');
    for (;;) {
      const before = (changes.get() as { n: number }).n;
      merge.run();
      // FTS5 counts fewer than two changes when it found nothing left to merge.
      if ((changes.get() as { n: number }).n - before < 2) return;
    }
  }

  async setStory(articleIds: readonly string[], storyId: string): Promise<void> {
    this.stmt('UPDATE articles SET story_id = ? WHERE id IN (SELECT value FROM json_each(?))').run(storyId, JSON.stringify(articleIds));
  }

  async getMark(key: string): Promise<string | undefined> {
    return (this.stmt('SELECT value FROM marks WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  async setMark(key: string, value: string): Promise<void> {
    this.stmt('INSERT INTO marks (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async addMark(key: string, value: string): Promise<boolean> {
    return this.db.prepare('INSERT INTO marks (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING').run(key, value).changes === 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
