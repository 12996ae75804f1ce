// One lane per platform: at most `limit` posts in flight, and a shared pause when the platform
// answers 429, so the whole fan-out backs off together instead of every post hitting the limit.
import type { Clock } from './clock.ts';

export class Lane {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private pausedUntil = 0;
  /** The most posts that were ever in flight at once (reported in tests and logs). */
  maxActive = 0;

  constructor(
    readonly limit: number,
    private readonly clock: Clock,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now().getTime() + ms);
  }

  /** Waits out a 429 pause (possibly extended by other posts meanwhile). */
  async whenOpen(signal: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.pausedUntil - this.clock.now().getTime();
      if (wait <= 0 || signal.aborted) return;
      await this.clock.sleep(wait, signal);
    }
  }
}
