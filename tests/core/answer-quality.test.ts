// Questions a team would ask about the founding story, paraphrased as people ask them.
// Guards answer quality on news while the answerer is tuned on public benchmarks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

let t: TestCore;
beforeAll(async () => {
  t = await makeTestCore();
});
afterAll(() => t.cleanup());

const answered: [string, RegExp, RegExp][] = [
  // question, expected answer span, expected cited sentence
  ['How many troops did North Korea send?', /12,000/, /12,000 troops/],
  ['how many soldiers has Pyongyang deployed to Russia', /12,000/, /12,000 troops/],
  ['How many firms were sanctioned?', /398/, /398 firms/],
  ['How many companies did the U.S. sanction?', /398/, /398 firms/],
  ['How many companies did the Treasury Department sanction?', /274/, /274 companies/],
  ['Where are the North Korean troops heading?', /Kursk/, /Kursk region/],
  ['Who called on North Korea to withdraw its troops?', /Kim and Austin/, /withdraw/],
  ['When did the U.S. impose the sanctions?', /Wednesday/, /398 firms/],
  ['What are the North Korean troops wearing?', /Russian uniforms/, /uniforms/],
  ['Who is the South Korean defense minister?', /Kim Yong-hyun/, /Kim Yong-hyun/],
  ['Which countries are the sanctioned firms in?', /Russia, India, China/, /398 firms/],
  ['How many North Korean troops does Ukraine expect at the border this week?', /4,500/, /4,500/],
  ['When will North Korean troops start fighting Ukrainian forces?', /November/, /November/],
  ["Who is Ukraine's UN ambassador?", /Kyslytsya/, /Kyslytsya/],
  // A verb asked about, its noun in the text ("invade" / "invasion").
  ['When did Russia invade Ukraine?', /February 2022/, /invasion of Ukraine/],
  // A capital standing for its country ("Pyongyang's deployment").
  ['How many troops has Pyongyang sent to Russia?', /12,000/, /12,000 troops/],
];

const declined = [
  'What did Putin say about the sanctions?',
  'Who won the 2022 World Cup?',
  'How many tanks did Russia lose?',
  'What is the capital of Australia?',
  'Who is the president of France?',
  // One word away from what the story says: a year it never mentions, a denial it never makes.
  'How many troops did North Korea send in 1950?',
  'Who did not call on North Korea to withdraw its troops?',
];

// A name is the answer, not the office in front of it.
it('answers with the name alone, without the office before it', async () => {
  const a = await t.core.ask('Who is the South Korean defense minister?');
  expect(a.answer).toMatch(/^Kim Yong-hyun/);
});

describe('answers about the founding story', () => {
  it.each(answered)('%s', async (question, answer, sentence) => {
    const a = await t.core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.answer).toMatch(answer);
    expect(a.citations[0]?.sentence).toMatch(sentence);
  });

  it.each(declined)('declines: %s', async (question) => {
    const a = await t.core.ask(question);
    expect(a.abstained).toBe(true);
    expect(a.answer).toBeNull();
    expect(a.citations).toEqual([]);
  });
});

describe('how answers read', () => {
  it('an amount is answered as its sentence words it, with qualifier and unit', async () => {
    const a = await t.core.ask('How many troops did North Korea send?');
    expect(a.form).toBe('short');
    expect(a.answer).toBe('as many as 12,000 troops');
  });
});
