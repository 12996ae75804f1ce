// Time as the scheduler sees it: injected, so tests run days of schedule without waiting.

export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or as soon as `signal` aborts (callers check the signal). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      // A pending retry must not keep a stopping process alive.
      timer.unref?.();
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Runs `work` with a time limit on the given clock; the timer is cancelled when work settles. */
export async function withTimeout<T>(clock: Clock, ms: number, work: Promise<T>, what: string): Promise<T> {
  const cancel = new AbortController();
  let timedOut = false;
  const timer = clock.sleep(ms, cancel.signal).then(() => {
    timedOut = !cancel.signal.aborted;
  });
  try {
    return await Promise.race([
      work,
      timer.then(() => {
        if (timedOut) throw new TimeoutError(`${what} took longer than ${ms} ms`);
        return new Promise<never>(() => {});
      }),
    ]);
  } finally {
    cancel.abort();
  }
}

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * Like withTimeout, but the limit restarts whenever the work reports a step (one message of a
 * long briefing); when it runs out, `signal` tells the work to start no further step.
 */
export async function withStepTimeout<T>(clock: Clock, ms: number, work: (step: () => void, signal: AbortSignal) => Promise<T>, what: string): Promise<T> {
  const stop = new AbortController();
  const done = new AbortController();
  let steps = 0;
  const running = work(() => steps++, stop.signal);
  const watchdog = (async (): Promise<never> => {
    for (let seen = -1; seen !== steps; ) {
      seen = steps;
      await clock.sleep(ms, done.signal);
      if (done.signal.aborted) return new Promise<never>(() => {});
    }
    stop.abort();
    throw new TimeoutError(`${what} made no progress for ${ms} ms`);
  })();
  try {
    return await Promise.race([running, watchdog]);
  } finally {
    done.abort();
  }
}
