// `npm run bench`: speed and memory at 1k, 10k (and 100k with --sizes) articles, beside raw
// SQLite FTS5 and MiniSearch on the same corpus and queries, in the same run. Each system runs
// in its own process so its peak memory is its own; start-up is timed as real processes.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSources, writeCorpus } from './corpus.ts';
import { TARGETS, formatTable, type BotResult, type SizeResult, type Stat } from './report.ts';
import { createBenchDatabase } from './pg-database.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    data: { type: 'string' },
    sizes: { type: 'string' },
    'no-peers': { type: 'boolean' },
    keep: { type: 'string' },
    postgres: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
const USAGE = `usage: npm run bench -- [--sizes 1000,10000,100000] [--json] [--data DIR] [--no-peers] [--keep DIR]
  --sizes N,...  corpus sizes in articles (default 1000,10000; 100000 takes about an hour on 2 cores)
  --json         print the results as one JSON object instead of a table
  --data DIR     folder with cnndm-frank.jsonl (default ../shared/eval)
  --no-peers     skip raw SQLite FTS5 and MiniSearch
  --keep DIR     build the stores in DIR and keep them (default: a temporary folder, removed),
                 and with --postgres the bench databases
  --postgres URL also measure the PostgreSQL store, e.g. postgres://postgres@127.0.0.1:5432/postgres:
                 the bench creates a database of its own on that server for each size
                 (briefbot_bench_PID_SIZE, so never one that tests or bots use) and drops it after`;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const dataDir = resolve(values.data ?? join(root, '../shared/eval'));
const sizes = (values.sizes ?? '1000,10000').split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 10)) {
  process.stderr.write(`--sizes takes whole numbers of articles (at least 10)\n${USAGE}\n`);
  process.exit(2);
}
const say = (s: string) => process.stderr.write(`${s}\n`);

function run(args: string[], env: Record<string, string> = {}): Promise<{ ms: number; stdout: string; code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ ms: performance.now() - t0, stdout, code, stderr }));
  });
}

const CPU_HOOK = join(root, 'src/bench/cpu-at-exit.mjs');

