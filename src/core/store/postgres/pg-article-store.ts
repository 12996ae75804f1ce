// ArticleStore on PostgreSQL (the `pg` package): tsvector + GIN over sentences, ranked with
// bm25 as SQLite's FTS5 ranks (bm25Sql). Same contract as the SQLite store (tests/store/article-store.contract.test.ts);
// each write is one transaction, and children are written with one statement per table.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Article, ArticleMeta, Sentence } from '../../articles/types.ts';
import type pg from 'pg';
import type { NumericFact } from '../../language/entities.ts';
import { CANDIDATES_PER_BAND, MAX_NEAR_CANDIDATES } from '../../articles/near-duplicates.ts';
import { ArticleConflict, SHARED_SCOPE, type ArticleHit, type ArticleRecord, type ArticleStore, type ArticleVersion, type DuplicateCandidates, type ListOptions, type SentenceHit, type StoredEntity } from '../article-store.ts';
import { registerPgMigration, type PgDatabase, type Queryable } from './pg-database.ts';
import { ftsPhraseQueries, ftsToTsquery, searchableText, TEXT_SEARCH_SQL } from './text-search.ts';
import { spansIn } from '../sentence-spans.ts';

registerPgMigration('articles-1-text-search', TEXT_SEARCH_SQL);
registerPgMigration(
  'articles-2-tables',
  `CREATE TABLE articles (
     id text COLLATE "C" PRIMARY KEY,
     -- Insertion order, the tie-break of listings (SQLite's rowid).
     seq bigint GENERATED ALWAYS AS IDENTITY,
     title text NOT NULL,
     source text,
     url text,
     canonical_url text UNIQUE,
     external_id text,
     published_at timestamptz,
     ingested_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL,
     content_hash text NOT NULL UNIQUE,
     body text NOT NULL,
     story_id text,
     -- Title (weight A) and body (weight D): whole-article search, the headline weighing more.
     tsv tsvector NOT NULL
   );
   CREATE INDEX articles_tsv ON articles USING gin (tsv);
   CREATE INDEX articles_published ON articles ((COALESCE(published_at, ingested_at)) DESC, seq DESC);
   CREATE TABLE lsh_bands (
     band integer NOT NULL,
     value bigint NOT NULL,
     article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     PRIMARY KEY (band, value, article_id)
   );
   CREATE INDEX lsh_bands_article ON lsh_bands (article_id);
   CREATE TABLE sentences (
     id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     idx integer NOT NULL,
     text text NOT NULL,
     tsv tsvector NOT NULL
   );
   CREATE INDEX sentences_article ON sentences (article_id, idx);
   CREATE INDEX sentences_tsv ON sentences USING gin (tsv);
   CREATE TABLE entities (
     sentence_id integer NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
     article_id text COLLATE "C" NOT NULL,
     kind text NOT NULL,
     text text NOT NULL,
     start_offset integer NOT NULL,
     end_offset integer NOT NULL
   );
   CREATE INDEX entities_sentence ON entities (sentence_id);
   CREATE TABLE facts (
     sentence_id integer NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
     article_id text COLLATE "C" NOT NULL,
     text text NOT NULL,
     value double precision NOT NULL,
     unit text NOT NULL
   );
   CREATE INDEX facts_article ON facts (article_id);
   CREATE TABLE marks (key text PRIMARY KEY, value text NOT NULL);`,
);

// Live news: who sees each article (and where it was removed), earlier versions of edited or
// re-dated articles, and feed items' first-seen dates (the SQLite store's news-v1).
registerPgMigration(
  'news-1-scopes-history',
  `CREATE TABLE article_scopes (
     article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     scope text COLLATE "C" NOT NULL,
     added_at timestamptz NOT NULL,
     removed_at timestamptz,
     removed_by text,
     PRIMARY KEY (article_id, scope)
   );
   INSERT INTO article_scopes (article_id, scope, added_at) SELECT id, '', ingested_at FROM articles;
   CREATE TABLE article_versions (
     article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
     version integer NOT NULL,
     title text NOT NULL,
     published_at timestamptz,
     body text NOT NULL,
     stored_at timestamptz NOT NULL,
     replaced_at timestamptz NOT NULL,
     PRIMARY KEY (article_id, version)
   );
   ALTER TABLE articles ADD COLUMN published_first_seen boolean NOT NULL DEFAULT false;`,
);

// The number of sentences, and a version bumped by every statement that adds or removes some,
// kept by statement-level triggers: documentFrequencies needs the total for every question, and
// count(*) walks every sentence (millions at 100k articles); the version tells any process when
// its cached per-word counts no longer hold.
registerPgMigration(
  'articles-3-sentence-totals',
  `CREATE TABLE sentence_totals (
     one boolean PRIMARY KEY DEFAULT true CHECK (one),
     sentences bigint NOT NULL,
     version bigint NOT NULL
   );
   INSERT INTO sentence_totals (sentences, version) SELECT count(*), 0 FROM sentences;
   CREATE FUNCTION sentence_totals_added() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
   BEGIN
     UPDATE sentence_totals SET sentences = sentences + (SELECT count(*) FROM added), version = version + 1;
     RETURN NULL;
   END $$;
   CREATE FUNCTION sentence_totals_removed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
   BEGIN
     UPDATE sentence_totals SET sentences = sentences - (SELECT count(*) FROM removed), version = version + 1;
     RETURN NULL;
   END $$;
   CREATE TRIGGER sentences_added AFTER INSERT ON sentences REFERENCING NEW TABLE AS added
     FOR EACH STATEMENT EXECUTE FUNCTION sentence_totals_added();
   CREATE TRIGGER sentences_removed AFTER DELETE ON sentences REFERENCING OLD TABLE AS removed
     FOR EACH STATEMENT EXECUTE FUNCTION sentence_totals_removed();`,
);

// How many sentences hold each lexeme: a common word's exact count walked its whole posting list
// and fetched every matching heap page (GIN always asks for a recheck), 0.4–0.7 s at 10,000
// articles and seconds at 100,000, for each new word of every question. The statement triggers
// that keep the total append each statement's per-lexeme counts as one row of
// sentence_lexeme_changes (upserting a few hundred lexeme rows per article instead made a bulk
// import 30–100% slower); readers add the pending rows to sentence_lexemes, and fold them into it
// when there are many (and after an import). The table is filled under a SHARE lock, so a process
// still running the old triggers cannot write sentences the fill would miss.
registerPgMigration(
  'articles-4-lexeme-counts',
  `LOCK TABLE sentences IN SHARE MODE;
   CREATE TABLE sentence_lexemes (
     lexeme text COLLATE "C" PRIMARY KEY,
     sentences integer NOT NULL
   );
   INSERT INTO sentence_lexemes (lexeme, sentences) SELECT word, ndoc FROM ts_stat('SELECT tsv FROM sentences');
   CREATE TABLE sentence_lexeme_changes (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     lexemes text[] COLLATE "C" NOT NULL,
     counts integer[] NOT NULL
   );
   CREATE OR REPLACE FUNCTION sentence_totals_added() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
   BEGIN
     UPDATE sentence_totals SET sentences = sentences + (SELECT count(*) FROM added), version = version + 1;
     INSERT INTO sentence_lexeme_changes (lexemes, counts)
       SELECT array_agg(x.lexeme), array_agg(x.n) FROM (SELECT u.lexeme, count(*)::int AS n FROM added, unnest(added.tsv) u GROUP BY u.lexeme) x
       HAVING count(*) > 0;
     RETURN NULL;
   END $$;
   CREATE OR REPLACE FUNCTION sentence_totals_removed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
   BEGIN
     UPDATE sentence_totals SET sentences = sentences - (SELECT count(*) FROM removed), version = version + 1;
     INSERT INTO sentence_lexeme_changes (lexemes, counts)
       SELECT array_agg(x.lexeme), array_agg(-x.n) FROM (SELECT u.lexeme, count(*)::int AS n FROM removed, unnest(removed.tsv) u GROUP BY u.lexeme) x
       HAVING count(*) > 0;
     RETURN NULL;
   END $$;`,
);

