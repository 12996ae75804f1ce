// Virtual time for the scheduler: now() is whatever the test says, and sleeps only end when the
// test advances time (or when `run` finds nothing else left to do and jumps to the next timer).
import type { Clock } from '../../src/core/schedule/clock.ts';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Lets every promise continuation that is ready run (no real time passes). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
}

export class FakeClock implements Clock {
  private t: number;
  private timers: Timer[] = [];
  private seq = 0;

  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }

  now = (): Date => new Date(this.t);

  set(at: string | Date): void {
    const next = new Date(at).getTime();
    if (next < this.t) throw new Error('FakeClock: time does not go backwards');
    this.t = next;
  }

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          resolve();
        },
        { once: true },
      );
    });

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const until = this.t + ms;
    for (;;) {
      await settle();
      const next = this.earliest();
      if (!next || next.at > until) break;
      this.fire(next);
    }
    this.t = until;
    await settle();
  }

  /**
   * Waits for `work`, jumping virtual time to the next timer whenever everything is waiting on
   * one. Tests of retries and Retry-After run in milliseconds of real time.
   */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const watched = work.finally(() => (done = true));
    for (let steps = 0; steps < 100_000; steps++) {
      await settle();
      if (done) return watched;
      const next = this.earliest();
      if (!next) {
        await settle();
        if (done) return watched;
        throw new Error('FakeClock.run: work is stuck with no timer pending');
      }
      this.fire(next);
    }
    throw new Error('FakeClock.run: too many steps');
  }

  private earliest(): Timer | undefined {
    return [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((x) => x !== timer);
    this.t = Math.max(this.t, timer.at);
    timer.resolve();
  }
}
