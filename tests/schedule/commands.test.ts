// /subscribe and /unsubscribe through the real dispatcher, as a channel admin would use them,
// and what the channel then receives.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PostError } from '../../src/adapters/chat-adapter.ts';
import { renderText } from '../../src/adapters/console/render-text.ts';
import type { Reply } from '../../src/core/reply.ts';
import { replyText } from '../../src/core/reply.ts';
import { ScheduleHarness } from '../helpers/schedule.ts';

let h: ScheduleHarness;
afterEach(() => h.cleanup());

const ADMIN = { channel: 'C1', user: 'UADMIN' };
const only = (ex: { replies: { reply: Reply; private: boolean }[] }) => {
  expect(ex.replies).toHaveLength(1);
  return { text: replyText(ex.replies[0]!.reply), private: ex.replies[0]!.private, reply: ex.replies[0]!.reply };
};

/** Set CAPTURE_RENDERED=dir to keep console renderings for docs/schedule.md. */
function capture(name: string, reply: Reply): void {
  const dir = process.env.CAPTURE_RENDERED;
  if (dir) writeFileSync(`${dir}/${name}.txt`, `${renderText(reply)}\n`);
}

async function setup(start: string, timezone = 'UTC') {
  h = ScheduleHarness.create(start);
  const bot = await h.start({ timezone });
  await h.connectCommands(bot, ['slack:UADMIN']);
  return bot;
}

