// ArticleStore on SQLite (better-sqlite3): WAL, foreign keys, FTS5 with bm25 over sentences.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Article, ArticleMeta, Sentence } from '../articles/types.ts';
import type { NumericFact } from '../language/entities.ts';
import type { ArticleHit, ArticleRecord, ArticleStore, DuplicateCandidates, ListOptions, SentenceHit, StoredEntity } from './article-store.ts';
import { migrate, registerSchema } from './sqlite-schema.ts';

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

/** bm25 column weights of articles_fts: a headline word counts as much as several body words. */
const TITLE_WEIGHT = 4;
const BODY_WEIGHT = 1;

interface ArticleRow {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  published_at: string | null;
  ingested_at: string;
  updated_at: string;
  story_id: string | null;
}

const META_COLUMNS = 'a.id, a.title, a.source, a.url, a.published_at, a.ingested_at, a.updated_at, a.story_id';

const toMeta = (r: ArticleRow): ArticleMeta => ({
  id: r.id,
  title: r.title,
  source: r.source,
  url: r.url,
  published: r.published_at,
  ingestedAt: r.ingested_at,
  updatedAt: r.updated_at,
  storyId: r.story_id,
});

export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // SQLite's default 2 MB page cache makes every query at 100k articles re-read the index from
  // the OS; 64 MB keeps the hot FTS pages in memory (bench: ask 1.8x faster at 10k).
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  migrate(db);
  return db;
}

/** FTS5 reads its query as a C string: a NUL inside a quoted term ends it early ("unterminated string"). */
const ftsSafe = (match: string): string => match.replace(/\0/g, ' ');

export class SqliteArticleStore implements ArticleStore {
  private readonly statements = new Map<string, Database.Statement>();
  private batchDepth = 0;

  constructor(readonly db: Database.Database) {}

