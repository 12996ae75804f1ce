// Weights of the sentence ranking and abstention models, fitted by logistic regression on the
// SQuAD 2.0 dev split: `node --import tsx src/eval/fit.ts --write` rewrites the block below
// (docs/evaluation.md). Refit after changing a feature.
import type { FeatureName } from './features.ts';
import { SPAN_FEATURES, type SpanFamily, type SpanFeature } from './span-model.ts';

export const ABSTAIN_FEATURES = ['score', 'coverage', 'span', 'typedMiss', 'missingProper', 'missingRare', 'context', 'novel', 'terms'] as const;
export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];

// <fitted>
export const FITTED = {
  "span": {
    "typed": {
      "bias": -2.347,
      "heuristic": 1.657,
      "kindFirst": 0.709,
      "kindOther": -0.474,
      "kindWrong": -0.635,
      "unitFit": 0.634,
      "year": 1.263,
      "proper": -0.093,
      "phrase": 0.146,
      "list": -0.53,
      "pluralList": 0.133,
      "prox": 1.063,
      "leftAdj": 0.337,
      "rightAdj": 0.169,
      "afterLast": 0.117,
      "beforeFirst": -0.026,
      "focusBeside": 0.566,
      "naming": 1.284,
      "words": 1.333,
      "single": -0.377,
      "parens": -0.803,
      "qOverlap": -0.143
    },
    "other": {
      "bias": -2.859,
      "heuristic": 0.8,
      "kindFirst": 0,
      "kindOther": 0,
      "kindWrong": -0.009,
      "unitFit": 0,
      "year": 0,
      "proper": 0.382,
      "phrase": 0.165,
      "list": 0,
      "pluralList": -0.082,
      "prox": 1.667,
      "leftAdj": 0.195,
      "rightAdj": 0.038,
      "afterLast": 0.29,
      "beforeFirst": -0.297,
      "focusBeside": 0.728,
      "naming": 0.849,
      "words": -0.049,
      "single": -0.431,
      "parens": -0.619,
      "qOverlap": 1.326
    }
  },
  "rank": {
    "bias": -8.115,
    "coverage": 0.003,
    "strict": 2.148,
    "verb": -0.138,
    "bm25": 2.356,
    "span": 1.13,
    "typedMiss": -0.947,
    "context": 0.592,
    "articleBm25": 2.777,
    "neighbour": 1.451,
    "previous": 1.467,
    "missingProper": -0.068,
    "missingRare": 0.109,
    "order": 0.648,
    "compact": -0.147,
    "length": 0.51,
    "novel": 0.335
  },
  "abstain": {
    "bias": -1.21,
    "score": 1.644,
    "coverage": 1.143,
    "span": 0.326,
    "typedMiss": -0.092,
    "missingProper": -0.281,
    "missingRare": -0.936,
    "context": -0.496,
    "novel": -1.089,
    "terms": 1.231
  },
  "abstainBelow": 0.255
} as const;
// </fitted>

type SpanWeights = Record<SpanFamily, Readonly<Record<SpanFeature | 'bias', number>>>;
const fullSpan = (w: Partial<Record<SpanFeature | 'bias', number>>): Record<SpanFeature | 'bias', number> =>
  Object.fromEntries(['bias', ...SPAN_FEATURES].map((k) => [k, w[k as SpanFeature] ?? 0])) as Record<SpanFeature | 'bias', number>;
export const SPAN_WEIGHTS: SpanWeights = { typed: fullSpan(FITTED.span.typed), other: fullSpan(FITTED.span.other) };
export const RANK_WEIGHTS: Readonly<Record<FeatureName | 'bias', number>> = FITTED.rank;
export const ABSTAIN_WEIGHTS: Readonly<Record<AbstainFeature | 'bias', number>> = FITTED.abstain;
export const ABSTAIN_BELOW: number = FITTED.abstainBelow;
