// Live news end to end on both platforms, through the real SDKs against the local fakes: an
// article added on day one and briefed; on day two a feed brings another source's version of the
// story (nearly 400 companies, not 398) and the publisher edits and re-dates the first. /feed list
// and the day-two briefing, as Slack (Block Kit) and Discord (embeds) render them, are captured
// for docs/news.md when BRIEFBOT_CAPTURE_DIR is set.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.ts';
import type { DiscordEmbed } from '../../src/adapters/discord/render-embeds.ts';
import type { SlackBlock } from '../../src/adapters/slack/render-blocks.ts';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import { commandMap, dispatch, type DispatchDeps } from '../../src/core/dispatch.ts';
import { createLogger } from '../../src/core/log.ts';
import { capture } from '../helpers/capture.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';
import { APP_ID, chatInputInteraction, FakeDiscord, PERMS_MANAGER, type InteractionSpec } from '../helpers/fake-discord.ts';
import { FakeSlack, postToBolt, slashCommandBody } from '../helpers/fake-slack.ts';
import { fixture, WebServer } from '../helpers/web-server.ts';

const SLACK_TOKEN = 'xoxb-1111111111-2222222222-slacktestbottoken';
const SECRET = 'slack-signing-secret-for-tests-8f3e2a';
const DISCORD_TOKEN = 'MTExMTExMTExMTExMTExMTEx.GfAkEt.discord-test-token-not-real-0123456789';
const raw = (name: string) => readFileSync(`tests/fixtures/web/${name}`, 'utf8');

let clock = new Date('2024-10-30T16:00:00Z');
let wireVersion = 'sanctions-wire.html';
let t: TestCore;
let site: WebServer;
let slackFake: FakeSlack;
let slack: SlackAdapter;
let discordFake: FakeDiscord;
let discord: DiscordAdapter;
let n = 0;

beforeAll(async () => {
  site = await WebServer.start();
  site
    .page('/world/us-sanctions-russia-firms', () => fixture(raw(wireVersion), site.url('')))
    .page('/feeds/ledger.atom', () => fixture(raw('ledger-atom.xml'), site.url('')), 'application/atom+xml')
    .page('/markets/blacklist', raw('sanctions-ledger.html'));
  t = await makeTestCore({ now: () => clock, fetch: { allowPrivate: true } });
  const log = createLogger({ level: 'warn', secrets: [SLACK_TOKEN, SECRET, DISCORD_TOKEN], write: () => undefined });
  const deps: DispatchDeps = { commands: commandMap(commands), core: t.core, log, admins: new Set(['slack:U0ADMIN']) };
  slackFake = await FakeSlack.start();
  slack = new SlackAdapter({ botToken: SLACK_TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: slackFake.apiUrl, log, retries: 0 });
  await slack.start((inv, r) => dispatch(inv, r, deps));
  discordFake = await DiscordFake();
  discord = new DiscordAdapter({ token: DISCORD_TOKEN, applicationId: APP_ID, apiUrl: discordFake.apiUrl, log, retries: 0, readyTimeoutMs: 10_000 });
  await discord.start((inv, r) => dispatch(inv, r, deps));
});

async function DiscordFake() {
  const f = await FakeDiscord.start();
  f.expectedToken = DISCORD_TOKEN;
  return f;
}

afterAll(async () => {
  await slack?.stop();
  await discord?.stop();
  await slackFake?.close();
  await discordFake?.close();
  await t?.cleanup();
  await site?.close();
});

type Respond = { response_type: string; text: string; blocks: SlackBlock[] };
async function onSlack(command: string, text = ''): Promise<Respond> {
  const id = `news${++n}`;
  const body = slashCommandBody({ command, text, user_id: 'U0ADMIN', response_url: slackFake.responseUrl(id) });
  expect((await postToBolt(slack.port!, body, { secret: SECRET })).status).toBe(200);
  return (await slackFake.waitForResponse(id, 20_000)).data as Respond;
}

