// Bounded retries for unprompted posts when a platform answers 429. The SDKs parse Retry-After
// and reject (Slack: rejectRateLimitedCalls, Discord: rejectOnRateLimit); this loop waits that
// long a bounded number of times, then hands a PostError to the caller (scheduled delivery), so a
// long rate limit never blocks the process and a short one never loses a post.
import { setTimeout as delay } from 'node:timers/promises';
import { PostError } from './chat-adapter.ts';

export interface RetryPolicy {
  /** Attempts in all, including the first. */
  attempts: number;
  /** A Retry-After longer than this is not waited for here: the caller reschedules. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_POST_RETRY: RetryPolicy = { attempts: 3, maxWaitMs: 30_000 };

/** What the platform error means for a retry: wait `retryAfterMs`, or give up with this kind. */
export type Classified = { kind: 'rate_limited'; retryAfterMs: number; message: string } | { kind: 'permanent' | 'transient'; message: string };

export async function withRateLimitRetry<T>(
  call: () => Promise<T>,
  classify: (err: unknown) => Classified,
  policy: RetryPolicy = DEFAULT_POST_RETRY,
  onWait?: (ms: number, attempt: number) => void,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => delay(ms));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const c = classify(err);
      if (c.kind !== 'rate_limited') throw new PostError(c.message, c.kind);
      if (attempt >= policy.attempts || c.retryAfterMs > policy.maxWaitMs) {
        throw new PostError(c.message, 'rate_limited', c.retryAfterMs);
      }
      onWait?.(c.retryAfterMs, attempt);
      await sleep(c.retryAfterMs);
    }
  }
}
