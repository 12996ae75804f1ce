// `npm run bench`: speed and memory of the things users wait for, against stated targets.
// Start-up is timed as real processes; the rest in-process on real SQLite stores in a temp dir.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, seedStarterCorpus } from '../core/create-core.ts';
import { createLogger } from '../core/log.ts';
import { SqliteArticleStore } from '../core/store/sqlite-store.ts';
import type { Core } from '../core/core.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, data: { type: 'string' }, articles: { type: 'string' } }, strict: true });
const dataDir = resolve(values.data ?? (existsSync('../shared/eval') ? '../shared/eval' : '/work/shared/eval'));
const articleCount = Number(values.articles ?? 1000);

interface Row {
  name: string;
  value: number;
  unit: string;
  target?: { max: number } | undefined;
}
const rows: Row[] = [];
const record = (name: string, value: number, unit: string, max?: number) => {
  rows.push({ name, value: Math.round(value * 10) / 10, unit, target: max === undefined ? undefined : { max } });
  process.stderr.write(`  ${name}: ${value.toFixed(1)} ${unit}\n`);
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const median = (xs: number[]) => pct(xs, 50);

/** Time from process start to the console's "ready" log line. */
function startupMs(db: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, BRIEFBOT_DB: db, LOG_LEVEL: 'info' }, stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('"msg":"ready"')) {
        const ms = performance.now() - t0;
        child.stdin.end();
        child.on('close', () => resolvePromise(ms));
      }
    });
    child.on('error', reject);
  });
}

async function timeEach<T>(items: T[], fn: (x: T) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const x of items) {
    const t0 = performance.now();
    await fn(x);
    out.push(performance.now() - t0);
  }
  return out;
}

const QUESTIONS = [
  'How many troops did North Korea send?',
  'How many firms were sanctioned?',
  'Where are the North Korean troops heading?',
  'Who called on North Korea to withdraw its troops?',
  'When did the U.S. impose the sanctions?',
  'Which countries are the sanctioned firms in?',
  'What did Putin say about the sanctions?',
  'Who won the 2022 World Cup?',
];

function loadNewsArticles(limit: number): { title: string; text: string }[] {
  const file = join(dataDir, 'cnndm-frank.jsonl');
  if (!existsSync(file)) return [];
  const out: { title: string; text: string }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as Record<string, unknown>;
    const text = [o.article, o.text, o.body, o.document].find((v) => typeof v === 'string') as string | undefined;
    if (text) out.push({ title: text.split(/(?<=[.!?])\s/)[0]!.slice(0, 100), text });
    if (out.length >= limit) break;
  }
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-'));
  const log = createLogger({ level: 'silent' });
  try {
    process.stderr.write('start-up (process start → console ready)\n');
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) cold.push(await startupMs(join(dir, `cold-${i}.db`)));
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await startupMs(join(dir, 'cold-0.db')));
    record('start-up, first run (creates and seeds the store), median', median(cold), 'ms', 3000);
    record('start-up, existing store, median', median(warm), 'ms', 2000);

    process.stderr.write('starter corpus\n');
    const starter: Core = createCore({ store: SqliteArticleStore.open(join(dir, 'starter.db')), log });
    await seedStarterCorpus(starter);
    await starter.ask('warm up the language models');
    const askStarter = await timeEach(Array.from({ length: 10 }, () => QUESTIONS).flat(), (q) => starter.ask(q));
    record('/ask on the starter corpus, p50', median(askStarter), 'ms');
    record('/ask on the starter corpus, p95', pct(askStarter, 95), 'ms', 100);
    const briefStarter = await timeEach(Array.from({ length: 10 }, () => 0), () => starter.brief({ since: new Date(0) }));
    record('/brief on the starter corpus, p95', pct(briefStarter, 95), 'ms', 200);
    await starter.close();

    const news = loadNewsArticles(articleCount);
    if (news.length) {
      process.stderr.write(`${news.length} news articles (${dataDir})\n`);
      const core = createCore({ store: SqliteArticleStore.open(join(dir, 'news.db')), log });
      await seedStarterCorpus(core);
      const t0 = performance.now();
      for (const a of news) await core.ingest(a);
      const ingestMs = performance.now() - t0;
      record('ingest throughput', (news.length / ingestMs) * 1000, 'articles/s');
      record('ingest, per article', ingestMs / news.length, 'ms', 250);
      const ask = await timeEach(Array.from({ length: 5 }, () => QUESTIONS).flat(), (q) => core.ask(q));
      record(`/ask over ${news.length + 1} articles, p50`, median(ask), 'ms');
      record(`/ask over ${news.length + 1} articles, p95`, pct(ask, 95), 'ms', 300);
      const search = await timeEach(['sanctions', 'police officers arrested', 'world cup final', 'hospital patients'], (q) => core.search(q, 5));
      record(`/search over ${news.length + 1} articles, p95`, pct(search, 95), 'ms', 200);
      const brief = await timeEach([0, 1, 2], () => core.brief({ since: new Date(0) }));
      record(`/brief over ${news.length + 1} articles (200 newest), median`, median(brief), 'ms', 2500);
      const summary = await timeEach(news.slice(0, 20).map((a) => a.title), (t) => core.summarise(t));
      record('/summary, p95', pct(summary, 95), 'ms', 200);
      await core.close();
    } else {
      process.stderr.write(`no news data at ${dataDir}; skipping the larger-store measurements\n`);
    }
    const mem = process.memoryUsage();
    record('resident memory after the runs', mem.rss / 2 ** 20, 'MiB', 400);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const failed = rows.filter((r) => r.target && r.value > r.target.max);
  if (values.json) process.stdout.write(`${JSON.stringify({ rows, failed: failed.map((f) => f.name) })}\n`);
  else {
    const w = Math.max(...rows.map((r) => r.name.length));
    process.stdout.write(`\n${'measure'.padEnd(w)}  ${'value'.padStart(10)}  target\n`);
    for (const r of rows) {
      const target = r.target ? `≤ ${r.target.max} ${r.unit} ${r.value <= r.target.max ? 'ok' : 'MISSED'}` : '';
      process.stdout.write(`${r.name.padEnd(w)}  ${`${r.value} ${r.unit}`.padStart(10)}  ${target}\n`);
    }
  }
  process.exitCode = failed.length ? 1 : 0;
}

await main();
