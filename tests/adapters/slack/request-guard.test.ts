// The signature guard in front of Bolt: a window of five minutes either way, and each signed
// request accepted once; what it remembers is bounded and forgotten once it could not pass anyway.
import { describe, expect, it } from 'vitest';
import { SlackRequestGuard } from '../../../src/adapters/slack/request-guard.ts';
import { sign } from '../../helpers/fake-slack.ts';

const SECRET = 'guard-test-signing-secret';
const body = (n: number) => Buffer.from(`command=%2Fhelp&text=${n}`);
const headers = (b: Buffer, ts: number, secret = SECRET) => sign(secret, b.toString(), ts);

describe('Slack request guard', () => {
  it('accepts a fresh signed request once; refuses future, stale, forged and replayed ones', () => {
    let now = 1_700_000_000_000;
    const guard = new SlackRequestGuard(SECRET, () => now);
    const t = now / 1000;
    expect(guard.check(headers(body(1), t), body(1))).toEqual({ ok: true });
    expect(guard.check(headers(body(1), t), body(1))).toEqual({ ok: false, reason: 'replayed request' });
    expect(guard.check(headers(body(2), t + 301), body(2))).toEqual({ ok: false, reason: 'timestamp in the future' });
    expect(guard.check(headers(body(3), t + 300), body(3))).toEqual({ ok: true });
    expect(guard.check(headers(body(4), t - 301), body(4))).toEqual({ ok: false, reason: 'stale timestamp' });
    expect(guard.check(headers(body(5), t, 'wrong'), body(5))).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(guard.check(headers(body(6), t), body(7))).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(guard.check({}, body(8))).toEqual({ ok: false, reason: 'unsigned' });
    // Later, the first request is refused for its age, and what was remembered about it is gone.
    now += 11 * 60_000;
    expect(guard.check(headers(body(1), t), body(1))).toEqual({ ok: false, reason: 'stale timestamp' });
    expect(guard.check(headers(body(9), now / 1000), body(9))).toEqual({ ok: true });
    expect((guard as unknown as { seen: Map<string, number> }).seen.size).toBe(1);
  });

  it('remembers at most the configured number of signatures', () => {
    const now = 1_700_000_000_000;
    const guard = new SlackRequestGuard(SECRET, () => now, 100);
    for (let i = 0; i < 1000; i++) expect(guard.check(headers(body(i), now / 1000), body(i)).ok).toBe(true);
    expect((guard as unknown as { seen: Map<string, number> }).seen.size).toBe(100);
  });
});
