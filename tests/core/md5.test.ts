// The MinHash digest in plain JavaScript gives node:crypto's MD5 (its first 64 bits) for any
// string, so LSH bands stored before it stay valid.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Head } from '../../src/core/articles/md5.ts';
import { rng } from '../../src/bench/corpus.ts';

const reference = (s: string) => {
  const d = createHash('md5').update(s).digest();
  return [d.readUInt32LE(0), d.readUInt32LE(4)];
};

describe('md5Head', () => {
  it('matches node:crypto on edge lengths, non-ASCII text, lone surrogates and long strings', () => {
    const random = rng(7);
    const cases = ['', 'a', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(63), 'x'.repeat(64), 'y'.repeat(119), 'héllo wörld', '日本語 テキスト', 'emoji 😀 end', 'lone \ud800 high', 'lone \udc00 low', randomBytes(300_000).toString('base64')];
    for (let k = 0; k < 2000; k++) {
      const len = Math.floor(random() * 80);
      // Mostly ASCII, some Latin and CJK, some surrogates (paired or not).
      const range = [0x80, 0x800, 0x10000][k % 3]!;
      cases.push(Array.from({ length: len }, () => String.fromCharCode(32 + Math.floor(random() * (range - 32)))).join(''));
    }
    const out = new Uint32Array(2);
    for (const s of cases) {
      md5Head(s, out);
      expect([out[0], out[1]], JSON.stringify(s.slice(0, 40))).toEqual(reference(s));
    }
  });
});
