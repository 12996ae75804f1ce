// The scoring code against small cases worked out by hand, and the official SQuAD normalisation.
import { describe, expect, it } from 'vitest';
import { containsAnswer, exactMatch, normalizeAnswer, scoreAnswer, tokenF1 } from '../../src/eval/squad-metrics.ts';
import { lcsLength, rouge, rougeL, rougeN, rougeTokens } from '../../src/eval/rouge.ts';
import { holds } from '../../src/eval/news-qa.ts';
import { fitConditionalLogit } from '../../src/eval/logistic.ts';

describe('SQuAD normalisation, exact match and F1', () => {
  it('lower-cases, drops punctuation and articles, squeezes spaces', () => {
    expect(normalizeAnswer('The  Eiffel Tower!')).toBe('eiffel tower');
    expect(normalizeAnswer('an apple, a pear')).toBe('apple pear');
    // Articles go only as whole words; punctuation goes before articles are looked for.
    expect(normalizeAnswer('Theatre of the Absurd')).toBe('theatre of absurd');
    expect(normalizeAnswer("the U.S.'s army")).toBe('uss army');
  });

  it('exact match compares normalised strings', () => {
    expect(exactMatch('the Normans', 'Normans')).toBe(1);
    expect(exactMatch('Normans.', 'normans')).toBe(1);
    expect(exactMatch('Norman', 'Normans')).toBe(0);
  });

  it('F1 over shared tokens, counting repeats once each', () => {
    // prediction: william conqueror (2), gold: william of normandy (3); shared 1 → P 1/2, R 1/3, F1 0.4
    expect(tokenF1('William the Conqueror', 'William of Normandy')).toBeCloseTo(0.4, 10);
    // "a a b" vs "a b b": shared a×1 + b×1 = 2 → P 2/3, R 2/3
    expect(tokenF1('x x y', 'x y y')).toBeCloseTo(2 / 3, 10);
    expect(tokenF1('', 'anything')).toBe(0);
  });

  it('takes the best gold answer, and scores abstention on unanswerable questions as right', () => {
    expect(scoreAnswer('in 1066', ['1066', 'the year 1066'])).toEqual({ em: 0, f1: expect.closeTo(2 / 3, 10) as number });
    expect(scoreAnswer(null, [])).toEqual({ em: 1, f1: 1 });
    expect(scoreAnswer('France', [])).toEqual({ em: 0, f1: 0 });
    expect(scoreAnswer(null, ['France'])).toEqual({ em: 0, f1: 0 });
    // A gold answer that normalises to nothing counts as no answer, as in the official script.
    expect(scoreAnswer(null, ['the'])).toEqual({ em: 1, f1: 1 });
  });

  it('finds a gold answer inside a sentence on word boundaries', () => {
    expect(containsAnswer('Rollo agreed to swear fealty in 911.', ['911'])).toBe(true);
    expect(containsAnswer('It began in 9110.', ['911'])).toBe(false);
    expect(containsAnswer('Settled by the Normans', ['Normans', 'Vikings'])).toBe(true);
  });
});

describe('ROUGE F1', () => {
  it('tokens are lower-cased runs of letters and digits, no stemming', () => {
    expect(rougeTokens("Police said: 12 men weren't hurt.")).toEqual(['police', 'said', '12', 'men', 'weren', 't', 'hurt']);
  });

  it('ROUGE-1 and ROUGE-2 from clipped n-gram overlap', () => {
    const c = rougeTokens('the cat sat on the mat');
    const r = rougeTokens('the cat lay on the mat');
    // unigrams: 6 and 6, overlap the×2 cat on mat = 5 → F1 5/6
    expect(rougeN(c, r, 1)).toBeCloseTo(5 / 6, 10);
    // bigrams: 5 and 5, overlap "the cat", "on the", "the mat" = 3 → F1 3/5
    expect(rougeN(c, r, 2)).toBeCloseTo(3 / 5, 10);
  });

  it('ROUGE-L from the longest common subsequence', () => {
    const c = rougeTokens('a b c d e');
    const r = rougeTokens('a x c y e z');
    expect(lcsLength(c, r)).toBe(3); // a c e
    // P 3/5, R 3/6 → F1 = 2·0.6·0.5/1.1
    expect(rougeL(c, r)).toBeCloseTo((2 * 0.6 * 0.5) / 1.1, 10);
  });

  it('identical texts score 1, disjoint texts 0', () => {
    expect(rouge('Same words here.', 'same words here')).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1 });
    expect(rouge('alpha beta', 'gamma delta')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });
});

describe('news answers held in a text', () => {
  it('a hyphenated word holds its parts: "a nine-year-old" holds "nine", "a 7-2 vote" holds "7-2"', () => {
    expect(holds('The nine-year-old was found safe.', ['nine'])).toBe(true);
    expect(holds('Policymakers voted 7-2 to hold rates.', ['7-2'])).toBe(true);
    expect(holds('He served a seven-year stint at the club.', ['seven-year', 'seven years'])).toBe(true);
    // Still on word boundaries: a part of a word is not held.
    expect(holds('The ninetynine balloons.', ['nine'])).toBe(false);
    expect(holds('Nobody was hurt.', ['nine'])).toBe(false);
  });
});

describe('the listwise ranking fit', () => {
  // Two groups that disagree on which feature marks the right row: the fit follows the heavier one.
  const first = { rows: [[1, 0], [0, 1]], labels: [1, 0] };
  const second = { rows: [[1, 0], [0, 1]], labels: [0, 1] };
  const prefers = (w: number[]) => (w[0]! > w[1]! ? 'first' : 'second');

  it('a group weighted twice counts as that group given twice', () => {
    const weighted = fitConditionalLogit([{ ...first, weight: 2 }, second]);
    const doubled = fitConditionalLogit([first, first, second]);
    weighted.forEach((x, i) => expect(x).toBeCloseTo(doubled[i]!, 6));
    expect(prefers(weighted)).toBe('first');
    expect(prefers(fitConditionalLogit([first, { ...second, weight: 3 }]))).toBe('second');
  });
});