// Deleting an article's sentences (an edit replaces them) cascades to its facts by sentence_id,
// which had no index: each deleted sentence scanned every fact, 40 ms per edited article at 10,000
// articles and ten times that at 100,000.
registerPgMigration('articles-5-facts-sentence', 'CREATE INDEX facts_sentence ON facts (sentence_id)');

// Sentences as spans of their article's body, as the SQLite store keeps them (sentence-spans.ts):
// the text was a second copy of the body in every sentence row, about a third of the rows a search
// ranks. A sentence that is not a verbatim slice of the body (fragments joined) keeps its text; a
// span may point at an earlier occurrence of the same words, which reads back the same. The table
// is rebuilt rather than updated in place (an UPDATE of every row rewrote each into the GIN index
// and left the old rows dead): ids, the sequence, indexes, triggers and the foreign keys of
// entities and facts carry over. Processes of an earlier release would read spans' text as NULL:
// stop them before starting this one.
registerPgMigration(
  'articles-6-sentence-spans',
  `LOCK TABLE sentences IN ACCESS EXCLUSIVE MODE;
   CREATE TABLE sentence_spans (
     id integer GENERATED ALWAYS AS IDENTITY,
     article_id text COLLATE "C" NOT NULL,
     idx integer NOT NULL,
     -- 1-based, in characters (as substr() counts); text is NULL when the sentence is body's substr(start, len).
     start integer NOT NULL DEFAULT 0,
     len integer NOT NULL DEFAULT 0,
     text text,
     tsv tsvector NOT NULL
   );
   INSERT INTO sentence_spans (id, article_id, idx, start, len, text, tsv) OVERRIDING SYSTEM VALUE
     SELECT s.id, s.article_id, s.idx, p.at, CASE WHEN p.at > 0 THEN char_length(s.text) ELSE 0 END, CASE WHEN p.at > 0 THEN NULL ELSE s.text END, s.tsv
     FROM sentences s JOIN articles a ON a.id = s.article_id
     CROSS JOIN LATERAL (SELECT CASE WHEN s.text = '' THEN 0 ELSE strpos(a.body, s.text) END AS at) p;
   -- New ids continue where the old sequence stopped.
   SELECT setval(pg_get_serial_sequence('sentence_spans', 'id'), nextval(pg_get_serial_sequence('sentences', 'id')), false);
   -- CASCADE drops the foreign keys of entities and facts (added again below), and the table's triggers.
   DROP TABLE sentences CASCADE;
   ALTER TABLE sentence_spans RENAME TO sentences;
   ALTER TABLE sentences ADD PRIMARY KEY (id), ADD FOREIGN KEY (article_id) REFERENCES articles(id) ON DELETE CASCADE;
   CREATE INDEX sentences_article ON sentences (article_id, idx);
   CREATE INDEX sentences_tsv ON sentences USING gin (tsv);
   ALTER TABLE entities ADD FOREIGN KEY (sentence_id) REFERENCES sentences(id) ON DELETE CASCADE;
   ALTER TABLE facts ADD FOREIGN KEY (sentence_id) REFERENCES sentences(id) ON DELETE CASCADE;
   CREATE TRIGGER sentences_added AFTER INSERT ON sentences REFERENCING NEW TABLE AS added
     FOR EACH STATEMENT EXECUTE FUNCTION sentence_totals_added();
   CREATE TRIGGER sentences_removed AFTER DELETE ON sentences REFERENCING OLD TABLE AS removed
     FOR EACH STATEMENT EXECUTE FUNCTION sentence_totals_removed();
   ANALYZE sentences;`,
);

// The sentence total and its version were one row that every write updated: a hot row, rewritten
// once per article (hundreds of versions of it within a batch's transaction) and locked until the
// writer's commit, so a second process's import waited for the first one's whole batch. Each write
// now adds its sentence count to the change row it already appends (with its per-lexeme counts);
// readers add the pending rows to the folded total, and the version is the folded one with the
// number of pending rows (rows are only added between folds, and a fold bumps it). Bodies and
// article tsvectors are stored without compression: pglz kept neither (the tsvectors do not
// compress, 92% of bench bodies stayed as they were), and each insert paid for the attempt; an
// uncompressed body also lets a span's substr() read only the chunks it needs.
registerPgMigration(
  'articles-7-totals-in-changes',
  `ALTER TABLE articles ALTER COLUMN body SET STORAGE EXTERNAL, ALTER COLUMN tsv SET STORAGE EXTERNAL;
   ALTER TABLE sentence_lexeme_changes ADD COLUMN sentences integer NOT NULL DEFAULT 0;
   CREATE OR REPLACE FUNCTION sentence_totals_added() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
   BEGIN
     INSERT INTO sentence_lexeme_changes (lexemes, counts, sentences)
       SELECT COALESCE(array_agg(x.lexeme), '{}'), COALESCE(array_agg(x.n), '{}'), (SELECT count(*) FROM added)
       FROM (SELECT u.lexeme, count(*)::int AS n FROM added, unnest(added.tsv) u GROUP BY u.lexeme) x
       HAVING EXISTS (SELECT FROM added);
     RETURN NULL;
   END $$;
   CREATE OR REPLACE FUNCTION sentence_totals_removed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
   BEGIN
     INSERT INTO sentence_lexeme_changes (lexemes, counts, sentences)
       SELECT COALESCE(array_agg(x.lexeme), '{}'), COALESCE(array_agg(-x.n), '{}'), -(SELECT count(*) FROM removed)
       FROM (SELECT u.lexeme, count(*)::int AS n FROM removed, unnest(removed.tsv) u GROUP BY u.lexeme) x
       HAVING EXISTS (SELECT FROM removed);
     RETURN NULL;
   END $$;`,
);

/**
 * A search's columns from its ranked and limited rows `x` (sid, idx, start, len, own_text, body,
 * score, the article's columns, and with `ranked` that count): the text is cut from the body only for the
 * rows kept, since each cut reads the body from TOAST (the inner query passes only a pointer).
 */
const keptSentences = (ranked: boolean) =>
  `x.sid, x.idx, COALESCE(x.own_text, substr(x.body, x.start, x.len)) AS text, x.score, ${META_COLUMNS.replace(/\ba\./g, 'x.')}${ranked ? ', x.ranked' : ''}`;

/** The connection of the batch() a call runs within, with the database it belongs to. */
const batches = new AsyncLocalStorage<Batch>();

interface Batch {
  db: PgDatabase;
  c: Queryable;
  open: boolean;
  /** Savepoints this transaction has used (each write's subtransaction), and how many are open now. */
  subtransactions: number;
  writing: number;
}

/**
 * Savepoints a batch uses before it commits and goes on in a new transaction. A backend keeps 64
 * subtransaction ids in shared memory; past that, every other session that meets one of the
 * batch's uncommitted rows (a question's search, another process's import) looks its subtransaction
 * up in pg_subtrans: two processes importing at once, one took 246 s instead of 35 for 1,000 articles.
 */
const SUBTRANSACTIONS_PER_COMMIT = 60;

/** Pending rows of sentence_lexeme_changes (one per write) at which a reader folds them into sentence_lexemes: each read adds them up. */
const FOLD_AT = 64;
/** Held by the one process folding a schema's changes (with the schema's name hashed); the others skip the fold. */
const FOLD_LOCK = 734_190_123;

