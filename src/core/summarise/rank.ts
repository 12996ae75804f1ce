// Extractive sentence selection: a position prior (news puts the essentials first), centrality
// (similarity to the rest of the text), entity and number density, then redundancy removal.
// Weights tuned on the CNN/DailyMail dev split (docs/evaluation.md): the lead dominates, and the
// other signals decide which lead sentences to swap for a more informative later one.
import { addInto, cosine, inverseDocumentFrequency, termCounts, weigh, type Vector } from '../language/vectors.ts';
import { contentStems } from '../language/tokens.ts';

export interface RankInput {
  text: string;
  /** Position within its article (0 = lead). */
  position: number;
  /** Named entities and numbers in the sentence. */
  entityCount: number;
}

export interface RankTuning {
  centrality: number;
  position: number;
  /** The position prior is (1 + index)^-positionDecay. */
  positionDecay: number;
  density: number;
  /** Multiplier for a sentence that opens with a quotation: quotes need their context. */
  quote: number;
  /** Sentences more similar than this to a chosen one are redundant. */
  redundancy: number;
  minWords: number;
  maxWords: number;
}

export const DEFAULT_RANK_TUNING: RankTuning = {
  centrality: 0.1,
  position: 1,
  positionDecay: 0.75,
  density: 0.2,
  quote: 0.8,
  redundancy: 0.5,
  minWords: 6,
  maxWords: 45,
};

export interface Ranked {
  index: number;
  score: number;
  vector: Vector;
}

export function scoreSentences(items: readonly RankInput[], tuning: RankTuning = DEFAULT_RANK_TUNING): Ranked[] {
  const counts = items.map((s) => termCounts(contentStems(s.text)));
  const idf = inverseDocumentFrequency(counts);
  const vectors = counts.map((c) => weigh(c, idf));
  const centrality = meanCosines(vectors);
  const maxC = Math.max(...centrality, 1e-9);
  return items.map((s, i) => {
    const words = s.text.split(/\s+/).length;
    const density = Math.min(1, s.entityCount / Math.max(4, words / 5));
    const position = Math.pow(1 + s.position, -tuning.positionDecay);
    let score = tuning.centrality * (centrality[i]! / maxC) + tuning.position * position + tuning.density * density;
    if (words < tuning.minWords) score *= 0.3;
    // Long sentences crowd out other facts in a three-line summary.
    if (words > tuning.maxWords) score *= 0.8;
    // Quotes without attribution and questions rarely make good summary lines.
    if (/^["“'‘]/.test(s.text.trim())) score *= tuning.quote;
    if (/\?$/.test(s.text.trim())) score *= 0.6;
    return { index: i, score, vector: vectors[i]! };
  });
}

/**
 * Each vector's mean cosine similarity to the others, in linear time: the sum of cosines to the
 * others is the dot product of its unit vector with the sum of all the other unit vectors (a
 * briefing ranks a thousand sentences; comparing every pair cost most of its time).
 */
export function meanCosines(vectors: readonly Vector[]): number[] {
  const n = vectors.length;
  if (n < 2) return vectors.map(() => 1);
  const norms = vectors.map((v) => {
    let sq = 0;
    for (const x of v.values()) sq += x * x;
    return Math.sqrt(sq);
  });
  const sum: Vector = new Map();
  vectors.forEach((v, i) => {
    if (norms[i]) addInto(sum, v, 1 / norms[i]!);
  });
  return vectors.map((v, i) => {
    const norm = norms[i]!;
    if (!norm) return 0;
    let dot = 0;
    for (const [k, x] of v) dot += x * (sum.get(k) ?? 0);
    // Minus its own unit vector's contribution (1); clamp the rounding error of a lone vector.
    return Math.max(0, dot / norm - 1) / (n - 1);
  });
}

/** The best `count` sentences, skipping near-repeats, returned in their original order. */
export function selectSentences(items: readonly RankInput[], count: number, tuning: RankTuning = DEFAULT_RANK_TUNING): number[] {
  const ranked = scoreSentences(items, tuning).sort((a, b) => b.score - a.score);
  const chosen: Ranked[] = [];
  for (const r of ranked) {
    if (chosen.length >= count) break;
    if (chosen.some((c) => cosine(c.vector, r.vector) > tuning.redundancy)) continue;
    chosen.push(r);
  }
  return chosen.map((c) => c.index).sort((a, b) => a - b);
}

/** How many sentences a summary of an article this long should have. */
export function summaryLength(sentenceCount: number): number {
  // Three lines: a fourth lowered ROUGE on the dev split (references average 47 words, 3.5 sentences).
  return Math.min(sentenceCount, 3);
}
