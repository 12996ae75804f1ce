// A question that differs from a sentence by one telling word asks about something the sentence
// does not say: these checks feed the answerer's decision to decline.
import { describe, expect, it } from 'vitest';
import { agreementOf, timesNotGiven } from '../../src/core/answer/agreement.ts';
import { analyseQuestion } from '../../src/core/answer/question.ts';
import { isNegated } from '../../src/core/language/negation.ts';
import { saysOpposite } from '../../src/core/language/opposites.ts';

describe('agreement between a question and a sentence', () => {
  const sentence = 'Meanwhile Wednesday, the U.S. imposed sanctions on 398 firms across Russia, India and China in 2024.';
  const article = () => `${sentence} North Korea sent as many as 12,000 troops.`;

  it('agrees when the question asks what the sentence says', () => {
    expect(agreementOf('How many firms did the U.S. sanction in 2024?', sentence, article)).toEqual({
      negation: false,
      opposite: false,
      numberMissing: false,
      numberMissingInArticle: false,
    });
  });

  it('notices a denial the sentence does not make, however it is spelled', () => {
    for (const q of ['Which firms were not sanctioned?', "Which firms weren't sanctioned?", 'Which firms did the U.S. never sanction?']) {
      expect(agreementOf(q, sentence, article).negation).toBe(true);
    }
    expect(agreementOf('Which firms were not sanctioned?', 'No firms in Japan were sanctioned.', article).negation).toBe(false);
  });

  it('notices a year the sentence does not give, and whether the article gives it at all', () => {
    expect(agreementOf('How many firms were sanctioned in 2023?', sentence, article)).toMatchObject({ numberMissing: true, numberMissingInArticle: true });
    expect(agreementOf('Who sent 12,000 troops?', sentence, article)).toMatchObject({ numberMissing: true, numberMissingInArticle: false });
  });

  it('notices an opposite in the place of a question word', () => {
    expect(saysOpposite('Subjects inside the competence are called what?', 'Reserved matters are subjects outside the competence.')).toBe(true);
    expect(saysOpposite('What stage takes place in the irrelevant committees?', 'Stage 1 takes place in the relevant committee.')).toBe(true);
    expect(saysOpposite('What is relevant here?', 'That is irrelevant here.')).toBe(true);
    expect(saysOpposite('Who came first?', 'She came first, he came second.')).toBe(false);
    expect(saysOpposite('How many firms were sanctioned?', sentence)).toBe(false);
  });

  it('an opposite counts only when said of the same thing, and not when the question offers both', () => {
    // "before Britain" against "after the independence": said of something else.
    expect(saysOpposite('Which country had trading posts in India before Britain?', 'Britain made gains in India after the independence of the Spanish colonies.')).toBe(false);
    expect(saysOpposite('What did the party promise before the election?', 'The party promised lower taxes after the election.')).toBe(true);
    // A choice between both, or a comparison with "or": the answer may be either.
    expect(saysOpposite('Which is more costly, formal or informal rule?', 'Informal rule is less costly than formal rule.')).toBe(false);
    expect(saysOpposite('Is formal rule costly?', 'Informal rule is less costly.')).toBe(true);
    // A place in a series the sentence lists: "third" asked of "first ..., second ..., lastly ...".
    expect(saysOpposite('Europe first colonized the Americas, then Asia, but what continent was third?', 'The waves came first in the Americas, second in Asia and lastly in Africa.')).toBe(false);
    expect(saysOpposite('Who came third?', 'She came second.')).toBe(true);
  });

  it('reads common denials', () => {
    expect(isNegated("They didn't go")).toBe(true);
    expect(isNegated('They don’t go')).toBe(true);
    expect(isNegated('Nothing happened')).toBe(true);
    expect(isNegated('The notice was posted')).toBe(false);
  });
});

describe('where the answer stands in the question', () => {
  const gap = (q: string) => {
    const g = analyseQuestion(q).gap;
    return { after: g.after?.word, before: g.before?.word };
  };

  it('after the last verb when the question fronts its object', () => {
    expect(gap('What was he charged with when he was arrested?')).toEqual({ after: 'charged', before: undefined });
    expect(gap('What did the charter encourage?')).toEqual({ after: 'encourage', before: undefined });
  });

  it('before the verb when the answer is the subject', () => {
    expect(gap('Who called on North Korea to withdraw its troops?')).toEqual({ after: undefined, before: 'called' });
  });

  it('around the wh-word when it stays in place', () => {
    expect(gap('Imperialism extends power and what?')).toEqual({ after: 'power', before: undefined });
  });

  it('nowhere in particular for a bare "what is"', () => {
    expect(gap('What is the capital of France?')).toEqual({ after: undefined, before: undefined });
  });
});

it('does not take a name for an opposite: "South Korean" against "North Korea"', () => {
  expect(saysOpposite('How many troops did North Korea send?', 'South Korean Defense Minister Kim Yong-hyun spoke of the deployment.')).toBe(false);
  // Typed in lower case, against a sentence that opens with the other Korea's name.
  expect(saysOpposite("what's the us doing about north korea", "South Korea's spy agency told lawmakers of the deal.")).toBe(false);
  expect(saysOpposite('did the troops move north?', 'South of the border the troops moved.')).toBe(true);
});

describe('timesNotGiven: months and weekdays the article does not support', () => {
  const text = 'EU envoys agreed the package on Thursday. Hungary had delayed it since last month.';
  it('reads the publication date and "last month"', () => {
    expect(timesNotGiven('what did they agree in october?', text, '2024-11-14T16:00:00Z')).toEqual([]);
    expect(timesNotGiven('what did they agree in september?', text, '2024-11-14T16:00:00Z')).toEqual(['september']);
    expect(timesNotGiven('what did they agree on friday?', text, '2024-11-14T16:00:00Z')).toEqual(['friday']);
    expect(timesNotGiven('what did they agree on thursday?', text, '2024-11-14T16:00:00Z')).toEqual([]);
  });
  it('names in the text count, abbreviated too; a month used as a verb or with no date known does not', () => {
    expect(timesNotGiven('what happened in october?', 'Talks began in Oct. and ended.', '2024-12-01')).toEqual([]);
    expect(timesNotGiven('why did they march on the capital?', text, '2024-11-14')).toEqual([]);
    expect(timesNotGiven('what happened in may?', text, undefined)).toEqual([]);
  });
});