/**
 * Per pool, valid while the sentences' version is unchanged (countSentences): exact sentence counts per tsquery,
 * and the queries known to match more than a cap ("cap\u0000query", from phraseCounts).
 */
const dfCaches = new WeakMap<PgDatabase, { version: string; total: number; checkedAt: number; counts: Map<string, number>; over: Set<string> }>();
/** How long a ranking trusts counts without reading the version again (recentlyCounted). */
const RANKING_COUNTS_MS = 1_000;
const DF_CACHE_MAX = 50_000;
/** Per pool, valid while the sentences' version is unchanged: the article count, mean length and per-query article counts (articleIdfs). */
const articleStatsCaches = new WeakMap<PgDatabase, { version: string; n: number; avgdl: number; df: Map<string, number> }>();

/** FTS5's IDF of a phrase in `n` of `total` rows: log((N - n + 0.5) / (n + 0.5)), 1e-6 when not positive. */
function fts5Idf(total: number, n: number): number {
  const idf = Math.log((total - n + 0.5) / (n + 0.5));
  return idf > 0 ? idf : 1e-6;
}

/**
 * An article is visible in a scope when shared with everyone or added there, and removed in
 * neither; `$n` is the parameter holding the scope. Tested per row: some scope row lets the scope
 * see it and none removes it (bool_or is NULL without rows, true if any is removed). As a scalar
 * subquery the planner cannot turn it into a join that starts from the scopes table (it did, at
 * 10,000 articles with stale statistics: 10–100× slower searches).
 */
const visible = (n: number) => `(SELECT bool_or(v.removed_at IS NOT NULL) FROM article_scopes v WHERE v.article_id = a.id AND v.scope IN ('', $${n})) IS FALSE`;

interface ArticleRow {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  published_at: Date | null;
  ingested_at: Date;
  updated_at: Date;
  story_id: string | null;
  published_first_seen: boolean;
}

const META_COLUMNS = 'a.id, a.title, a.source, a.url, a.published_at, a.ingested_at, a.updated_at, a.story_id, a.published_first_seen';
const TS_CONFIG = "'briefbot_text'::regconfig";
/**
 * ts_rank_cd weights {D, C, B, A}: a title word (A) counts four body words (D), as in SQLite's bm25
 * columns. A weight may not exceed 1, so a count of occurrences is the rank times TITLE_WEIGHT.
 */
const ARTICLE_WEIGHTS = "'{0.25, 0, 0, 1}'::float4[]";
const TITLE_WEIGHT = 4;
/** Every position counted once: sentences have no title. */
const SENTENCE_WEIGHTS = "'{1, 1, 1, 1}'::float4[]";

/** FTS5's bm25 parameters. */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
/**
 * Sentence counts for a phrase's IDF are read no further than this: the answerer's postings budget
 * (answer/retrieve.ts), so the counts it has just read for its query come from the cache.
 */
const IDF_COUNT_CAP = 5_000;

/**
 * A row's bm25 as SQLite's FTS5 computes it, negated (lower is better), in SQL: for each of the
 * query's `k` phrases (the one-row CTE `phr`: tsquery `q<i>`, `idf<i>`), its occurrences in the
 * row's tsvector `tsv`, weighted (ts_rank_cd of a one-phrase query is the sum of its occurrences'
 * weights), saturated and normalised by the row's length `dl` against `avgdl`. Each phrase's
 * ts_rank_cd is computed once per row (OFFSET 0: the planner would otherwise copy it into every
 * use in the formula). ts_rank_cd over the whole query had no IDF and no length normalisation:
 * an article repeating "North Korean troops" outranked the one that said the rarer "trained",
 * which SQLite ranked first.
 *
 * `guard`: each phrase is ranked only where `@@` finds it (0 elsewhere, as ts_rank_cd gives):
 * a sentence holds one or two of a question's phrases, often ten with its paraphrases, and `@@`
 * costs less than ts_rank_cd. Sentence searches at 10,000 articles: 860 → 645 ms for the 13
 * slowest of the bench's questions (best of 5, same rows). An article holds most of its query's
 * phrases, so there the test is extra work (1,348 → 1,288 ms, within the noise): not used.
 */
function bm25Sql(k: number, tsv: string, weights: string, scale: number, dl: string, avgdl: string, guard = false): string {
  if (!k) return '0';
  const norm = `${BM25_K1} * (${1 - BM25_B} + ${BM25_B} * (${dl})::float8 / GREATEST(${avgdl}, 1))`;
  const phrases = [...Array(k).keys()];
  const terms = phrases.map((i) => `CASE WHEN t.f${i} > 0 THEN phr.idf${i} * t.f${i} * ${BM25_K1 + 1} / (t.f${i} + ${norm}) ELSE 0 END`).join(' + ');
  const rank = (i: number) => `ts_rank_cd(${weights}, ${tsv}, phr.q${i})`;
  const tfs = phrases.map((i) => `${scale} * ${guard ? `CASE WHEN ${tsv} @@ phr.q${i} THEN ${rank(i)} ELSE 0 END` : rank(i)} AS f${i}`).join(', ');
  return `-(SELECT ${terms} FROM phr, (SELECT ${tfs} FROM phr OFFSET 0) t)`;
}
/** The query's `k` phrases with their IDFs (the arrays $4 and $5) as the one-row CTE bm25Sql reads. */
const phrasesCte = (k: number) =>
  `phr AS MATERIALIZED (SELECT ${[...Array(k).keys()].map((i) => `to_tsquery(${TS_CONFIG}, ($4::text[])[${i + 1}]) AS q${i}, ($5::float8[])[${i + 1}] AS idf${i}`).join(', ') || '1 AS none'})`;
/** A sentence's length in characters (its own text, or its span of the body). */
const SENTENCE_LENGTH = (s: string) => `COALESCE(char_length(${s}.text), ${s}.len)`;
/** An article's length: bytes of title and body (read from the TOAST pointer, without the text). */
const ARTICLE_LENGTH = (a: string) => `octet_length(${a}.title) + octet_length(${a}.body)`;
/** The SQL for an article's tsvector from two parameters holding its searchable title and body. */
const articleTsv = (title: string, body: string) =>
  `setweight(to_tsvector(${TS_CONFIG}, ${title}), 'A') || setweight(to_tsvector(${TS_CONFIG}, ${body}), 'D')`;

/** The article columns insert and replace write from a record, each with its SQL value. */
function recordValues(p: Params, rec: Omit<ArticleRecord, 'id'>, now: string): Record<string, string> {
  return {
    title: p.add(rec.title),
    source: p.add(rec.source),
    url: p.add(rec.url),
    canonical_url: p.add(rec.canonicalUrl),
    external_id: p.add(rec.externalId),
    published_at: p.add(rec.published),
    published_first_seen: p.add(rec.publishedIsFirstSeen === true),
    content_hash: p.add(rec.contentHash),
    body: p.add(rec.body),
    updated_at: now,
    tsv: articleTsv(p.add(searchableText(rec.title)), p.add(searchableText(rec.body))),
  };
}

const toMeta = (r: ArticleRow): ArticleMeta => ({
  id: r.id,
  title: r.title,
  source: r.source,
  url: r.url,
  published: r.published_at?.toISOString() ?? null,
  ...(r.published_first_seen ? { publishedIsFirstSeen: true } : {}),
  ingestedAt: r.ingested_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  storyId: r.story_id,
});

/** Sentence rows as JSON arrays: [id, idx, start, len, text] (text null for a span of the body). */
type SpanRow = [number, number, number, number, string | null];
type ArticleWithSentences = ArticleRow & { body: string; sentences: SpanRow[] | null };

