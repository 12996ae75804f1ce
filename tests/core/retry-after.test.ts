// Retry-After as servers send it: OpenAI's retry-after-ms, seconds, or an HTTP date.
import { describe, expect, it } from 'vitest';
import { describeServer, retryAfterMs } from '../../src/core/models/openai-model.ts';

const headers = (h: Record<string, string>) => new Headers(h);

describe('retryAfterMs', () => {
  it('reads milliseconds, seconds and dates; nothing when absent or unreadable', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2024-11-05T18:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 05 Nov 2024 18:00:07 GMT' }), now)).toBe(7000);
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });

  it('logs where requests go without credentials in the URL', () => {
    expect(describeServer('http://user:secret@127.0.0.1:8080/v1')).toBe('http://127.0.0.1:8080');
    expect(describeServer(undefined)).toBe('https://api.openai.com');
  });
});
