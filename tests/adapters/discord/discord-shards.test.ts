// Discord sharding: the bot follows Discord's recommended shard count (required past 2,500
// servers), answers commands arriving on any shard, and its scheduled briefings reach channels
// whatever shard holds their server, because posts go over REST. A process may also run only some
// shards (DISCORD_SHARDS / DISCORD_SHARD_COUNT), other processes the rest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../../src/app.ts';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { chatInputInteraction, FakeDiscord, guildOnShard, PERMS_MANAGER, shardOf } from '../../helpers/fake-discord.ts';

const TOKEN = 'MTExMTExMTExMTExMTExMTEx.GfAkEt.discord-test-token-not-real-0123456789';

let dir: string;
let fake: FakeDiscord | undefined;
let bot: RunningBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await fake?.close();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function boot(clock: FakeClock, env: Record<string, string> = {}): Promise<RunningBot> {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-shards-'));
  const config = loadConfig({ BRIEFBOT_DB: join(dir, 'bot.db'), DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake!.apiUrl, LOG_LEVEL: 'silent', ...env });
  bot = await startBot(config, { input: new PassThrough(), output: new PassThrough(), interactive: false, now: clock.now, schedule: { clock, cron: false } });
  return bot;
}

const identified = (f: FakeDiscord) =>
  f.connections
    .map((c) => c.shard)
    .filter((s): s is [number, number] => !!s)
    .sort((a, b) => a[0] - b[0]);

describe('Discord sharding', () => {
  it('runs the shards Discord recommends; a command on shard 1 subscribes its channel, and the briefing is posted there', async () => {
    fake = await FakeDiscord.start();
    fake.expectedToken = TOKEN;
    fake.recommendedShards = 2;
    const clock = new FakeClock('2025-05-12T07:00:00Z');
    const running = await boot(clock);
    expect(running.adapters.map((a) => a.platform)).toContain('discord');
    expect(identified(fake)).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const guild = guildOnShard(1, 2);
    const channel = '777777777777777777';
    const i = chatInputInteraction({ name: 'subscribe', options: [{ name: 'time', type: 3, value: '08:00' }, { name: 'timezone', type: 3, value: 'UTC' }], permissions: PERMS_MANAGER, guildId: guild, channelId: channel });
    fake.dispatch('INTERACTION_CREATE', i, 1);
    const edit = await fake.server.waitFor((r) => r.method === 'PATCH' && r.path.includes(i.token));
    expect(JSON.stringify(edit.data)).toMatch(/08:00/);
    const sub = await running.core.subscriptions.store.getSubscription('discord', channel);
    expect(sub).toMatchObject({ status: 'active', workspaceId: guild });

    clock.set('2025-05-12T08:00:00Z');
    const report = await clock.run(running.scheduler.tick());
    expect(report.posted).toBe(1);
    const posts = fake.channelMessages.filter((m) => m.channel_id === channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.nonce).toBeDefined();
  });

  it('a process running only shard 1 of 2 still posts to a server on shard 0: posts go over REST, not the gateway', async () => {
    fake = await FakeDiscord.start();
    fake.expectedToken = TOKEN;
    fake.recommendedShards = 2;
    const clock = new FakeClock('2025-05-12T07:00:00Z');
    const running = await boot(clock, { DISCORD_SHARDS: '1', DISCORD_SHARD_COUNT: '2' });
    expect(identified(fake)).toEqual([[1, 2]]);

    const guild = guildOnShard(0, 2);
    expect(shardOf(guild, 2)).toBe(0);
    const channel = '888888888888888888';
    await running.core.subscriptions.subscribe({ platform: 'discord', channelId: channel, workspaceId: guild, time: '08:00', timeZone: 'UTC' });
    clock.set('2025-05-12T08:00:00Z');
    expect((await clock.run(running.scheduler.tick())).posted).toBe(1);
    expect(fake.channelMessages.filter((m) => m.channel_id === channel)).toHaveLength(1);
  });

  it('DISCORD_SHARDS and DISCORD_SHARD_COUNT are checked at start-up', () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN }).discord!.shards).toBe('auto');
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_SHARDS: '0, 2', DISCORD_SHARD_COUNT: '4' }).discord!.shards).toEqual({ ids: [0, 2], count: 4 });
    for (const env of [
      { DISCORD_SHARDS: '0,4', DISCORD_SHARD_COUNT: '4' },
      { DISCORD_SHARDS: '1' },
      { DISCORD_SHARDS: 'one', DISCORD_SHARD_COUNT: '2' },
      { DISCORD_SHARDS: '1,1', DISCORD_SHARD_COUNT: '2' },
      { DISCORD_SHARD_COUNT: '2' },
    ]) {
      expect(() => loadConfig({ DISCORD_TOKEN: TOKEN, ...env }), JSON.stringify(env)).toThrow(ConfigError);
    }
  });
});
