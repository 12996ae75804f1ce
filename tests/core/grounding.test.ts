// The checks a model's reply must pass before anyone sees it, on their own: numbers compared as
// numbers, citations only of what was given, names only from the cited sources, declines.
import { describe, expect, it } from 'vitest';
import { checkGrounding, citationsIn, isDecline, replyUnits } from '../../src/core/models/grounding.ts';
import { numberValues, unsupportedNumbers } from '../../src/core/language/numbers.ts';

const given = [
  { n: 1, text: 'Austin said Pyongyang has deployed as many as 12,000 troops to Russia.' },
  { n: 2, text: 'The U.S. imposed sanctions on 398 firms across Russia, India, China and more than a dozen other nations.' },
];

describe('numbers as numbers', () => {
  it('reads the same value however it is written', () => {
    for (const s of ['12,000 troops', '12000 troops', '12 thousand troops', 'twelve thousand troops']) expect(numberValues(s)).toEqual([12000]);
    expect(numberValues('$1.5 billion in aid')).toEqual([1.5e9]);
    expect(numberValues('the 15th package')).toEqual([15]);
    expect(numberValues('one of the firms [2]')).toEqual([]);
    expect(unsupportedNumbers('as many as 12 thousand soldiers', [given[0]!.text])).toEqual([]);
    expect(unsupportedNumbers('as many as 13,000 soldiers', [given[0]!.text])).toEqual([13000]);
  });
});

describe('checkGrounding', () => {
  it('a reply whose numbers and names are in the sources it cites is grounded', () => {
    const v = checkGrounding('North Korea has sent as many as twelve thousand troops [1]. The U.S. sanctioned 398 firms in India and China [2].', given);
    expect(v).toMatchObject({ kind: 'grounded', cited: [1, 2] });
  });

  it('refuses a citation of a source never given, or no citation at all', () => {
    expect(checkGrounding('As many as 12,000 troops [3].', given)).toMatchObject({ kind: 'failed', check: 'citation' });
    expect(checkGrounding('As many as 12,000 troops.', given)).toMatchObject({ kind: 'failed', check: 'uncited' });
  });

  it('checks each sentence against the sources it cites, not the others', () => {
    // 398 is in [2] but this sentence cites only [1].
    expect(checkGrounding('Pyongyang sent troops and 398 firms were sanctioned [1].', given)).toMatchObject({ kind: 'failed', check: 'number' });
    expect(checkGrounding('Kim Jong Un sent as many as 12,000 troops [1].', given)).toMatchObject({ kind: 'failed', check: 'name', reason: expect.stringMatching(/Kim/) });
    // Aliases: "North Korea" for Pyongyang.
    expect(checkGrounding('North Korea sent as many as 12,000 troops [1].', given)).toMatchObject({ kind: 'grounded' });
  });

  it('in summaries and bullets every sentence must cite', () => {
    expect(checkGrounding('Troops were sent [1]. More will follow.', given, { everyUnitCites: true })).toMatchObject({ kind: 'failed', check: 'uncited' });
  });

  it('a reply saying the sources do not answer is a decline', () => {
    for (const r of ['NOT_IN_SOURCES', 'The provided sources do not mention what Putin said.', "I couldn't find that in the sources."]) expect(isDecline(r)).toBe(true);
    expect(checkGrounding('NOT_IN_SOURCES', given)).toEqual({ kind: 'decline' });
    expect(isDecline('The sources say 12,000 troops [1].')).toBe(false);
  });

  it('reads markers in every usual form and splits sentences after their markers', () => {
    expect(citationsIn('a [2][1] b [1, 3]')).toEqual([2, 1, 3]);
    expect(replyUnits('First claim. [1] Second claim [2].\n- A bullet [1]')).toEqual(['First claim. [1]', 'Second claim [2].', 'A bullet [1]']);
  });
});
