// How a failed post is handled, read from the adapter's PostError by shape (the core does not
// import adapters): permanent → stop posting to that channel; rate_limited → wait Retry-After;
// anything else (5xx, network, timeout) → transient, retried with bounded backoff.
import { redact } from '../log.ts';

export type PostFailureKind = 'permanent' | 'rate_limited' | 'transient';

export interface PostFailure {
  kind: PostFailureKind;
  retryAfterMs?: number | undefined;
  /** Safe to show to admins: secrets redacted, length bounded. */
  message: string;
}

const KINDS = new Set<string>(['permanent', 'rate_limited', 'transient']);

export function classifyPostFailure(err: unknown): PostFailure {
  const e = err as { kind?: unknown; retryAfterMs?: unknown; message?: unknown } | undefined;
  const message = redact(typeof e?.message === 'string' ? e.message : String(err)).slice(0, 300);
  if (e && typeof e.kind === 'string' && KINDS.has(e.kind)) {
    const retryAfterMs = typeof e.retryAfterMs === 'number' && e.retryAfterMs >= 0 ? e.retryAfterMs : undefined;
    return { kind: e.kind as PostFailureKind, retryAfterMs, message };
  }
  return { kind: 'transient', message };
}