/** An article's sentences as a JSON array of SpanRows, ordered (`a`: the article row). */
const SENTENCE_SPANS = `(SELECT json_agg(json_build_array(s.id, s.idx, s.start, s.len, s.text) ORDER BY s.idx) FROM sentences s WHERE s.article_id = a.id)`;

/** An article's columns with its sentences (one row per article); the spans are cut from the body here, not once per sentence on the server. */
const ARTICLE_WITH_SENTENCES = `${META_COLUMNS}, a.body, ${SENTENCE_SPANS} AS sentences`;

const toArticle = (r: ArticleWithSentences): Article => ({ ...toMeta(r), body: r.body, sentences: sentencesFrom(r.id, r.body, r.sentences ?? []) });

function sentencesFrom(articleId: string, body: string, rows: readonly SpanRow[]): Sentence[] {
  // substr() counts characters: a body with characters outside the BMP is cut by code points.
  const chars = /[\uD800-\uDFFF]/.test(body) ? Array.from(body) : undefined;
  const cut = (start: number, len: number) => (chars ? chars.slice(start - 1, start - 1 + len).join('') : body.slice(start - 1, start - 1 + len));
  return rows.map(([id, index, start, len, text]) => ({ id, articleId, index, text: text ?? cut(start, len) }));
}

export class PgArticleStore implements ArticleStore {
  constructor(
    readonly db: PgDatabase,
    readonly scope: string = SHARED_SCOPE,
  ) {}

  withScope(scope: string): PgArticleStore {
    return scope === this.scope ? this : new PgArticleStore(this.db, scope);
  }

