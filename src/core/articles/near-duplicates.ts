// Near-duplicate detection: MinHash over word 3-shingles with locality-sensitive banding finds
// candidates (16 bands of 4 rows: a pair with Jaccard 0.7 shares a band with probability 0.99,
// a pair at 0.3 only 0.12), and exact shingle Jaccard similarity confirms them.
import { words } from '../language/words.ts';
import { md5Head, md5HeadOfBytes } from './md5.ts';

export const LSH_BANDS = 16;
const ROWS = 4;

/** A text's word 3-shingles, from its words(). */
export function shinglesOfWords(w: readonly string[], size = 3): Set<string> {
  const out = new Set<string>();
  if (w.length < size) {
    if (w.length) out.add(w.join(' '));
    return out;
  }
  for (let i = 0; i + size <= w.length; i++) out.add(w.slice(i, i + size).join(' '));
  return out;
}

/**
 * MinHash signature, LSH_BANDS × ROWS values, by double hashing of one digest (MD5's first 64
 * bits) per shingle. A shingle seen twice changes no minimum, so any iterable of them will do.
 */
export function minhash(sh: Iterable<string>): Uint32Array {
  const n = LSH_BANDS * ROWS;
  const sig = new Uint32Array(n).fill(0xffffffff);
  const d = new Uint32Array(2);
  for (const s of sh) {
    md5Head(s, d);
    fold(sig, d);
  }
  return sig;
}

/** Folds one shingle's digest (MD5's first 64 bits, in d) into the signature: value i is h1 + i·h2. */
function fold(sig: Uint32Array, d: Uint32Array): void {
  const h1 = d[0]!;
  const h2 = d[1]! | 1;
  for (let i = 0; i < sig.length; i++) {
    const v = (h1 + Math.imul(i, h2)) >>> 0;
    if (v < sig[i]!) sig[i] = v;
  }
}

/** A text's word 3-shingles one by one, without collecting them (MinHash needs no set). */
function* eachShingle(w: readonly string[], size = 3): Generator<string> {
  if (w.length < size) {
    if (w.length) yield w.join(' ');
    return;
  }
  for (let i = 0; i + size <= w.length; i++) yield size === 3 ? `${w[i]} ${w[i + 1]} ${w[i + 2]}` : w.slice(i, i + size).join(' ');
}

/** One 32-bit key per band: articles sharing a key are candidates. */
export function lshBands(text: string): number[] {
  return lshBandsOfWords(words(text));
}

/**
 * MinHash of a word list's 3-shingles, the same values as minhash(eachShingle(w)) in about half
 * the time: the words are joined and encoded once, and each shingle (three words and the two
 * spaces between them, a contiguous run of the joined text) is hashed from those bytes.
 */
function minhashOfWords(w: readonly string[]): Uint32Array {
  if (w.length < 3) return minhash(eachShingle(w));
  const text = Buffer.from(w.join(' '), 'utf8');
  // Where each word starts in the bytes; words() never holds a space, so spaces split them.
  const starts = new Int32Array(w.length + 1);
  for (let i = 0, k = 0; i < text.length; i++) if (text[i] === 0x20) starts[++k] = i + 1;
  starts[w.length] = text.length + 1;
  const n = LSH_BANDS * ROWS;
  const sig = new Uint32Array(n).fill(0xffffffff);
  const d = new Uint32Array(2);
  for (let i = 0; i + 3 <= w.length; i++) {
    md5HeadOfBytes(text, starts[i]!, starts[i + 3]! - 1, d);
    fold(sig, d);
  }
  return sig;
}

