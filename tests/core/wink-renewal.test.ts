// A long import renews wink's instance now and then (its vocabulary grows with every new word it
// reads): an article analysed by a renewed instance is found to hold what it held before.
import { describe, expect, it } from 'vitest';
import { analyseNow } from '../../src/core/articles/prepare.ts';
import { renewWink } from '../../src/core/language/nlp.ts';

const STORY = `Officials in Lisbon said on Monday that the city will open 40 new cycling lanes by the end of next year, at a cost of $25 million.

Mayor Carlos Moedas told reporters the plan was approved by 12 votes to 5 after months of debate. The first 10% of the lanes open in March.

Cyclists' groups in Portugal welcomed the decision but said the lanes must be separated from traffic.`;

const OTHER = 'Zorblat Quenvik of Vashmere Industries paid 3,400 krelds for the Ploxian contract on 14 February 2026. Shares fell 7.5 percent.';

describe('wink renewal', () => {
  it('gives an article the same sentences, entities and facts after a renewal as before it', () => {
    const first = analyseNow(STORY, undefined);
    expect('sentences' in first && first.sentences.length).toBe(4);
    // New words enter the old instance's vocabulary; the renewed one has never seen them.
    analyseNow(OTHER, undefined);
    renewWink();
    const renewed = analyseNow(STORY, undefined);
    expect(renewed).toEqual(first);
    expect(analyseNow(OTHER, undefined)).toEqual(analyseNow(OTHER, undefined));
  });

  it('renews as often as a long import needs without growing (the model had doubled a string per instance)', () => {
    const first = analyseNow(OTHER, undefined);
    // Each renewal builds new instances; 2,953 characters doubled 30 times is past any string's length.
    for (let i = 0; i < 30; i++) {
      renewWink();
      expect(analyseNow(OTHER, undefined)).toEqual(first);
    }
  });
});