  async shareArticle(id: string, scope: string, now: string): Promise<void> {
    await this.q('INSERT INTO article_scopes (article_id, scope, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, scope, now]);
  }

  async removeArticle(id: string, scope: string | null, now: string, by: string): Promise<boolean> {
    return this.atomic(async (c) => {
      const seen =
        scope === null
          ? await c.query('SELECT 1 FROM article_scopes WHERE article_id = $1 AND removed_at IS NULL', [id])
          : await c.query(`SELECT 1 FROM articles a WHERE a.id = $1 AND ${visible(2)}`, [id, scope]);
      if (!seen.rowCount) return false;
      if (scope === null) {
        await c.query('UPDATE article_scopes SET removed_at = $1, removed_by = $2 WHERE article_id = $3 AND removed_at IS NULL', [now, by, id]);
      } else {
        // A row for this scope marks the removal, also for an article shared with everyone.
        await c.query(
          `INSERT INTO article_scopes (article_id, scope, added_at, removed_at, removed_by) VALUES ($1, $2, $3, $3, $4)
           ON CONFLICT (article_id, scope) DO UPDATE SET removed_at = excluded.removed_at, removed_by = excluded.removed_by`,
          [id, scope, now, by],
        );
      }
      return true;
    });
  }

  async isRemoved(id: string, scope: string): Promise<boolean> {
    const { rowCount } = await this.q("SELECT 1 FROM article_scopes WHERE article_id = $1 AND scope IN ('', $2) AND removed_at IS NOT NULL", [id, scope]);
    return !!rowCount;
  }

  async articleHistory(id: string): Promise<ArticleVersion[]> {
    const { rows } = await this.q<{ version: number; title: string; published_at: Date | null; body: string; stored_at: Date; replaced_at: Date }>(
      'SELECT version, title, published_at, body, stored_at, replaced_at FROM article_versions WHERE article_id = $1 ORDER BY version',
      [id],
    );
    return rows.map((r) => ({
      version: r.version,
      title: r.title,
      published: r.published_at?.toISOString() ?? null,
      body: r.body,
      storedAt: r.stored_at.toISOString(),
      replacedAt: r.replaced_at.toISOString(),
    }));
  }

  async findDuplicateCandidates(hash: string, canonicalUrl: string | null, bands: readonly number[]): Promise<DuplicateCandidates> {
    // One round trip: the same hash, the same canonical URL, and articles sharing an LSH band
    // (band numbers are positions in the list, as the SQLite store reads them).
    const { rows } = await this.qp<ArticleRow & { via: 'hash' | 'url' | 'near'; body: string | null }>(
      `SELECT 'hash' AS via, ${META_COLUMNS}, NULL AS body FROM articles a WHERE a.content_hash = $1
       UNION ALL
       SELECT 'url', ${META_COLUMNS}, NULL FROM articles a WHERE $2::text IS NOT NULL AND a.canonical_url = $2
       UNION ALL
       SELECT 'near', ${META_COLUMNS}, a.body FROM articles a WHERE a.id IN (
         SELECT x.article_id FROM unnest($3::bigint[]) WITH ORDINALITY AS j(value, pos)
         CROSS JOIN LATERAL (SELECT b.article_id FROM lsh_bands b WHERE b.band = j.pos - 1 AND b.value = j.value LIMIT $4) x
         GROUP BY x.article_id ORDER BY count(*) DESC LIMIT $5)`,
      [hash, canonicalUrl, bands, CANDIDATES_PER_BAND, MAX_NEAR_CANDIDATES],
    );
    const byHash = rows.find((r) => r.via === 'hash');
    const byUrl = rows.find((r) => r.via === 'url');
    return {
      byHash: byHash && toMeta(byHash),
      byUrl: byUrl && toMeta(byUrl),
      near: rows.filter((r) => r.via === 'near').map((r) => ({ ...toMeta(r), body: r.body! })),
    };
  }

  async insertArticle(rec: ArticleRecord, now: string): Promise<void> {
    // One statement, so one round trip and atomic on its own: the article, its scope and children.
    // A taken id, text or URL skips the row (ON CONFLICT DO NOTHING) and with it every child, instead
    // of failing the statement (which would abort a batch's transaction).
    const p = new Params();
    const id = p.add(rec.id);
    const at = p.add(now);
    const values = recordValues(p, rec, at);
    const sql = `WITH article_written AS (
         INSERT INTO articles (id, ingested_at, ${Object.keys(values).join(', ')}) VALUES (${id}, ${at}, ${Object.values(values).join(', ')})
         ON CONFLICT DO NOTHING RETURNING id
       ), scope_written AS (
         INSERT INTO article_scopes (article_id, scope, added_at) SELECT id, ${p.add(rec.scope ?? SHARED_SCOPE)}, ${at} FROM article_written
       ), ${childrenCtes(p, id, rec, 'WHERE EXISTS (SELECT FROM article_written)')}
       SELECT count(*)::int AS n FROM article_written`;
    const write = async (c: Queryable) => {
      // Another process may remove what conflicted between the two statements: then the insert is tried again.
      for (let attempt = 0; attempt < 3; attempt++) {
        // Prepared: the text is the same for every article, and planning it was a sixth of the server's time per article.
        if ((await c.queryPrepared<{ n: number }>(sql, p.values)).rows[0]!.n) return;
        const taken = (
          await c.query<{ text: boolean; url: boolean }>(
            'SELECT content_hash = $2 AS text, COALESCE(canonical_url = $3, false) AS url FROM articles WHERE id = $1 OR content_hash = $2 OR canonical_url = $3',
            [rec.id, rec.contentHash, rec.canonicalUrl],
          )
        ).rows;
        // The text or URL taken is a duplicate whatever the id; the id alone means a longer one is to be tried.
        if (taken.some((r) => r.text)) throw new ArticleConflict('text', rec.id);
        if (taken.some((r) => r.url)) throw new ArticleConflict('url', rec.id);
        if (taken.length) throw new ArticleConflict('id', rec.id);
      }
      throw new Error(`article ${rec.id} could not be stored`);
    };
    // Outside a batch the one statement is atomic already; within one, a savepoint keeps a failure from aborting the batch.
    await (this.batchClient() ? this.atomic(write) : write(this.db));
  }

  async replaceArticle(id: string, rec: Omit<ArticleRecord, 'id'>, now: string): Promise<void> {
    await this.atomic(async (c) => {
      // The text being replaced becomes the newest entry of the article's history.
      await c.query(
        `INSERT INTO article_versions (article_id, version, title, published_at, body, stored_at, replaced_at)
         SELECT id, (SELECT COALESCE(MAX(version), 0) + 1 FROM article_versions WHERE article_id = $1), title, published_at, body, updated_at, $2
         FROM articles WHERE id = $1`,
        [id, now],
      );
      await c.query('DELETE FROM sentences WHERE article_id = $1', [id]);
      await c.query('DELETE FROM lsh_bands WHERE article_id = $1', [id]);
      const p = new Params();
      const idParam = p.add(id);
      const at = p.add(now);
      const values = recordValues(p, rec, at);
      await c.query(
        `WITH article_written AS (
           UPDATE articles SET ${Object.entries(values).map(([col, v]) => `${col} = ${v}`).join(', ')} WHERE id = ${idParam}
         ), scope_written AS (
           INSERT INTO article_scopes (article_id, scope, added_at) VALUES (${idParam}, ${p.add(rec.scope ?? SHARED_SCOPE)}, ${at})
           ON CONFLICT DO NOTHING
         ), ${childrenCtes(p, idParam, rec)}
         SELECT 1`,
        p.values,
      );
    });
  }

  async getArticle(id: string): Promise<Article | undefined> {
    // One round trip: the sentences come along as a JSON array of [id, idx, text].
    const row = (await this.qp<ArticleWithSentences>(`SELECT ${ARTICLE_WITH_SENTENCES} FROM articles a WHERE a.id = $1 AND ${visible(2)}`, [id, this.scope])).rows[0];
    return row && toArticle(row);
  }

  async getArticles(ids: readonly string[]): Promise<Map<string, Article>> {
    const out = new Map<string, Article>();
    if (!ids.length) return out;
    // One round trip for all of them: an answer loads a few dozen articles, each a round trip before.
    const { rows } = await this.qp<ArticleWithSentences>(
      `SELECT ${ARTICLE_WITH_SENTENCES} FROM articles a WHERE a.id = ANY($1::text[]) AND ${visible(2)}`,
      [[...new Set(ids)], this.scope],
    );
    const found = new Map(rows.map((r) => [r.id, r]));
    // In the order asked for, as getArticle would give them one by one.
    for (const id of ids) {
      const r = found.get(id);
      if (r && !out.has(id)) out.set(id, toArticle(r));
    }
    return out;
  }

  async findArticleByUrl(canonicalUrl: string): Promise<ArticleMeta | undefined> {
    const row = (await this.q<ArticleRow>(`SELECT ${META_COLUMNS} FROM articles a WHERE a.canonical_url = $1 AND ${visible(2)}`, [canonicalUrl, this.scope])).rows[0];
    return row && toMeta(row);
  }

  async listArticles(opts: ListOptions = {}): Promise<ArticleMeta[]> {
    const where: string[] = [visible(1)];
    const args: unknown[] = [this.scope];
    if (opts.since) {
      args.push(opts.since);
      where.push(`COALESCE(a.published_at, a.ingested_at) >= $${args.length}`);
    }
    if (opts.until) {
      args.push(opts.until);
      where.push(`COALESCE(a.published_at, a.ingested_at) < $${args.length}`);
    }
    if (opts.titleHas) {
      if (!opts.titleHas.length) return [];
      args.push(opts.titleHas.map((f) => `%${f.replace(/[\\%_]/g, '\\$&')}%`));
      where.push(`a.title ILIKE ANY($${args.length}::text[])`);
    }
    let limit = '';
    if (opts.limit) {
      args.push(opts.limit);
      limit = `LIMIT $${args.length}`;
    }
    const sql = `SELECT ${META_COLUMNS} FROM articles a WHERE ${where.join(' AND ')}
      ORDER BY COALESCE(a.published_at, a.ingested_at) DESC, a.seq DESC ${limit}`;
    return (await this.q<ArticleRow>(sql, args)).rows.map(toMeta);
  }

  async countArticles(): Promise<number> {
    return (await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM articles a WHERE ${visible(1)}`, [this.scope])).rows[0]!.n;
  }

  async searchSentences(match: string, limit: number, articleIds?: readonly string[], newest?: number): Promise<SentenceHit[]> {
    const tsquery = ftsToTsquery(match);
    if (!tsquery) return [];
    // The newest matches by id (`+ 0`: never by walking the primary key backwards, which reads every
    // sentence until enough match); only those are ranked, though their rows are still read.
    const sentences =
      newest === undefined
        ? 'sentences'
        : `(SELECT m.* FROM sentences m WHERE m.tsv @@ to_tsquery(${TS_CONFIG}, $1) ORDER BY m.id + 0 DESC LIMIT ${Math.max(0, Math.floor(newest))})`;
    type Row = ArticleRow & { sid: number; idx: number; text: string; score: number };
    const { queries, idfs } = await this.phraseIdfs(match);
    // The mean length of the sentences ranked: FTS5 divides by the whole table's, which PostgreSQL
    // would read every row for.
    const avgdl = `(SELECT avg(${SENTENCE_LENGTH('m')}) FROM ${sentences} m WHERE m.tsv @@ to_tsquery(${TS_CONFIG}, $1))`;
    const score = bm25Sql(queries.length, 's.tsv', SENTENCE_WEIGHTS, 1, SENTENCE_LENGTH('s'), 'len.avgdl', true);
    const phrases = phrasesCte(queries.length);
    const exact = async () => {
      const args: unknown[] = [tsquery, limit, this.scope, queries, idfs];
      let filter = '';
      if (articleIds) {
        args.push(articleIds);
        filter = 'AND s.article_id = ANY($6::text[])';
      }
      return (
        await this.q<Row>(
          `WITH ${phrases}, len AS MATERIALIZED (SELECT ${avgdl}::float8 AS avgdl)
           SELECT ${keptSentences(false)} FROM (
             SELECT s.id AS sid, s.idx, s.start, s.len, s.text AS own_text, a.body, ${score} AS score, ${META_COLUMNS}
             FROM ${sentences} s CROSS JOIN to_tsquery(${TS_CONFIG}, $1) q CROSS JOIN len JOIN articles a ON a.id = s.article_id
             WHERE s.tsv @@ q ${filter} AND ${visible(3)} ORDER BY score, s.id LIMIT $2) x
           ORDER BY x.score, x.sid`,
          args,
        )
      ).rows;
    };
    // Within given articles the index cannot rank first: the filter decides.
    const rows = articleIds
      ? await exact()
      : await this.topFirst<Row>(
          (fetch) => `WITH ${phrases}, len AS MATERIALIZED (SELECT ${avgdl}::float8 AS avgdl), top AS MATERIALIZED (
             SELECT s.id, s.article_id, s.idx, s.start, s.len, s.text, ${score} AS score
             FROM ${sentences} s CROSS JOIN to_tsquery(${TS_CONFIG}, $1) q CROSS JOIN len WHERE s.tsv @@ q ORDER BY score, s.id LIMIT ${fetch})
           SELECT ${keptSentences(true)} FROM (
             SELECT top.id AS sid, top.idx, top.start, top.len, top.text AS own_text, a.body, top.score, ${META_COLUMNS}, (SELECT count(*) FROM top) AS ranked
             FROM top JOIN articles a ON a.id = top.article_id WHERE ${visible(3)} ORDER BY top.score, top.id LIMIT $2) x
           ORDER BY x.score, x.sid`,
          [tsquery, limit, this.scope, queries, idfs],
          limit,
          exact,
        );
    return rows.map((r) => ({ sentence: { id: r.sid, articleId: r.id, index: r.idx, text: r.text }, article: toMeta(r), bm25: r.score }));
  }

  /**
   * The best rows from the GIN index first, joined and checked for visibility after: joining every
   * matching row with its article before sorting let the planner start from the scopes table and
   * took 10–100× longer at 10,000 articles. A few more rows than asked for are ranked so rows hidden
   * from this scope rarely matter; when they do (fewer visible than asked for while the index had
   * more), the exact query runs instead. `sql(fetch)` must select `ranked`: how many rows the CTE held.
   */
  private async topFirst<Row extends pg.QueryResultRow>(sql: (fetch: number) => string, args: unknown[], limit: number, exact: () => Promise<Row[]>): Promise<Row[]> {
    const fetch = limit * 2 + 10;
    const rows = (await this.q<Row & { ranked: string }>(sql(fetch), args)).rows;
    if (rows.length >= limit) return rows;
    // Fewer than asked for: exact if the index had fewer than `fetch` matches (every one was
    // looked at). With none visible the count is unknown; the exact query is cheap when nothing matches.
    const ranked = rows.length ? Number(rows[0]!.ranked) : fetch;
    return ranked < fetch ? rows : exact();
  }

  async searchArticleText(match: string, limit: number): Promise<ArticleHit[]> {
    const tsquery = ftsToTsquery(match);
    if (!tsquery) return [];
    type Row = ArticleRow & { score: number };
    const queries = ftsPhraseQueries(match);
    const { idfs, avgdl } = await this.articleIdfs(queries);
    const ctes = `${phrasesCte(queries.length)}, len AS MATERIALIZED (SELECT ${avgdl}::float8 AS avgdl)`;
    // An article's tsvector is read once per row (OFFSET 0 keeps the planner from inlining the
    // copy into every phrase's ts_rank_cd, each of which would read it from TOAST again).
    const from = `articles a CROSS JOIN to_tsquery(${TS_CONFIG}, $1) q CROSS JOIN len CROSS JOIN LATERAL (SELECT a.tsv || ''::tsvector AS v OFFSET 0) d`;
    const score = bm25Sql(queries.length, 'd.v', ARTICLE_WEIGHTS, TITLE_WEIGHT, ARTICLE_LENGTH('a'), 'len.avgdl');
    const exact = async () =>
      (
        await this.q<Row>(
          `WITH ${ctes}
           SELECT ${score} AS score, ${META_COLUMNS}
           FROM ${from}
           WHERE a.tsv @@ q AND ${visible(3)} ORDER BY score, a.seq LIMIT $2`,
          [tsquery, limit, this.scope, queries, idfs],
        )
      ).rows;
    const rows = await this.topFirst<Row>(
      (fetch) => `WITH ${ctes}, top AS MATERIALIZED (
         SELECT a.id AS top_id, a.seq AS top_seq, ${score} AS score
         FROM ${from} WHERE a.tsv @@ q ORDER BY score, a.seq LIMIT ${fetch})
       SELECT top.score, ${META_COLUMNS}, (SELECT count(*) FROM top) AS ranked
       FROM top JOIN articles a ON a.id = top.top_id WHERE ${visible(3)} ORDER BY top.score, top.top_seq LIMIT $2`,
      [tsquery, limit, this.scope, queries, idfs],
      limit,
      exact,
    );
    return rows.map((r) => ({ article: toMeta(r), bm25: r.score }));
  }

  async sentencesOf(articleId: string): Promise<Sentence[]> {
    const row = (await this.qp<{ body: string; sentences: SpanRow[] | null }>(`SELECT a.body, ${SENTENCE_SPANS} AS sentences FROM articles a WHERE a.id = $1`, [articleId])).rows[0];
    return row ? sentencesFrom(articleId, row.body, row.sentences ?? []) : [];
  }

  async entitiesOf(sentenceIds: readonly number[]): Promise<Map<number, StoredEntity[]>> {
    const out = new Map<number, StoredEntity[]>();
    if (!sentenceIds.length) return out;
    const rows = (
      await this.qp<{ sentence_id: number; kind: StoredEntity['kind']; text: string; start_offset: number; end_offset: number }>(
        'SELECT sentence_id, kind, text, start_offset, end_offset FROM entities WHERE sentence_id = ANY($1::int[]) ORDER BY sentence_id, start_offset',
        [sentenceIds],
      )
    ).rows;
    for (const r of rows) {
      const list = out.get(r.sentence_id) ?? [];
      list.push({ sentenceId: r.sentence_id, kind: r.kind, text: r.text, start: r.start_offset, end: r.end_offset });
      out.set(r.sentence_id, list);
    }
    return out;
  }

  async factsOf(articleIds: readonly string[]): Promise<(NumericFact & { articleId: string; sentenceId: number })[]> {
    if (!articleIds.length) return [];
    const rows = (
      await this.qp<{ sentence_id: number; article_id: string; text: string; value: number; unit: string }>(
        'SELECT sentence_id, article_id, text, value, unit FROM facts WHERE article_id = ANY($1::text[]) ORDER BY article_id, sentence_id',
        [articleIds],
      )
    ).rows;
    return rows.map((r) => ({ articleId: r.article_id, sentenceId: r.sentence_id, text: r.text, value: r.value, unit: r.unit }));
  }

  async documentFrequencies(terms: readonly string[]): Promise<{ total: number; df: Map<string, number> }> {
    const unique = [...new Set(terms)];
    // Only the derived queries travel (a term may hold characters PostgreSQL refuses, like NUL).
    const queries = unique.map((t) => ftsToTsquery(`"${t.replace(/"/g, '')}"`) ?? '');
    const { total, counts } = await this.counted([...new Set(queries.filter(Boolean))]);
    const df = new Map<string, number>(unique.map((t, i) => [t, queries[i] ? (counts.get(queries[i]) ?? 0) : 0]));
    return { total, df };
  }

