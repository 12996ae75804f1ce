// One measured system in its own process (so peak memory is its own): briefbot's CLI ingest,
// briefbot's queries, raw SQLite FTS5, MiniSearch. Prints one JSON line with its numbers.
import { readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { SqliteDatabase } from '../core/store/sqlite-driver.ts';
import { runCli } from '../cli.ts';
import { loadConfig } from '../config.ts';
import { createCore } from '../core/create-core.ts';
import { createLogger } from '../core/log.ts';
import type { SqliteArticleStore } from '../core/store/sqlite-store.ts';
import type { PgArticleStore } from '../core/store/postgres/pg-article-store.ts';
import { openStores, type Stores } from '../core/store/open-stores.ts';
import { STOPWORDS } from '../core/language/stopwords.ts';
import type { BenchQueries } from './corpus.ts';

const [mode, ...args] = process.argv.slice(2);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function timeEach<T>(items: readonly T[], fn: (x: T) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (const x of items) {
    const t0 = performance.now();
    await fn(x);
    out.push(performance.now() - t0);
  }
  return out;
}

function dbBytes(path: string): number {
  let n = 0;
  for (const suffix of ['', '-wal']) {
    try {
      n += statSync(path + suffix).size;
    } catch {
      // no WAL after a checkpoint
    }
  }
  return n;
}

async function* jsonLines(path: string): AsyncGenerator<{ title: string; body: string }> {
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line.trim()) yield JSON.parse(line) as { title: string; body: string };
}

/** The peers' query: the question's content words, OR-ed, as a plain full-text engine would take them. */
function queryWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOPWORDS.has(w));
}

/** A bench store is a SQLite file or a postgres:// URL (a database the bench made for itself). */
const isPostgres = (store: string) => /^postgres(ql)?:\/\//.test(store);
const storeEnv = (store: string) => (isPostgres(store) ? { DATABASE_URL: store } : { BRIEFBOT_DB: store });
const openBenchStores = (store: string): Promise<Stores> => openStores(isPostgres(store) ? { dbPath: '', databaseUrl: store } : { dbPath: store });

/** Forty article ids, the same ones on both stores (insertion order, from the eighth on). */
async function someArticleIds(stores: Stores): Promise<string[]> {
  if (stores.kind === 'sqlite') return (stores.articles as SqliteArticleStore).db.prepare('SELECT id FROM articles ORDER BY rowid LIMIT 40 OFFSET 7').all().map((r) => (r as { id: string }).id);
  const { rows } = await (stores.articles as PgArticleStore).db.query<{ id: string }>('SELECT id FROM articles ORDER BY seq LIMIT 40 OFFSET 7');
  return rows.map((r) => r.id);
}

const splitSentences = (body: string) => body.split(/(?<=[.!?]["”’]?)\s+(?=["“A-Z])/);

