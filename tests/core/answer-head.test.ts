// ask() scores in full only the sentences its reply can quote or cite (the head of the ranking):
// the reply, its citations and the closest sources must be those the whole ranking gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Answerer, type ScoredSentence } from '../../src/core/answer/answerer.ts';
import { gatherCandidates } from '../../src/core/answer/passages.ts';
import { analyseQuestion } from '../../src/core/answer/question.ts';
import { readArticleFiles } from '../../src/core/articles/files.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

let t: TestCore;
beforeAll(async () => {
  t = await makeTestCore();
  for await (const item of readArticleFiles(['tests/fixtures/articles'])) if (!('rejected' in item)) await t.core.ingest(item.input);
});
afterAll(() => t.cleanup());

const questions = [
  'How many troops did North Korea send?',
  'How many firms were sanctioned?',
  'Where are the North Korean troops heading?',
  'Who called on North Korea to withdraw its troops?',
  'When did the U.S. impose the sanctions?',
  'What are the North Korean troops wearing?',
  'Why did the EU impose sanctions?',
  'Did markets fall after the sanctions?',
  'What did Austin say about the deployment?',
  'How many tanks did Russia lose?',
  'Who won the 2022 World Cup?',
  // Sentences that hold a term only as a place standing for it, or a name in another ending.
  'What is North Korea likely to receive from Moscow?',
  'What did the South Korean spy agency tell lawmakers?',
];

// Every feature but bm25, which the head reads against the best of the sentences it tagged (the
// ranking gives it no weight: see Answerer.rank).
const row = (r: ScoredSentence) => ({ id: r.hit.sentence.id, score: r.score, span: r.span?.text, features: { ...r.features, bm25: undefined } });

describe('the head of the ranking', () => {
  it.each(questions)('%s: the same reply as from every candidate scored', async (question) => {
    const answerer = new Answerer(t.core.store);
    const q = analyseQuestion(question);
    const c = await gatherCandidates(t.core.store, q, 3);
    const all = await answerer.rank(q, c);
    const head = await answerer.rank(q, c, { all: false });
    expect(head.length).toBeGreaterThan(0);
    // The head is the whole ranking's first rows, scored the same, and holds every row decide() reads.
    expect(head.map(row)).toEqual(all.slice(0, head.length).map(row));
    const needed = all.filter((r, i) => i < 3 || r.score >= all[0]!.score * 0.85).length;
    expect(head.length).toBeGreaterThanOrEqual(Math.min(needed, all.length));
    expect(answerer.decide(q, head, c)).toEqual(answerer.decide(q, all, c));
    expect(await answerer.ask(question)).toEqual(answerer.decide(q, all, c));
  });

  it('leaves out candidates that cannot reach it', async () => {
    const answerer = new Answerer(t.core.store);
    const q = analyseQuestion('How many troops did North Korea send to Russia?');
    const c = await gatherCandidates(t.core.store, q, 3);
    const all = await answerer.rank(q, c);
    const head = await answerer.rank(q, c, { all: false });
    expect(head.length).toBeLessThan(all.length);
  });
});
