// Start-up: config → store → core → adapters. Kept apart from main.ts so tests can start a bot.
import { appendFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { commands } from '../commands/index.ts';
import type { ChatAdapter } from './adapters/chat-adapter.ts';
import { ConsoleAdapter } from './adapters/console/console-adapter.ts';
import { platformAdapters } from './adapters/platforms.ts';
import type { Config } from './config.ts';
import type { Core } from './core/core.ts';
import { createCore, seedStarterCorpus } from './core/create-core.ts';
import { liveNewsOptions } from './live-news-options.ts';
import { commandMap, dispatch, type DispatchDeps } from './core/dispatch.ts';
import { createLogger, type Logger } from './core/log.ts';
import { systemClock, type Clock } from './core/schedule/clock.ts';
import { briefingComposer } from './core/schedule/compose.ts';
import { startMinuteTick } from './core/schedule/minute-tick.ts';
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler, type Poster, type SchedulerOptions } from './core/schedule/scheduler.ts';
import { modelFromConfig } from './model-config.ts';
import { describeStore, openStores, storeStats } from './open-store.ts';
import { healthRoutes, startHealthServer, type HealthServer, type HealthSources } from './service/health-routes.ts';
import { createPromMetrics, type PromMetrics } from './service/prom-metrics.ts';

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
  metrics: PromMetrics;
  /** The health and metrics server (BRIEFBOT_HTTP_PORT), when enabled. */
  http: HealthServer | undefined;
  adapters: ChatAdapter[];
  deps: DispatchDeps;
  log: Logger;
  scheduler: Scheduler;
  /** Resolves when the bot has stopped (end of console input with no platform, or stop()). */
  stopped: Promise<void>;
  /** Why the bot stopped or is stopping (`SIGINT`, `SIGTERM`, `quit`, `end of input`, ...). */
  stopReason(): string | undefined;
  stop(reason?: string): Promise<void>;
}

