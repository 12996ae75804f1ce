// The metrics port: what the core and the adapters count. The core calls it without knowing how
// the numbers are kept; the service wires in a Prometheus implementation (src/service/prom-metrics.ts).
// Label values must come from a small fixed set (command names, outcomes, platforms), never from
// user text, so the number of series stays bounded.

/** How a command ended: answered, refused with a user-facing error, or failed (apology). */
export type CommandOutcome = 'ok' | 'refused' | 'failed';

export interface Metrics {
  /** A command finished (`command` is a registered name, or `unknown`). */
  commandFinished(command: string, outcome: CommandOutcome, seconds: number): void;
  /** A scheduled delivery ended, e.g. `posted`, `already_posted`, `skipped`, `retried`, `failed`, `handed_back`. */
  delivery(platform: string, outcome: string): void;
  /** A feed poll ended, e.g. `ok`, `unchanged`, `failed`. */
  feedPoll(outcome: string): void;
  /** A model request ended, e.g. `ok`, `timeout`, `rate_limited`, `error`, `rejected`; tokens when the server reported them. */
  modelRequest(outcome: string, tokens?: { prompt?: number | undefined; completion?: number | undefined }): void;
}

/** Counts nothing: the default when no service is running (CLI, tests). */
export const noMetrics: Metrics = {
  commandFinished: () => {},
  delivery: () => {},
  feedPoll: () => {},
  modelRequest: () => {},
};
