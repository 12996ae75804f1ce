// Bag-of-stems vectors with TF-IDF weights and cosine similarity: the measure behind sentence
// centrality, redundancy checks and story clustering.
import { contentStems } from './tokens.ts';

export type Vector = Map<string, number>;

export function termCounts(stems: readonly string[]): Vector {
  const v: Vector = new Map();
  for (const s of stems) v.set(s, (v.get(s) ?? 0) + 1);
  return v;
}

/** IDF over a set of documents (each a set of stems). */
export function inverseDocumentFrequency(docs: readonly Vector[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const k of d.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [k, c] of df) idf.set(k, Math.log(1 + n / c));
  return idf;
}

export function weigh(counts: Vector, idf: Map<string, number>): Vector {
  const v: Vector = new Map();
  for (const [k, c] of counts) v.set(k, (1 + Math.log(c)) * (idf.get(k) ?? 1));
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** A vector's sum of squared weights, added in its own order: what cosine() works out for it on each call. */
export function normSquared(v: Vector): number {
  let n = 0;
  for (const x of v.values()) n += x * x;
  return n;
}

/** cosine(a, b) when both sums of squares (normSquared()) are already known: the same number. */
export function cosineKnown(a: Vector, na: number, b: Vector, nb: number): number {
  let dot = 0;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y) dot += x * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export function addInto(target: Vector, v: Vector, scale = 1): void {
  for (const [k, x] of v) target.set(k, (target.get(k) ?? 0) + x * scale);
}

export function stemsOf(text: string): string[] {
  return contentStems(text);
}