export async function startBot(config: Config, io: BotIO, extraAdapters: ChatAdapter[] = []): Promise<RunningBot> {
  const startedAt = performance.now();
  const console = new ConsoleAdapter({
    input: io.input,
    output: io.output,
    interactive: io.interactive,
    storePath: describeStore(config),
    // With no chat platform, the console is the bot: end of input ends it. With platforms,
    // stdin closing (service managers give /dev/null) must not stop serving them.
    // (The console itself is in `running` by then, so count the others.)
    // /quit and Ctrl-C stop the whole bot, whatever else it serves.
    onEnd: (why) => {
      if (why === 'interrupt') void stop('SIGINT');
      else if (why === 'quit' || running.every((a) => a.platform === 'console')) void stop(why);
    },
  });
  const serving = !!(config.slack || config.discord || extraAdapters.length);
  const log = createLogger({
    // A console user reads replies, not operations logs: warnings only, unless LOG_LEVEL says otherwise.
    level: config.logLevel ?? (serving && !io.interactive ? 'info' : 'warn'),
    secrets: config.secrets,
    write: io.logWrite ?? logWriter(config.logFile, io.interactive ? console : undefined),
    now: io.now,
  });
  const stores = await openStores(config);
  const store = stores.articles;
  const metrics = createPromMetrics({ storeStats: () => storeStats(stores) });
  // Articles from /add and feeds are analysed in a worker thread (one: they come one at a time), so
  // the commands of everyone else are answered meanwhile; BRIEFBOT_INGEST_WORKERS=0: on this thread.
  const analysisWorkers = Math.min(1, config.ingestWorkers);
  const core = createCore({ store, scheduleStore: stores.schedule, feedStore: stores.feeds, log, metrics, now: io.now, timezone: config.timezone, ...liveNewsOptions(config), model: modelFromConfig(config, log, metrics), analysisWorkers });
  const seeded = await seedStarterCorpus(core);
  if (seeded) log.info('starter corpus stored', { articles: seeded });
  log.info('store opened', { store: stores.kind, at: describeStore(config) });
  const deps: DispatchDeps = { commands: commandMap(commands), core, log, admins: config.admins };

  let stopping: Promise<void> | undefined;
  const running: ChatAdapter[] = [];
  const health: HealthSources = {
    metrics: () => metrics.text(),
    readiness: async () => {
      const checks: Record<string, string> = {};
      if (stopping) checks.process = 'stopping';
      try {
        await store.countArticles();
        checks.store = 'ok';
      } catch (err) {
        checks.store = `unreachable: ${err instanceof Error ? err.message : String(err)}`;
      }
      for (const a of platforms) {
        if (a.platform === 'console') continue;
        const up = running.includes(a) && (a.isConnected?.() ?? true);
        checks[a.platform] = up ? 'ok' : running.includes(a) ? 'disconnected' : 'not started';
      }
      return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
    },
  };
  const routes = healthRoutes(health);
  const platforms = [...(await platformAdapters(config, log, { routes })), ...extraAdapters];
  let http: HealthServer | undefined;
  if (config.http) {
    http = await startHealthServer(config.http.port, config.http.host, health);
    log.info('health and metrics listening', { host: config.http.host, port: http.port });
  }

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  const clock: Clock = io.schedule?.clock ?? { now: io.now ?? systemClock.now, sleep: systemClock.sleep };
  const posters = new Map<string, Poster>();
  const scheduler = new Scheduler({
    store: core.subscriptions.store,
    posters,
    compose: briefingComposer(core),
    clock,
    log,
    metrics,
    options: { catchUpHours: config.catchUpHours, ...leaseOptions(config.deliveryLeaseSeconds), ...io.schedule?.options },
  });
  let ticker: { stop(): Promise<void> } | undefined;
  let stopReason: string | undefined;
  const stop = (reason = 'stop') => {
    stopReason ??= reason;
    stopping ??= (async () => {
      log.info('stopping', { reason });
      // Stop taking new deliveries, let posts on the wire finish (or hand their claims back),
      // while the adapters can still post; then the adapters; the store last.
      await ticker?.stop();
      await scheduler.stop();
      await Promise.allSettled(running.map((a) => a.stop()));
      await http?.close();
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
  await console.start(onCommand);
  running.push(console);

  // Briefings go out through the adapters that started, by platform name.
  for (const adapter of running) posters.set(adapter.platform, adapter);
  // Feeds are polled from the same minute tick, side by side: a slow feed never delays a briefing.
  const minute = () => {
    void core.feedService.tick();
    return scheduler.tick();
  };
  if (io.schedule?.cron !== false) ticker = startMinuteTick(minute, log, io.schedule?.cron ?? tickCron(config.tickSeconds));
  // Catch-up at start: anything missed while the bot was down, within the window; feeds that came due meanwhile.
  void core.feedService.tick();
  void scheduler.tick().catch((err: unknown) => log.error('start-up schedule tick failed', { err }));
  log.info('ready', { ms: Math.round(performance.now() - startedAt), platforms: running.map((a) => a.platform) });
  return { core, metrics, http, adapters: running, deps, log, scheduler, stopped, stopReason: () => stopReason, stop };
}

/** Log lines go to LOG_FILE when set; else to stderr, above the prompt in an interactive console. */
function logWriter(file: string | undefined, console: ConsoleAdapter | undefined): (line: string) => void {
  if (file) return (line) => appendFileSync(file, `${line}\n`);
  if (console) return (line) => console.printAbovePrompt(line, process.stderr);
  return (line) => process.stderr.write(`${line}\n`);
}

/**
 * A claimed delivery is another process's to recover once its lease ends, so a post must give up
 * well before then: an attempt may last at most half the lease (and never more than the default).
 */
function leaseOptions(leaseSeconds: number): Pick<SchedulerOptions, 'leaseMs' | 'attemptTimeoutMs'> {
  const leaseMs = leaseSeconds * 1000;
  return { leaseMs, attemptTimeoutMs: Math.min(DEFAULT_SCHEDULER_OPTIONS.attemptTimeoutMs, leaseMs / 2) };
}

/** node-cron: every minute, or every N seconds (a tick more or less is harmless: the tick decides what is due). */
function tickCron(seconds: number): string {
  return seconds >= 60 ? '* * * * *' : `*/${seconds} * * * * *`;
}
