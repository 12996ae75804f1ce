// Slack end to end: the real Bolt app (HTTP receiver) on 127.0.0.1, slash commands signed as Slack
// signs them, the Web API and response_url served by a local recorder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { readArticleFiles } from '../../../src/core/articles/files.ts';
import { defineCommand } from '../../../src/core/command.ts';
import { commandMap, dispatch, type DispatchDeps } from '../../../src/core/dispatch.ts';
import { createLogger } from '../../../src/core/log.ts';
import { bullets, heading, paragraph } from '../../../src/core/reply.ts';
import { SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { SLACK_LIMITS, type SlackBlock } from '../../../src/adapters/slack/render-blocks.ts';
import { capture } from '../../helpers/capture.ts';
import { makeTestCore, type TestCore } from '../../helpers/core.ts';
import { FakeSlack, postToBolt, slashCommandBody } from '../../helpers/fake-slack.ts';
import type { RecordedRequest } from '../../helpers/recording-server.ts';

const BOT_TOKEN = 'xoxb-1111111111-2222222222-slacktestbottoken';
const SECRET = 'slack-signing-secret-for-tests-8f3e2a';

const longread = defineCommand({
  name: 'longread',
  description: 'A reply longer than one message',
  options: {},
  run: () => ({
    title: 'Long read',
    sections: Array.from({ length: 40 }, (_, i) => [heading(`Story ${i + 1}`), bullets([`Point ${i + 1}: ${'detail '.repeat(30)}`])]).flat(),
    footer: 'End of the long read.',
  }),
});
// More than Slack's five responses per command can carry.
const huge = defineCommand({
  name: 'huge',
  description: 'A reply longer than five messages',
  options: {},
  run: () => ({ title: 'Huge', sections: Array.from({ length: 400 }, (_, i) => paragraph(`Item ${i + 1}`)) }),
});
// Work that takes as long as the test wants: the acknowledgement must not wait for it.
let release: () => void = () => {};
const slow = defineCommand({
  name: 'slow',
  description: 'Finishes when the test says so',
  options: {},
  run: async () => {
    await new Promise<void>((resolve) => (release = resolve));
    return { sections: [paragraph('finally done')] };
  },
});

let t: TestCore;
let fake: FakeSlack;
let adapter: SlackAdapter;
const logLines: string[] = [];
let n = 0;

beforeAll(async () => {
  t = await makeTestCore({ now: () => new Date('2024-11-05T18:00:00Z') });
  for await (const item of readArticleFiles(['tests/fixtures/articles/kursk-followup.md'])) if ('input' in item) await t.core.ingest(item.input);
  // The fake Web API first: Bolt calls auth.test when it starts.
  fake = await FakeSlack.start();
  const log = createLogger({ level: 'debug', secrets: [BOT_TOKEN, SECRET], write: (l) => logLines.push(l) });
  const deps: DispatchDeps = { commands: commandMap([...commands, longread, slow, huge]), core: t.core, log, admins: new Set(['slack:U0ADMIN']) };
  adapter = new SlackAdapter({ botToken: BOT_TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: fake.apiUrl, log, retries: 0 });
  await adapter.start((inv, responder) => dispatch(inv, responder, deps));
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await t?.cleanup();
});

/** Sends a signed slash command; returns Bolt's HTTP answer and the response_url id. */
async function slash(command: string, text = '', extra: { user_id?: string; channel_id?: string; secret?: string; timestampSec?: number } = {}) {
  const id = `r${++n}`;
  const body = slashCommandBody({ command, text, user_id: extra.user_id, channel_id: extra.channel_id, response_url: fake.responseUrl(id) });
  const http = await postToBolt(adapter.port!, body, { secret: extra.secret ?? SECRET, timestampSec: extra.timestampSec });
  return { id, http };
}

type Respond = { response_type: string; replace_original?: boolean; text: string; blocks: SlackBlock[] };
const msg = (r: RecordedRequest) => r.data as Respond;

function expectWithinLimits(m: Respond): void {
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  for (const b of m.blocks) {
    if (b.type === 'section' && 'text' in b) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.type === 'section' && 'fields' in b) expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
  }
}

