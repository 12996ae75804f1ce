// Feeds against local servers serving real-shaped RSS 2.0, RSS 1.0 and Atom: subscribe, list,
// remove; conditional GET; broken XML read item by item; undated items; edits and re-dating;
// a failing feed backing off; two bot processes on one store; restarts; two servers' scopes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { RecordingAdapter } from '../../src/adapters/recording/recording-adapter.ts';
import { createCore } from '../../src/core/create-core.ts';
import { commandMap, dispatch, type DispatchDeps } from '../../src/core/dispatch.ts';
import { FeedService } from '../../src/core/feeds/feed-service.ts';
import { parseFeed } from '../../src/core/feeds/parse-feed.ts';
import { SafeFetcher } from '../../src/core/net/safe-fetch.ts';
import { replyText } from '../../src/core/reply.ts';
import { openStores } from '../../src/core/store/open-stores.ts';
import { createPromMetrics, type PromMetrics } from '../../src/service/prom-metrics.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';
import { fixture, WebServer } from '../helpers/web-server.ts';

const raw = (name: string) => readFileSync(`tests/fixtures/web/${name}`, 'utf8');
const CUBA = `<html><head><title>Cuba braces as Hurricane Rafael nears</title></head><body><article><h1>Cuba braces as Hurricane Rafael nears</h1>${/<!\[CDATA\[([\s\S]*?)\]\]>/.exec(raw('world-rss2.xml'))![1]}</article></body></html>`;

let site: WebServer;
let clock: Date;
let sanctionsDate = 'Wed, 30 Oct 2024 14:00:00 GMT';
let worldStatus = 200;
const world = () => fixture(raw('world-rss2.xml'), site.url('')).replace('{{SANCTIONS_DATE}}', sanctionsDate);

