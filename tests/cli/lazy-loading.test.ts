// A CLI call loads what it uses: no chat SDK, model client, HTML parser or HTTP client for `sources`; the Slack
// SDK only when Slack is enabled. (Speed itself is measured by `npm run bench`, not here.)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_DRIVER } from '../../src/core/store/sqlite-driver.ts';
import { runNode } from '../helpers/spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefbot-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HOOK = join(process.cwd(), 'tests/fixtures/process/loaded-packages.mjs');

async function loaded(args: string[], env: Record<string, string> = {}, input = ''): Promise<string[]> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.txt`);
  const r = await runNode(['--import', HOOK, ...args], { input, env: { BRIEFBOT_DB: join(dir, 'store.db'), LOADED_PACKAGES_FILE: file, ...env } });
  expect(r.stderr).toBe('');
  return readFileSync(file, 'utf8').split('\n');
}

const HEAVY = ['@slack/bolt', 'discord.js', 'openai', 'linkedom'];
/** Loaded on first use only: date parsing, feed parsing, the HTTP client for /add and feeds. */
const ON_DEMAND = ['chrono-node', '@extractus/feed-extractor', 'undici'];

describe('lazy loading', () => {
  it('`briefbot sources` loads no chat SDK, no model client, no HTML parser, no HTTP client', async () => {
    const packages = await loaded(['bin/briefbot.js', 'sources', '--limit', '1']);
    expect(packages).toContain(SQLITE_DRIVER);
    for (const p of [...HEAVY, ...ON_DEMAND]) expect(packages).not.toContain(p);
  });

  it('the console alone (npm start, no tokens) loads no chat SDK', async () => {
    const packages = await loaded(['--import', 'tsx', 'src/main.ts'], { LOG_LEVEL: 'error' }, '/sources\n');
    for (const p of ['@slack/bolt', 'discord.js', ...ON_DEMAND]) expect(packages).not.toContain(p);
  });
});
