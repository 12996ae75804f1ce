// Weights of the sentence ranking and abstention models, fitted by logistic regression on the
// SQuAD 2.0 dev split: `node --import tsx src/eval/fit.ts --write` rewrites the block below
// (docs/evaluation.md). Refit after changing a feature.
import { FEATURES, type FeatureName } from './features.ts';
import { SPAN_FEATURES, type SpanFamily, type SpanFeature } from './span-model.ts';

export const ABSTAIN_FEATURES = ['score', 'coverage', 'span', 'typedMiss', 'missingProper', 'missingRare', 'context', 'novel', 'terms', 'negation', 'opposite', 'numberMissing', 'numberMissingInArticle'] as const;
export type AbstainFeature = (typeof ABSTAIN_FEATURES)[number];

// <fitted>
export const FITTED = {
  "span": {
    "typed": {
      "bias": -2.365,
      "heuristic": 1.649,
      "kindFirst": 0.655,
      "kindOther": -0.518,
      "kindWrong": -0.662,
      "unitFit": 0.433,
      "year": 1.19,
      "proper": -0.162,
      "phrase": 0.141,
      "list": -0.691,
      "pluralList": 0.252,
      "prox": 1.064,
      "leftAdj": 0.212,
      "rightAdj": -0.009,
      "afterLast": 0.095,
      "beforeFirst": -0.021,
      "focusBeside": 1.027,
      "naming": 1.365,
      "words": 1.518,
      "single": -0.344,
      "parens": -0.854,
      "qOverlap": -0.133,
      "gapAfter": 1.071,
      "gapBefore": 0.33,
      "gapAfterNext": -0.337,
      "gapBeforeNext": 0.778
    },
    "other": {
      "bias": -2.821,
      "heuristic": 0.751,
      "kindFirst": 0,
      "kindOther": 0,
      "kindWrong": -0.032,
      "unitFit": 0,
      "year": 0,
      "proper": 0.377,
      "phrase": 0.125,
      "list": 0,
      "pluralList": -0.088,
      "prox": 1.635,
      "leftAdj": 0.049,
      "rightAdj": -0.069,
      "afterLast": 0.315,
      "beforeFirst": -0.304,
      "focusBeside": 0.862,
      "naming": 0.814,
      "words": -0.073,
      "single": -0.44,
      "parens": -0.653,
      "qOverlap": 1.326,
      "gapAfter": 0.591,
      "gapBefore": 0.776,
      "gapAfterNext": 0.12,
      "gapBeforeNext": 0.633
    }
  },
  "abstain": {
    "bias": -1.648,
    "score": 1.83,
    "coverage": 1.705,
    "span": 0.167,
    "typedMiss": -0.116,
    "missingProper": -0.372,
    "missingRare": -0.238,
    "context": -0.212,
    "novel": -1.095,
    "terms": 1.017,
    "negation": -2.555,
    "opposite": -1.529,
    "numberMissing": -1.309,
    "numberMissingInArticle": -0.243
  },
  "abstainBelow": 0.225
} as const;
// </fitted>

