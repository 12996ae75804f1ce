// The official SQuAD 2.0 scoring: answer normalisation, exact match and token F1, best over the
// gold answers. An unanswerable question's gold is the empty answer: abstaining scores 1, anything else 0.

/** Lower case, no punctuation, no articles (a, an, the), single spaces: as in the official script. */
export function normalizeAnswer(s: string): string {
  const lower = s.toLowerCase();
  // The official script strips every character in Python's string.punctuation.
  const noPunct = lower.replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '');
  // Python's \b is Unicode-aware; so are these lookarounds.
  const noArticles = noPunct.replace(/(?<![\p{L}\p{N}_])(a|an|the)(?![\p{L}\p{N}_])/gu, ' ');
  return noArticles.split(/\s+/).filter(Boolean).join(' ');
}

const tokensOf = (s: string) => normalizeAnswer(s).split(' ').filter(Boolean);

export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(gold) ? 1 : 0;
}

export function tokenF1(prediction: string, gold: string): number {
  const p = tokensOf(prediction);
  const g = tokensOf(gold);
  // Either empty: 1 when both are (an abstention on an unanswerable question), else 0.
  if (!p.length || !g.length) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  if (!same) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Best score over the gold answers; `golds` empty means unanswerable (gold is ""). */
export function scoreAnswer(prediction: string | null, golds: readonly string[]): { em: number; f1: number } {
  const pred = prediction ?? '';
  const list = golds.filter((g) => normalizeAnswer(g)).length ? golds : [''];
  let em = 0;
  let f1 = 0;
  for (const g of list) {
    em = Math.max(em, exactMatch(pred, g));
    f1 = Math.max(f1, tokenF1(pred, g));
  }
  return { em, f1 };
}

/** Whether a sentence contains one of the gold answers (compared after normalisation, on word boundaries). */
export function containsAnswer(sentence: string, golds: readonly string[]): boolean {
  const s = ` ${normalizeAnswer(sentence)} `;
  return golds.some((g) => {
    const n = normalizeAnswer(g);
    return !!n && s.includes(` ${n} `);
  });
}
