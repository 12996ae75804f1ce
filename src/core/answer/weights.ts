// Weights of the sentence ranking and abstention models, fitted by logistic regression on the
// SQuAD 2.0 dev split: `node --import tsx src/eval/fit.ts --write` rewrites the block below
// (docs/evaluation.md). Refit after changing a feature.
import type { FeatureName } from './features.ts';
import { SPAN_FEATURES, type SpanFamily, type SpanFeature } from './span-model.ts';

export const ABSTAIN_FEATURES = ['score', 'margin', 'coverage', 'strict', 'span', 'typedMiss', 'missingProper', 'missingRare', 'context', 'novel', 'terms'] as const;
export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];

// <fitted>
export const FITTED = {
  "span": {
    "typed": {
      "bias": -2.334,
      "heuristic": 1.488,
      "kindFirst": 0.725,
      "kindOther": -0.446,
      "kindWrong": -0.67,
      "unitFit": -0.084,
      "year": 1.118,
      "proper": -0.253,
      "phrase": 0.166,
      "list": -0.721,
      "prox": 0.922,
      "leftAdj": 0.336,
      "rightAdj": 0.351,
      "afterLast": 0.195,
      "beforeFirst": -0.061,
      "focusBeside": 0.852,
      "naming": 1.581,
      "words": 1.511,
      "single": -0.279,
      "parens": -1.081,
      "qOverlap": -0.227
    },
    "other": {
      "bias": -2.885,
      "heuristic": 0.737,
      "kindFirst": 0,
      "kindOther": 0,
      "kindWrong": -0.033,
      "unitFit": 0,
      "year": 0,
      "proper": 0.38,
      "phrase": 0.192,
      "list": 0,
      "prox": 1.737,
      "leftAdj": 0.187,
      "rightAdj": 0.025,
      "afterLast": 0.285,
      "beforeFirst": -0.306,
      "focusBeside": 0.787,
      "naming": 0.862,
      "words": -0.129,
      "single": -0.433,
      "parens": -0.617,
      "qOverlap": 1.322
    }
  },
  "rank": {
    "bias": -7.974,
    "coverage": 0.841,
    "strict": 2.467,
    "bm25": 1.846,
    "span": 1.302,
    "typedMiss": -0.687,
    "context": 2.966,
    "neighbour": 1.191,
    "previous": 1.458,
    "missingProper": -0.213,
    "missingRare": 0.564,
    "order": 0.544,
    "compact": -0.081,
    "length": 0.284,
    "novel": 0.197
  },
  "abstain": {
    "bias": -1.159,
    "score": 0.349,
    "margin": 0.993,
    "coverage": 0.426,
    "strict": 0.916,
    "span": 0.508,
    "typedMiss": -0.374,
    "missingProper": -0.359,
    "missingRare": -0.97,
    "context": -0.555,
    "novel": -0.748,
    "terms": 1.209
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
