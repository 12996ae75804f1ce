// Weights of the sentence ranking and abstention models, fitted by logistic regression on the
// SQuAD 2.0 dev split: `node --import tsx src/eval/fit.ts --write` rewrites the block below
// (docs/evaluation.md). Refit after changing a feature.
import type { FeatureName } from './features.ts';
import { SPAN_FEATURES, type SpanFamily, type SpanFeature } from './span-model.ts';

export const ABSTAIN_FEATURES = ['score', 'coverage', 'span', 'typedMiss', 'missingProper', 'missingRare', 'context', 'novel', 'terms', 'negation', 'opposite', 'numberMissing', 'numberMissingInArticle'] as const;
export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];

// <fitted>
export const FITTED = {
  "span": {
    "typed": {
      "bias": -2.267,
      "heuristic": 1.641,
      "kindFirst": 0.695,
      "kindOther": -0.513,
      "kindWrong": -0.667,
      "unitFit": 0.57,
      "year": 1.215,
      "proper": -0.147,
      "phrase": 0.149,
      "list": -0.63,
      "pluralList": 0.155,
      "prox": 0.937,
      "leftAdj": 0.211,
      "rightAdj": 0.061,
      "afterLast": 0.111,
      "beforeFirst": -0.034,
      "focusBeside": 0.769,
      "naming": 1.333,
      "words": 1.345,
      "single": -0.384,
      "parens": -0.855,
      "qOverlap": -0.154,
      "gapAfter": 1.1,
      "gapBefore": 0.332,
      "gapAfterNext": -0.331,
      "gapBeforeNext": 0.764
    },
    "other": {
      "bias": -2.786,
      "heuristic": 0.74,
      "kindFirst": 0,
      "kindOther": 0,
      "kindWrong": -0.025,
      "unitFit": 0,
      "year": 0,
      "proper": 0.371,
      "phrase": 0.135,
      "list": 0,
      "pluralList": -0.093,
      "prox": 1.58,
      "leftAdj": 0.078,
      "rightAdj": -0.063,
      "afterLast": 0.291,
      "beforeFirst": -0.282,
      "focusBeside": 0.857,
      "naming": 0.833,
      "words": -0.111,
      "single": -0.437,
      "parens": -0.678,
      "qOverlap": 1.331,
      "gapAfter": 0.597,
      "gapBefore": 0.796,
      "gapAfterNext": 0.115,
      "gapBeforeNext": 0.615
    }
  },
  "rank": {
    "bias": -8.119,
    "coverage": -0.022,
    "strict": 2.154,
    "verb": -0.163,
    "bm25": 2.367,
    "span": 1.151,
    "typedMiss": -0.94,
    "context": 0.577,
    "articleBm25": 2.79,
    "neighbour": 1.459,
    "previous": 1.462,
    "missingProper": -0.076,
    "missingRare": 0.106,
    "order": 0.631,
    "compact": -0.145,
    "length": 0.505,
    "novel": 0.355
  },
  "abstain": {
    "bias": -0.878,
    "score": 1.787,
    "coverage": 0.958,
    "span": 0.255,
    "typedMiss": -0.154,
    "missingProper": -0.407,
    "missingRare": -0.843,
    "context": -0.515,
    "novel": -1.32,
    "terms": 1.376,
    "negation": -2.639,
    "opposite": -1.526,
    "numberMissing": -1.072,
    "numberMissingInArticle": -0.29
  },
  "abstainBelow": 0.27
} as const;
// </fitted>

type SpanWeights = Record<SpanFamily, Readonly<Record<SpanFeature | 'bias', number>>>;
const fullSpan = (w: Partial<Record<SpanFeature | 'bias', number>>): Record<SpanFeature | 'bias', number> =>
  Object.fromEntries(['bias', ...SPAN_FEATURES].map((k) => [k, w[k as SpanFeature] ?? 0])) as Record<SpanFeature | 'bias', number>;
export const SPAN_WEIGHTS: SpanWeights = { typed: fullSpan(FITTED.span.typed), other: fullSpan(FITTED.span.other) };
export const RANK_WEIGHTS: Readonly<Record<FeatureName | 'bias', number>> = FITTED.rank;
export const ABSTAIN_WEIGHTS: Readonly<Record<AbstainFeature | 'bias', number>> = FITTED.abstain;
export const ABSTAIN_BELOW: number = FITTED.abstainBelow;
