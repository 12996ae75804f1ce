// Where a "what" question's answer stands to the question's verb (span-roles.ts), as the answer-span
// model reads it: the object after the verb, the subject before it past an aside, the agent after
// "by" in a passive sentence.
import { describe, expect, it } from 'vitest';
import { analyseQuestion } from '../../src/core/answer/question.ts';
import { askedRole, rolePositions } from '../../src/core/answer/span-roles.ts';
import { tokenize } from '../../src/core/language/tokens.ts';

/** The words of the sentence at the positions where the question's answer would stand. */
function answerWords(question: string, sentence: string): { role: string | undefined; after: string[]; before: string[] } {
  const asked = askedRole(analyseQuestion(question));
  if (!asked) return { role: undefined, after: [], before: [] };
  const tokens = tokenize(sentence);
  const at = rolePositions(tokens, asked);
  return { role: asked.role, after: [...at.after].map((i) => tokens[i]!.text), before: [...at.before].map((i) => tokens[i]!.text) };
}

describe('the answer\'s role to the question\'s verb', () => {
  it('"what hit X?" wants the subject before "hit", past a comma-delimited aside', () => {
    expect(answerWords('What hit the Russian keeper?', 'A flare, hurled from the stands, hit the Russian keeper on the head.')).toEqual({ role: 'subject', after: [], before: ['flare'] });
  });

  it('past a bracket and a relative pronoun', () => {
    const s = 'Louis XIV issued the Edict of Fontainebleau (1685), which abolished all legal recognition of Protestantism.';
    expect(answerWords('What proclamation abolished Protestantism in France?', s).before).toEqual(['Fontainebleau']);
  });

  it('"what did X renounce?" wants the object after the verb', () => {
    expect(answerWords('What religion did Henry renounce?', 'Henry renounced Protestantism in favour of Roman Catholicism.')).toEqual({ role: 'object', after: ['Protestantism'], before: [] });
  });

  it('in a passive sentence, the subject answers "what did X approve" and the agent after "by" answers "what supported X"', () => {
    expect(answerWords('What did the council approve?', 'The new budget was approved by the council on Monday.').before).toEqual(['budget']);
    expect(answerWords('What tribes supported the British?', 'The British were supported in the war by the Iroquois.').after).toEqual(['Iroquois']);
  });

  it('reads no role from a copula or a gap left in place', () => {
    expect(answerWords('What is the capital of France?', 'Paris is the capital of France.').role).toBeUndefined();
    expect(answerWords('The West saw the East as what?', 'The West saw the East as exotic.').role).toBeUndefined();
  });
});