  /**
   * Counts as counted() last read them, without a round trip when each query's is cached: a
   * search's IDFs come right after the question's own phraseCounts read the same counts, and a
   * second read doubled the statements of a search. Only a ranking reads these, and only counts
   * checked within RANKING_COUNTS_MS: at worst they miss that second's writes.
   */
  private async recentlyCounted(queries: readonly string[], cap: number): Promise<{ total: number; version: string; counts: Map<string, number>; over: Set<string> }> {
    const e = dfCaches.get(this.db);
    if (!e || performance.now() - e.checkedAt > RANKING_COUNTS_MS || !queries.every((q) => e.counts.has(q) || e.over.has(`${cap}\u0000${q}`))) return this.counted(queries, cap);
    const counts = new Map<string, number>();
    const over = new Set<string>();
    for (const q of queries) {
      const n = e.counts.get(q);
      if (n !== undefined) counts.set(q, n);
      else over.add(q);
    }
    return { total: e.total, version: e.version, counts, over };
  }

  /** The phrases of a query as tsquery text with FTS5's IDF of each over sentences (the counts the store keeps). */
  private async phraseIdfs(match: string): Promise<{ queries: string[]; idfs: number[] }> {
    const queries = ftsPhraseQueries(match);
    const { total, counts, over } = await this.recentlyCounted(queries, IDF_COUNT_CAP);
    const idfs = queries.map((q) => fts5Idf(total, counts.get(q) ?? (over.has(q) ? IDF_COUNT_CAP + 1 : 0)));
    return { queries, idfs };
  }

