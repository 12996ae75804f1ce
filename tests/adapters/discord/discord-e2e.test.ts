// Discord end to end: the real discord.js client against a local gateway and REST server.
// INTERACTION_CREATE → deferred reply → the edited answer, follow-ups for long replies, ephemeral
// refusals, oversized options, malformed events, and a gateway RESUME after a dropped connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArticleFiles } from '../../../src/core/articles/files.ts';
import { commands } from '../../../commands/index.ts';
import { defineCommand } from '../../../src/core/command.ts';
import { commandMap, dispatch, type DispatchDeps } from '../../../src/core/dispatch.ts';
import { createLogger } from '../../../src/core/log.ts';
import { bullets, heading } from '../../../src/core/reply.ts';
import { DiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { DISCORD_LIMITS, embedChars, type DiscordEmbed } from '../../../src/adapters/discord/render-embeds.ts';
import { makeTestCore, type TestCore } from '../../helpers/core.ts';
import { APP_ID, CHANNEL_ID, chatInputInteraction, FakeDiscord, PERMS_MANAGER, type InteractionSpec } from '../../helpers/fake-discord.ts';
import type { RecordedRequest } from '../../helpers/recording-server.ts';
import { capture } from '../../helpers/capture.ts';

const TOKEN = 'MTExMTExMTExMTExMTExMTEx.GfAkEt.discord-test-token-not-real-0123456789';
const EPHEMERAL = 64;

// Stories enough that no single message holds them: the split path with real rendering.
const longread = defineCommand({
  name: 'longread',
  description: 'A reply longer than one message',
  options: {},
  run: () => ({
    title: 'Long read',
    sections: Array.from({ length: 30 }, (_, i) => [heading(`Story ${i + 1}`), bullets([`Point ${i + 1}: ${'detail '.repeat(60)}`, `More on ${i + 1}: ${'context '.repeat(40)}`])]).flat(),
    footer: 'End of the long read.',
  }),
});

let t: TestCore;
let fake: FakeDiscord;
let adapter: DiscordAdapter;
const logLines: string[] = [];

beforeAll(async () => {
  t = await makeTestCore({ now: () => new Date('2024-11-05T18:00:00Z') });
  // A second article, with a URL, so citations become links.
  for await (const item of readArticleFiles(['tests/fixtures/articles/kursk-followup.md'])) if ('input' in item) await t.core.ingest(item.input);
  fake = await FakeDiscord.start();
  fake.expectedToken = TOKEN;
  const log = createLogger({ level: 'debug', secrets: [TOKEN], write: (l) => logLines.push(l) });
  const deps: DispatchDeps = { commands: commandMap([...commands, longread]), core: t.core, log, admins: new Set(['discord:555555555555555555']) };
  adapter = new DiscordAdapter({ token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, log, retries: 0, readyTimeoutMs: 10_000 });
  await adapter.start((inv, responder) => dispatch(inv, responder, deps));
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await t?.cleanup();
});

/** Sends an interaction and waits until the bot has answered it (edit, or delete + follow-up). */
async function interact(spec: InteractionSpec, done: (r: ReturnType<FakeDiscord['interactionRequests']>) => boolean) {
  const i = chatInputInteraction(spec);
  fake.dispatch('INTERACTION_CREATE', i);
  await fake.server.waitFor(() => done(fake.interactionRequests(i.token)));
  return { interaction: i, ...fake.interactionRequests(i.token) };
}

const edited = (r: ReturnType<FakeDiscord['interactionRequests']>) => r.edits.length > 0;
const embedsOf = (r: RecordedRequest) => ((r.data as { embeds?: DiscordEmbed[] }).embeds ?? []) as DiscordEmbed[];

describe('Discord end to end', () => {
  it('identifies on the gateway with the token and the Guilds intent only', () => {
    const identify = fake.connections[0]!.received.find((p) => p.op === 2)!.d as { token: string; intents: number; compress?: boolean };
    expect(identify.token).toBe(TOKEN);
    expect(identify.intents).toBe(1);
    expect(identify.compress).toBe(false);
  });

  it('/ask: deferred at once, then the edited answer with the quoted source', async () => {
    const r = await interact({ name: 'ask', options: [{ name: 'question', type: 3, value: 'How many troops did North Korea send?' }] }, edited);
    expect(r.callback).toHaveLength(1);
    expect(r.callback[0]!.data).toMatchObject({ type: 5, data: { flags: 0 } });
    const embeds = embedsOf(r.edits[0]!);
    expect(embeds[0]!.title).toBe('How many troops did North Korea send?');
    expect(embeds[0]!.description).toMatch(/12,000 troops/);
    // The source sentence is quoted with its citation marker, and the source listed.
    expect(embeds[0]!.description).toMatch(/^> .*12,000 troops to Russia\. \[1\]$/m);
    expect(embeds[0]!.description).toMatch(/\*\*Sources\*\*\n\[1\] North Korean troops in Russian uniforms/);
    expect(r.followUps).toHaveLength(0);
  });

  it('text from users and articles never pings: every edit and follow-up carries allowed_mentions with nothing to parse', async () => {
    const pings = '@everyone @here <@123456789012345678> <@&223456789012345678> how many troops?';
    const asked = await interact({ name: 'ask', options: [{ name: 'question', type: 3, value: pings }] }, edited);
    const long = await interact({ name: 'longread' }, (x) => x.edits.length > 0 && JSON.stringify(x.followUps.at(-1)?.data ?? '').includes('End of the long read'));
    const refused = await interact({ name: 'summary', options: [{ name: 'article', type: 3, value: '@everyone zzzz qqqq' }] }, (x) => x.edits.length + x.followUps.length > 0);
    const sent = [asked.edits, long.edits, long.followUps, refused.edits, refused.followUps].flat();
    expect(JSON.stringify(asked.edits[0]!.data)).toContain('@everyone');
    expect(sent.length).toBeGreaterThan(3);
    for (const m of sent) expect((m.data as { allowed_mentions?: unknown }).allowed_mentions, `${m.method} ${m.path}`).toEqual({ parse: [] });
  });

  it('/brief: the briefing as embeds, every citation a link, within every limit', async () => {
    const r = await interact({ name: 'brief' }, edited);
    expect(r.callback[0]!.data).toMatchObject({ type: 5 });
    const embeds = embedsOf(r.edits[0]!);
    expect(embeds[0]!.title).toBe('Briefing');
    const all = embeds.map((e) => e.description ?? '').join('\n');
    expect(all).toMatch(/Kursk/);
    expect(all).toMatch(/\[\d\] \[North Korean soldiers join Russian units near Kursk, Ukraine says\]\(https:\/\/news\.example\.com\/world\/kursk-north-korea-units\)/);
    expectWithinLimits(r.edits[0]!);
    await capture('discord-brief.json', r.edits[0]!.data);
  });

  it('a reply longer than one message: the edit plus public follow-ups, each within the limits', async () => {
    const r = await interact({ name: 'longread' }, (x) => x.edits.length > 0 && x.followUps.length > 0 && JSON.stringify(x.followUps.at(-1)!.data).includes('End of the long read'));
    const messages = [r.edits[0]!, ...r.followUps];
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expectWithinLimits(m);
    for (const f of r.followUps) expect(((f.data as { flags?: number }).flags ?? 0) & EPHEMERAL).toBe(0);
    const text = messages.map((m) => JSON.stringify(m.data)).join('');
    // Every story arrives, in order, exactly once.
    const order = [...text.matchAll(/Story (\d+)/g)].map((m) => Number(m[1]));
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(embedsOf(r.followUps[0]!)[0]!.title).toBe('Long read (continued)');
  });

  it('/subscribe by a non-admin is refused privately (ephemeral from the first moment) and stores nothing', async () => {
    const r = await interact({ name: 'subscribe', options: [{ name: 'time', type: 3, value: '08:00' }, { name: 'timezone', type: 3, value: 'Europe/Berlin' }] }, edited);
    expect(r.callback[0]!.data).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect((r.edits[0]!.data as { content: string }).content).toMatch(/^\/subscribe is for admins of this bot/);
    expect(r.deletes).toHaveLength(0);
    expect(r.followUps).toHaveLength(0);
    expect(await t.core.subscriptions.status('discord', CHANNEL_ID)).toBeUndefined();
  });

  it('Manage Server subscribes the channel (private confirmation with fields); a BRIEFBOT_ADMINS user unsubscribes it', async () => {
    const sub = await interact(
      { name: 'subscribe', permissions: PERMS_MANAGER, options: [{ name: 'time', type: 3, value: '08:00' }, { name: 'timezone', type: 3, value: 'Europe/Berlin' }] },
      edited,
    );
    // Deferred ephemerally from the start, since /subscribe always answers privately.
    expect(sub.callback[0]!.data).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(sub.deletes).toHaveLength(0);
    const confirmation = sub.edits[0]!.data as { embeds: DiscordEmbed[] };
    expect(confirmation.embeds[0]!.title).toBe('Daily briefing scheduled');
    expect(confirmation.embeds[0]!.fields!.length).toBeGreaterThan(0);
    expect((await t.core.subscriptions.status('discord', CHANNEL_ID))?.subscription).toMatchObject({ time: '08:00', timeZone: 'Europe/Berlin' });

    await interact({ name: 'unsubscribe', userId: '555555555555555555' }, (x) => x.edits.length + x.followUps.length > 0);
    expect((await t.core.subscriptions.status('discord', CHANNEL_ID))?.subscription.status).toBe('stopped');
  });

  it('an option over its max_length gets a short private refusal', async () => {
    const r = await interact({ name: 'ask', options: [{ name: 'question', type: 3, value: 'why '.repeat(200) }] }, edited);
    expect(r.callback[0]!.data).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect((r.edits[0]!.data as { content: string }).content).toBe('question is too long (at most 500 characters).');
  });

  it('an unknown command gets a private pointer to /help', async () => {
    const r = await interact({ name: 'nosuch' }, (x) => x.edits.length + x.followUps.length > 0);
    expect(r.callback[0]!.data).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(JSON.stringify(r.edits[0]!.data)).toContain("I don't know /nosuch");
  });

  it('a refusal found only while running (no such article) replaces the public placeholder with a private message', async () => {
    const r = await interact({ name: 'summary', options: [{ name: 'article', type: 3, value: 'volcano eruption iceland' }] }, (x) => x.followUps.length > 0);
    expect(r.callback[0]!.data).toMatchObject({ type: 5, data: { flags: 0 } });
    expect(r.deletes).toHaveLength(1);
    expect((r.followUps[0]!.data as { flags: number }).flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(r.followUps[0]!.data)).toContain('No stored article matches');
  });

  it('/help is deferred privately and answered privately, with no public placeholder', async () => {
    const r = await interact({ name: 'help' }, edited);
    expect(r.callback[0]!.data).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(r.deletes).toHaveLength(0);
    expect(JSON.stringify(r.edits[0]!.data)).toContain('What I can do');
  });

  it('malformed gateway events are dropped (logged) and the bot keeps serving', async () => {
    fake.dispatch('INTERACTION_CREATE', { id: '1', type: 2 });
    fake.dispatch('INTERACTION_CREATE', { type: 99, id: '2', token: 'x', entitlements: [] });
    fake.dispatch('NOT_A_REAL_EVENT', null);
    const r = await interact({ name: 'ask', options: [{ name: 'question', type: 3, value: 'How many firms were sanctioned?' }] }, edited);
    expect(JSON.stringify(r.edits[0]!.data)).toMatch(/398/);
    expect(logLines.some((l) => l.includes('discord gateway event dropped: malformed'))).toBe(true);
  });

  it('a dropped gateway connection is resumed (RESUME, not a new IDENTIFY) and commands keep working', async () => {
    const before = fake.connections.length;
    const seqBefore = lastSeq();
    fake.dropConnection(4000);
    const conn = await fake.waitForPayload((p, c) => p.op === 6 && fake.connections.indexOf(c) >= before);
    const resume = conn.received.find((p) => p.op === 6)!.d as { token: string; session_id: string; seq: number };
    expect(conn.path).toBe('/resume');
    expect(resume.session_id).toBe(fake.sessionId);
    expect(resume.seq).toBe(seqBefore);
    expect(conn.received.some((p) => p.op === 2)).toBe(false);
    expect(conn.sent.some((p) => p.t === 'RESUMED')).toBe(true);
    const r = await interact({ name: 'ask', options: [{ name: 'question', type: 3, value: 'Where are the North Korean troops heading?' }] }, edited);
    expect(JSON.stringify(r.edits[0]!.data)).toMatch(/Kursk/);
  });

  it('never writes the bot token to the log', () => {
    expect(logLines.length).toBeGreaterThan(5);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });
});

function expectWithinLimits(m: RecordedRequest): void {
  const d = m.data as { content?: string; embeds?: DiscordEmbed[] };
  const embeds = d.embeds ?? [];
  expect((d.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  expect(embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.totalPerMessage);
  for (const e of embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
  }
}

function lastSeq(): number {
  // The sequence of the last dispatch the fake sent: what a RESUME must carry.
  let s = 0;
  for (const c of fake.connections) for (const p of c.sent) if (typeof p.s === 'number') s = Math.max(s, p.s);
  return s;
}

