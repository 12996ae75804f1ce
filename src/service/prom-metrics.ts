// The metrics port kept in Prometheus form with prom-client (the standard Node client: text
// exposition format, histograms, default process metrics). One registry per bot, so tests and
// several bots in one process never share counters.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../core/metrics.ts';

export interface StoreStats {
  articles: number;
  /** Size of the store on disk, when known. */
  bytes?: number | undefined;
}

export interface PromMetrics extends Metrics {
  readonly registry: Registry;
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
}

export function createPromMetrics(opts: { storeStats?: () => Promise<StoreStats> } = {}): PromMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const commands = new Counter({ name: 'briefbot_commands_total', help: 'Commands handled, by command and outcome', labelNames: ['command', 'outcome'], registers });
  const latency = new Histogram({
    name: 'briefbot_command_duration_seconds',
    help: 'Time from receiving a command to its reply',
    labelNames: ['command'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
    registers,
  });
  const deliveries = new Counter({ name: 'briefbot_deliveries_total', help: 'Scheduled briefing deliveries, by platform and outcome', labelNames: ['platform', 'outcome'], registers });
  const feedPolls = new Counter({ name: 'briefbot_feed_polls_total', help: 'Feed polls, by outcome', labelNames: ['outcome'], registers });
  const modelRequests = new Counter({ name: 'briefbot_model_requests_total', help: 'Language model requests, by outcome', labelNames: ['outcome'], registers });
  const modelTokens = new Counter({ name: 'briefbot_model_tokens_total', help: 'Language model tokens reported by the server, by kind', labelNames: ['kind'], registers });
  const stats = opts.storeStats;
  if (stats) {
    // Read at scrape time, so the numbers are current without a timer.
    let pending: Promise<StoreStats | undefined> | undefined;
    // Both gauges share one read per scrape.
    const read = () => (pending ??= stats().catch(() => undefined).finally(() => setImmediate(() => (pending = undefined))));
    new Gauge({
      name: 'briefbot_store_articles',
      help: 'Articles in the store',
      registers,
      async collect() {
        const s = await read();
        if (s) this.set(s.articles);
      },
    });
    new Gauge({
      name: 'briefbot_store_bytes',
      help: 'Size of the store on disk',
      registers,
      async collect() {
        const s = await read();
        if (s?.bytes !== undefined) this.set(s.bytes);
      },
    });
  }
  return {
    registry,
    text: () => registry.metrics(),
    commandFinished(command, outcome, seconds) {
      commands.inc({ command, outcome });
      latency.observe({ command }, seconds);
    },
    delivery(platform, outcome) {
      deliveries.inc({ platform, outcome });
    },
    feedPoll(outcome) {
      feedPolls.inc({ outcome });
    },
    modelRequest(outcome, tokens) {
      modelRequests.inc({ outcome });
      if (tokens?.prompt) modelTokens.inc({ kind: 'prompt' }, tokens.prompt);
      if (tokens?.completion) modelTokens.inc({ kind: 'completion' }, tokens.completion);
    },
  };
}