describe('/subscribe', () => {
  it('confirms privately with the next delivery in local time and UTC', async () => {
    const bot = await setup('2025-03-29T12:00:00Z');
    const r = only(await h.adapter.command('/subscribe 08:00 Europe/Berlin sanctions Russia', ADMIN));
    expect(r.private).toBe(true);
    expect(r.text).toContain('This channel will get a briefing on “sanctions Russia” every day at **08:00 Europe/Berlin** time.');
    // The next morning is the first of summer time: 08:00 CEST is 06:00 UTC.
    expect(r.text).toContain('Next delivery: Sun, 30 Mar 2025, 08:00 CEST');
    expect(r.text).toContain('In UTC: Sun, 30 Mar 2025, 06:00 UTC');
    // On Slack, admins learn that the bot must be able to read the channel to check a lost answer.
    expect(r.text).toContain('Invite the bot to this channel (/invite @briefbot)');
    capture('confirmation', r.reply);
    expect(await bot.core.subscriptions.store.getSubscription('slack', 'C1')).toMatchObject({ time: '08:00', timeZone: 'Europe/Berlin', topic: 'sanctions Russia' });
  });

  it('accepts 8am / 8:30pm, typed options, and defaults the zone to BRIEFBOT_TIMEZONE', async () => {
    const bot = await setup('2025-01-10T12:00:00Z', 'America/New_York');
    expect(only(await h.adapter.command('/subscribe 8:30pm', ADMIN)).text).toContain('every day at **20:30 America/New_York** time');
    expect(only(await h.adapter.command('/subscribe', { channel: 'C2', user: 'U9', admin: true, options: { time: '8am', timezone: 'asia/tokyo' } })).text).toContain(
      'Next delivery: Sat, 11 Jan 2025, 08:00 GMT+9',
    );
    expect(await bot.core.subscriptions.store.getSubscription('slack', 'C2')).toMatchObject({ time: '08:00', timeZone: 'Asia/Tokyo' });
  });

  it('refuses bad times, unknown zones and a missing time with an example, and changes nothing', async () => {
    const bot = await setup('2025-03-29T12:00:00Z');
    await h.adapter.command('/subscribe 07:00 UTC', ADMIN);
    const cases: [string, RegExp][] = [
      ['/subscribe 25:00 Europe/Berlin', /can't read “25:00” as a time of day.*\/subscribe 08:00 Europe\/Berlin/],
      ['/subscribe 08:00 Mars/Olympus_Mons', /don't know the time zone “Mars\/Olympus_Mons”.*\/subscribe 08:00 Europe\/Berlin/],
      ['/subscribe 8.30 Europe/Berlin', /can't find a time of day in “8.30 Europe\/Berlin”.*\/subscribe 08:00 Europe\/Berlin/],
    ];
    for (const [line, message] of cases) {
      const r = only(await h.adapter.command(line, ADMIN));
      expect(r.private).toBe(true);
      expect(r.text).toMatch(message);
    }
    expect(await bot.core.subscriptions.store.getSubscription('slack', 'C1')).toMatchObject({ time: '07:00', timeZone: 'UTC' });
  });

  it('is refused for people who are not admins', async () => {
    const bot = await setup('2025-03-29T12:00:00Z');
    for (const line of ['/subscribe 08:00 Europe/Berlin', '/unsubscribe', '/subscribe']) {
      const r = only(await h.adapter.command(line, { channel: 'C1', user: 'U2' }));
      expect(r.private).toBe(true);
      expect(r.text).toMatch(/is for admins of this bot/);
    }
    expect(await bot.core.subscriptions.store.getSubscription('slack', 'C1')).toBeUndefined();
  });

  it('on its own shows the subscription, its last delivery and a failing state', async () => {
    const bot = await setup('2025-05-11T12:00:00Z');
    expect(only(await h.adapter.command('/subscribe', ADMIN)).text).toContain('This channel has no daily briefing. Start one with `/subscribe 08:00 Europe/Berlin [topic words]`');
    await h.adapter.command('/subscribe 10:00 Europe/Berlin', ADMIN);
    h.clock.set('2025-05-12T08:00:00Z');
    await h.tick(bot);
    let r = only(await h.adapter.command('/subscribe', ADMIN));
    expect(r.text).toContain('Time: 10:00 Europe/Berlin');
    expect(r.text).toContain('Topic: all stories');
    expect(r.text).toContain('Next delivery: Tue, 13 May 2025, 10:00 CEST');
    expect(r.text).toContain('Last delivery: Mon, 12 May 2025, 10:00 CEST: posted, nothing new that day');

    // The bot was removed from the channel: the next post is refused for good.
    h.adapter.failChannel('C1', new PostError('not_in_channel', 'permanent'));
    h.clock.set('2025-05-13T08:00:00Z');
    await h.tick(bot);
    r = only(await h.adapter.command('/subscribe', ADMIN));
    expect(r.text).toContain('**Not posting here since Tue, 13 May 2025, 10:00 CEST**: not_in_channel. Give the bot access to this channel again, then run /subscribe again to resume.');
    expect(r.text).toContain('Last delivery: Tue, 13 May 2025, 10:00 CEST: failed (not_in_channel)');
    expect(r.text).not.toContain('Next delivery');
    capture('status-failing', r.reply);

    // Fixed and subscribed again: active, and delivered the next day.
    h.adapter.failChannel('C1', undefined);
    expect(only(await h.adapter.command('/subscribe 10:00 Europe/Berlin', ADMIN)).text).toContain('Next delivery: Wed, 14 May 2025, 10:00 CEST');
    h.clock.set('2025-05-14T08:00:00Z');
    expect((await h.tick(bot)).posted).toBe(1);
  });
});

describe('/unsubscribe', () => {
  it('stops the briefing', async () => {
    const bot = await setup('2025-05-11T12:00:00Z');
    await h.adapter.command('/subscribe 08:00 UTC', ADMIN);
    const r = only(await h.adapter.command('/unsubscribe', ADMIN));
    expect(r).toMatchObject({ private: true, text: 'Stopped: this channel will no longer get the daily briefing at 08:00 UTC.' });
    h.clock.set('2025-05-12T08:00:00Z');
    expect((await h.tick(bot)).posted).toBe(0);
    expect(only(await h.adapter.command('/unsubscribe', ADMIN)).text).toBe('This channel has no daily briefing to stop.');
    expect(only(await h.adapter.command('/subscribe', ADMIN)).text).toContain('This channel has no daily briefing.');
  });
});

describe('what the channel receives', () => {
  it('the briefing for the topic, then one line when nothing is new, then only what is new', async () => {
    // The starter article was published on 30 Oct 2024.
    const bot = await setup('2024-10-29T12:00:00Z');
    await h.adapter.command('/subscribe 08:00 Europe/Berlin North Korea troops', ADMIN);

    h.clock.set('2024-10-30T07:00:00Z');
    await h.tick(bot);
    const day1 = h.adapter.messagesIn('C1')[0]!;
    const text1 = replyText(day1.reply);
    expect(day1.reply.title).toBe('Daily briefing on “North Korea troops” · Wed, 30 Oct 2024');
    expect(text1).toMatch(/12,000 troops/);
    expect(text1).toMatch(/\[1\] North Korean troops in Russian uniforms/);
    capture('briefing-day1', day1.reply);

    h.clock.set('2024-10-31T07:00:00Z');
    await h.tick(bot);
    const day2 = h.adapter.messagesIn('C1')[1]!;
    expect(day2.reply.sections).toHaveLength(1);
    expect(replyText(day2.reply)).toBe('Daily briefing on “North Korea troops”: nothing new since the last briefing (Wed, 30 Oct 2024, 08:00 CET).');
    capture('briefing-nothing-new', day2.reply);

    await bot.core.ingest({
      title: 'North Korea sends more troops toward Kursk, Ukraine says',
      text: 'Ukraine said on Thursday that North Korea had moved a further 3,000 troops toward the Kursk region. The troops arrived by train, officials said. Russia has not commented on the troops.',
      source: 'Wire',
      published: '2024-10-31T15:00:00Z',
    });
    h.clock.set('2024-11-01T07:00:00Z');
    await h.tick(bot);
    const day3 = replyText(h.adapter.messagesIn('C1')[2]!.reply);
    expect(day3).toMatch(/3,000 troops/);
    expect(day3).not.toMatch(/12,000 troops/);
  });
});
