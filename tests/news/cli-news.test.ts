// `briefbot ingest URL` and `briefbot remove` against a local web server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { loadConfig } from '../../src/config.ts';
import { fixture, WebServer } from '../helpers/web-server.ts';

let dir: string;
let site: WebServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-cli-news-'));
  site = await WebServer.start();
  site.page('/world/us-sanctions-russia-firms', () => fixture(readFileSync('tests/fixtures/web/sanctions-wire.html', 'utf8'), site.url(''))).page('/index', readFileSync('tests/fixtures/web/index.html', 'utf8'));
});
afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, stdin: Readable.from(['']) };
  const code = await runCli(args, io, loadConfig({ BRIEFBOT_DB: join(dir, 'b.db'), ...env }));
  return { code, out, err };
}

describe('briefbot ingest URL / remove', () => {
  it('refuses a private address by default, exit 1, nothing stored', async () => {
    const r = await cli(['ingest', site.url('/world/us-sanctions-russia-firms')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/rejected http:\/\/127\.0\.0\.1:\d+\/world\/us-sanctions-russia-firms: 127\.0\.0\.1 is a loopback address/);
    expect((await cli(['sources', '--json'])).out).not.toMatch(/Harbor Wire/);
  });

  it('with BRIEFBOT_ALLOW_PRIVATE_URLS=true: stored and shared; an index page is rejected with its reason', async () => {
    const allow = { BRIEFBOT_ALLOW_PRIVATE_URLS: 'true' };
    const r = await cli(['ingest', site.url('/world/us-sanctions-russia-firms'), site.url('/index')], allow);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^added a[0-9a-f]+ {2}U\.S\. sanctions 398 firms over support for Russia's war/);
    expect(r.err).toMatch(/rejected .*\/index: .*does not look like an article page/);
    const id = /added (a[0-9a-f]+)/.exec(r.out)![1]!;
    expect((await cli(['sources', '--json'])).out).toMatch(/Harbor Wire/);
    const removed = await cli(['remove', id]);
    expect(removed).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`^removed ${id}`)) });
    expect((await cli(['sources', '--json'])).out).not.toMatch(/Harbor Wire/);
  });
});
