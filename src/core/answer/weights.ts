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
      "bias": -2.315,
      "heuristic": 1.635,
      "kindFirst": 0.707,
      "kindOther": -0.48,
      "kindWrong": -0.635,
      "unitFit": 0.343,
      "year": 1.246,
      "proper": -0.105,
      "phrase": 0.145,
      "list": -0.55,
      "pluralList": 0.161,
      "prox": 1.031,
      "leftAdj": 0.335,
      "rightAdj": 0.193,
      "afterLast": 0.117,
      "beforeFirst": -0.032,
      "focusBeside": 0.6,
      "naming": 1.284,
      "words": 1.313,
      "single": -0.372,
      "parens": -0.818,
      "qOverlap": -0.159
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
    "bias": -8.116,
    "coverage": 0.002,
    "strict": 2.149,
    "verb": -0.137,
    "bm25": 2.356,
    "span": 1.129,
    "typedMiss": -0.949,
    "context": 0.591,
    "articleBm25": 2.777,
    "neighbour": 1.451,
    "previous": 1.467,
    "missingProper": -0.069,
    "missingRare": 0.11,
    "order": 0.648,
    "compact": -0.147,
    "length": 0.51,
    "novel": 0.336
  },
  "abstain": {
    "bias": -0.883,
    "score": 0.913,
    "margin": 1.262,
    "coverage": 0.807,
    "span": 0.26,
    "typedMiss": -0.077,
    "missingProper": -0.286,
    "missingRare": -0.948,
    "context": -0.369,
    "novel": -1.125,
    "terms": 1.015
  },
  "abstainBelow": 0.25
} as const;
// </fitted>

type SpanWeights = Record<SpanFamily, Readonly<Record<SpanFeature | 'bias', number>>>;
const fullSpan = (w: Partial<Record<SpanFeature | 'bias', number>>): Record<SpanFeature | 'bias', number> =>
  Object.fromEntries(['bias', ...SPAN_FEATURES].map((k) => [k, w[k as SpanFeature] ?? 0])) as Record<SpanFeature | 'bias', number>;
export const SPAN_WEIGHTS: SpanWeights = { typed: fullSpan(FITTED.span.typed), other: fullSpan(FITTED.span.other) };
export const RANK_WEIGHTS: Readonly<Record<FeatureName | 'bias', number>> = FITTED.rank;
export const ABSTAIN_WEIGHTS: Readonly<Record<AbstainFeature | 'bias', number>> = FITTED.abstain;
export const ABSTAIN_BELOW: number = FITTED.abstainBelow;