async function main(): Promise<unknown> {
  switch (mode) {
    case 'ingest': {
      // The real command, as `briefbot ingest --json FILE` runs it.
      const [db, file] = args as [string, string];
      let last = '';
      const t0 = performance.now();
      const c0 = cpuMs();
      const code = await runCli(['ingest', '--json', file], { stdout: { write: (s: string) => (last = s) }, stderr: { write: () => true }, stdin: process.stdin }, loadConfig({ ...storeEnv(db), LOG_LEVEL: 'error' }, 'cli'));
      const ms = performance.now() - t0;
      const cpu = cpuMs() - c0;
      const { counts } = JSON.parse(last) as { counts: Record<string, number> };
      let bytes: number;
      if (isPostgres(db)) {
        // Tables, indexes and TOAST (pg_total_relation_size), after VACUUM so dead rows do not count.
        const stores = await openBenchStores(db);
        await (stores.articles as PgArticleStore).db.query('VACUUM ANALYZE');
        bytes = await stores.sizeBytes();
        await stores.articles.close();
      } else {
        const store = new SqliteDatabase(db);
        store.pragma('wal_checkpoint(TRUNCATE)');
        store.close();
        bytes = dbBytes(db);
      }
      return { code, ms, cpuMs: cpu, counts, peakMiB: peakMiB(), bytes };
    }
    case 'query': {
      const [db, queriesFile] = args as [string, string];
      const q = JSON.parse(readFileSync(queriesFile, 'utf8')) as BenchQueries;
      const stores = await openBenchStores(db);
      const core = createCore({ store: stores.articles, scheduleStore: stores.schedule, feedStore: stores.feeds, log: createLogger({ level: 'silent' }) });
      const ids = await someArticleIds(stores);
      // Warm-up: the language models load on first use (start-up is measured on its own).
      await core.ask(q.questions[0]!);
      await core.search(q.searches[0]!);
      const ask = await timeEach(q.questions, (x) => core.ask(x));
      const search = await timeEach(q.searches, (x) => core.search(x));
      const summary = await timeEach(ids, (id) => core.summarise(id));
      const now = Date.now();
      const briefDay = await timeEach([1, 2, 3], () => core.brief({ since: new Date(now - 86_400_000) }));
      const briefWeek = await timeEach([1, 2, 3], () => core.brief({ since: new Date(now - 7 * 86_400_000) }));
      await core.close();
      return { ask, search, summary, briefDay, briefWeek, peakMiB: peakMiB() };
    }
    case 'fts5': {
      const [db, file, queriesFile] = args as [string, string, string];
      const q = JSON.parse(readFileSync(queriesFile, 'utf8')) as BenchQueries;
      const t0 = performance.now();
      const c0 = cpuMs();
      const sql = new SqliteDatabase(db);
      sql.pragma('journal_mode = WAL');
      sql.pragma('synchronous = NORMAL');
      sql.exec(`CREATE VIRTUAL TABLE sentences USING fts5(text, article UNINDEXED, tokenize='porter unicode61 remove_diacritics 2');
                CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT NOT NULL)`);
      const insArticle = sql.prepare('INSERT INTO articles (title) VALUES (?)');
      const insSentence = sql.prepare('INSERT INTO sentences (text, article) VALUES (?, ?)');
      let n = 0;
      sql.exec('BEGIN');
      for await (const a of jsonLines(file)) {
        const id = insArticle.run(a.title).lastInsertRowid;
        for (const s of splitSentences(a.body)) insSentence.run(s, id);
        if (++n % 1000 === 0) sql.exec('COMMIT; BEGIN');
      }
      sql.exec('COMMIT');
      const ingestMs = performance.now() - t0;
      const ingestCpuMs = cpuMs() - c0;
      const top = sql.prepare('SELECT rowid, article, text, bm25(sentences) AS score FROM sentences WHERE sentences MATCH ? ORDER BY score LIMIT 10');
      const match = (x: string) => queryWords(x).map((w) => `"${w}"`).join(' OR ');
      top.all(match(q.questions[0]!));
      const ask = await timeEach(q.questions, (x) => top.all(match(x)));
      const search = await timeEach(q.searches, (x) => top.all(match(x)));
      sql.pragma('wal_checkpoint(TRUNCATE)');
      sql.close();
      return { articles: n, ingestMs, ingestCpuMs, ask, search, peakMiB: peakMiB(), bytes: dbBytes(db) };
    }
    case 'minisearch': {
      const [file, queriesFile] = args as [string, string];
      const q = JSON.parse(readFileSync(queriesFile, 'utf8')) as BenchQueries;
      const { default: MiniSearch } = await import('minisearch');
      const t0 = performance.now();
      const c0 = cpuMs();
      const index = new MiniSearch<{ id: number; title: string; body: string }>({ fields: ['title', 'body'], storeFields: ['title'] });
      let n = 0;
      for await (const a of jsonLines(file)) index.add({ id: n++, title: a.title, body: a.body });
      const ingestMs = performance.now() - t0;
      const ingestCpuMs = cpuMs() - c0;
      const search = (x: string) => index.search(queryWords(x).join(' '), { combineWith: 'OR' }).slice(0, 10);
      search(q.questions[0]!);
      const ask = await timeEach(q.questions, search);
      const searchMs = await timeEach(q.searches, search);
      return { articles: n, ingestMs, ingestCpuMs, ask, search: searchMs, peakMiB: peakMiB() };
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

main().then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
