// Which articles tell the same story: used by briefings (one entry per story) and by broad
// questions (the gist of one story, not of every article that shares a word with the question).
import type { Article } from '../articles/types.ts';
import { addInto, cosineKnown, inverseDocumentFrequency, normSquared, termCounts, weigh, type Vector } from '../language/vectors.ts';
import { contentStems } from '../language/tokens.ts';

export const STORY_SIMILARITY = 0.2;

interface Cluster {
  articles: Article[];
  centroid: Vector;
  /** normSquared(centroid), kept as the centroid grows: comparing each article with every story read every centroid whole. */
  norm: number;
}

/** Articles about the same events share names and words; greedy single-pass clustering. */
export function clusterArticles(articles: Article[], threshold = STORY_SIMILARITY): Article[][] {
  const counts = articles.map((a) => {
    const v = termCounts(contentStems(`${a.title} ${a.title} ${a.sentences.slice(0, 6).map((s) => s.text).join(' ')}`));
    return v;
  });
  const idf = inverseDocumentFrequency(counts);
  const vectors = counts.map((c) => weigh(c, idf));
  const clusters: Cluster[] = [];
  articles.forEach((a, i) => {
    const v = vectors[i]!;
    const norm = normSquared(v);
    let best: Cluster | undefined;
    let bestSim = threshold;
    for (const c of clusters) {
      const sim = cosineKnown(v, norm, c.centroid, c.norm);
      if (sim >= bestSim) {
        best = c;
        bestSim = sim;
      }
    }
    if (best) {
      best.articles.push(a);
      addInto(best.centroid, v);
      best.norm = normSquared(best.centroid);
    } else {
      const centroid: Vector = new Map();
      addInto(centroid, v);
      clusters.push({ articles: [a], centroid, norm: normSquared(centroid) });
    }
  });
  return clusters.map((c) => c.articles);
}
