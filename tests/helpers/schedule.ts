// Bot "processes" on one temporary SQLite file, each with its own connection, core and scheduler,
// all on one virtual clock, posting to recording adapters. SQLite whatever BRIEFBOT_TEST_STORE
// says: these tests are about the scheduler (times, retries, crashes on a virtual clock), which is
// the same code on both stores; what PostgreSQL does differently (claims, take-overs, leases) is
// tested on both stores by tests/store/schedule-store.contract.test.ts, and with real processes by
// tests/schedule/postgres-processes.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../commands/index.ts';
import { RecordingAdapter } from '../../src/adapters/recording/recording-adapter.ts';
import type { Core } from '../../src/core/core.ts';
import { createCore, seedStarterCorpus } from '../../src/core/create-core.ts';
import { commandMap, dispatch, type DispatchDeps } from '../../src/core/dispatch.ts';
import { createLogger } from '../../src/core/log.ts';
import type { Clock } from '../../src/core/schedule/clock.ts';
import { briefingComposer } from '../../src/core/schedule/compose.ts';
import { Scheduler, type Poster, type SchedulerOptions } from '../../src/core/schedule/scheduler.ts';
import type { Subscription } from '../../src/core/schedule/types.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';
import { FakeClock } from './fake-clock.ts';

export interface BotProcess {
  core: Core;
  scheduler: Scheduler;
  /** Drops the process like a crash: no stop(), its connection just closes. */
  crash(): Promise<void>;
  /** Orderly shutdown: scheduler first, then the store. */
  stop(): Promise<void>;
}

export class ScheduleHarness {
  readonly logLines: string[] = [];
  readonly log = createLogger({ level: 'debug', write: (l) => this.logLines.push(l) });
  private readonly processes: BotProcess[] = [];
  private seeded = false;

  private constructor(
    readonly clock: FakeClock,
    readonly dir: string,
    readonly dbPath: string,
    readonly adapter: RecordingAdapter,
  ) {}

  static create(start: string, adapterOpts: { lookup?: boolean; latencyMs?: number } = {}): ScheduleHarness {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-schedule-'));
    const clock = new FakeClock(start);
    const adapter = new RecordingAdapter({
      platform: 'slack',
      now: clock.now,
      lookup: adapterOpts.lookup,
      latency: adapterOpts.latencyMs ? { ms: adapterOpts.latencyMs, sleep: (ms) => clock.sleep(ms) } : undefined,
    });
    return new ScheduleHarness(clock, dir, join(dir, 'bot.db'), adapter);
  }

  /** Starts a bot process on the shared database file. */
  async start(
    opts: { options?: Partial<SchedulerOptions>; posters?: Map<string, Poster>; instanceId?: string; seed?: boolean; timezone?: string } = {},
  ): Promise<BotProcess> {
    const store = SqliteArticleStore.open(this.dbPath);
    const log = this.log.child({ process: opts.instanceId ?? `p${this.processes.length + 1}` });
    const core = createCore({ store, log, now: this.clock.now, timezone: opts.timezone ?? 'UTC' });
    if (!this.seeded && opts.seed !== false) {
      await seedStarterCorpus(core);
      this.seeded = true;
    }
    // A crashed process runs no more code: its pending sleeps never return.
    let crashed = false;
    const clock: Clock = {
      now: this.clock.now,
      sleep: (ms, signal) => this.clock.sleep(ms, signal).then(() => (crashed ? new Promise<void>(() => {}) : undefined)),
    };
    const scheduler = new Scheduler({
      store: core.subscriptions.store,
      posters: opts.posters ?? new Map([[this.adapter.platform, this.adapter]]),
      compose: briefingComposer(core),
      clock,
      log,
      options: { instanceId: opts.instanceId ?? `p${this.processes.length + 1}`, ...opts.options },
    });
    const proc: BotProcess = {
      core,
      scheduler,
      crash: async () => {
        crashed = true;
        await store.close();
      },
      stop: async () => {
        await scheduler.stop();
        await store.close();
      },
    };
    this.processes.push(proc);
    return proc;
  }

  /** Routes commands typed into the recording adapter through the real dispatcher of this bot. */
  async connectCommands(bot: BotProcess, admins: string[] = []): Promise<void> {
    const deps: DispatchDeps = { commands: commandMap(commands), core: bot.core, log: this.log, admins: new Set(admins) };
    await this.adapter.start((inv, responder) => dispatch(inv, responder, deps));
  }

  /** Subscribes a channel the way /subscribe does. */
  async subscribe(bot: BotProcess, channel: string, time: string, timeZone = 'UTC', topic?: string): Promise<Subscription> {
    const view = await bot.core.subscriptions.subscribe({ platform: this.adapter.platform, channelId: channel, time, timeZone, topic });
    return view.subscription;
  }

  /** A poster that claims were made against but whose process dies at `stage`. */
  crashingPoster(stage: 'before-post' | 'after-post'): Poster {
    return {
      post: async (channel, reply, opts) => {
        // The platform took it, but the process dies before recording the part in the ledger.
        if (stage === 'after-post') await this.adapter.post(channel, reply, { idempotencyKey: opts.idempotencyKey });
        return new Promise<never>(() => {});
      },
    };
  }

  /** Runs a tick to completion, virtual time jumping over any retry waits. */
  tick(bot: BotProcess) {
    return this.clock.run(bot.scheduler.tick());
  }

  async cleanup(): Promise<void> {
    for (const p of this.processes) await p.crash().catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}