async function onDiscord(name: string, options: unknown[] = []): Promise<DiscordEmbed[]> {
  const i = chatInputInteraction({ name, options: options as InteractionSpec['options'], permissions: PERMS_MANAGER });
  discordFake.dispatch('INTERACTION_CREATE', i);
  await discordFake.server.waitFor((r) => r.method === 'PATCH' && r.path.includes(`/${i.token}/`), 20_000);
  const edit = discordFake.interactionRequests(i.token).edits[0]!;
  return ((edit.data as { embeds?: DiscordEmbed[] }).embeds ?? []) as DiscordEmbed[];
}

const slackText = (m: Respond) => JSON.stringify(m.blocks);
const discordText = (e: DiscordEmbed[]) => JSON.stringify(e);
const sub = (verb: string, options: unknown[] = []) => [{ name: verb, type: 1, options }];
const wireUrl = () => site.url('/world/us-sanctions-russia-firms?utm_source=newsletter');

describe('live news on Slack and Discord', () => {
  it('day one: /add, then a briefing in each workspace', async () => {
    const added = await onSlack('/add', wireUrl());
    expect(slackText(added)).toMatch(/U\.S\. sanctions 398 firms over support for Russia's war/);
    expect(slackText(added)).toMatch(/Added: id a[0-9a-f]+/);
    expect(discordText(await onDiscord('add', [{ name: 'url', type: 3, value: wireUrl() }]))).toMatch(/Already stored/);
    expect(slackText(await onSlack('/brief', 'since:48h'))).toMatch(/398 companies/);
    expect(discordText(await onDiscord('brief', [{ name: 'since', type: 3, value: '48h' }]))).toMatch(/398 companies/);
  });

  it('day two: a feed brings another source, the publisher edits and re-dates; /feed list on both', async () => {
    clock = new Date('2024-10-31T12:00:00Z');
    wireVersion = 'sanctions-wire-v2.html';
    const followed = await onSlack('/feed', `subscribe ${site.url('/feeds/ledger.atom')}`);
    expect(slackText(followed)).toMatch(/Following The Ledger — Markets/);
    expect(followed.response_type).toBe('ephemeral');
    expect(discordText(await onDiscord('feed', sub('subscribe', [{ name: 'feed', type: 3, value: site.url('/feeds/ledger.atom') }])))).toMatch(/Following The Ledger/);
    expect(slackText(await onSlack('/add', wireUrl()))).toMatch(/Updated an article I already had \(re-dated and edited by its publisher\)/);

    clock = new Date('2024-10-31T12:05:00Z');
    const slackList = await onSlack('/feed', 'list');
    await capture('news-slack-feed-list.json', slackList);
    expect(slackText(slackList)).toMatch(/The Ledger — Markets/);
    expect(slackText(slackList)).toMatch(/ok · every 15 min · 1 article/);
    expect(slackText(slackList)).toMatch(/next poll: 31 Oct 12:15 UTC/);
    const discordList = await onDiscord('feed', sub('list'));
    await capture('news-discord-feed-list.json', discordList);
    expect(discordText(discordList)).toMatch(/last success: 31 Oct 12:00 UTC/);
  });

  it('day two briefing: the story once, what is new and updated since day one, and both figures with their sources', async () => {
    const slackBrief = await onSlack('/brief', 'since:48h');
    await capture('news-slack-briefing.json', slackBrief);
    const s = slackText(slackBrief);
    expect(s.match(/U\.S\. sanctions 398 firms over support for Russia's war \(/g) ?? []).toHaveLength(1);
    expect(s).toMatch(/Updated: China's foreign ministry on Thursday protested/);
    expect(s).toMatch(/New: Washington blacklisted nearly 400 companies/);
    expect(s).toMatch(/Sources differ: 398 (companies|firms) \[\d\] vs nearly 400 companies \[\d\]/);
    const discordBrief = await onDiscord('brief', [{ name: 'since', type: 3, value: '48h' }]);
    await capture('news-discord-briefing.json', discordBrief);
    const d = discordText(discordBrief);
    expect(d).toMatch(/Updated: China's foreign ministry/);
    expect(d).toMatch(/Sources differ: 398 (companies|firms) \[\d\] vs nearly 400 companies \[\d\]/);
  });
});
