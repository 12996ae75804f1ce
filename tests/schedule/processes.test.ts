// Two real OS processes on one SQLite file tick at the same moment: every briefing is posted once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../src/core/create-core.ts';
import { silentLogger } from '../../src/core/log.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';
import type { TickReport } from '../../src/core/schedule/scheduler.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/tick-process.ts', import.meta.url));
let dir: string;
let server: Server | undefined;
afterEach(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function botProcess(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready\n')) resolve();
    }),
  );
  const done = new Promise<TickReport>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n').filter(Boolean).at(-1)!) as TickReport) : reject(new Error(`bot exited ${code}`)))),
  );
  return { child, ready, done };
}

it('two bot processes ticking at once on the same database file post each briefing once', async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-procs-'));
  const dbPath = join(dir, 'bot.db');
  const setupCore = createCore({ store: SqliteArticleStore.open(dbPath), log: silentLogger, now: () => new Date('2025-05-12T07:00:00Z') });
  for (let i = 0; i < 30; i++) await setupCore.subscriptions.subscribe({ platform: 'slack', channelId: `C${i}`, time: '08:00', timeZone: 'UTC' });
  await setupCore.close();

  const posts: { channel: string; key: string; by: string }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posts.push(JSON.parse(body) as { channel: string; key: string; by: string });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `m${posts.length}` }));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const bots = ['a', 'b'].map((name) => botProcess([dbPath, '2025-05-12T08:00:00Z', url, name]));
  await Promise.all(bots.map((b) => b.ready));
  for (const b of bots) b.child.stdin.end('go\n');
  const reports = await Promise.all(bots.map((b) => b.done));

  expect(reports[0]!.posted + reports[1]!.posted).toBe(30);
  expect(posts).toHaveLength(30);
  expect(new Set(posts.map((p) => p.channel)).size).toBe(30);
  expect(new Set(posts.map((p) => p.key)).size).toBe(30);
}, 60_000);