/** The same, from the text's words() when the caller has them already. */
export function lshBandsOfWords(w: readonly string[]): number[] {
  const sig = minhashOfWords(w);
  const out: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[b * ROWS + r]!, 0x01000193) >>> 0;
    out.push(h);
  }
  return out;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * jaccard(shinglesOfWords(a), shinglesOfWords(b)), without making a string per shingle: the two
 * word lists' words get small ids (one map for both) and a 3-shingle is one number, its three ids
 * in base m (a short text's one shingle, its whole word list, a negative number apart). Words
 * hold no space, so two shingle strings are equal exactly when their words are, and so are the
 * numbers: the same value, in about a third of the time (the strings were most of comparing an
 * article with its near-duplicate candidates, 1.4 per article at 100,000 bench articles).
 */
export function wordShingleJaccard(a: readonly string[], b: readonly string[]): number {
  const m = a.length + b.length + 1;
  // m³ must stay an exact double (2^53); no article of MAX_ARTICLE_CHARS comes near it.
  if (m > 200_000) return jaccard(shinglesOfWords(a), shinglesOfWords(b));
  const ids = new Map<string, number>();
  const keys = (w: readonly string[]): Set<number> => {
    const id = new Array<number>(w.length);
    for (let i = 0; i < w.length; i++) {
      let v = ids.get(w[i]!);
      if (v === undefined) ids.set(w[i]!, (v = ids.size));
      id[i] = v;
    }
    const out = new Set<number>();
    if (w.length === 1) out.add(-1 - id[0]!);
    else if (w.length === 2) out.add(-1 - m - (id[0]! * m + id[1]!));
    else for (let i = 0; i + 3 <= w.length; i++) out.add((id[i]! * m + id[i + 1]!) * m + id[i + 2]!);
    return out;
  };
  return jaccard(keys(a), keys(b));
}

/**
 * One text's 3-shingles, ready to be compared with many others: `similarAtLeast(b, t)` is
 * wordShingleJaccard(a, b) when that is at least t, and undefined when it is below t. Most
 * candidates share a few sentences and no more (at 100,000 bench articles 1.5 candidates per
 * article, none above 0.5), and those are ruled out without building their shingle sets: b's
 * words are only looked up among a's, and the shingle positions of b found in a's set bound the
 * intersection from above, so J = I / (|A| + |B| − I) ≤ I / |A| ≤ found / |A| (|B| ≥ I). Only a
 * text that may reach t is compared exactly, so the outcome is the exact comparison's.
 */
export class ShingleProfile {
  private readonly ids = new Map<string, number>();
  private readonly keys = new Set<number>();
  private readonly m: number;

  constructor(private readonly a: readonly string[]) {
    this.m = a.length + 1;
    if (a.length < 3 || this.m > 200_000) return;
    const id = new Array<number>(a.length);
    for (let i = 0; i < a.length; i++) {
      let v = this.ids.get(a[i]!);
      if (v === undefined) this.ids.set(a[i]!, (v = this.ids.size));
      id[i] = v;
    }
    for (let i = 0; i + 3 <= a.length; i++) this.keys.add((id[i]! * this.m + id[i + 1]!) * this.m + id[i + 2]!);
  }

  similarAtLeast(b: readonly string[], threshold: number): number | undefined {
    if (this.keys.size && b.length >= 3 && threshold > 0) {
      const { ids, keys, m } = this;
      // found / |A| < threshold rules b out: found < threshold · |A| (less a margin for the
      // product's rounding: a text exactly at the threshold is compared exactly).
      const enough = threshold * keys.size - 1e-6;
      let found = 0;
      let id1 = ids.get(b[0]!) ?? -1;
      let id2 = ids.get(b[1]!) ?? -1;
      for (let i = 2; i < b.length; i++) {
        const id0 = id1;
        id1 = id2;
        id2 = ids.get(b[i]!) ?? -1;
        if (id0 >= 0 && id1 >= 0 && id2 >= 0 && keys.has((id0 * m + id1) * m + id2)) found++;
      }
      if (found < enough) return undefined;
    }
    const sim = wordShingleJaccard(this.a, b);
    return sim >= threshold ? sim : undefined;
  }
}

/**
 * Bounds on the candidate lookup, so a flood of similar items costs the same per item as one:
 * at most this many articles are read per band (the primary key's order), and of those only the
 * ones sharing the most bands (the likeliest near-duplicates) have their bodies compared.
 */
export const CANDIDATES_PER_BAND = 32;
export const MAX_NEAR_CANDIDATES = 16;

/** Similarity at or above which two texts are the same article (an edit or a re-dated copy). */
export const NEAR_DUPLICATE_JACCARD = 0.7;
