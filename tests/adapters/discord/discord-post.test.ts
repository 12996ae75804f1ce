// Unprompted posts (scheduled briefings) on Discord: channel messages with a nonce and
// enforce_nonce, findPosted through the channel's recent messages, bounded waits on 429, and
// errors a delivery can act on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostError } from '../../../src/adapters/chat-adapter.ts';
import { DiscordAdapter, nonceFor } from '../../../src/adapters/discord/discord-adapter.ts';
import { createLogger } from '../../../src/core/log.ts';
import { bullets, heading, paragraph, type Reply } from '../../../src/core/reply.ts';
import { APP_ID, FakeDiscord } from '../../helpers/fake-discord.ts';

const TOKEN = 'MTExMTExMTExMTExMTExMTEx.GpOsTt.discord-post-test-token-not-real-012345';
const CH = '777777777777777777';
let fake: FakeDiscord;
let adapter: DiscordAdapter;
const logLines: string[] = [];

const briefing: Reply = { title: 'Daily briefing', sections: [heading('Kursk'), bullets(['About 11,000 North Korean soldiers joined Russian units. [1]'])], footer: 'Next briefing tomorrow at 08:00.' };
const long: Reply = { title: 'Big day', sections: Array.from({ length: 12 }, (_, i) => paragraph(`Item ${i + 1}: ${'news '.repeat(400)}`)) };

beforeAll(async () => {
  fake = await FakeDiscord.start();
  fake.expectedToken = TOKEN;
  adapter = new DiscordAdapter({
    token: TOKEN,
    applicationId: APP_ID,
    apiUrl: fake.apiUrl,
    retries: 0,
    postRetry: { attempts: 3, maxWaitMs: 30_000 },
    log: createLogger({ level: 'debug', secrets: [TOKEN], write: (l) => logLines.push(l) }),
  });
  await adapter.start(async () => {});
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});
beforeEach(() => {
  fake.rateLimitNext = 0;
  fake.retryAfterSeconds = 0.01;
});

const postsTo = (ch: string) => fake.server.matching((r) => r.method === 'POST' && r.path === `/api/v10/channels/${ch}/messages`);
type Body = { nonce?: string; enforce_nonce?: boolean; embeds: { title?: string; footer?: { text: string } }[]; allowed_mentions: unknown };

describe('Discord posts', () => {
  it('posts embeds with a nonce (enforce_nonce) and a footer marker, and finds the message again', async () => {
    const ref = await adapter.post(CH, briefing, { idempotencyKey: 'sub-7:2024-11-06' });
    const body = postsTo(CH).at(-1)!.data as Body;
    const nonce = nonceFor('sub-7:2024-11-06');
    expect(body.nonce).toBe(nonce);
    expect(body.nonce!.length).toBeLessThanOrEqual(25);
    expect(body.enforce_nonce).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]!.title).toBe('Daily briefing');
    expect(body.embeds.at(-1)!.footer!.text).toBe(`Next briefing tomorrow at 08:00. · ref ${nonce}`);
    expect(ref).toMatchObject({ platform: 'discord', channel: CH });

    // Fetched messages carry no nonce (as on Discord): the footer marker finds it.
    expect(await adapter.findPosted(CH, 'sub-7:2024-11-06')).toEqual({ ...ref, parts: [{ part: 1, of: 1, id: ref.id }] });
    expect(await adapter.findPosted(CH, 'sub-7:2024-11-07')).toBeUndefined();
  });

  it('posting the same delivery again returns the first message instead of a second one', async () => {
    const first = await adapter.post('888888888888888888', briefing, { idempotencyKey: 'sub-9:2024-11-06' });
    const again = await adapter.post('888888888888888888', briefing, { idempotencyKey: 'sub-9:2024-11-06' });
    expect(again).toEqual(first);
    expect(fake.channelMessages.filter((m) => m.channel_id === '888888888888888888')).toHaveLength(1);
  });

  it('a long briefing becomes several messages, each with its own short nonce and within the limits', async () => {
    const ch = '121212121212121212';
    const ref = await adapter.post(ch, long, { idempotencyKey: 'sub-long:2024-11-06' });
    const bodies = postsTo(ch).map((r) => r.data as Body);
    expect(bodies.length).toBeGreaterThan(1);
    const nonce = nonceFor('sub-long:2024-11-06');
    expect(bodies.map((b) => b.nonce)).toEqual(bodies.map((_, i) => (i === 0 ? nonce : `${nonce}.${i}`)));
    for (const b of bodies) expect(b.nonce!.length).toBeLessThanOrEqual(25);
    // Each part carries the marker with its number, so every part is found.
    const stored = fake.channelMessages.filter((m) => m.channel_id === ch);
    expect(await adapter.findPosted(ch, 'sub-long:2024-11-06')).toEqual({ ...ref, parts: stored.map((m, i) => ({ part: i + 1, of: stored.length, id: m.id })) });
    expect(ref.id).toBe(fake.channelMessages.find((m) => m.channel_id === ch)!.id);
  });

  it('honours 429 Retry-After: waits, retries and posts once', async () => {
    const ch = '131313131313131313';
    fake.rateLimitNext = 1;
    await adapter.post(ch, briefing, { idempotencyKey: 'sub-rl:1' });
    expect(postsTo(ch)).toHaveLength(2);
    expect(fake.channelMessages.filter((m) => m.channel_id === ch)).toHaveLength(1);
    expect(logLines.some((l) => l.includes('discord rate limited; waiting'))).toBe(true);
  });

  it('gives up after the bounded attempts, and hands a long Retry-After to the caller at once', async () => {
    const ch = '141414141414141414';
    fake.rateLimitNext = 10;
    const err = (await adapter.post(ch, briefing).catch((e: unknown) => e)) as PostError;
    expect(err).toBeInstanceOf(PostError);
    expect(err.kind).toBe('rate_limited');
    expect(postsTo(ch)).toHaveLength(3);

    const ch2 = '151515151515151515';
    fake.rateLimitNext = 1;
    fake.retryAfterSeconds = 120;
    const long = (await adapter.post(ch2, briefing).catch((e: unknown) => e)) as PostError;
    expect(long.kind).toBe('rate_limited');
    expect(long.retryAfterMs).toBeGreaterThanOrEqual(120_000);
    expect(postsTo(ch2)).toHaveLength(1);
  });

  it('no access to the channel is a permanent failure', async () => {
    const err = (await adapter.post('999999999999999999', briefing).catch((e: unknown) => e)) as PostError;
    expect(err).toBeInstanceOf(PostError);
    expect(err.kind).toBe('permanent');
    expect(err.message).toContain('Missing Access');
    expect(err.message).not.toContain(TOKEN);
  });

  it('never writes the bot token to the log', () => {
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });
});
