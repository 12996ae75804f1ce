// Slack request signatures, checked before Bolt's receiver sees the request. Bolt refuses a
// timestamp more than five minutes old, but accepts one from the future and the same signed
// request any number of times inside the window. Here: the timestamp must be within five
// minutes either way, the signature must match, and a signature already seen is refused.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's window for a request's timestamp, either way. */
export const SIGNATURE_WINDOW_SEC = 5 * 60;

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

export class SlackRequestGuard {
  /** Signatures seen, with when each stops mattering (its timestamp leaves the window). */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly signingSecret: string,
    private readonly now: () => number = Date.now,
    /** Bounds memory under a flood of valid requests; the oldest are forgotten first. */
    private readonly maxRemembered = 50_000,
  ) {}

  check(headers: IncomingHttpHeaders, body: Buffer): GuardVerdict {
    const tsHeader = headers['x-slack-request-timestamp'];
    const sigHeader = headers['x-slack-signature'];
    const ts = typeof tsHeader === 'string' && /^\d{1,12}$/.test(tsHeader) ? Number(tsHeader) : NaN;
    if (!Number.isFinite(ts) || typeof sigHeader !== 'string') return { ok: false, reason: 'unsigned' };
    const nowSec = Math.floor(this.now() / 1000);
    if (ts < nowSec - SIGNATURE_WINDOW_SEC) return { ok: false, reason: 'stale timestamp' };
    if (ts > nowSec + SIGNATURE_WINDOW_SEC) return { ok: false, reason: 'timestamp in the future' };
    const expected = Buffer.from(`v0=${createHmac('sha256', this.signingSecret).update(`v0:${tsHeader}:`).update(body).digest('hex')}`);
    const given = Buffer.from(sigHeader);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature mismatch' };
    // Only genuine requests are remembered, so forged ones cannot crowd them out.
    this.forgetExpired(nowSec);
    if (this.seen.has(sigHeader)) return { ok: false, reason: 'replayed request' };
    this.seen.set(sigHeader, ts + SIGNATURE_WINDOW_SEC);
    if (this.seen.size > this.maxRemembered) this.seen.delete(this.seen.keys().next().value!);
    return { ok: true };
  }

  private forgetExpired(nowSec: number): void {
    // Mostly in arrival order; an entry that outlives its neighbours is dropped on a later pass.
    for (const [sig, until] of this.seen) {
      if (until >= nowSec) break;
      this.seen.delete(sig);
    }
  }
}