/** A process's wall and CPU time (its own report, written at exit), for start-up. */
async function timed(args: string[], env: Record<string, string>, dir: string): Promise<{ ms: number; cpuMs: number }> {
  const file = join(dir, 'cpu.txt');
  rmSync(file, { force: true });
  const r = await run(['--import', CPU_HOOK, ...args], { ...env, BENCH_CPU_FILE: file });
  if (r.code !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return { ms: r.ms, cpuMs: Number(readFileSync(file, 'utf8')) };
}

/** A measured part in its own process; the peers and queries get room to grow (MiniSearch holds its whole index in memory). */
function child<T>(...args: string[]): Promise<T> {
  return childWith(['--max-old-space-size=4096'], ...args);
}

async function childWith<T>(nodeFlags: string[], ...args: string[]): Promise<T> {
  const r = await run([...nodeFlags, '--import', 'tsx', join(root, 'src/bench/child.ts'), ...args]);
  if (r.code !== 0) throw new Error(`bench ${args[0]} failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

/** The environment that points a bot process at a bench store: a SQLite file or a postgres:// URL. */
const storeEnv = (store: string): Record<string, string> => (/^postgres(ql)?:\/\//.test(store) ? { DATABASE_URL: store } : { BRIEFBOT_DB: store, DATABASE_URL: '' });

/** Process start to the console's "ready" line, with the store filled: what `npm start` runs. */
function readyMs(store: string): Promise<number> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, ['bin/start.js'], { cwd: root, env: { ...process.env, ...storeEnv(store), LOG_LEVEL: 'info' }, stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    let ms: number | undefined;
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (ms === undefined && err.includes('"msg":"ready"')) {
        ms = performance.now() - t0;
        p.stdin.end();
      }
    });
    p.on('error', fail);
    p.on('close', () => (ms === undefined ? fail(new Error(`no ready line: ${err.slice(-300)}`)) : done(ms)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1]! };
}

interface IngestOut {
  ms: number;
  cpuMs: number;
  counts: Record<string, number>;
  peakMiB: number;
  bytes: number;
}
interface QueryOut {
  ask: number[];
  search: number[];
  summary: number[];
  briefDay: number[];
  briefWeek: number[];
  peakMiB: number;
}
interface PeerOut {
  articles: number;
  ingestMs: number;
  ingestCpuMs: number;
  ask: number[];
  search: number[];
  peakMiB: number;
  bytes?: number;
}

/** briefbot on one store (a SQLite file or a postgres:// URL): ingest, queries, start-up, size. */
async function measureBot(store: string, n: number, jsonl: string, queries: string, dir: string): Promise<BotResult> {
  say('    ingest (the CLI, full pipeline)');
  // As a person runs `briefbot ingest`: no heap flag (a 4 GB old space let V8 grow the heap of the
  // same import about a third more before collecting, so peak RSS was the flag's, not the command's).
  const ingest = await childWith<IngestOut>([], 'ingest', store, jsonl);
  say(`    ${(n / (ingest.ms / 1000)).toFixed(0)} articles/s, peak ${ingest.peakMiB} MiB; queries`);
  const query = await child<QueryOut>('query', store, queries);
  say('    start-up with the store filled');
  const ready: number[] = [];
  for (let i = 0; i < 3; i++) ready.push(await readyMs(store));
  const cli: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < 5; i++) cli.push(await timed([join(root, 'bin/briefbot.js'), 'sources', '--limit', '1'], storeEnv(store), dir));
  return {
    stored: ingest.counts,
    ingest: { perSecond: n / (ingest.ms / 1000), cpuMsPerArticle: ingest.cpuMs / n, peakMiB: ingest.peakMiB },
    ask: stat(query.ask),
    search: stat(query.search),
    summary: stat(query.summary),
    briefDay: median(query.briefDay),
    briefWeek: median(query.briefWeek),
    queryPeakMiB: query.peakMiB,
    readyMs: median(ready),
    cliMs: median(cli.map((c) => c.ms)),
    cliCpuMs: median(cli.map((c) => c.cpuMs)),
    storeMiB: ingest.bytes / 2 ** 20,
  };
}

async function main(): Promise<void> {
  const corpusFile = join(dataDir, 'cnndm-frank.jsonl');
  if (!existsSync(corpusFile)) {
    say(`no ${corpusFile}: the bench builds its corpus from it (use --data DIR)`);
    process.exitCode = 2;
    return;
  }
  const dir = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'briefbot-bench-'));
  mkdirSync(dir, { recursive: true });
  const sources = loadSources(corpusFile);
  const results: SizeResult[] = [];
  try {
    // Start-up runs the compiled build, as `npm start` does; built first if a source changed.
    await run([join(root, 'scripts/build.mjs'), '--if-stale']);
    say('start-up: bare node');
    const bare: { ms: number; cpuMs: number }[] = [];
    for (let i = 0; i < 5; i++) bare.push(await timed(['-e', '0'], {}, dir));
    const bareNode = median(bare.map((b) => b.ms));
    const bareNodeCpu = median(bare.map((b) => b.cpuMs));
    for (const n of sizes) {
      say(`\n${n} articles: writing the corpus`);
      const jsonl = join(dir, `corpus-${n}.jsonl`);
      const corpus = await writeCorpus(jsonl, n, sources, new Date());
      const queries = join(dir, `queries-${n}.json`);
      writeFileSync(queries, JSON.stringify({ questions: corpus.questions, searches: corpus.searches }));
      const db = join(dir, `briefbot-${n}.db`);
      rmSync(db, { force: true });
      say(`  ${corpus.vocabulary} distinct words, ${corpus.meanWords} words per article; briefbot on SQLite`);
      const sqlite = await measureBot(db, n, jsonl, queries, dir);
      let postgres: BotResult | undefined;
      if (values.postgres) {
        say('  briefbot on PostgreSQL');
        const pgDb = await createBenchDatabase(values.postgres, `briefbot_bench_${process.pid}_${n}`);
        try {
          postgres = await measureBot(pgDb.url, n, jsonl, queries, dir);
        } finally {
          if (values.keep) say(`  kept the PostgreSQL store: ${pgDb.url}`);
          else await pgDb.drop();
        }
      }
      let fts5: PeerOut | undefined;
      let minisearch: PeerOut | { error: string } | undefined;
      if (!values['no-peers']) {
        say('  raw SQLite FTS5');
        const peerDb = join(dir, `fts5-${n}.db`);
        rmSync(peerDb, { force: true });
        fts5 = await child<PeerOut>('fts5', peerDb, jsonl, queries);
        say('  MiniSearch');
        minisearch = await child<PeerOut>('minisearch', jsonl, queries).catch((e: Error) => ({ error: e.message }));
      }
      const result: SizeResult = {
        articles: n,
        vocabulary: corpus.vocabulary,
        corpusMiB: corpus.bytes / 2 ** 20,
        ...sqlite,
        postgres,
        bareNodeMs: bareNode,
        bareNodeCpuMs: bareNodeCpu,
        fts5: fts5 && { perSecond: fts5.articles / (fts5.ingestMs / 1000), peakMiB: fts5.peakMiB, ask: stat(fts5.ask), search: stat(fts5.search), storeMiB: (fts5.bytes ?? 0) / 2 ** 20 },
        minisearch:
          minisearch && 'error' in minisearch
            ? { error: minisearch.error }
            : minisearch && { perSecond: minisearch.articles / (minisearch.ingestMs / 1000), peakMiB: minisearch.peakMiB, ask: stat(minisearch.ask), search: stat(minisearch.search) },
      };
      results.push(result);
    }
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
  if (values.json) process.stdout.write(`${JSON.stringify({ targets: TARGETS, results })}\n`);
  else process.stdout.write(`\n${formatTable(results)}\n`);
}

await main();
