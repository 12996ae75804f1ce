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
  site
    .page('/world/us-sanctions-russia-firms', () => fixture(readFileSync('tests/fixtures/web/sanctions-wire.html', 'utf8'), site.url('')))
    .page('/index', readFileSync('tests/fixtures/web/index.html', 'utf8'))
    .page('/feeds/wire.rdf', () => fixture(readFileSync('tests/fixtures/web/wire-rss1.xml', 'utf8'), site.url('')), 'application/rdf+xml')
    .page('/feeds/broken.xml', () => fixture(readFileSync('tests/fixtures/web/broken-rss2.xml', 'utf8'), site.url('')), 'text/xml')
    .page('/port-strike', readFileSync('tests/fixtures/web/injected.html', 'utf8'));
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

describe('briefbot ingest FEED_URL / feeds', () => {
  const allow = { BRIEFBOT_ALLOW_PRIVATE_URLS: 'true' };
  it('reads every item of a feed once (RSS 1.0), and a broken feed item by item', async () => {
    const r = await cli(['ingest', '--json', site.url('/feeds/wire.rdf')], allow);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l))).toMatchObject([{ status: 'added', title: 'Central bank keeps rates on hold as inflation cools' }]);
    const broken = await cli(['ingest', site.url('/feeds/broken.xml')], allow);
    expect(broken.out).toMatch(/added a[0-9a-f]+ {2}Port workers strike over automation plans/);
    expect(broken.err).toMatch(/2 unreadable item\(s\) skipped/);
  });

  it('feeds lists what every workspace follows', async () => {
    const { createCore } = await import('../../src/core/create-core.ts');
    const { createLogger } = await import('../../src/core/log.ts');
    const { SqliteArticleStore } = await import('../../src/core/store/sqlite-store.ts');
    const core = createCore({ store: SqliteArticleStore.open(join(dir, 'b.db')), log: createLogger({ level: 'silent' }), fetch: { allowPrivate: true } });
    await core.forScope('slack:T1').feeds.subscribe(site.url('/feeds/wire.rdf'), 'slack:U1');
    await core.close();
    const r = await cli(['feeds', '--json']);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l))).toMatchObject([{ scope: 'slack:T1', url: site.url('/feeds/wire.rdf'), title: 'Wire Digest (RSS 1.0)', failures: 0, articleCount: 1 }]);
    expect((await cli(['feeds'])).out).toMatch(/Wire Digest \(RSS 1\.0\)[\s\S]*ok · every 15 min · 1 article/);
  });
});
