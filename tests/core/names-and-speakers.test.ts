// A story names someone in full once and then by one part of the name ("Kim said ..."); a question
// for what someone said is answered by the sentence that gives their words. Asked of the starter
// article alone, as a new user's first store holds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditNameParts, namePairs, namesInArticle } from '../../src/core/answer/name-parts.ts';
import { matchTerms } from '../../src/core/answer/features.ts';
import { analyseQuestion } from '../../src/core/answer/question.ts';
import { namesAnswer } from '../../src/core/answer/naming.ts';
import { tokenize } from '../../src/core/language/tokens.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

let starter: TestCore;
beforeAll(async () => {
  starter = await makeTestCore();
});
afterAll(async () => starter.cleanup());

describe('what someone said, and names given in part', () => {
  it('"What did Kim Yong-hyun say?" cites what Kim said, not the sentence that only names him', async () => {
    const a = await starter.core.ask('What did Kim Yong-hyun say?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0]?.sentence).toMatch(/^Kim said he doesn’t necessarily believe/);
  });

  it('"what did kim yong-hyun say about the deployment?" is answered: "Kim" is Kim Yong-hyun, no other speaker', async () => {
    const a = await starter.core.ask('what did kim yong-hyun say about the deployment?');
    expect(a.abstained).toBe(false);
    expect(a.premise).toBeUndefined();
    expect(a.citations[0]?.sentence).toMatch(/^Kim said/);
  });

  it('"what did kim jong un say" is still declined: Kim Jong Un is not Kim Yong-hyun', async () => {
    const a = await starter.core.ask('what did kim jong un say at the press conference');
    expect(a.abstained).toBe(true);
  });

  it('a part of a name stands for the full name only where the story gives it, alone, after a title at most', () => {
    const q = analyseQuestion('what did terry cooper say about the badger?');
    const article = 'Terry Cooper, 79, was in his garden. Mr Cooper said the badger was huge. Alice Cooper said nothing. Cooper Street is quiet.';
    const names = namesInArticle(q, namePairs(q), article);
    expect(names).toHaveLength(1);
    const credit = (sentence: string) => {
      const tokens = tokenize(sentence);
      const m = creditNameParts(names, tokens, matchTerms(q, tokens, new Set()));
      return m.credit[q.terms.findIndex((t) => t.word === 'terry')];
    };
    expect(credit('Mr Cooper said the badger was huge.')).toBe(0.8);
    expect(credit('Alice Cooper said nothing.')).toBe(0);
    expect(credit('Cooper Street is quiet.')).toBe(0);
    // A story that never gives the full name: "Cooper" may be anyone.
    expect(namesInArticle(q, namePairs(q), 'Mr Cooper said the badger was huge.')).toHaveLength(0);
  });

  it('the full name counts only as whole words: not inside another name, but right after one', () => {
    const q = analyseQuestion('what did kim yong-hyun say?');
    const namesIn = (text: string) => namesInArticle(q, namePairs(q), text).map((g) => g.map((i) => q.terms[i]!.word).join(' '));
    expect(namesIn('Joakim Yong-hyunsoo spoke. Kim said no.')).toEqual([]);
    // "Kim Yong" is written in full there, "hyun2" is another word.
    expect(namesIn('Kim Yong-hyun2 spoke. Kim said no.')).toEqual(['kim yong']);
    // "Joakim Yong" is no name of his; the "Kim Yong-hyun" that follows it is.
    expect(namesIn('Joakim Yong met Kim Yong-hyun. Kim said no.')).toEqual(['kim yong hyun']);
    expect(namesIn('Minister Kim Yong-hyun, 64, spoke. Kim said no.')).toEqual(['kim yong hyun']);
  });
});

describe('a name question is answered by a name it does not give', () => {
  it('"what\'s the name of terry cooper\'s dog?" takes "Sam", never "Terry Cooper" or "Cooper\'s"', () => {
    const q = analyseQuestion("what's the name of terry cooper's dog?");
    expect(namesAnswer(q, 'Terry Cooper')).toBe(false);
    expect(namesAnswer(q, "Cooper's")).toBe(false);
    expect(namesAnswer(q, 'Sam')).toBe(true);
    expect(namesAnswer(q, 'the dog')).toBe(false);
  });
});
