// Unprompted posts (scheduled briefings) on Slack: chat.postMessage with the delivery id as message
// metadata, findPosted through conversations.history, bounded waits on 429, and errors a delivery
// can act on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostError } from '../../../src/adapters/chat-adapter.ts';
import { DELIVERY_EVENT, SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { createLogger } from '../../../src/core/log.ts';
import { bullets, heading, paragraph, type Reply } from '../../../src/core/reply.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';

const BOT_TOKEN = 'xoxb-1111111111-3333333333-slackposttesttoken';
let fake: FakeSlack;
let adapter: SlackAdapter;
const logLines: string[] = [];

const briefing: Reply = { title: 'Daily briefing', sections: [heading('Kursk'), bullets(['About 11,000 North Korean soldiers joined Russian units. [1]'])], footer: 'Next briefing tomorrow at 08:00.' };
const long: Reply = { title: 'Big day', sections: Array.from({ length: 60 }, (_, i) => paragraph(`Item ${i + 1}`)) };

beforeAll(async () => {
  fake = await FakeSlack.start();
  adapter = new SlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: 'secret-for-post-tests',
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    retries: 0,
    postRetry: { attempts: 3, maxWaitMs: 30_000 },
    log: createLogger({ level: 'debug', secrets: [BOT_TOKEN], write: (l) => logLines.push(l) }),
  });
  await adapter.start(async () => {});
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});
beforeEach(() => {
  fake.rateLimitNext = 0;
  fake.retryAfterSeconds = 0;
});

const postCalls = () => fake.server.matching((r) => r.path === '/api/chat.postMessage');

describe('Slack posts', () => {
  it('posts Block Kit with the delivery id as message metadata, and finds it again', async () => {
    const ref = await adapter.post('C0NEWS', briefing, { idempotencyKey: 'sub-7:2024-11-06' });
    expect(ref).toMatchObject({ platform: 'slack', channel: 'C0NEWS' });
    const posted = fake.posted.find((m) => m.ts === ref.id)!;
    expect(posted.metadata).toEqual({ event_type: DELIVERY_EVENT, event_payload: { delivery_id: 'sub-7:2024-11-06', part: 1, parts: 1 } });
    expect(posted.text).toMatch(/Daily briefing/);
    expect(posted.blocks[0]).toMatchObject({ type: 'header' });

    expect(await adapter.findPosted('C0NEWS', 'sub-7:2024-11-06')).toEqual({ ...ref, parts: [{ part: 1, of: 1, id: ref.id }] });
    expect(await adapter.findPosted('C0NEWS', 'sub-7:2024-11-07')).toBeUndefined();
    expect(await adapter.findPosted('C0OTHER', 'sub-7:2024-11-06')).toBeUndefined();
    const history = fake.server.matching((r) => r.path === '/api/conversations.history').at(-1)!;
    expect((history.data as Record<string, string>).include_all_metadata).toBe('true');
  });

  it('a delivery retried after a crash finds its message instead of posting twice', async () => {
    const deliver = async () => (await adapter.findPosted('C0RETRY', 'sub-9:2024-11-06')) ?? (await adapter.post('C0RETRY', briefing, { idempotencyKey: 'sub-9:2024-11-06' }));
    const first = await deliver();
    const second = await deliver();
    expect(second).toMatchObject(first);
    expect(fake.posted.filter((m) => m.channel === 'C0RETRY')).toHaveLength(1);
  });

  it('a long briefing becomes several messages; findPosted returns the first and every part', async () => {
    const ref = await adapter.post('C0LONG', long, { idempotencyKey: 'sub-long:1' });
    const parts = fake.posted.filter((m) => m.channel === 'C0LONG');
    expect(parts.length).toBe(2);
    expect(parts.map((p) => p.metadata?.event_payload)).toEqual([
      { delivery_id: 'sub-long:1', part: 1, parts: 2 },
      { delivery_id: 'sub-long:1', part: 2, parts: 2 },
    ]);
    for (const p of parts) expect(p.blocks.length).toBeLessThanOrEqual(50);
    expect(ref.id).toBe(parts[0]!.ts);
    // Every part is found, each with its own message.
    expect(await adapter.findPosted('C0LONG', 'sub-long:1')).toEqual({ ...ref, parts: parts.map((p, i) => ({ part: i + 1, of: 2, id: p.ts })) });
  });

  it('honours 429 Retry-After: waits, retries and posts once', async () => {
    fake.rateLimitNext = 1;
    const before = postCalls().length;
    const ref = await adapter.post('C0RL', briefing, { idempotencyKey: 'sub-rl:1' });
    expect(postCalls().length - before).toBe(2);
    expect(fake.posted.filter((m) => m.channel === 'C0RL').map((m) => m.ts)).toEqual([ref.id]);
    expect(logLines.some((l) => l.includes('slack rate limited; waiting'))).toBe(true);
  });

  it('gives up after the bounded attempts with a rate_limited PostError', async () => {
    fake.rateLimitNext = 10;
    const before = postCalls().length;
    const err = await adapter.post('C0RL2', briefing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as PostError).kind).toBe('rate_limited');
    expect(postCalls().length - before).toBe(3);
    expect(fake.posted.filter((m) => m.channel === 'C0RL2')).toHaveLength(0);
  });

  it('does not sit out a long Retry-After: hands it to the caller at once', async () => {
    fake.rateLimitNext = 1;
    fake.retryAfterSeconds = 120;
    const before = postCalls().length;
    const err = (await adapter.post('C0RL3', briefing).catch((e: unknown) => e)) as PostError;
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(120_000);
    expect(postCalls().length - before).toBe(1);
  });

  it('a channel that is gone is a permanent failure', async () => {
    const err = (await adapter.post('C_GONE', briefing).catch((e: unknown) => e)) as PostError;
    expect(err).toBeInstanceOf(PostError);
    expect(err.kind).toBe('permanent');
    expect(err.message).toContain('channel_not_found');
    expect(err.message).not.toContain(BOT_TOKEN);
  });
});
