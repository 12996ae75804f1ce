// Platform failures: 429 waits for Retry-After, 5xx and network errors retry with bounded
// backoff, a channel the bot can no longer post to is marked failing and left alone, and many
// briefings due at the same minute go out concurrently within each platform's limit.
import { afterEach, describe, expect, it } from 'vitest';
import { PostError } from '../../src/adapters/chat-adapter.ts';
import { RecordingAdapter } from '../../src/adapters/recording/recording-adapter.ts';
import { deliveryKey } from '../../src/core/schedule/scheduler.ts';
import { ScheduleHarness } from '../helpers/schedule.ts';

let h: ScheduleHarness;
afterEach(() => h.cleanup());

const gaps = (adapter: RecordingAdapter) => adapter.attempts.slice(1).map((a, i) => a.at.getTime() - adapter.attempts[i]!.at.getTime());

describe('platform failures', () => {
  it('429 with Retry-After: the next attempt is not made before it, then the briefing is posted once', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    const bot = await h.start();
    const sub = await h.subscribe(bot, 'C1', '08:00', 'UTC');
    h.adapter.failNext(2, () => new PostError('ratelimited', 'rate_limited', 42_000));
    h.clock.set('2025-05-12T08:00:00Z');
    expect(await h.tick(bot)).toMatchObject({ posted: 1 });
    expect(h.adapter.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'posted']);
    expect(gaps(h.adapter)).toEqual([42_000, 42_000]);
    expect(await bot.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({ state: 'posted', attempts: 3 });
  });

  it('a 429 pauses the whole platform lane, not just the post that got it', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    const bot = await h.start({ options: { concurrency: { slack: 1 } } });
    await h.subscribe(bot, 'C1', '08:00', 'UTC');
    await h.subscribe(bot, 'C2', '08:00', 'UTC');
    h.adapter.failNext(1, new PostError('ratelimited', 'rate_limited', 30_000));
    h.clock.set('2025-05-12T08:00:00Z');
    await h.tick(bot);
    // One lane slot: the first post got the 429; the other waited out the same pause.
    expect(h.adapter.attempts.map((a) => [a.outcome, a.at.toISOString()])).toEqual([
      ['failed', '2025-05-12T08:00:00.000Z'],
      ['posted', '2025-05-12T08:00:30.000Z'],
      ['posted', '2025-05-12T08:00:30.000Z'],
    ]);
    expect(h.adapter.messages.map((m) => m.channel).sort()).toEqual(['C1', 'C2']);
  });

  it('5xx and network errors are retried with bounded, growing backoff, then recorded as failed and shown', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    const bot = await h.start();
    const sub = await h.subscribe(bot, 'C1', '08:00', 'UTC');
    h.adapter.failNext(3, () => new PostError('HTTP 503 from platform', 'transient'));
    h.adapter.failNext(2, () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    h.clock.set('2025-05-12T08:00:00Z');
    expect(await h.tick(bot)).toMatchObject({ posted: 0, failed: 1 });
    expect(h.adapter.attempts).toHaveLength(5);
    expect(gaps(h.adapter)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(await bot.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({
      state: 'failed',
      error: 'gave up after 5 attempts: socket hang up',
    });
    // Not retried again that day, but the subscription stays active and tomorrow is tried.
    h.clock.set('2025-05-12T08:05:00Z');
    await h.tick(bot);
    expect(h.adapter.attempts).toHaveLength(5);
    expect((await bot.core.subscriptions.status('slack', 'C1'))!.subscription).toMatchObject({ status: 'active', lastError: 'gave up after 5 attempts: socket hang up' });
    h.clock.set('2025-05-13T08:00:00Z');
    expect(await h.tick(bot)).toMatchObject({ posted: 1 });
    expect((await bot.core.subscriptions.store.getSubscriptionById(sub.id))!.lastError).toBeNull();
  });

  it('a transient failure that actually reached the platform is found before retrying, not posted twice', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    let first = true;
    const flaky = {
      post: async (...args: Parameters<RecordingAdapter['post']>) => {
        const ref = await h.adapter.post(...args);
        if (first) {
          first = false;
          throw new PostError('connection reset after the request was sent', 'transient');
        }
        return ref;
      },
      findPosted: (channel: string, key: string) => h.adapter.findPosted!(channel, key),
    };
    const bot = await h.start({ posters: new Map([['slack', flaky]]) });
    await h.subscribe(bot, 'C1', '08:00', 'UTC');
    h.clock.set('2025-05-12T08:00:00Z');
    expect(await h.tick(bot)).toMatchObject({ posted: 1 });
    expect(h.adapter.attempts).toHaveLength(1);
    expect(h.adapter.messagesIn('C1')).toHaveLength(1);
  });

  it('a channel the bot can no longer post to is marked failing after one attempt and not retried', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    const bot = await h.start();
    const sub = await h.subscribe(bot, 'C1', '08:00', 'UTC');
    await h.subscribe(bot, 'C2', '08:00', 'UTC');
    h.adapter.failChannel('C1', new PostError('not_in_channel', 'permanent'));
    h.clock.set('2025-05-12T08:00:00Z');
    expect(await h.tick(bot)).toMatchObject({ posted: 1, failed: 1 });
    for (const day of ['2025-05-13', '2025-05-14']) {
      h.clock.set(`${day}T08:00:00Z`);
      await h.tick(bot);
    }
    expect(h.adapter.attempts.filter((a) => a.channel === 'C1')).toHaveLength(1);
    expect(h.adapter.messagesIn('C2')).toHaveLength(3);
    expect(await bot.core.subscriptions.store.getSubscriptionById(sub.id)).toMatchObject({
      status: 'failing',
      failingReason: 'not_in_channel',
      failingSince: '2025-05-12T08:00:00.000Z',
    });
  });
});

describe('fan-out', () => {
  it('50 briefings due at the same minute go out concurrently, within each platform’s limit', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z', { latencyMs: 1_000 });
    const discord = new RecordingAdapter({ platform: 'discord', now: h.clock.now, latency: { ms: 1_000, sleep: (ms) => h.clock.sleep(ms) } });
    const bot = await h.start({
      options: { concurrency: { slack: 4, discord: 8 } },
      posters: new Map<string, RecordingAdapter>([
        ['slack', h.adapter],
        ['discord', discord],
      ]),
    });
    for (let i = 0; i < 50; i++) {
      await h.subscribe(bot, `C${i}`, '08:00', 'UTC');
      await bot.core.subscriptions.subscribe({ platform: 'discord', channelId: `D${i}`, time: '08:00', timeZone: 'UTC' });
    }
    h.clock.set('2025-05-12T08:00:00Z');
    const report = await h.tick(bot);
    expect(report.posted).toBe(100);
    expect(h.adapter.maxInFlight).toBe(4);
    expect(discord.maxInFlight).toBe(8);
    expect(bot.scheduler.lane('slack').maxActive).toBe(4);
    // With one second of platform latency per post: 50/4 → 13 s for Slack instead of 50 s one after another.
    const last = (a: RecordingAdapter) => Math.max(...a.messages.map((m) => m.at.getTime())) - Date.parse('2025-05-12T08:00:00Z');
    expect(last(h.adapter)).toBe(13_000);
    expect(last(discord)).toBe(7_000);
    expect(new Set(h.adapter.messages.map((m) => m.channel)).size).toBe(50);
  });
});
