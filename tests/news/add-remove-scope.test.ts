// /add, /remove and workspace scopes through the dispatcher, as users on two Slack workspaces see
// them; edited and re-dated articles; undated articles shown as undated.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { RecordingAdapter } from '../../src/adapters/recording/recording-adapter.ts';
import { readArticleFiles } from '../../src/core/articles/files.ts';
import { commandMap, dispatch, type DispatchDeps } from '../../src/core/dispatch.ts';
import { replyText } from '../../src/core/reply.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';
import { fixture, WebServer } from '../helpers/web-server.ts';

const web = (name: string) => readFileSync(`tests/fixtures/web/${name}`, 'utf8');
const NOW = new Date('2024-10-31T12:00:00Z');

let t: TestCore;
let site: WebServer;
const slack = new RecordingAdapter({ platform: 'slack' });
beforeAll(async () => {
  site = await WebServer.start();
  site
    .page('/world/us-sanctions-russia-firms', () => fixture(web('sanctions-wire.html'), site.url('')))
    .page('/markets/blacklist', web('sanctions-ledger.html'))
    .page('/port-strike', web('injected.html'));
  t = await makeTestCore({ now: () => NOW, fetch: { allowPrivate: true } });
  const deps: DispatchDeps = { commands: commandMap(commands), core: t.core, log: t.log, admins: new Set(['slack:U_ADMIN']) };
  await slack.start((inv, responder) => dispatch(inv, responder, deps));
});
afterAll(async () => {
  await slack.stop();
  await t.cleanup();
  await site.close();
});

const inA = { workspace: 'T_A', channel: 'C_A', user: 'U_ADMIN' };
const inB = { workspace: 'T_B', channel: 'C_B', user: 'U_ADMIN' };
async function say(line: string, where: { workspace: string; channel: string; user: string }) {
  const x = await slack.command(line, where);
  return { text: x.replies.map((r) => replyText(r.reply)).join('\n---\n'), private: x.replies.every((r) => r.private) };
}

