// Drafts of a reply that is still being written (a model's answer streaming in), shown in chat at
// the platform's edit rate: at most one draft per interval, never two on the wire at once, and
// only the newest waiting one is sent (older ones are skipped, not queued). close() stops drafting
// before the final, checked reply replaces whatever draft is showing.
import type { Logger } from './log.ts';
import type { Reply } from './reply.ts';
import type { Clock } from './schedule/clock.ts';

export interface DraftStream {
  /** Offers a newer draft; returns at once. */
  push(reply: Reply): void;
  /** No more drafts: cancels a waiting one, waits for one on the wire; true when any was shown. */
  close(): Promise<boolean>;
}

export function throttledDrafts(send: (reply: Reply) => Promise<void>, intervalMs: number, clock: Clock, log: Logger): DraftStream {
  let latest: Reply | undefined;
  let inFlight: Promise<void> | undefined;
  let waiting: AbortController | undefined;
  let lastSent = Number.NEGATIVE_INFINITY;
  let closed = false;
  let failed = false;
  let shown = false;

  const flush = () => {
    if (closed || failed || inFlight || !latest) return;
    const r = latest;
    latest = undefined;
    lastSent = clock.now().getTime();
    inFlight = send(r)
      .then(
        () => void (shown = true),
        (err: unknown) => {
          // A platform refusing drafts (rate limit, permissions) loses only the drafts: the final reply still goes.
          failed = true;
          log.warn('draft not shown; the final reply will follow', { err });
        },
      )
      .finally(() => {
        inFlight = undefined;
        schedule();
      });
  };

  const schedule = () => {
    if (closed || failed || waiting || inFlight || !latest) return;
    const wait = Math.max(0, lastSent + intervalMs - clock.now().getTime());
    if (wait === 0) return flush();
    const ctl = (waiting = new AbortController());
    void clock.sleep(wait, ctl.signal).then(() => {
      if (waiting === ctl) waiting = undefined;
      if (!ctl.signal.aborted) flush();
    });
  };

  return {
    push(reply) {
      if (closed || failed) return;
      latest = reply;
      schedule();
    },
    async close() {
      closed = true;
      latest = undefined;
      waiting?.abort();
      waiting = undefined;
      await inFlight;
      return shown;
    },
  };
}
