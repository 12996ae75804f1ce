// Start-up: config → store → core → adapters. Kept apart from main.ts so tests can start a bot.
import type { Readable, Writable } from 'node:stream';
import { commands } from '../commands/index.ts';
import type { ChatAdapter } from './adapters/chat-adapter.ts';
import { ConsoleAdapter } from './adapters/console/console-adapter.ts';
import { platformAdapters } from './adapters/platforms.ts';
import type { Config } from './config.ts';
import type { Core } from './core/core.ts';
import { createCore, seedStarterCorpus } from './core/create-core.ts';
import { commandMap, dispatch, type DispatchDeps } from './core/dispatch.ts';
import { createLogger, type Logger } from './core/log.ts';
import { systemClock, type Clock } from './core/schedule/clock.ts';
import { briefingComposer } from './core/schedule/compose.ts';
import { startMinuteTick } from './core/schedule/minute-tick.ts';
import { Scheduler, type Poster, type SchedulerOptions } from './core/schedule/scheduler.ts';
import { SqliteArticleStore } from './core/store/sqlite-store.ts';

export interface BotIO {
  input: Readable;
  output: Writable;
  interactive: boolean;
  /** Where log lines go (default stderr). */
  logWrite?: (line: string) => void;
  now?: () => Date;
  /** Scheduled briefings: the clock (default: io.now and real timers), the cron expression
   * (default every minute; false: no cron, the caller ticks), and option overrides. */
  schedule?: { clock?: Clock; cron?: string | false; options?: Partial<SchedulerOptions> };
}

export interface RunningBot {
  core: Core;
  adapters: ChatAdapter[];
  deps: DispatchDeps;
  log: Logger;
  scheduler: Scheduler;
  /** Resolves when the bot has stopped (end of console input with no platform, or stop()). */
  stopped: Promise<void>;
  stop(reason?: string): Promise<void>;
}

export async function startBot(config: Config, io: BotIO, extraAdapters: ChatAdapter[] = []): Promise<RunningBot> {
  const startedAt = performance.now();
  const log = createLogger({ level: config.logLevel ?? 'info', secrets: config.secrets, write: io.logWrite, now: io.now });
  const store = SqliteArticleStore.open(config.dbPath);
  const core = createCore({ store, log, now: io.now, timezone: config.timezone });
  const seeded = await seedStarterCorpus(core);
  if (seeded) log.info('starter corpus stored', { articles: seeded });
  const deps: DispatchDeps = { commands: commandMap(commands), core, log, admins: config.admins };
  const platforms = [...platformAdapters(config, log), ...extraAdapters];

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping: Promise<void> | undefined;
  const running: ChatAdapter[] = [];
  const clock: Clock = io.schedule?.clock ?? { now: io.now ?? systemClock.now, sleep: systemClock.sleep };
  const posters = new Map<string, Poster>();
  const scheduler = new Scheduler({
    store: core.subscriptions.store,
    posters,
    compose: briefingComposer(core),
    clock,
    log,
    options: { catchUpHours: config.catchUpHours, ...io.schedule?.options },
  });
  let ticker: { stop(): Promise<void> } | undefined;
  const stop = (reason = 'stop') => {
    stopping ??= (async () => {
      log.info('stopping', { reason });
      // Stop taking new deliveries, let posts on the wire finish (or hand their claims back),
      // while the adapters can still post; then the adapters; the store last.
      await ticker?.stop();
      await scheduler.stop();
      await Promise.allSettled(running.map((a) => a.stop()));
      await core.close();
      resolveStopped();
    })();
    return stopping;
  };

  const onCommand = (inv: Parameters<typeof dispatch>[0], responder: Parameters<typeof dispatch>[1]) => dispatch(inv, responder, deps);
  // Platforms start side by side: one slow to connect must not hold up the others or the console.
  await Promise.all(
    platforms.map(async (adapter) => {
      try {
        await adapter.start(onCommand);
        running.push(adapter);
        log.info('platform started', { platform: adapter.platform });
      } catch (err) {
        log.error('platform failed to start; the others keep running', { platform: adapter.platform, err });
      }
    }),
  );
  const console = new ConsoleAdapter({
    input: io.input,
    output: io.output,
    interactive: io.interactive,
    // With no chat platform, the console is the bot: end of input ends it. With platforms,
    // stdin closing (service managers give /dev/null) must not stop serving them.
    // (The console itself is in `running` by then, so count the others.)
    onEnd: () => {
      if (running.every((a) => a.platform === 'console')) void stop('end of input');
    },
  });
  await console.start(onCommand);
  running.push(console);

  // Briefings go out through the adapters that started, by platform name.
  for (const adapter of running) posters.set(adapter.platform, adapter);
  if (io.schedule?.cron !== false) ticker = startMinuteTick(() => scheduler.tick(), log, io.schedule?.cron);
  // Catch-up at start: anything missed while the bot was down, within the window.
  void scheduler.tick().catch((err: unknown) => log.error('start-up schedule tick failed', { err }));
  log.info('ready', { ms: Math.round(performance.now() - startedAt), platforms: running.map((a) => a.platform) });
  return { core, adapters: running, deps, log, scheduler, stopped, stop };
}
