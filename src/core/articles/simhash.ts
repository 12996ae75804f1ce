// Near-duplicate detection: 64-bit SimHash over word 3-shingles finds candidates through four
// 16-bit bands (any two hashes within Hamming distance 3 share a band), and shingle Jaccard
// similarity confirms them.
import { createHash } from 'node:crypto';

const MASK64 = (1n << 64n) - 1n;

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function shingles(text: string, size = 3): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  if (w.length < size) {
    if (w.length) out.add(w.join(' '));
    return out;
  }
  for (let i = 0; i + size <= w.length; i++) out.add(w.slice(i, i + size).join(' '));
  return out;
}

function hash64(s: string): bigint {
  return createHash('sha1').update(s).digest().readBigUInt64BE(0);
}

export function simhash(text: string): bigint {
  const counts = new Array<number>(64).fill(0);
  for (const sh of shingles(text)) {
    const h = hash64(sh);
    for (let bit = 0; bit < 64; bit++) counts[bit]! += (h >> BigInt(bit)) & 1n ? 1 : -1;
  }
  let out = 0n;
  for (let bit = 0; bit < 64; bit++) if (counts[bit]! > 0) out |= 1n << BigInt(bit);
  return out & MASK64;
}

export function hamming(a: bigint, b: bigint): number {
  let x = (a ^ b) & MASK64;
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

export function simhashBands(h: bigint): [number, number, number, number] {
  return [0, 1, 2, 3].map((i) => Number((h >> BigInt(i * 16)) & 0xffffn)) as [number, number, number, number];
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Similarity at or above which two texts are the same article (an edit or a re-dated copy). */
export const NEAR_DUPLICATE_JACCARD = 0.7;