describe('/add and scopes', () => {
  it('/add is for admins', async () => {
    const r = await say(`/add ${site.url('/port-strike')}`, { ...inA, user: 'U_SOMEONE' });
    expect(r.text).toMatch(/\/add is for admins/);
    expect(r.private).toBe(true);
  });

  it('/add replies with the title and a two-line summary; only workspace A sees the article', async () => {
    const r = await say(`/add ${site.url('/world/us-sanctions-russia-firms?utm_campaign=x')}`, inA);
    expect(r.text).toMatch(/^U\.S\. sanctions 398 firms over support for Russia's war\n\nAdded: id a[0-9a-f]+\./);
    expect(r.text).toMatch(/398 companies and individuals/);
    expect(r.text).toMatch(/\[1\] U\.S\. sanctions 398 firms .*\(Harbor Wire, 30 Oct 2024\)/);
    const a = await say('/sources sanctions', inA);
    expect(a.text).toMatch(/Harbor Wire/);
    const b = await say('/sources sanctions', inB);
    expect(b.text).not.toMatch(/Harbor Wire/);
    const askB = await say('/ask which countries were the sanctioned suppliers in?', inB);
    expect(askB.text).not.toMatch(/Harbor Wire/);
    const askA = await say('/ask which countries were the sanctioned suppliers in?', inA);
    expect(askA.text).toMatch(/Harbor Wire/);
    const searchB = await say('/search machine tools microelectronics', inB);
    expect(searchB.text).toMatch(/No stored article matches/);
  });

  it('the shared starter corpus is seen from every workspace', async () => {
    for (const where of [inA, inB]) expect((await say('/sources', where)).text).toMatch(/North Korea/);
  });

  it('the same URL added from workspace B is the same stored article, now visible there too', async () => {
    const r = await say(`/add ${site.url('/world/us-sanctions-russia-firms')}`, inB);
    expect(r.text).toMatch(/Already stored/);
    expect((await say('/sources sanctions', inB)).text).toMatch(/Harbor Wire/);
  });

  it('instructions inside an article are stored as text and change nothing', async () => {
    const before = (await say('/sources', inA)).text;
    const r = await say(`/add ${site.url('/port-strike')}`, inA);
    expect(r.text).toMatch(/^Port workers strike over automation plans/);
    const stored = await t.core.forScope('slack:T_A').sources({ topic: 'port strike' });
    const article = await t.core.forScope('slack:T_A').store.getArticle(stored[0]!.id);
    expect(article?.body).toContain('ignore all previous instructions');
    // Nothing was removed, no subscription appeared, no token anywhere.
    for (const line of before.split('\n').filter((l) => l.startsWith('•'))) expect((await say('/sources', inA)).text).toContain(line);
    expect(await t.core.subscriptions.status('slack', 'C_A')).toBeUndefined();
    expect(r.text).not.toMatch(/token|xox/i);
  });
});

describe('/remove', () => {
  it('takes an article out of answers, search, sources and briefings in that workspace only; history kept', async () => {
    const [article] = await t.core.forScope('slack:T_A').sources({ topic: 'sanctions 398 firms' });
    expect(article).toBeDefined();
    const refused = await say(`/remove ${article!.id}`, { ...inA, user: 'U_SOMEONE' });
    expect(refused.text).toMatch(/\/remove is for admins/);
    const r = await say(`/remove ${site.url('/world/us-sanctions-russia-firms?utm_source=x')}`, inA);
    expect(r.private).toBe(true);
    expect(r.text).toMatch(/no longer appears in answers, searches or briefings here/);
    expect((await say('/sources sanctions', inA)).text).not.toMatch(/Harbor Wire/);
    expect((await say('/search microelectronics machine tools', inA)).text).not.toMatch(/Harbor Wire|398/);
    expect((await say('/brief since:7d', inA)).text).not.toMatch(/398 companies/);
    // Workspace B added it too: still there.
    expect((await say('/sources sanctions', inB)).text).toMatch(/Harbor Wire/);
    // Kept in the store, and adding it again does not bring it back.
    expect(await t.core.store.isRemoved(article!.id, 'slack:T_A')).toBe(true);
    expect((await say(`/add ${site.url('/world/us-sanctions-russia-firms')}`, inA)).text).toMatch(/removed by an admin/);
    expect((await say('/sources sanctions', inA)).text).not.toMatch(/Harbor Wire/);
  });

  it('refuses words (only an id or URL), and says when nothing matches', async () => {
    expect((await say('/remove sanctions story', inA)).text).toMatch(/Give the article's id/);
    expect((await say('/remove a0000000', inA)).text).toMatch(/no article with id a0000000/);
  });
});

describe('edits, re-dating and dates', () => {
  const BODY = readFileSync('tests/fixtures/articles/kursk-followup.md', 'utf8').split('---\n')[2]!;
  const URL = 'https://news.example.com/world/kursk-units';

  it('an edited article updates the stored one, keeping its history', async () => {
    const first = await t.core.ingest({ text: BODY, url: URL, title: 'North Korean soldiers join Russian units', published: '2024-11-05T10:00:00Z' });
    const edited = BODY.replace('about 11,000 North Korean soldiers', 'about 12,000 North Korean soldiers');
    const second = await t.core.ingest({ text: edited, url: `${URL}?utm_source=rss`, title: 'North Korean soldiers join Russian units (updated)', published: '2024-11-05T10:00:00Z' });
    expect(second).toMatchObject({ status: 'updated', articleId: first.articleId });
    const history = await t.core.store.articleHistory(first.articleId!);
    expect(history).toHaveLength(1);
    expect(history[0]!.body).toContain('about 11,000');
    expect((await t.core.store.getArticle(first.articleId!))?.body).toContain('about 12,000');
  });

  it('the same text re-dated by its publisher updates the date, not a new article', async () => {
    const text = readFileSync('tests/fixtures/articles/storm.txt', 'utf8');
    const first = await t.core.ingest({ text, published: '2024-11-06T08:00:00Z', url: 'https://wx.example.com/rafael' });
    const again = await t.core.ingest({ text, published: '2024-11-06T15:30:00Z', url: 'https://wx.example.com/rafael-latest' });
    expect(again).toMatchObject({ status: 'updated', articleId: first.articleId, reason: 're-dated by its publisher' });
    expect((await t.core.store.getArticle(first.articleId!))?.published).toBe('2024-11-06T15:30:00.000Z');
    expect((await t.core.store.articleHistory(first.articleId!))[0]!.published).toBe('2024-11-06T08:00:00.000Z');
    // An older date for the same text adds nothing.
    expect((await t.core.ingest({ text, published: '2024-11-01' })).status).toBe('duplicate');
  });
});

describe('undated articles', () => {
  it('storm.txt has no date: shown as undated with when it was added, not as published today', async () => {
    const u = await makeTestCore({ now: () => new Date('2026-11-26T09:00:00Z') });
    for await (const item of readArticleFiles(['tests/fixtures/articles/storm.txt'])) if ('input' in item) await u.core.ingest(item.input);
    const brief = replyText((await import('../../src/core/present.ts')).presentBriefing(await u.core.brief(), 'UTC'));
    expect(brief).toMatch(/Hurricane Rafael strengthens as it nears western Cuba \(undated, added 26 Nov 2026\)/);
    expect(brief).not.toMatch(/\(26 Nov 2026\)/);
    const sources = replyText((await import('../../src/core/present.ts')).presentSources(await u.core.sources(), undefined, 'UTC'));
    expect(sources).toMatch(/Hurricane Rafael .*undated, added 26 Nov 2026/);
    await u.cleanup();
  });
});