  /** Prepared once per connection: preparing costs as much as running most of these queries. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  static open(path: string): SqliteArticleStore {
    return new SqliteArticleStore(openDatabase(path));
  }

  async findDuplicateCandidates(hash: string, canonicalUrl: string | null, bands: readonly number[]): Promise<DuplicateCandidates> {
    const byHash = this.stmt(`SELECT ${META_COLUMNS} FROM articles a WHERE a.content_hash = ?`).get(hash) as ArticleRow | undefined;
    const byUrl = canonicalUrl
      ? (this.stmt(`SELECT ${META_COLUMNS} FROM articles a WHERE a.canonical_url = ?`).get(canonicalUrl) as ArticleRow | undefined)
      : undefined;
    const near = this.stmt(
        `SELECT ${META_COLUMNS}, a.body FROM articles a WHERE a.id IN (
           SELECT b.article_id FROM lsh_bands b JOIN json_each(?) j ON b.band = j.key AND b.value = j.value)`,
      )
      .all(JSON.stringify(bands)) as (ArticleRow & { body: string })[];
    return {
      byHash: byHash && toMeta(byHash),
      byUrl: byUrl && toMeta(byUrl),
      near: near.map((r) => ({ ...toMeta(r), body: r.body })),
    };
  }

  async insertArticle(rec: ArticleRecord, now: string): Promise<void> {
    this.db.transaction(() => {
      this.stmt(
          `INSERT INTO articles (id, title, source, url, canonical_url, external_id, published_at, ingested_at, updated_at, content_hash, body)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(rec.id, rec.title, rec.source, rec.url, rec.canonicalUrl, rec.externalId, rec.published, now, now, rec.contentHash, rec.body);
      this.writeChildren(rec.id, rec);
    })();
  }

  async replaceArticle(id: string, rec: Omit<ArticleRecord, 'id'>, now: string): Promise<void> {
    this.db.transaction(() => {
      this.stmt(
          `UPDATE articles SET title = ?, source = ?, url = ?, canonical_url = ?, external_id = ?, published_at = ?, updated_at = ?,
           content_hash = ?, body = ? WHERE id = ?`,
        )
        .run(rec.title, rec.source, rec.url, rec.canonicalUrl, rec.externalId, rec.published, now, rec.contentHash, rec.body, id);
      this.stmt('DELETE FROM sentences WHERE article_id = ?').run(id);
      this.stmt('DELETE FROM lsh_bands WHERE article_id = ?').run(id);
      this.writeChildren(id, rec);
    })();
  }

  private writeChildren(id: string, rec: Omit<ArticleRecord, 'id'>): void {
    const insSentence = this.stmt('INSERT INTO sentences (article_id, idx, text) VALUES (?, ?, ?)');
    const insEntity = this.stmt('INSERT INTO entities (sentence_id, article_id, kind, text, start, end) VALUES (?, ?, ?, ?, ?, ?)');
    const insFact = this.stmt('INSERT INTO facts (sentence_id, article_id, text, value, unit) VALUES (?, ?, ?, ?, ?)');
    rec.sentences.forEach((s, i) => {
      const sid = Number(insSentence.run(id, i, s.text).lastInsertRowid);
      for (const e of s.entities) insEntity.run(sid, id, e.kind, e.text, e.start, e.end);
      for (const f of s.facts) insFact.run(sid, id, f.text, f.value, f.unit);
    });
    const insBand = this.stmt('INSERT OR IGNORE INTO lsh_bands (band, value, article_id) VALUES (?, ?, ?)');
    rec.bands.forEach((v, band) => insBand.run(band, v, id));
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const row = this.stmt(`SELECT ${META_COLUMNS}, a.body FROM articles a WHERE a.id = ?`).get(id) as (ArticleRow & { body: string }) | undefined;
    if (!row) return undefined;
    return { ...toMeta(row), body: row.body, sentences: await this.sentencesOf(id) };
  }

  async hasArticle(id: string): Promise<boolean> {
    return !!this.stmt('SELECT 1 FROM articles WHERE id = ?').get(id);
  }

  async batch<T>(work: () => Promise<T>): Promise<T> {
    // One outer transaction groups many articles' commits; each article keeps its own savepoint
    // (better-sqlite3 nests transactions as savepoints), so a failed one still rolls back alone.
    if (this.batchDepth > 0 || this.db.inTransaction) return work();
    this.db.exec('BEGIN IMMEDIATE');
    this.batchDepth++;
    try {
      return await work();
    } finally {
      this.batchDepth--;
      if (this.db.inTransaction) this.db.exec('COMMIT');
    }
  }

  async findArticleByUrl(canonicalUrl: string): Promise<ArticleMeta | undefined> {
    const row = this.stmt(`SELECT ${META_COLUMNS} FROM articles a WHERE a.canonical_url = ?`).get(canonicalUrl) as ArticleRow | undefined;
    return row && toMeta(row);
  }

  async listArticles(opts: ListOptions = {}): Promise<ArticleMeta[]> {
    const where: string[] = [];
    const args: unknown[] = [];
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
    const sql = `SELECT ${META_COLUMNS} FROM articles a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY COALESCE(a.published_at, a.ingested_at) DESC, a.rowid DESC ${opts.limit ? 'LIMIT ?' : ''}`;
    if (opts.limit) args.push(opts.limit);
    return (this.stmt(sql).all(...args) as ArticleRow[]).map(toMeta);
  }

  async countArticles(): Promise<number> {
    return (this.stmt('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }

  async searchSentences(match: string, limit: number, articleIds?: readonly string[]): Promise<SentenceHit[]> {
    type Row = ArticleRow & { sid: number; idx: number; text: string; score: number };
    let rows: Row[];
    if (articleIds) {
      rows = this.stmt(
        `SELECT s.id AS sid, s.idx, s.text, bm25(sentences_fts) AS score, ${META_COLUMNS}
         FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN articles a ON a.id = s.article_id
         WHERE sentences_fts MATCH ? AND s.article_id IN (SELECT value FROM json_each(?)) ORDER BY score LIMIT ?`,
      ).all(ftsSafe(match), JSON.stringify(articleIds), limit) as Row[];
    } else {
      // Top rows from the index first, joined after: joining every matching row before sorting
      // (tens of thousands at 10k articles) was half of /ask's time.
      rows = this.stmt(
        `WITH top AS (SELECT rowid AS sid, bm25(sentences_fts) AS score FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY score LIMIT ?)
         SELECT top.sid, s.idx, s.text, top.score, ${META_COLUMNS}
         FROM top JOIN sentences s ON s.id = top.sid JOIN articles a ON a.id = s.article_id ORDER BY top.score, top.sid`,
      ).all(ftsSafe(match), limit) as Row[];
    }
    return rows.map((r) => ({ sentence: { id: r.sid, articleId: r.id, index: r.idx, text: r.text }, article: toMeta(r), bm25: r.score }));
  }

  async searchArticleText(match: string, limit: number): Promise<ArticleHit[]> {
    const rows = this.stmt(
        `SELECT bm25(articles_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score, ${META_COLUMNS}
         FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
         WHERE articles_fts MATCH ? ORDER BY score LIMIT ?`,
      ).all(ftsSafe(match), limit) as (ArticleRow & { score: number })[];
    return rows.map((r) => ({ article: toMeta(r), bm25: r.score }));
  }

  async sentencesOf(articleId: string): Promise<Sentence[]> {
    const rows = this.stmt('SELECT id, idx, text FROM sentences WHERE article_id = ? ORDER BY idx').all(articleId) as { id: number; idx: number; text: string }[];
    return rows.map((r) => ({ id: r.id, articleId, index: r.idx, text: r.text }));
  }

  async entitiesOf(sentenceIds: readonly number[]): Promise<Map<number, StoredEntity[]>> {
    const rows = this.stmt('SELECT sentence_id, kind, text, start, end FROM entities WHERE sentence_id IN (SELECT value FROM json_each(?)) ORDER BY sentence_id, start')
      .all(JSON.stringify(sentenceIds)) as { sentence_id: number; kind: StoredEntity['kind']; text: string; start: number; end: number }[];
    const out = new Map<number, StoredEntity[]>();
    for (const r of rows) {
      const list = out.get(r.sentence_id) ?? [];
      list.push({ sentenceId: r.sentence_id, kind: r.kind, text: r.text, start: r.start, end: r.end });
      out.set(r.sentence_id, list);
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
    const df = new Map<string, number>();
    for (const t of new Set(terms)) {
      const word = ftsSafe(t).replace(/"/g, '');
      if (!word) continue;
      df.set(t, (count.get(`"${word}"`) as { n: number }).n);
    }
    return { total: this.sentenceCount(), df };
  }

  /**
   * Number of indexed sentences, read from FTS5's own totals record (the first varint of the
   * 'averages' row, id 1 of its data table) instead of counting millions of rows per question.
   */
  private sentenceCount(): number {
    const row = this.stmt('SELECT block FROM sentences_fts_data WHERE id = 1').get() as { block: Buffer } | undefined;
    if (!row?.block?.length) return (this.stmt('SELECT count(*) AS n FROM sentences').get() as { n: number }).n;
    // SQLite varints are big-endian: seven bits per byte, high bit set on all but the last.
    let n = 0;
    for (const byte of row.block.subarray(0, 9)) {
      n = n * 128 + (byte & 0x7f);
      if (byte < 0x80) break;
    }
    return n;
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

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