describe('Slack end to end', () => {
  it('checks the token with auth.test on start, against SLACK_API_URL', () => {
    const auth = fake.server.matching((r) => r.path === '/api/auth.test');
    expect(auth).toHaveLength(1);
    expect(auth[0]!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('/ask: a signed command is acknowledged, and the answer arrives at the response URL in channel', async () => {
    const { id, http } = await slash('/ask', 'How many troops did North Korea send?');
    expect(http.status).toBe(200);
    const answer = msg(await fake.waitForResponse(id));
    expect(answer.response_type).toBe('in_channel');
    expect(answer.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'How many troops did North Korea send?', emoji: true } });
    const text = JSON.stringify(answer.blocks);
    expect(text).toMatch(/12,000 troops/);
    expect(answer.text).toMatch(/12,000/);
    expectWithinLimits(answer);
  });

  it('acknowledges at once even when the work is slow; the answer follows when it is done', async () => {
    const { id, http } = await slash('/slow');
    // The HTTP answer (Slack's 3-second acknowledgement) came back while the command is still running.
    expect(http.status).toBe(200);
    expect(http.ms).toBeLessThan(3000);
    expect(fake.responses(id)).toHaveLength(0);
    release();
    expect(msg(await fake.waitForResponse(id)).blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'finally done' } }]);
  });

  it('/brief: Block Kit with a fallback text and citations as links', async () => {
    const { id } = await slash('/brief');
    const m = msg(await fake.waitForResponse(id));
    expect(m.response_type).toBe('in_channel');
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Briefing' } });
    const sources = m.blocks.find((b) => b.type === 'section' && 'text' in b && b.text.text.startsWith('*Sources*')) as { text: { text: string } };
    expect(sources.text.text).toMatch(/\[\d\] <https:\/\/news\.example\.com\/world\/kursk-north-korea-units\|North Korean soldiers join Russian units near Kursk, Ukraine says> — Example Wire, 5 Nov 2024/);
    expect(m.text).toMatch(/Briefing/);
    expectWithinLimits(m);
    await capture('slack-brief.json', m);
  });

  it('a reply longer than one message is split at section boundaries into several responses', async () => {
    const { id } = await slash('/longread');
    await fake.server.waitFor((r) => r.path === `/respond/${id}` && JSON.stringify(r.data).includes('End of the long read'));
    const parts = fake.responses(id).map(msg);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expectWithinLimits(p);
      expect(p.response_type).toBe('in_channel');
    }
    const all = JSON.stringify(parts.map((p) => p.blocks));
    expect([...all.matchAll(/\*Story (\d+)\*/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Each story's heading is in the same message as its points.
    for (const p of parts) {
      const s = JSON.stringify(p.blocks);
      for (const m of s.matchAll(/\*Story (\d+)\*/g)) expect(s).toContain(`Point ${m[1]}:`);
    }
    expect(parts[1]!.blocks[0]).toMatchObject({ type: 'context' });
  });

  it('a reply longer than Slack allows per command stops at five messages and says so', async () => {
    const { id } = await slash('/huge');
    await fake.server.waitFor((r) => r.path === `/respond/${id}` && JSON.stringify(r.data).includes('too long for Slack'));
    const parts = fake.responses(id).map(msg);
    expect(parts).toHaveLength(5);
    for (const p of parts) expectWithinLimits(p);
    expect(parts[4]!.blocks.at(-1)).toMatchObject({ type: 'context' });
    expect(logLines.some((l) => l.includes('slack reply too long for one response_url'))).toBe(true);
  });

  it('/subscribe: a non-admin is refused privately and nothing is stored; a configured admin subscribes the channel', async () => {
    const refused = await slash('/subscribe', '08:00 Europe/Berlin', { user_id: 'U0ALICE', channel_id: 'C0SUB' });
    const r = msg(await fake.waitForResponse(refused.id));
    expect(r.response_type).toBe('ephemeral');
    expect(r.text).toMatch(/^\/subscribe is for admins of this bot/);
    expect(await t.core.subscriptions.status('slack', 'C0SUB')).toBeUndefined();

    const allowed = await slash('/subscribe', '08:00 Europe/Berlin', { user_id: 'U0ADMIN', channel_id: 'C0SUB' });
    const a = msg(await fake.waitForResponse(allowed.id));
    expect(a.response_type).toBe('ephemeral'); // the confirmation is for the admin
    expect(a.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Daily briefing scheduled' } });
    expect(a.blocks.some((b) => b.type === 'section' && 'fields' in b)).toBe(true);
    expect((await t.core.subscriptions.status('slack', 'C0SUB'))?.subscription).toMatchObject({ time: '08:00', timeZone: 'Europe/Berlin' });
  });

  it('a forged signature is refused with 401: nothing runs, nothing is stored', async () => {
    // /brief records "last briefing in this channel"; a forged one must not.
    const forged = await slash('/brief', '', { channel_id: 'C0FORGED', secret: 'not-the-secret' });
    expect(forged.http.status).toBe(401);
    const unsigned = await postToBolt(adapter.port!, slashCommandBody({ command: '/brief', channel_id: 'C0FORGED', response_url: fake.responseUrl('unsigned') }));
    expect(unsigned.status).toBe(401);
    // A valid command after them is answered (and stored), and the refused ones never ran.
    const real = await slash('/brief', '', { channel_id: 'C0REAL' });
    await fake.waitForResponse(real.id);
    expect(await t.core.store.getMark('brief:slack:C0REAL')).toBeDefined();
    expect(await t.core.store.getMark('brief:slack:C0FORGED')).toBeUndefined();
    expect(fake.responses(forged.id)).toHaveLength(0);
    expect(fake.responses('unsigned')).toHaveLength(0);
  });

  it('a correctly signed but stale request (replay) is refused with 401', async () => {
    const stale = await slash('/brief', '', { channel_id: 'C0STALE', timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.http.status).toBe(401);
    const after = await slash('/help');
    await fake.waitForResponse(after.id);
    expect(fake.responses(stale.id)).toHaveLength(0);
    expect(await t.core.store.getMark('brief:slack:C0STALE')).toBeUndefined();
  });

  it('a correctly signed request dated more than five minutes in the future is refused with 401; a small clock skew is fine', async () => {
    const future = await slash('/brief', '', { channel_id: 'C0FUTURE', timestampSec: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(future.http.status).toBe(401);
    const skewed = await slash('/brief', '', { channel_id: 'C0SKEW', timestampSec: Math.floor(Date.now() / 1000) + 60 });
    expect(skewed.http.status).toBe(200);
    await fake.waitForResponse(skewed.id);
    expect(fake.responses(future.id)).toHaveLength(0);
    expect(await t.core.store.getMark('brief:slack:C0FUTURE')).toBeUndefined();
    expect(logLines.some((l) => l.includes('slack request refused') && l.includes('timestamp in the future'))).toBe(true);
  });

  it('a captured request replayed inside the five-minute window is refused with 401 and runs once', async () => {
    const body = slashCommandBody({ command: '/subscribe', text: '09:00 UTC', user_id: 'U0ADMIN', channel_id: 'C0REPLAY', response_url: fake.responseUrl('replay') });
    const ts = Math.floor(Date.now() / 1000);
    const first = await postToBolt(adapter.port!, body, { secret: SECRET, timestampSec: ts });
    expect(first.status).toBe(200);
    await fake.waitForResponse('replay');
    await t.core.subscriptions.store.stopSubscription('slack', 'C0REPLAY', new Date().toISOString());
    // The same bytes and headers again, a moment later: refused, and the stopped subscription stays stopped.
    const again = await postToBolt(adapter.port!, body, { secret: SECRET, timestampSec: ts });
    expect(again.status).toBe(401);
    const after = await slash('/help');
    await fake.waitForResponse(after.id);
    expect(fake.responses('replay')).toHaveLength(1);
    expect((await t.core.subscriptions.store.getSubscription('slack', 'C0REPLAY'))?.status).toBe('stopped');
    expect(logLines.some((l) => l.includes('slack request refused') && l.includes('replayed request'))).toBe(true);
  });

  it('malformed and oversized requests are rejected cleanly and the app keeps serving', async () => {
    const garbage = 'payload=%7Bnot-json';
    const bad = await postToBolt(adapter.port!, garbage, { secret: SECRET });
    expect(bad.status).toBe(400);
    const incomplete = await postToBolt(adapter.port!, 'command=%2Fask&text=hi', { secret: SECRET });
    expect(incomplete.status).toBe(200);
    expect(logLines.some((l) => l.includes('slack slash command dropped: missing fields'))).toBe(true);
    // Bolt holds an event no listener understands for its 3-second window, then refuses it.
    const unknownType = await postToBolt(adapter.port!, JSON.stringify({ hello: 'world' }), { secret: SECRET, contentType: 'application/json' });
    expect(unknownType.status).toBe(404);
    const huge = await postToBolt(adapter.port!, `text=${'x'.repeat(300 * 1024)}`, { secret: SECRET });
    expect(huge.status).toBe(413);
    const { id } = await slash('/ask', 'Where are the North Korean troops heading?');
    expect(JSON.stringify(msg(await fake.waitForResponse(id)).blocks)).toMatch(/Kursk/);
  });

  it('over-long command text gets a short private refusal', async () => {
    const { id } = await slash('/ask', 'why '.repeat(700));
    const r = msg(await fake.waitForResponse(id));
    expect(r.response_type).toBe('ephemeral');
    expect(r.text).toMatch(/too long/);
  });

  it('an unknown command gets a private pointer to /help; /help itself is private', async () => {
    const unknown = await slash('/nosuch');
    const u = msg(await fake.waitForResponse(unknown.id));
    expect(u.response_type).toBe('ephemeral');
    expect(u.text).toContain("I don't know /nosuch");
    const help = await slash('/help');
    const h = msg(await fake.waitForResponse(help.id));
    expect(h.response_type).toBe('ephemeral');
    expect(JSON.stringify(h.blocks)).toContain('/ask how many troops did North Korea send?');
  });

  it('never writes the bot token or the signing secret to the log', () => {
    expect(logLines.length).toBeGreaterThan(5);
    const all = logLines.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SECRET);
  });
});
