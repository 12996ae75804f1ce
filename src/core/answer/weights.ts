// Weights of the sentence ranking and abstention models, fitted by logistic regression on the
// SQuAD 2.0 dev split: `node --import tsx src/eval/fit.ts --write` rewrites the block below
// (docs/evaluation.md). Refit after changing a feature.
import type { FeatureName } from './features.ts';
import { SPAN_FEATURES, type SpanFamily, type SpanFeature } from './span-model.ts';

export const ABSTAIN_FEATURES = ['score', 'margin', 'coverage', 'span', 'typedMiss', 'missingProper', 'missingRare', 'context', 'novel', 'terms'] as const;
export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];

// <fitted>
export const FITTED = {
  "span": {
    "typed": {
      "bias": -2.379,
      "heuristic": 1.669,
      "kindFirst": 0.674,
      "kindOther": -0.483,
      "kindWrong": -0.646,
      "unitFit": 0.329,
      "year": 1.212,
      "proper": -0.104,
      "phrase": 0.178,
      "list": -0.618,
      "pluralList": 0.165,
      "prox": 0.953,
      "leftAdj": 0.297,
      "rightAdj": 0.207,
      "afterLast": 0.117,
      "beforeFirst": -0.054,
      "focusBeside": 0.674,
      "naming": 1.465,
      "words": 1.614,
      "single": -0.319,
      "parens": -0.839,
      "qOverlap": -0.199
    },
    "other": {
      "bias": -2.826,
      "heuristic": 0.82,
      "kindFirst": 0,
      "kindOther": 0,
      "kindWrong": -0.028,
      "unitFit": 0,
      "year": 0,
      "proper": 0.353,
      "phrase": 0.138,
      "list": 0,
      "pluralList": -0.084,
      "prox": 1.706,
      "leftAdj": 0.204,
      "rightAdj": 0.035,
      "afterLast": 0.278,
      "beforeFirst": -0.311,
      "focusBeside": 0.73,
      "naming": 0.866,
      "words": -0.132,
      "single": -0.452,
      "parens": -0.626,
      "qOverlap": 1.339
    }
  },
  "rank": {
    "bias": -8.385,
    "coverage": 1.165,
    "verb": -0.213,
    "bm25": 3.565,
    "span": 1.303,
    "typedMiss": -0.779,
    "context": 3.102,
    "neighbour": 1.392,
    "previous": 1.603,
    "missingProper": -0.179,
    "missingRare": 0.177,
    "order": 0.56,
    "compact": 0.103,
    "length": 0.861,
    "novel": 0.363
  },
  "abstain": {
    "bias": -0.999,
    "score": 0.232,
    "margin": 1.239,
    "coverage": 1.162,
    "span": 0.441,
    "typedMiss": -0.44,
    "missingProper": -0.354,
    "missingRare": -0.956,
    "context": -0.277,
    "novel": -1.109,
    "terms": 1.171
  },
  "abstainBelow": 0.24
} as const;
// </fitted>

type SpanWeights = Record<SpanFamily, Readonly<Record<SpanFeature | 'bias', number>>>;
const fullSpan = (w: Partial<Record<SpanFeature | 'bias', number>>): Record<SpanFeature | 'bias', number> =>
  Object.fromEntries(['bias', ...SPAN_FEATURES].map((k) => [k, w[k as SpanFeature] ?? 0])) as Record<SpanFeature | 'bias', number>;
export const SPAN_WEIGHTS: SpanWeights = { typed: fullSpan(FITTED.span.typed), other: fullSpan(FITTED.span.other) };
export const RANK_WEIGHTS: Readonly<Record<FeatureName | 'bias', number>> = FITTED.rank;
export const ABSTAIN_WEIGHTS: Readonly<Record<AbstainFeature | 'bias', number>> = FITTED.abstain;
export const ABSTAIN_BELOW: number = FITTED.abstainBelow;
