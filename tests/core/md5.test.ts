// The MinHash digest in plain JavaScript gives node:crypto's MD5 (its first 64 bits) for any
// string, and the LSH bands computed from encoded words are those of each shingle's own digest,
// so LSH bands stored before stay valid.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Head, md5HeadOfBytes } from '../../src/core/articles/md5.ts';
import { rng } from '../../src/bench/corpus.ts';
import { lshBandsOfWords } from '../../src/core/articles/near-duplicates.ts';
import { words } from '../../src/core/language/words.ts';

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

describe('md5HeadOfBytes', () => {
  it('gives md5Head of the string those bytes encode, at any offset', () => {
    const random = rng(11);
    const text = Array.from({ length: 3000 }, (_, k) => String.fromCharCode(32 + Math.floor(random() * ([0x80, 0x800, 0xd7ff][k % 3]! - 32)))).join('');
    const bytes = Buffer.from(text, 'utf8');
    const a = new Uint32Array(2);
    for (let k = 0; k < 500; k++) {
      const start = Math.floor(random() * bytes.length);
      const end = Math.min(bytes.length, start + Math.floor(random() * 150));
      md5HeadOfBytes(bytes, start, end, a);
      // Any byte range: compared with node:crypto on the same bytes.
      const d = createHash('md5').update(bytes.subarray(start, end)).digest();
      expect([a[0], a[1]]).toEqual([d.readUInt32LE(0), d.readUInt32LE(4)]);
    }
  });
});

describe('LSH bands', () => {
  // The bands as stored since schema v1, from node:crypto: MinHash of word 3-shingles by double
  // hashing of each shingle's MD5 (first 64 bits), 16 bands of 4 rows folded with FNV-1a.
  const referenceBands = (w: string[]) => {
    const shingles = w.length < 3 ? (w.length ? [w.join(' ')] : []) : w.slice(2).map((_, i) => `${w[i]} ${w[i + 1]} ${w[i + 2]}`);
    const sig = new Uint32Array(64).fill(0xffffffff);
    for (const s of shingles) {
      const [h1, h2] = reference(s) as [number, number];
      for (let i = 0; i < 64; i++) sig[i] = Math.min(sig[i]!, (h1 + Math.imul(i, h2 | 1)) >>> 0);
    }
    return Array.from({ length: 16 }, (_, b) => {
      let h = 0x811c9dc5;
      for (let r = 0; r < 4; r++) h = Math.imul(h ^ sig[b * 4 + r]!, 0x01000193) >>> 0;
      return h;
    });
  };

  it('are the same as hashing each shingle string, for ASCII, accented and CJK words and short texts', () => {
    const random = rng(5);
    const texts = ['', 'one', 'two words', 'exactly three words', 'Café déjà vu in São Paulo, 12 times', '東京 都 の 人口 は 1400 万人 です'];
    for (let k = 0; k < 200; k++) {
      const len = Math.floor(random() * 60);
      texts.push(Array.from({ length: len }, () => Array.from({ length: 1 + Math.floor(random() * 9) }, () => String.fromCharCode([97, 0xe0, 0x4e00][Math.floor(random() * 3)]! + Math.floor(random() * 20))).join('')).join(' '));
    }
    for (const t of texts) expect(lshBandsOfWords(words(t)), t.slice(0, 40)).toEqual(referenceBands(words(t)));
  });
});
