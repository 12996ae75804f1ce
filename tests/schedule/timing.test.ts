// When briefings arrive: on the local minute across daylight-saving changes, once on a doubled
// hour, at the next valid minute on a skipped one, and late (or not at all) after downtime.
import { afterEach, describe, expect, it } from 'vitest';
import { replyText } from '../../src/core/reply.ts';
import { deliveryKey } from '../../src/core/schedule/scheduler.ts';
import { formatLocal } from '../../src/core/schedule/zoned-time.ts';
import { ScheduleHarness, type BotProcess } from '../helpers/schedule.ts';

let h: ScheduleHarness;
afterEach(() => h.cleanup());

/** A tick every minute from `from` to `to` inclusive, as node-cron would fire them. */
async function tickEveryMinute(bot: BotProcess, from: string, to: string): Promise<void> {
  for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000) {
    h.clock.set(new Date(t));
    await h.tick(bot);
  }
}

const postedAt = () => h.adapter.messages.map((m) => m.at.toISOString());

describe('daylight saving', () => {
  it('08:00 Europe/Berlin stays 08:00 local across the spring change', async () => {
    h = ScheduleHarness.create('2025-03-28T12:00:00Z');
    const bot = await h.start();
    await h.subscribe(bot, 'C1', '08:00', 'Europe/Berlin');
    for (const day of ['2025-03-29', '2025-03-30', '2025-03-31']) await tickEveryMinute(bot, `${day}T05:30:00Z`, `${day}T07:30:00Z`);
    expect(postedAt()).toEqual(['2025-03-29T07:00:00.000Z', '2025-03-30T06:00:00.000Z', '2025-03-31T06:00:00.000Z']);
    expect(h.adapter.messages.map((m) => formatLocal(m.at, 'Europe/Berlin', false))).toEqual(['08:00 CET', '08:00 CEST', '08:00 CEST']);
  });

  it('02:30 on the spring-forward night (it does not exist) is delivered at 03:00, once', async () => {
    h = ScheduleHarness.create('2025-03-29T12:00:00Z');
    const bot = await h.start();
    const sub = await h.subscribe(bot, 'C1', '02:30', 'Europe/Berlin');
    await tickEveryMinute(bot, '2025-03-29T23:30:00Z', '2025-03-30T03:00:00Z');
    expect(postedAt()).toEqual(['2025-03-30T01:00:00.000Z']);
    expect(formatLocal(h.adapter.messages[0]!.at, 'Europe/Berlin', false)).toBe('03:00 CEST');
    expect(await bot.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-03-30'))).toMatchObject({ state: 'posted', late: false });
  });

  it('02:30 on the fall-back night (it happens twice) is delivered once, at the first', async () => {
    h = ScheduleHarness.create('2025-10-25T12:00:00Z');
    const bot = await h.start();
    await h.subscribe(bot, 'C1', '02:30', 'Europe/Berlin');
    await tickEveryMinute(bot, '2025-10-25T23:30:00Z', '2025-10-26T02:30:00Z');
    expect(postedAt()).toEqual(['2025-10-26T00:30:00.000Z']);
    expect(h.adapter.attempts).toHaveLength(1);
  });

  it('each subscription follows its own zone', async () => {
    h = ScheduleHarness.create('2025-03-08T12:00:00Z');
    const bot = await h.start();
    await h.subscribe(bot, 'berlin', '08:00', 'Europe/Berlin');
    await h.subscribe(bot, 'new-york', '08:00', 'America/New_York');
    await h.subscribe(bot, 'kolkata', '08:00', 'Asia/Kolkata');
    await tickEveryMinute(bot, '2025-03-09T00:00:00Z', '2025-03-09T13:00:00Z');
    expect(h.adapter.messages.map((m) => [m.channel, m.at.toISOString()])).toEqual([
      ['kolkata', '2025-03-09T02:30:00.000Z'],
      ['berlin', '2025-03-09T07:00:00.000Z'],
      ['new-york', '2025-03-09T12:00:00.000Z'], // EDT began at 02:00 local that morning
    ]);
  });
});

describe('catch-up after downtime', () => {
  it('a briefing missed while the bot was down is delivered on start within the window, marked late', async () => {
    h = ScheduleHarness.create('2025-05-12T06:00:00Z');
    const bot = await h.start();
    const sub = await h.subscribe(bot, 'C1', '08:00', 'UTC');
    // Down from before 08:00 until 13:30: 5.5 hours late, inside the default 6 hours.
    h.clock.set('2025-05-12T13:30:00Z');
    const restarted = await h.start();
    expect(await h.tick(restarted)).toMatchObject({ posted: 1, late: 1 });
    expect(await restarted.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({ state: 'posted', late: true });
    expect(replyText(h.adapter.messages[0]!.reply)).toMatch(/Delivered late: this briefing was due at 08:00 UTC/);
  });

  it('a briefing missed by more than the window is skipped and recorded, and the next day is on time', async () => {
    h = ScheduleHarness.create('2025-05-12T06:00:00Z');
    const bot = await h.start();
    const sub = await h.subscribe(bot, 'C1', '08:00', 'UTC');
    h.clock.set('2025-05-12T14:01:00Z');
    const restarted = await h.start();
    expect(await h.tick(restarted)).toMatchObject({ posted: 0, skipped: 1 });
    expect(h.adapter.attempts).toHaveLength(0);
    expect(await restarted.core.subscriptions.store.getDelivery(deliveryKey(sub.id, '2025-05-12'))).toMatchObject({
      state: 'skipped',
      error: expect.stringMatching(/within 6 hours/),
    });
    h.clock.set('2025-05-13T08:00:00Z');
    expect(await h.tick(restarted)).toMatchObject({ posted: 1, late: 0 });
  });

  it('the window is configurable', async () => {
    h = ScheduleHarness.create('2025-05-12T06:00:00Z');
    const bot = await h.start();
    await h.subscribe(bot, 'C1', '08:00', 'UTC');
    await h.subscribe(bot, 'C2', '10:00', 'UTC');
    h.clock.set('2025-05-12T11:00:00Z');
    const restarted = await h.start({ options: { catchUpHours: 2 } });
    expect(await h.tick(restarted)).toMatchObject({ posted: 1, late: 1, skipped: 1 });
    expect(h.adapter.messages.map((m) => m.channel)).toEqual(['C2']);
  });

  it('after days offline only the newest briefing can be owed; older days are recorded as skipped', async () => {
    h = ScheduleHarness.create('2025-05-10T06:00:00Z');
    const bot = await h.start();
    const sub = await h.subscribe(bot, 'C1', '08:00', 'UTC');
    h.clock.set('2025-05-12T09:00:00Z');
    const restarted = await h.start({ options: { catchUpHours: 48 } });
    expect(await h.tick(restarted)).toMatchObject({ posted: 1, late: 1, skipped: 2 });
    const ledger = await restarted.core.subscriptions.store.deliveriesOf(sub.id);
    expect(ledger.map((d) => [d.localDate, d.state])).toEqual([
      ['2025-05-12', 'posted'],
      ['2025-05-11', 'skipped'],
      ['2025-05-10', 'skipped'],
    ]);
  });

  it('a time already past when subscribing is not owed for that day', async () => {
    h = ScheduleHarness.create('2025-05-12T09:00:00Z');
    const bot = await h.start();
    await h.subscribe(bot, 'C1', '08:00', 'UTC');
    expect(await h.tick(bot)).toMatchObject({ posted: 0, skipped: 0 });
    h.clock.set('2025-05-13T08:00:00Z');
    expect((await h.tick(bot)).posted).toBe(1);
  });
});
