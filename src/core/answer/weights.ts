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
    "bias": -1.64,
    "heuristic": 1.157,
    "kindFirst": 0.871,
    "kindOther": -0.206,
    "kindWrong": -0.432,
    "unitFit": 0.897,
    "year": 1.047,
    "proper": -0.058,
    "phrase": -0.092,
    "list": -0.323,
    "pluralList": 0.492,
    "prox": 0.093,
    "leftAdj": -0.206,
    "rightAdj": -0.269,
    "afterLast": 0.282,
    "beforeFirst": 0.252,
    "focusBeside": 0.998,
    "naming": 1.302,
    "words": 1.178,
    "single": -0.356,
    "parens": -0.652,
    "qOverlap": -0.941,
    "gapAfter": 0.111,
    "gapBefore": -0.379,
    "gapAfterNext": -0.244,
    "gapBeforeNext": 0.459,
    "nearTerms": 1.425,
    "punctBetween": -0.886,
    "inside": -0.216,
    "contains": -0.344,
    "prepLink": 0.395,
    "prevMatched": 0.547,
    "nextMatched": -0.307,
    "pronoun": 0,
    "gapAfterNear": 1.3,
    "gapBeforeNear": 1.099,
    "appositive": 0.407,
    "copulaBefore": -0.359,
    "focusInside": 1.922,
    "afterLastNear": -0.307
  },
  "other": {
    "bias": -2.25,
    "heuristic": 0.883,
    "kindFirst": 0,
    "kindOther": 0,
    "kindWrong": -0.065,
    "unitFit": 0,
    "year": 0,
    "proper": 0.527,
    "phrase": -0.087,
    "list": 0,
    "pluralList": 0.144,
    "prox": 0.304,
    "leftAdj": -0.242,
    "rightAdj": -0.352,
    "afterLast": 0.241,
    "beforeFirst": -0.025,
    "focusBeside": 1.248,
    "naming": 0.439,
    "words": 0.347,
    "single": -0.451,
    "parens": -0.276,
    "qOverlap": 0.368,
    "gapAfter": 0.029,
    "gapBefore": 0.818,
    "gapAfterNext": -0.491,
    "gapBeforeNext": 0.625,
    "nearTerms": 1.249,
    "punctBetween": -0.669,
    "inside": -0.467,
    "contains": -0.017,
    "prepLink": 0.192,
    "prevMatched": 0.276,
    "nextMatched": 0.322,
    "pronoun": -0.115,
    "gapAfterNear": 2.407,
    "gapBeforeNear": -0.913,
    "appositive": 0.378,
    "copulaBefore": 0.143,
    "focusInside": 1.711,
    "afterLastNear": -0.098,
    "roleObject": 0.458,
    "roleSubject": 0.507,
    "orderAgree": 0.196,
    "namingAsked": 0.867,
    "quoted": 1.184,
    "gapAfterNoun": -1.514,
    "gapBeforeNoun": 1.04
  }
} as const;
// </fitted-answer-span>

// The span gate's span model: the answer-span model of the fourth round (35 features), which the
// gate's fits in DECIDE were chosen with. The answer span reads the newer model above; read by the
// gate, that one declined more answerable news questions at every setting of the grid
// (docs/evaluation.md), so the gate keeps the model it was tuned on. Not rewritten by any fit.
export const GATE_SPAN = {
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

type SpanWeights = Record<SpanFamily, Readonly<Record<SpanFeature | 'bias', number>>>;
/** Span weights over every span feature, 0 for those a fit left out (a missing weight would make every score NaN). */
export const fullSpan = (w: Partial<Record<SpanFeature | 'bias', number>>): Record<SpanFeature | 'bias', number> =>
  Object.fromEntries(['bias', ...SPAN_FEATURES].map((k) => [k, w[k as SpanFeature] ?? 0])) as Record<SpanFeature | 'bias', number>;
export const SPAN_WEIGHTS: SpanWeights = { typed: fullSpan(FITTED.span.typed), other: fullSpan(FITTED.span.other) };
/** The answer span within the best sentence: the model over every span feature (ANSWER_SPAN above). */
export const ANSWER_SPAN_WEIGHTS: SpanWeights = { typed: fullSpan(ANSWER_SPAN.typed), other: fullSpan(ANSWER_SPAN.other) };
/** The span gate's (GATE_SPAN above). */
export const GATE_SPAN_WEIGHTS: SpanWeights = { typed: fullSpan(GATE_SPAN.typed), other: fullSpan(GATE_SPAN.other) };
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
  "gateBelow": 0.4,
  "spanGateTyped": 0.25,
  "spanGateOther": 0
} as const;
// </fitted-decide>

/**
 * Whether the answer is the best span rather than the quoted sentence: a logistic model of the
 * probability that the span is right (a news answer holds an accepted string, a SQuAD span scores
 * F1 0.5 or more), fitted on the news-QA and SQuAD dev questions the answerer answers by
 * `node --import tsx src/eval/fit-decide.ts --short --write` (docs/evaluation.md). The features:
 * the span's fit as a log-odds, its lead over the sentence's next-best span, the abstention model's
 * confidence, the second-best sentence's score as a share of the best's, how many spans the
 * sentence offers (/30, at most 1), and whether the span is capitalised or holds a digit.
 */
export const SHORT_FEATURES = ['spanLogit', 'spanLead', 'confidence', 'secondSentence', 'spans', 'capital', 'digit'] as const;
export type ShortFeature = (typeof SHORT_FEATURES)[number];
/** A span more likely right than not is the answer. */
export const SHORT_LIKELY = 0.5;
// <fitted-short>
export const SHORT = {
  "bias": -0.176,
  "spanLogit": 0.395,
  "spanLead": 0.657,
  "confidence": 1.138,
  "secondSentence": -0.867,
  "spans": -0.52,
  "capital": -0.114,
  "digit": 0.504
} as const;
// </fitted-short>

export const ABSTAIN_WEIGHTS: Readonly<Record<AbstainFeature | 'bias', number>> = FITTED.abstain;
export const ABSTAIN_BELOW: number = DECIDE.abstainBelow;
