// A channel gets each day's briefing once: two ticks, crashes between claim/post/mark, and two
// processes on the same database file never make a second post.
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryKey } from '../../src/core/schedule/scheduler.ts';
import { settle } from '../helpers/fake-clock.ts';
import { ScheduleHarness } from '../helpers/schedule.ts';

let h: ScheduleHarness;
afterEach(() => h.cleanup());

describe('exactly once', () => {
  it('two ticks in the same minute post one briefing', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    const bot = await h.start();
    const sub = await h.subscribe(bot, 'C1', '08:00', 'UTC');

    h.clock.set('2025-05-12T08:00:00Z');
    const reports = await h.clock.run(Promise.all([bot.scheduler.tick(), bot.scheduler.tick()]));
    h.clock.set('2025-05-12T08:00:40Z');
    await h.tick(bot);

    expect(reports.map((r) => r.posted).sort()).toEqual([0, 1]);
    expect(h.adapter.attempts).toHaveLength(1);
    expect(h.adapter.messagesIn('C1')).toHaveLength(1);
    const [d] = await bot.core.subscriptions.store.deliveriesOf(sub.id);
    expect(d).toMatchObject({ state: 'posted', localDate: '2025-05-12', messageId: 'm1', late: false });
    expect(h.adapter.messages[0]!.idempotencyKey).toBe(deliveryKey(sub.id, '2025-05-12'));
  });

  it('nothing is due before the time, and the next day is due again', async () => {
    h = ScheduleHarness.create('2025-05-12T06:00:00Z');
    const bot = await h.start();
    await h.subscribe(bot, 'C1', '08:00', 'UTC');
    h.clock.set('2025-05-12T07:59:59Z');
    expect((await h.tick(bot)).posted).toBe(0);
    h.clock.set('2025-05-12T08:00:00Z');
    expect((await h.tick(bot)).posted).toBe(1);
    h.clock.set('2025-05-13T07:59:00Z');
    expect((await h.tick(bot)).posted).toBe(0);
    h.clock.set('2025-05-13T08:00:00Z');
    expect((await h.tick(bot)).posted).toBe(1);
    expect(h.adapter.messagesIn('C1').map((m) => m.at.toISOString())).toEqual(['2025-05-12T08:00:00.000Z', '2025-05-13T08:00:00.000Z']);
  });

  it('a crash between claim and post: the lease holds, then a restart posts once', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    const first = await h.start({ instanceId: 'first', posters: new Map([['slack', h.crashingPoster('before-post')]]) });
    const sub = await h.subscribe(first, 'C1', '08:00', 'UTC');
    h.clock.set('2025-05-12T08:00:00Z');
    void first.scheduler.tick();
    await settle();
    expect(await first.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({ state: 'claimed', claimedBy: 'first' });
    await first.crash();

    // Restarted at once: the claim is still leased (its owner might be alive), so no post yet.
    h.clock.set('2025-05-12T08:01:00Z');
    const second = await h.start({ instanceId: 'second' });
    expect((await h.tick(second)).posted).toBe(0);
    expect(h.adapter.attempts).toHaveLength(0);

    // The lease ran out: recovered, looked up (not found), posted once.
    h.clock.set('2025-05-12T08:10:00Z');
    const report = await h.tick(second);
    expect(report).toMatchObject({ posted: 1, recovered: 1 });
    h.clock.set('2025-05-12T08:11:00Z');
    await h.tick(second);
    expect(h.adapter.attempts).toHaveLength(1);
    expect(h.adapter.messagesIn('C1')).toHaveLength(1);
    expect(await second.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({ state: 'posted', claimedBy: 'second', messageId: 'm1' });
  });

  it('a crash between post and mark: the restart finds the posted message (Slack-style lookup) and does not post again', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    const first = await h.start({ instanceId: 'first', posters: new Map([['slack', h.crashingPoster('after-post')]]) });
    const sub = await h.subscribe(first, 'C1', '08:00', 'UTC');
    h.clock.set('2025-05-12T08:00:00Z');
    void first.scheduler.tick();
    await settle();
    expect(h.adapter.messagesIn('C1')).toHaveLength(1);
    await first.crash();

    h.clock.set('2025-05-12T08:15:00Z');
    const second = await h.start({ instanceId: 'second' });
    expect(await h.tick(second)).toMatchObject({ posted: 1, recovered: 1 });
    expect(h.adapter.attempts).toHaveLength(1); // only the crashed process's post
    expect(h.adapter.messagesIn('C1')).toHaveLength(1);
    expect(await second.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({ state: 'posted', messageId: 'm1' });
  });

  it('a crash between post and mark on a platform without lookup: the re-post carries the same key and the platform dedupes it (Discord nonce)', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z', { lookup: false });
    const first = await h.start({ instanceId: 'first', posters: new Map([['slack', h.crashingPoster('after-post')]]) });
    const sub = await h.subscribe(first, 'C1', '08:00', 'UTC');
    h.clock.set('2025-05-12T08:00:00Z');
    void first.scheduler.tick();
    await settle();
    await first.crash();

    h.clock.set('2025-05-12T08:15:00Z');
    const second = await h.start({ instanceId: 'second' });
    await h.tick(second);
    expect(h.adapter.attempts.map((a) => [a.idempotencyKey, a.outcome])).toEqual([
      [deliveryKey(sub.id, '2025-05-12'), 'posted'],
      [deliveryKey(sub.id, '2025-05-12'), 'deduplicated'],
    ]);
    expect(h.adapter.messagesIn('C1')).toHaveLength(1);
    expect(await second.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({ state: 'posted', messageId: 'm1' });
  });

  it('two processes with their own connections to one database file, ticking at once, post each briefing once', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    const a = await h.start({ instanceId: 'a' });
    const b = await h.start({ instanceId: 'b' });
    for (let i = 0; i < 20; i++) await h.subscribe(a, `C${i}`, '08:00', 'UTC');
    h.clock.set('2025-05-12T08:00:00Z');
    const [ra, rb] = await h.clock.run(Promise.all([a.scheduler.tick(), b.scheduler.tick()]));
    expect(ra.posted + rb.posted).toBe(20);
    // Both really competed for the claims: each won some, and nothing was posted twice.
    expect(ra.posted).toBeGreaterThan(0);
    expect(rb.posted).toBeGreaterThan(0);
    expect(h.adapter.attempts).toHaveLength(20);
    expect(new Set(h.adapter.messages.map((m) => m.channel)).size).toBe(20);
    h.clock.set('2025-05-12T08:01:00Z');
    await h.clock.run(Promise.all([a.scheduler.tick(), b.scheduler.tick()]));
    expect(h.adapter.attempts).toHaveLength(20);
  });

  it('shutdown hands back a claim waiting on Retry-After; the next start posts it once', async () => {
    h = ScheduleHarness.create('2025-05-12T07:30:00Z');
    const { PostError } = await import('../../src/adapters/chat-adapter.ts');
    const first = await h.start({ instanceId: 'first' });
    const sub = await h.subscribe(first, 'C1', '08:00', 'UTC');
    h.adapter.failNext(1, new PostError('slow down', 'rate_limited', 120_000));
    h.clock.set('2025-05-12T08:00:00Z');
    const tick = first.scheduler.tick();
    await settle();
    expect(h.adapter.attempts).toHaveLength(1);
    const stopping = first.scheduler.stop();
    await stopping;
    await tick;
    // Handed back: still claimed, but its lease ends now, so whoever starts next recovers it at once.
    expect(await first.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({
      state: 'claimed',
      leaseUntil: '2025-05-12T08:00:00.000Z',
    });
    await first.stop();

    const second = await h.start({ instanceId: 'second' });
    h.clock.set('2025-05-12T08:03:00Z');
    expect(await h.tick(second)).toMatchObject({ posted: 1, recovered: 1 });
    expect(h.adapter.messagesIn('C1')).toHaveLength(1);
    expect(await second.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({ state: 'posted', claimedBy: 'second' });
  });
});