  async phraseCounts(phrases: readonly string[], cap: number): Promise<Map<string, number>> {
    const unique = [...new Set(phrases)];
    const queries = unique.map((p) => ftsToTsquery(`"${p.replace(/"/g, '')}"`) ?? '');
    const { counts, over } = await this.counted([...new Set(queries.filter(Boolean))], cap);
    const out = new Map<string, number>();
    unique.forEach((p, i) => {
      const q = queries[i];
      if (!q) return;
      const n = counts.get(q);
      out.set(p, n === undefined ? (over.has(q) ? cap + 1 : 0) : Math.min(n, cap + 1));
    });
    return out;
  }

  /**
   * Sentence counts per tsquery from the cache, the missing ones read in the same statement (the
   * same snapshot) as the total and its version; only when the version moved are the cached ones
   * read again. With `cap`, a query that is not one lexeme is counted no further than cap + 1
   * (`over` lists those that reached it).
   */
  private async counted(wanted: readonly string[], cap?: number): Promise<{ total: number; version: string; counts: Map<string, number>; over: Set<string> }> {
    const overKey = (q: string) => `${cap}\u0000${q}`;
    const known = (e: { counts: Map<string, number>; over: Set<string> }, q: string) => e.counts.has(q) || (cap !== undefined && e.over.has(overKey(q)));
    const cached = dfCaches.get(this.db);
    let read = await this.countSentences(cached ? wanted.filter((q) => !known(cached, q)) : wanted, cap);
    let entry = cached;
    if (!entry || entry.version !== read.version) {
      if (entry) read = await this.countSentences(wanted, cap);
      entry = { version: read.version, total: read.total, checkedAt: 0, counts: new Map(), over: new Set() };
      dfCaches.set(this.db, entry);
    }
    entry.total = read.total;
    entry.checkedAt = performance.now();
    if (entry.counts.size + read.counts.size > DF_CACHE_MAX) entry.counts.clear();
    if (entry.over.size + read.over.size > DF_CACHE_MAX) entry.over.clear();
    for (const [q, n] of read.counts) entry.counts.set(q, n);
    for (const q of read.over) entry.over.add(overKey(q));
    const counts = new Map<string, number>();
    const over = new Set<string>();
    for (const q of wanted) {
      const n = entry.counts.get(q);
      if (n !== undefined) counts.set(q, n);
      else if (entry.over.has(overKey(q))) over.add(q);
    }
    return { total: read.total, version: read.version, counts, over };
  }

  /**
   * What FTS5's bm25 reads of the articles table, per phrase query: each one's IDF from the number
   * of articles it matches, and the mean article length, cached while the sentences' version (which
   * every write moves) is unchanged: the mean reads every article row (not their bodies).
   */
  private async articleIdfs(queries: readonly string[]): Promise<{ idfs: number[]; avgdl: number }> {
    const { version } = await this.recentlyCounted([], IDF_COUNT_CAP);
    let entry = articleStatsCaches.get(this.db);
    const missing = entry?.version === version ? queries.filter((q) => !entry!.df.has(q)) : [...queries];
    if (!entry || entry.version !== version || missing.length) {
      const row = (
        await this.q<{ n: number; avgdl: number | null; df: number[] | null }>(
          `SELECT ${entry?.version === version ? `${entry.n}::int AS n, ${entry.avgdl}::float8 AS avgdl` : `(SELECT count(*) FROM articles)::int AS n, (SELECT avg(${ARTICLE_LENGTH('a')}) FROM articles a)::float8 AS avgdl`},
             (SELECT array_agg((SELECT count(*) FROM articles a WHERE a.tsv @@ to_tsquery(${TS_CONFIG}, x.q))::int ORDER BY x.i) FROM unnest($1::text[]) WITH ORDINALITY AS x(q, i)) AS df`,
          [missing],
        )
      ).rows[0]!;
      if (!entry || entry.version !== version || entry.df.size > DF_CACHE_MAX) {
        entry = { version, n: row.n, avgdl: row.avgdl ?? 0, df: new Map() };
        articleStatsCaches.set(this.db, entry);
      }
      missing.forEach((q, i) => entry!.df.set(q, row.df?.[i] ?? 0));
    }
    const e = entry;
    return { idfs: queries.map((q) => fts5Idf(e.n, e.df.get(q) ?? 0)), avgdl: e.avgdl };
  }

  /**
   * The number of sentences, its version, and how many sentences match each tsquery: a single
   * lexeme's count from sentence_lexemes (exact, one index lookup), any other query (a phrase, a
   * word the parser splits) counted over the GIN index, no further than cap + 1 when `cap` is
   * given. `over`: the queries whose count stopped at cap + 1.
   */
  private async countSentences(
    queries: readonly string[],
    cap?: number,
  ): Promise<{ total: number; version: string; counts: Map<string, number>; over: Set<string> }> {
    // One lexeme: the query has one node, and the same text as a tsvector holds that one lexeme.
    // Its count is the folded one plus the pending changes (row 0 says how many rows those are).
    const { rows } = await this.q<{ pos: number; n: number; version: string | null; exact: boolean; changes: number | null }>(
      `WITH t AS MATERIALIZED (
         SELECT t.pos, x.q, x.one, CASE WHEN x.one THEN (tsvector_to_array(x.v))[1] END AS lexeme
         FROM unnest($1::text[]) WITH ORDINALITY AS t(q, pos)
         CROSS JOIN LATERAL (SELECT to_tsquery(${TS_CONFIG}, t.q) AS q, to_tsvector(${TS_CONFIG}, t.q) AS v) y
         CROSS JOIN LATERAL (SELECT y.q, y.v, numnode(y.q) = 1 AND length(y.v) = 1 AND y.v @@ y.q AS one) x
       ), pending AS MATERIALIZED (
         SELECT c.lexeme, sum(c.n)::int AS n FROM sentence_lexeme_changes ch, unnest(ch.lexemes, ch.counts) AS c(lexeme, n)
         WHERE c.lexeme IN (SELECT lexeme FROM t WHERE one) GROUP BY c.lexeme
       )
       SELECT 0 AS pos, (t.sentences + c.sentences)::int AS n, t.version || '.' || c.rows AS version, true AS exact, c.rows AS changes
       FROM sentence_totals t, (SELECT count(*)::int AS rows, COALESCE(sum(sentences), 0) AS sentences FROM sentence_lexeme_changes) c
       UNION ALL
       SELECT t.pos::int,
         CASE WHEN t.one
           THEN COALESCE((SELECT l.sentences FROM sentence_lexemes l WHERE l.lexeme = t.lexeme), 0) + COALESCE((SELECT p.n FROM pending p WHERE p.lexeme = t.lexeme), 0)
           ELSE (SELECT count(*)::int FROM (SELECT FROM sentences s WHERE s.tsv @@ t.q LIMIT $2::int) s) END,
         NULL, t.one OR $2::int IS NULL, NULL
       FROM t`,
      [queries, cap === undefined ? null : cap + 1],
    );
    const counts = new Map<string, number>();
    const over = new Set<string>();
    let total = 0;
    let version = '';
    let changes = 0;
    for (const r of rows) {
      if (r.pos === 0) {
        total = r.n;
        version = r.version!;
        changes = r.changes ?? 0;
      } else if (r.exact || r.n <= cap!) counts.set(queries[r.pos - 1]!, r.n);
      else over.add(queries[r.pos - 1]!);
    }
    if (changes >= FOLD_AT) await this.foldLexemeChanges();
    return { total, version, counts, over };
  }

