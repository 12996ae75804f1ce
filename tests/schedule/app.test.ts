// The scheduler inside the running bot: start-up catch-up through the adapters startBot started,
// a restart that must not post again, the node-cron minute job, and a clean stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { PostError } from '../../src/adapters/chat-adapter.ts';
import { RecordingAdapter } from '../../src/adapters/recording/recording-adapter.ts';
import { startBot, type RunningBot } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { replyText } from '../../src/core/reply.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { waitFor } from '../helpers/wait-for.ts';

let dir: string;
const bots: RunningBot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  rmSync(dir, { recursive: true, force: true });
});

function boot(clock: FakeClock, adapter: RecordingAdapter, env: Record<string, string> = {}, opts: { cron?: string | false; input?: PassThrough; output?: PassThrough } = {}) {
  const config = loadConfig({ BRIEFBOT_DB: join(dir, 'bot.db'), BRIEFBOT_ADMINS: 'slack:UADMIN', LOG_LEVEL: 'silent', ...env });
  return startBot(
    config,
    { input: opts.input ?? new PassThrough(), output: opts.output ?? new PassThrough(), interactive: false, now: clock.now, schedule: { clock, cron: opts.cron ?? false } },
    [adapter],
  ).then((bot) => {
    bots.push(bot);
    return bot;
  });
}

describe('the bot delivers briefings', () => {
  it('posts a due briefing once; after a restart it is not posted again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-app-'));
    const clock = new FakeClock('2025-05-12T07:00:00Z');
    // One platform across both runs: it remembers what was posted, like Slack would.
    const slack = new RecordingAdapter({ platform: 'slack', now: clock.now });
    const first = await boot(clock, slack);
    await slack.command('/subscribe 08:00 UTC', { channel: 'C1', user: 'UADMIN' });
    clock.set('2025-05-12T08:00:00Z');
    await clock.run(first.scheduler.tick());
    expect(slack.messagesIn('C1')).toHaveLength(1);
    // Counted for /metrics, by platform and outcome, with the command that subscribed.
    const metrics = await first.metrics.text();
    expect(metrics).toMatch(/^briefbot_deliveries_total\{platform="slack",outcome="posted"\} 1$/m);
    expect(metrics).toMatch(/^briefbot_commands_total\{command="subscribe",outcome="ok"\} 1$/m);
    await first.stop();
    bots.length = 0;

    clock.set('2025-05-12T08:02:00Z');
    const second = await boot(clock, slack);
    await clock.run(second.scheduler.idle()); // the start-up catch-up tick
    expect(slack.attempts).toHaveLength(1);
    const status = await slack.command('/subscribe', { channel: 'C1', user: 'UADMIN' });
    expect(replyText(status.replies[0]!.reply)).toContain('Last delivery: Mon, 12 May 2025, 08:00 UTC: posted');
  });

  it('delivers a briefing missed while it was down when it starts, marked late (BRIEFBOT_CATCHUP_HOURS)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-app-'));
    const clock = new FakeClock('2025-05-12T07:00:00Z');
    const slack = new RecordingAdapter({ platform: 'slack', now: clock.now });
    const first = await boot(clock, slack);
    await slack.command('/subscribe 08:00 UTC', { channel: 'C1', user: 'UADMIN' });
    await slack.command('/subscribe 09:00 UTC', { channel: 'C2', user: 'UADMIN' });
    await first.stop();
    bots.length = 0;

    clock.set('2025-05-12T10:30:00Z');
    const second = await boot(clock, slack, { BRIEFBOT_CATCHUP_HOURS: '2' });
    await clock.run(second.scheduler.idle());
    expect(slack.messages.map((m) => m.channel)).toEqual(['C2']);
    expect(replyText(slack.messages[0]!.reply)).toContain('Delivered late: this briefing was due at 09:00 UTC');
  });

  it('a subscription made in the terminal is delivered to the terminal', async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-app-'));
    const clock = new FakeClock('2024-10-29T12:00:00Z');
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => (printed += c.toString()));
    const bot = await boot(clock, new RecordingAdapter({ platform: 'slack' }), {}, { input, output });
    input.write('/subscribe 08:00 Europe/Berlin troops\n');
    await waitFor(() => printed.includes('Daily briefing scheduled'));
    clock.set('2024-10-30T07:00:00Z');
    await clock.run(bot.scheduler.tick());
    expect(printed).toContain('Daily briefing on “troops” · Wed, 30 Oct 2024');
    expect(printed).toMatch(/12,000 troops/);
  });

  it('the node-cron job ticks the scheduler', async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-app-'));
    const clock = new FakeClock('2025-05-12T07:00:00Z');
    const slack = new RecordingAdapter({ platform: 'slack', now: clock.now });
    // Every second instead of every minute, so the real cron fires within the test.
    const bot = await boot(clock, slack, {}, { cron: '* * * * * *' });
    await slack.command('/subscribe 08:00 UTC', { channel: 'C1', user: 'UADMIN' });
    clock.set('2025-05-12T08:00:00Z');
    await waitFor(() => slack.messages.length === 1, { what: 'a cron-driven delivery' });
    await bot.stop();
    expect(slack.attempts).toHaveLength(1);
  });

  it('stopping hands back a delivery waiting to retry, and the next start delivers it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-app-'));
    const clock = new FakeClock('2025-05-12T07:00:00Z');
    const slack = new RecordingAdapter({ platform: 'slack', now: clock.now });
    const first = await boot(clock, slack);
    await slack.command('/subscribe 08:00 UTC', { channel: 'C1', user: 'UADMIN' });
    slack.failNext(1, new PostError('HTTP 502', 'transient'));
    clock.set('2025-05-12T08:00:00Z');
    void first.scheduler.tick();
    await waitFor(() => slack.attempts.length === 1 && clock.pendingTimers > 0);
    await first.stop(); // must not hang on the backoff timer
    bots.length = 0;
    expect(slack.messages).toHaveLength(0);

    const second = await boot(clock, slack);
    await clock.run(second.scheduler.idle());
    expect(slack.messagesIn('C1')).toHaveLength(1);
  });
});