// The answer span within the best sentence, over every span feature: `node --import tsx
// src/eval/fit.ts --answer-span --write` (SQuAD dev) rewrites this block only.
// <fitted-answer-span>
export const ANSWER_SPAN = {
  "typed": {
    "bias": -1.823,
    "heuristic": 1.496,
    "kindFirst": 0.712,
    "kindOther": -0.296,
    "kindWrong": -0.526,
    "unitFit": 0.725,
    "year": 1.247,
    "proper": 0.061,
    "phrase": 0.181,
    "list": -0.313,
    "pluralList": 0.384,
    "prox": 0.017,
    "leftAdj": -0.355,
    "rightAdj": -0.137,
    "afterLast": 0.129,
    "beforeFirst": 0.107,
    "focusBeside": 0.932,
    "naming": 1.323,
    "words": 1.037,
    "single": -0.448,
    "parens": -0.632,
    "qOverlap": -0.151,
    "gapAfter": 0.295,
    "gapBefore": -0.386,
    "gapAfterNext": -0.518,
    "gapBeforeNext": 0.72,
    "nearTerms": 1.338,
    "punctBetween": -0.812,
    "inside": 0.019,
    "contains": -0.03,
    "prepLink": 0.373,
    "prevMatched": 0.24,
    "nextMatched": -0.472,
    "pronoun": 0,
    "gapAfterNear": 1.359,
    "gapBeforeNear": 0.888
  },
  "other": {
    "bias": -2.14,
    "heuristic": 0.789,
    "kindFirst": 0,
    "kindOther": 0,
    "kindWrong": -0.102,
    "unitFit": 0,
    "year": 0,
    "proper": 0.526,
    "phrase": -0.025,
    "list": 0,
    "pluralList": -0.121,
    "prox": 0.269,
    "leftAdj": -0.289,
    "rightAdj": -0.176,
    "afterLast": 0.298,
    "beforeFirst": -0.133,
    "focusBeside": 0.928,
    "naming": 0.816,
    "words": -0.018,
    "single": -0.423,
    "parens": -0.275,
    "qOverlap": 1.437,
    "gapAfter": -0.193,
    "gapBefore": 0.833,
    "gapAfterNext": -0.321,
    "gapBeforeNext": 0.717,
    "nearTerms": 1.142,
    "punctBetween": -0.706,
    "inside": -0.396,
    "contains": -0.019,
    "prepLink": 0.281,
    "prevMatched": 0.384,
    "nextMatched": 0.092,
    "pronoun": -0.097,
    "gapAfterNear": 2.156,
    "gapBeforeNear": -0.221
  }
} as const;
// </fitted-answer-span>

type SpanWeights = Record<SpanFamily, Readonly<Record<SpanFeature | 'bias', number>>>;
/** Span weights over every span feature, 0 for those a fit left out (a missing weight would make every score NaN). */
export const fullSpan = (w: Partial<Record<SpanFeature | 'bias', number>>): Record<SpanFeature | 'bias', number> =>
  Object.fromEntries(['bias', ...SPAN_FEATURES].map((k) => [k, w[k as SpanFeature] ?? 0])) as Record<SpanFeature | 'bias', number>;
export const SPAN_WEIGHTS: SpanWeights = { typed: fullSpan(FITTED.span.typed), other: fullSpan(FITTED.span.other) };
/** The answer span within the best sentence: the model over every span feature (ANSWER_SPAN above). */
export const ANSWER_SPAN_WEIGHTS: SpanWeights = { typed: fullSpan(ANSWER_SPAN.typed), other: fullSpan(ANSWER_SPAN.other) };
/**
 * The sentence ranking in use: fitted on the news-QA dev questions by `src/eval/fit-news.ts` over
 * these features only (chosen by cross-validated top-1; the rest of FEATURES weigh 0). The SQuAD fit
 * above keeps its own ranking for fitting spans and abstention.
 */
export const NEWS_RANK_FEATURES = ['article', 'articleBm25', 'coverage', 'span', 'typedMiss', 'typeNear', 'focus', 'missingProper', 'headline', 'compact'] as const satisfies readonly FeatureName[];

// <fitted-news>
export const NEWS_RANK = {
  "bias": -8.747,
  "article": 1.874,
  "articleBm25": 3.632,
  "coverage": 2.662,
  "span": 1.526,
  "typedMiss": -2.593,
  "typeNear": 0.578,
  "focus": 0.683,
  "missingProper": -1.239,
  "headline": 0.713,
  "compact": -0.23
} as const;
// </fitted-news>

export const RANK_WEIGHTS: Readonly<Record<FeatureName | 'bias', number>> = {
  ...(Object.fromEntries(['bias', ...FEATURES].map((k) => [k, 0])) as Record<FeatureName | 'bias', number>),
  ...NEWS_RANK,
};
// When to answer and when to decline, fitted on the news-QA and SQuAD dev questions by
// `src/eval/fit-decide.ts` (docs/evaluation.md). `FITTED.abstainBelow` above is the shared
// threshold fit.ts chose before; the one in use is this block's.
// <fitted-decide>
export const DECIDE = {
  "abstainBelow": 0.2,
  "gateBelow": 0.6,
  "spanGateTyped": 0.35,
  "spanGateOther": 0.4,
  "shortFitTyped": 0.6,
  "shortFitOther": 0.7
} as const;
// </fitted-decide>

export const ABSTAIN_WEIGHTS: Readonly<Record<AbstainFeature | 'bias', number>> = FITTED.abstain;
export const ABSTAIN_BELOW: number = DECIDE.abstainBelow;