  /**
   * Adds the pending per-lexeme changes to sentence_lexemes and deletes them, in one statement;
   * the counts readers see are the same before and after. One process at a time (an advisory
   * lock; the others skip: the changes are being folded).
   */
  private async foldLexemeChanges(): Promise<void> {
    await this.db.tx(async (c) => {
      if (!(await c.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS ok', [FOLD_LOCK])).rows[0]!.ok) return;
      await c.query(
        `WITH gone AS (DELETE FROM sentence_lexeme_changes RETURNING lexemes, counts, sentences),
         totals AS (
           UPDATE sentence_totals SET sentences = sentences + (SELECT sum(sentences) FROM gone), version = version + 1 WHERE EXISTS (SELECT FROM gone)
         )
         INSERT INTO sentence_lexemes (lexeme, sentences)
         SELECT c.lexeme, sum(c.n) FROM gone, unnest(gone.lexemes, gone.counts) AS c(lexeme, n) GROUP BY c.lexeme ORDER BY c.lexeme
         ON CONFLICT (lexeme) DO UPDATE SET sentences = sentence_lexemes.sentences + excluded.sentences`,
      );
    });
  }

  /** After an import: folds the per-lexeme changes its writes left, so questions do not add them up. */
  async tidyAfterImport(): Promise<void> {
    await this.foldLexemeChanges();
  }

  async setStory(articleIds: readonly string[], storyId: string): Promise<void> {
    await this.q('UPDATE articles SET story_id = $1 WHERE id = ANY($2::text[])', [storyId, articleIds]);
  }

  async getMark(key: string): Promise<string | undefined> {
    return (await this.q<{ value: string }>('SELECT value FROM marks WHERE key = $1', [key])).rows[0]?.value;
  }

  async setMark(key: string, value: string): Promise<void> {
    await this.q('INSERT INTO marks (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async addMark(key: string, value: string): Promise<boolean> {
    return (await this.q('INSERT INTO marks (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value])).rowCount === 1;
  }

  /**
   * One transaction on one connection for the whole batch (a bulk import): a commit per article
   * was most of a PostgreSQL import's time. Every call made inside `work` (its async context) uses
   * that connection, so duplicate checks see the batch's own articles; calls from elsewhere (a
   * question while a feed is imported) use the pool and see what is committed. Each write keeps a
   * savepoint, so a failed one is undone alone, as on SQLite; every SUBTRANSACTIONS_PER_COMMIT of
   * them the batch commits what it has and goes on (each write stays atomic, as the port asks).
   */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    if (this.batchClient()) return work();
    return this.db.tx(async (c) => {
      const batch: Batch = { db: this.db, c, open: true, subtransactions: 0, writing: 0 };
      try {
        return await batches.run(batch, work);
      } finally {
        // Work started within the batch that outlives it (a timer) keeps its async context; once
        // the connection is back in the pool, such calls must use the pool, not that connection.
        batch.open = false;
      }
    });
  }

  /** The batch connection when called within an open batch() on this store's database. */
  private batchClient(): Queryable | undefined {
    const b = batches.getStore();
    return b?.open && b.db === this.db ? b.c : undefined;
  }

  private q<R extends pg.QueryResultRow>(sql: string, args: unknown[] = []): Promise<pg.QueryResult<R>> {
    return (this.batchClient() ?? this.db).query<R>(sql, args);
  }

  /** A prepared statement (db.queryPrepared), on the batch's connection within a batch. */
  private qp<R extends pg.QueryResultRow>(sql: string, args: unknown[] = []): Promise<pg.QueryResult<R>> {
    return (this.batchClient() ?? this.db).queryPrepared<R>(sql, args);
  }

  /** Several statements as one write: a transaction of their own, or within a batch a savepoint (a failure undoes this write alone). */
  private async atomic<T>(work: (c: Queryable) => Promise<T>): Promise<T> {
    const batch = batches.getStore();
    const c = this.batchClient();
    if (!c || !batch) return this.db.tx(work);
    batch.writing++;
    batch.subtransactions++;
    await c.query('SAVEPOINT article_write');
    try {
      const out = await work(c);
      await c.query('RELEASE SAVEPOINT article_write');
      return out;
    } catch (err) {
      await c.query('ROLLBACK TO SAVEPOINT article_write');
      await c.query('RELEASE SAVEPOINT article_write');
      throw err;
    } finally {
      batch.writing--;
      // Only between writes: a commit inside another write's savepoint would end it.
      if (batch.subtransactions >= SUBTRANSACTIONS_PER_COMMIT && !batch.writing) {
        batch.subtransactions = 0;
        await c.query('COMMIT');
        await c.query('BEGIN');
      }
    }
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** Numbered statement parameters: `add(value)` gives its placeholder. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Data-modifying CTEs that write an article's sentences (with their entities and facts) and its
 * LSH bands, for one statement with the article row: one round trip instead of one per table.
 * Entities and facts find their sentence's new id by its position (the `sentences_written` CTE).
 * `guard`: a WHERE clause that must hold for anything to be written (the article row was).
 */
function childrenCtes(p: Params, id: string, rec: Omit<ArticleRecord, 'id'>, guard = ''): string {
  const ents = rec.sentences.flatMap((s, i) => s.entities.map((e) => ({ ...e, i })));
  const facts = rec.sentences.flatMap((s, i) => s.facts.map((f) => ({ ...f, i })));
  // Spans of the body as stored: parameters lose any NUL (pg-database.ts textSafe), so they are found without it.
  const texts = rec.sentences.map((x) => x.text.replace(/\0/g, ''));
  const spans = spansIn(rec.body.replace(/\0/g, ''), texts);
  return `sentences_written AS (
      INSERT INTO sentences (article_id, idx, start, len, text, tsv)
      SELECT ${id}, u.idx - 1, u.start, u.len, u.text, to_tsvector(${TS_CONFIG}, u.plain)
      FROM unnest(${p.add(spans.map((x) => x?.start ?? 0))}::int[], ${p.add(spans.map((x) => x?.len ?? 0))}::int[],
                  ${p.add(texts.map((t, i) => (spans[i] ? null : t)))}::text[], ${p.add(rec.sentences.map((x) => searchableText(x.text)))}::text[])
        WITH ORDINALITY AS u(start, len, text, plain, idx)
      ${guard}
      RETURNING id, idx
    ), entities_written AS (
      INSERT INTO entities (sentence_id, article_id, kind, text, start_offset, end_offset)
      SELECT w.id, ${id}, u.kind, u.text, u.s, u.e
      FROM unnest(${p.add(ents.map((e) => e.i))}::int[], ${p.add(ents.map((e) => e.kind))}::text[], ${p.add(ents.map((e) => e.text))}::text[],
                  ${p.add(ents.map((e) => e.start))}::int[], ${p.add(ents.map((e) => e.end))}::int[]) AS u(i, kind, text, s, e)
      JOIN sentences_written w ON w.idx = u.i
    ), facts_written AS (
      INSERT INTO facts (sentence_id, article_id, text, value, unit)
      SELECT w.id, ${id}, u.text, u.value, u.unit
      FROM unnest(${p.add(facts.map((f) => f.i))}::int[], ${p.add(facts.map((f) => f.text))}::text[], ${p.add(facts.map((f) => f.value))}::float8[],
                  ${p.add(facts.map((f) => f.unit))}::text[]) AS u(i, text, value, unit)
      JOIN sentences_written w ON w.idx = u.i
    ), bands_written AS (
      INSERT INTO lsh_bands (band, value, article_id)
      SELECT u.pos - 1, u.value, ${id} FROM unnest(${p.add(rec.bands)}::bigint[]) WITH ORDINALITY AS u(value, pos)
      ${guard}
      ON CONFLICT DO NOTHING
    )`;
}