beforeAll(async () => {
  site = await WebServer.start();
  site
    .on('/feeds/world.xml', (req, res) => {
      if (worldStatus !== 200) {
        res.writeHead(worldStatus, { 'content-type': 'text/plain' });
        return void res.end('upstream trouble');
      }
      const body = world();
      const etag = `"w-${createHash('sha1').update(body).digest('hex').slice(0, 12)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': 'Thu, 31 Oct 2024 09:00:00 GMT' });
      res.end(body);
    })
    .page('/feeds/ledger.atom', () => fixture(raw('ledger-atom.xml'), site.url('')), 'application/atom+xml')
    .page('/feeds/wire.rdf', () => fixture(raw('wire-rss1.xml'), site.url('')), 'application/rdf+xml')
    .page('/feeds/broken.xml', () => fixture(raw('broken-rss2.xml'), site.url('')), 'text/xml')
    .page('/world/us-sanctions-russia-firms', () => fixture(raw('sanctions-wire.html'), site.url('')))
    .page('/markets/blacklist', raw('sanctions-ledger.html'))
    .page('/port-strike', raw('injected.html'))
    .page('/world/cuba-braces', CUBA)
    .page('/not-a-feed', raw('index.html'));
});
afterAll(() => site.close());

let t: TestCore;
let metrics: PromMetrics;
const discord = new RecordingAdapter({ platform: 'discord' });
beforeEach(async () => {
  clock = new Date('2024-10-31T12:00:00Z');
  sanctionsDate = 'Wed, 30 Oct 2024 14:00:00 GMT';
  worldStatus = 200;
  metrics = createPromMetrics();
  t = await makeTestCore({ now: () => clock, fetch: { allowPrivate: true }, metrics });
  const deps: DispatchDeps = { commands: commandMap(commands), core: t.core, log: t.log, admins: new Set() };
  await discord.start((inv, responder) => dispatch(inv, responder, deps));
});
afterEach(async () => {
  await discord.stop();
  await t.cleanup();
});

const serverA = { workspace: 'G_A', channel: 'C_A', user: 'U_MOD', admin: true };
const serverB = { workspace: 'G_B', channel: 'C_B', user: 'U_MOD', admin: true };
async function say(line: string, where: typeof serverA) {
  const x = await discord.command(line, where);
  return x.replies.map((r) => replyText(r.reply)).join('\n---\n');
}
const minutes = (n: number) => (clock = new Date(clock.getTime() + n * 60_000));
const feedUrl = (p: string) => site.url(p);

describe('/feed', () => {
  it('subscribe reads the feed at once; list shows last success, last error, next poll and article count', async () => {
    const sub = await say(`/feed subscribe ${feedUrl('/feeds/world.xml')}`, serverA);
    expect(sub).toMatch(/^Following Harbor Wire: World/);
    expect(sub).toMatch(/First read: 2 articles added, 0 updated\./);
    const list = await say('/feed list', serverA);
    expect(list).toMatch(/f[0-9a-f]{6} · Harbor Wire: World\n\n• http:\/\/127\.0\.0\.1:\d+\/feeds\/world\.xml/);
    expect(list).toMatch(/ok · every 15 min · 2 articles/);
    expect(list).toMatch(/last success: 31 Oct 12:00 UTC \(2 added, 0 updated, 0 unchanged\)/);
    expect(list).toMatch(/last error: none/);
    expect(list).toMatch(/next poll: 31 Oct 12:15 UTC/);
  });

  it('is for admins, and refuses a page that is not a feed, storing nothing', async () => {
    expect(await say(`/feed subscribe ${feedUrl('/feeds/world.xml')}`, { ...serverA, admin: false })).toMatch(/\/feed is for admins/);
    expect(await say(`/feed subscribe ${feedUrl('/not-a-feed')}`, serverA)).toMatch(/not an RSS or Atom feed/);
    expect(await say('/feed list', serverA)).toMatch(/^This server follows no feeds/m);
  });

  it('an undated item gets the date it was first seen, marked as such; it is never dropped', async () => {
    await say(`/feed subscribe ${feedUrl('/feeds/world.xml')}`, serverA);
    const sources = await say('/sources hurricane', serverA);
    expect(sources).toMatch(/Cuba braces as Hurricane Rafael nears \(Harbor Wire: World, first seen 31 Oct 2024\)/);
  });

  it('polls on schedule with a conditional GET; a 304 stores nothing new', async () => {
    await say(`/feed subscribe ${feedUrl('/feeds/world.xml')}`, serverA);
    const before = site.hits('/feeds/world.xml').length;
    minutes(5);
    await t.core.feedService.tick();
    expect(site.hits('/feeds/world.xml')).toHaveLength(before); // not due yet
    minutes(11);
    await t.core.feedService.tick();
    const polls = site.hits('/feeds/world.xml');
    expect(polls).toHaveLength(before + 1);
    expect(polls.at(-1)!.headers['if-none-match']).toMatch(/^"w-/);
    expect(polls.at(-1)!.headers['if-modified-since']).toBe('Thu, 31 Oct 2024 09:00:00 GMT');
    expect(await say('/feed list', serverA)).toMatch(/last success: 31 Oct 12:16 UTC \(not modified\)/);
    expect(await metrics.text()).toMatch(/^briefbot_feed_polls_total\{outcome="not_modified"\} 1$/m);
  });

  it('a re-dated item updates its article (history kept) instead of adding a new one', async () => {
    await say(`/feed subscribe ${feedUrl('/feeds/world.xml')}`, serverA);
    sanctionsDate = 'Thu, 31 Oct 2024 07:45:00 GMT';
    minutes(16);
    await t.core.feedService.tick();
    expect(await say('/feed list', serverA)).toMatch(/2 articles[\s\S]*\(0 added, 1 updated, 1 unchanged\)/);
    const [a] = await t.core.forScope('discord:G_A').sources({ topic: 'sanctions 398 firms Harbor' });
    const article = await t.core.forScope('discord:G_A').store.getArticle(a!.id);
    expect(article?.published).toBe('2024-10-31T07:45:00.000Z');
    expect((await t.core.store.articleHistory(a!.id)).map((v) => v.published)).toEqual(['2024-10-30T14:00:00.000Z']);
  });

  it('broken XML: readable items are kept, the broken and truncated ones skipped and counted', async () => {
    const sub = await say(`/feed subscribe ${feedUrl('/feeds/broken.xml')}`, serverA);
    expect(sub).toMatch(/First read: 2 articles added, 0 updated, 2 items skipped \(broken XML\)/);
    expect(await say('/sources', serverA)).toMatch(/Port workers strike[\s\S]*Cuba braces/);
  });

  it('a failing feed backs off and shows as failing, never disabled; it recovers', async () => {
    await say(`/feed subscribe ${feedUrl('/feeds/world.xml')}`, serverA);
    worldStatus = 500;
    minutes(15);
    await t.core.feedService.tick();
    let list = await say('/feed list', serverA);
    expect(list).toMatch(/FAILING \(1 in a row, backing off\)/);
    expect(list).toMatch(/last error: 31 Oct 12:15 UTC — 127\.0\.0\.1:\d+ answered HTTP 500\./);
    expect(list).toMatch(/next poll: 31 Oct 12:45 UTC/); // twice the interval
    minutes(30);
    await t.core.feedService.tick();
    list = await say('/feed list', serverA);
    expect(list).toMatch(/FAILING \(2 in a row, backing off\)[\s\S]*next poll: 31 Oct 13:45 UTC/);
    worldStatus = 200;
    minutes(60);
    await t.core.feedService.tick();
    list = await say('/feed list', serverA);
    expect(list).toMatch(/ok · every 15 min/);
    expect(list).toMatch(/last success: 31 Oct 13:45 UTC/);
    expect(list).toMatch(/last error: 31 Oct 12:45 UTC/);
    const counted = await metrics.text();
    expect(counted).toMatch(/^briefbot_feed_polls_total\{outcome="failed"\} 2$/m);
    expect(counted).toMatch(/^briefbot_feed_polls_total\{outcome="ok"\} [1-9]/m);
  });

  it('per-feed interval; remove stops it (its articles stay)', async () => {
    await say(`/feed subscribe ${feedUrl('/feeds/ledger.atom')} every:2h`, serverA);
    expect(await say('/feed list', serverA)).toMatch(/every 2 h · 1 article[\s\S]*next poll: 31 Oct 14:00 UTC/);
    const removed = await say(`/feed remove ${feedUrl('/feeds/ledger.atom')}`, serverA);
    expect(removed).toMatch(/No longer following The Ledger — Markets \(f[0-9a-f]{6}\)\. The 1 article it brought stay/);
    expect(await say('/feed list', serverA)).toMatch(/^This server follows no feeds/m);
    expect(await say('/sources', serverA)).toMatch(/nearly 400 companies/);
    expect(await say('/feed remove f000000', serverA)).toMatch(/This server follows no feed “f000000”/);
  });

  it('two servers: a server never sees another server’s feeds or their articles', async () => {
    await say(`/feed subscribe ${feedUrl('/feeds/ledger.atom')}`, serverA);
    expect(await say('/feed list', serverB)).toMatch(/^This server follows no feeds/m);
    expect(await say('/sources', serverB)).not.toMatch(/nearly 400 companies/);
    expect(await say('/ask how many companies did Washington blacklist?', serverB)).not.toMatch(/Ledger/);
    expect(await say('/ask how many companies did Washington blacklist?', serverA)).toMatch(/nearly 400/);
    // B cannot remove A's feed by its id either.
    const id = /(f[0-9a-f]{6})/.exec(await say('/feed list', serverA))![1]!;
    expect(await say(`/feed remove ${id}`, serverB)).toMatch(/follows no feed/);
    // B may follow the same feed: its own subscription, the same stored articles now visible to B.
    expect(await say(`/feed subscribe ${feedUrl('/feeds/ledger.atom')}`, serverB)).toMatch(/Following The Ledger[\s\S]*its articles are seen in this server only/);
    expect(await say('/sources', serverB)).toMatch(/nearly 400 companies/);
  });

  it('the operator console speaks of the shared list, whose articles every workspace sees', async () => {
    const terminal = new RecordingAdapter({ platform: 'console' });
    await terminal.start((inv, responder) => dispatch(inv, responder, { commands: commandMap(commands), core: t.core, log: t.log, admins: new Set() }));
    const sayHere = async (line: string) => (await terminal.command(line, { user: 'operator', admin: true })).replies.map((r) => replyText(r.reply)).join('\n');
    try {
      const empty = await sayHere('/feed list');
      expect(empty).toMatch(/^The shared list follows no feeds\. A feed added here brings articles every workspace sees/m);
      expect(empty).not.toMatch(/workspace follows/);
      expect(await sayHere(`/feed subscribe ${feedUrl('/feeds/ledger.atom')}`)).toMatch(/its articles are seen in every workspace\./);
      expect(await sayHere(`/feed subscribe ${feedUrl('/feeds/ledger.atom')}`)).toMatch(/The shared list already follows that feed/);
      expect(await say('/sources', serverB)).toMatch(/nearly 400 companies/);
    } finally {
      await terminal.stop();
    }
  });
});

describe('parsing', () => {
  it('RSS 2.0, RSS 1.0 and Atom: titles, links, dates, full text where given', () => {
    const base = 'https://news.example';
    const rss = parseFeed(fixture(raw('world-rss2.xml'), base).replace('{{SANCTIONS_DATE}}', 'Wed, 30 Oct 2024 14:00:00 GMT'), base);
    expect(rss).toMatchObject({ format: 'rss', title: 'Harbor Wire: World', skipped: 0, salvaged: false });
    expect(rss.items.map((i) => [i.key, i.published])).toEqual([
      ['harborwire-2024-10-30-sanctions', '2024-10-30T14:00:00.000Z'],
      ['harborwire-cuba-braces', undefined],
    ]);
    expect(rss.items[1]!.html).toMatch(/Artemisa and Pinar del Río/);
    const rdf = parseFeed(fixture(raw('wire-rss1.xml'), base), base);
    expect(rdf).toMatchObject({ format: 'rdf', title: 'Wire Digest (RSS 1.0)' });
    expect(rdf.items[0]).toMatchObject({ title: 'Central bank keeps rates on hold as inflation cools', link: `${base}/digest/rates`, published: '2024-11-07T13:00:00.000Z' });
    const atom = parseFeed(fixture(raw('ledger-atom.xml'), base), base);
    expect(atom).toMatchObject({ format: 'atom', title: 'The Ledger — Markets' });
    expect(atom.items[0]).toMatchObject({ link: `${base}/markets/blacklist`, published: '2024-10-31T08:30:00.000Z', author: 'Tomas Ferreira' });
  });
});

describe('two processes, restarts', () => {
  it('two bot processes on one store poll each feed once per interval', async () => {
    await say(`/feed subscribe ${feedUrl('/feeds/wire.rdf')}`, serverA);
    const fetchers = [new SafeFetcher({ allowPrivate: true }), new SafeFetcher({ allowPrivate: true })];
    // Two more connections to the test's store (SQLite file or PostgreSQL schema), as two processes.
    const stores = [await openStores(t.location), await openStores(t.location)];
    const services = stores.map(
      (s, i) =>
        new FeedService({
          store: s.feeds,
          fetcher: fetchers[i]!,
          now: () => clock,
          log: t.log,
          ingest: (scope, input) => createCore({ store: s.articles, scheduleStore: s.schedule, feedStore: s.feeds, log: t.log, now: () => clock }).forScope(scope).ingest(input),
          instanceId: `bot-${i}`,
        }),
    );
    const before = site.hits('/feeds/wire.rdf').length;
    for (let round = 1; round <= 3; round++) {
      minutes(15);
      await Promise.all([services[0]!.tick(), services[1]!.tick(), services[0]!.tick()]);
      expect(site.hits('/feeds/wire.rdf')).toHaveLength(before + round);
    }
    for (const f of fetchers) await f.close();
    for (const s of stores) await s.articles.close();
  });

  it('polling survives a restart: the next core on the same store polls the feed when due', async () => {
    await say(`/feed subscribe ${feedUrl('/feeds/wire.rdf')}`, serverA);
    const before = site.hits('/feeds/wire.rdf').length;
    const s = await openStores(t.location);
    const next = createCore({ store: s.articles, scheduleStore: s.schedule, feedStore: s.feeds, log: t.log, now: () => clock, fetch: { allowPrivate: true } });
    minutes(20);
    await next.feedService.tick();
    expect(site.hits('/feeds/wire.rdf')).toHaveLength(before + 1);
    expect(await next.forScope('discord:G_A').feeds.list()).toMatchObject([{ lastSuccessAt: '2024-10-31T12:20:00.000Z', failures: 0 }]);
    await next.close();
  });
});
