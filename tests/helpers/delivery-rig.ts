// Scheduled delivery through the real Slack and Discord adapters against the local fakes, on a real
// SQLite ledger: the scheduler's clock reads a settable "now" and its waits are real but tiny, so
// retries run in milliseconds while the SDKs' own timeouts and sockets are the real ones. SQLite
// whatever BRIEFBOT_TEST_STORE says: the ledger's behaviour on PostgreSQL is the contract suite's
// (tests/store/schedule-store.contract.test.ts); these tests are about the adapters and retries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteDatabase } from '../../src/core/store/sqlite-driver.ts';
import { expect } from 'vitest';
import type { ChatAdapter } from '../../src/adapters/chat-adapter.ts';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.ts';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import { createLogger } from '../../src/core/log.ts';
import { paragraph, type Reply } from '../../src/core/reply.ts';
import { systemClock, type Clock } from '../../src/core/schedule/clock.ts';
import { Scheduler, type Poster, type SchedulerOptions } from '../../src/core/schedule/scheduler.ts';
import { SqliteScheduleStore } from '../../src/core/schedule/sqlite-schedule-store.ts';
import type { Delivery, Subscription } from '../../src/core/schedule/types.ts';
import { APP_ID, FakeDiscord } from './fake-discord.ts';
import { FakeSlack } from './fake-slack.ts';
import type { Fault } from './recording-server.ts';

export const SLACK_TOKEN = 'xoxb-1111111111-2222222222-slackdeliverybottoken';
export const SLACK_SECRET = 'slack-signing-secret-for-delivery-tests';
export const DISCORD_TOKEN = 'MTExMTExMTExMTExMTExMTEx.GdElIv.discord-delivery-token-not-real-0123';
/** The SDKs' request timeout in these tests: a "slow" platform answers never, so this fires. */
export const CLIENT_TIMEOUT_MS = 400;

export type Platform = 'slack' | 'discord';

/** A briefing of one message on both platforms. */
export const SHORT: Reply = { title: 'Daily briefing · Wed, 30 Oct 2024', sections: [paragraph('North Korea sent about 12,000 troops to Russia. [1]')] };
/** A briefing that both platforms split into three or more messages. */
export const LONG: Reply = {
  title: 'Daily briefing · Wed, 30 Oct 2024',
  sections: Array.from({ length: 120 }, (_, i) => paragraph(`Story ${i + 1}: ${'sanctions on firms aiding the war effort, '.repeat(4)}[${(i % 9) + 1}]`)),
};

export class PlatformFakes {
  private constructor(
    readonly slack: FakeSlack,
    readonly discord: FakeDiscord,
  ) {}

  static async start(): Promise<PlatformFakes> {
    const discord = await FakeDiscord.start();
    discord.expectedToken = DISCORD_TOKEN;
    return new PlatformFakes(await FakeSlack.start(), discord);
  }

  /** Queues faults (null: a normal answer) for the next message posts on a platform. */
  fault(platform: Platform, ...faults: (Fault | null)[]): void {
    (platform === 'slack' ? this.slack.faults : this.discord.faults).push(...faults);
  }

  /** Messages stored in a channel, oldest first, with the part they say they are (Slack metadata, Discord nonce). */
  messages(platform: Platform, channel: string): { id: string; part: string }[] {
    if (platform === 'slack') {
      return this.slack.posted
        .filter((m) => m.channel === channel)
        .map((m) => ({ id: m.ts, part: `${String(m.metadata?.event_payload.delivery_id)}#${String(m.metadata?.event_payload.part)}` }));
    }
    // Each part carries its own nonce (delivery nonce, then ".1", ".2", …).
    return this.discord.channelMessages.filter((m) => m.channel_id === channel).map((m) => ({ id: m.id, part: String(m.nonce) }));
  }

  async close(): Promise<void> {
    await this.slack.close();
    await this.discord.close();
  }
}

/** A channel id each platform accepts. */
export function channelFor(platform: Platform, n: number): string {
  return platform === 'slack' ? `C0FAULT${n}` : String(500000000000000000n + BigInt(n));
}

/** The real adapter with production settings except the short client timeout. */
export async function startAdapter(platform: Platform, fakes: PlatformFakes, extra: Record<string, unknown> = {}): Promise<ChatAdapter> {
  const log = createLogger({ level: 'silent' });
  const adapter =
    platform === 'slack'
      ? new SlackAdapter({ botToken: SLACK_TOKEN, signingSecret: SLACK_SECRET, port: 0, host: '127.0.0.1', apiUrl: fakes.slack.apiUrl, log, timeoutMs: CLIENT_TIMEOUT_MS, ...extra })
      : new DiscordAdapter({ token: DISCORD_TOKEN, applicationId: APP_ID, apiUrl: fakes.discord.apiUrl, log, restTimeoutMs: CLIENT_TIMEOUT_MS, readyTimeoutMs: 60_000, ...extra });
  await adapter.start(async () => {});
  return adapter;
}

export class DeliveryRig {
  /** What the scheduler believes the time is (waits are real, and short). */
  at = Date.parse('2024-10-30T08:00:30Z');
  readonly clock: Clock = { now: () => new Date(this.at), sleep: systemClock.sleep };
  readonly logLines: string[] = [];
  private readonly db: Database.Database;
  readonly store: SqliteScheduleStore;

  constructor(readonly dir = mkdtempSync(join(tmpdir(), 'briefbot-delivery-'))) {
    this.db = new SqliteDatabase(join(dir, 'schedule.db'));
    this.store = new SqliteScheduleStore(this.db);
  }

  get dbPath(): string {
    return join(this.dir, 'schedule.db');
  }

  subscribe(platform: Platform, channel: string): Promise<Subscription> {
    return this.store.saveSubscription({ platform, channelId: channel, time: '08:00', timeZone: 'UTC' }, '2024-10-30T07:00:00.000Z');
  }

  scheduler(platform: Platform, adapter: Poster, reply: Reply, options: Partial<SchedulerOptions> = {}): Scheduler {
    return new Scheduler({
      store: this.store,
      posters: new Map([[platform, adapter]]),
      compose: async () => ({ reply, nothingNew: false }),
      clock: this.clock,
      log: createLogger({ level: 'debug', write: (l) => this.logLines.push(l) }),
      options: { backoffBaseMs: 5, backoffMaxMs: 5, attemptTimeoutMs: 10_000, ...options },
    });
  }

  close(): void {
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** How many messages a channel got per part label (delivery id and part number). */
export function perPartCounts(messages: readonly { part: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.part, (counts.get(m.part) ?? 0) + 1);
  return counts;
}

/** What a user of a long briefing must see: at least three parts, each exactly once, recorded as posted with part 1. */
export function expectEveryPartOnce(messages: readonly { id: string; part: string }[], delivery: Delivery | undefined): void {
  const counts = perPartCounts(messages);
  expect(counts.size).toBeGreaterThanOrEqual(3);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(delivery).toMatchObject({ state: 'posted', messageId: messages[0]!.id });
}
