// A question for a name is answered by a name that can be the asked thing's, and one for a match's
// score by a result of that match; with the span gate off, these checks alone decline a sentence
// that has neither. Stories of our own, not from any benchmark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Answerer, DEFAULT_TUNING, type ScoredSentence } from '../../src/core/answer/answerer.ts';
import { gatherCandidates } from '../../src/core/answer/passages.ts';
import { analyseQuestion } from '../../src/core/answer/question.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

const ADRIFT = `Sailor found after two months adrift
Tom Reed was rescued on Thursday after 60 days adrift off the Florida coast. The last time Jack Reed spoke with his son, Tom Reed was fishing on a sailboat a few miles off the Georgia coast. His father said the family never gave up hope.`;
const RESCUE = `Fisherman saved by his boat's radio
Fisherman Alan Price was rescued on Sunday when his trawler, the Sea Breeze, sent a distress call off the Cornish coast.`;
const GUARD = `Guard shot at museum
A guard at the Hartford Museum headquarters was shot in the leg on Monday in Springfield. Police said the gunman fled.`;
const GUARD_NAMED = `Bank guard praised
The bank guard who stopped the robbery, Maria Lopez, was praised by police on Tuesday.`;
const LAWYER = `Hale to appeal
Mr Hale's lawyer said on Friday that the appeal would go ahead in the spring.`;
const STUDIO = `Studio opens in old mill
Painter Anna Vos, a former pupil of Jan Berg, opened a studio in the old mill on Saturday.`;
const CHOIR = `Choir leader honoured
Choir leader Piet Smit, a devout Catholic, was honoured by the town council on Monday.`;
const MATCH = `Rovers see off United
The final score of the Rovers v United match on Saturday was 3-1, which lifted Rovers to third in the table. City's manager praised his players before their game against Rovers next week.`;

let t: TestCore;
// With no span gate, so that the checks are what declines.
let ungated: Answerer;
beforeAll(async () => {
  t = await makeTestCore({ seed: false });
  for (const text of [ADRIFT, RESCUE, GUARD, GUARD_NAMED, LAWYER, STUDIO, CHOIR, MATCH]) await t.core.ingest({ text, title: text.split('\n')[0]! });
  ungated = new Answerer(t.core.store, { ...DEFAULT_TUNING, gateBelow: 0 });
});
afterAll(() => t?.cleanup());

const ask = async (question: string) => {
  const q = analyseQuestion(question);
  const candidates = await gatherCandidates(t.core.store, q, 3);
  return ungated.decide(q, await ungated.rank(q, candidates, { all: false }), candidates);
};

describe('a question for a name', () => {
  it('declines the name of a boat when the story names only people and places', async () => {
    const a = await ask("what was the name of tom reed's sailboat?");
    expect(a.abstained).toBe(true);
    expect(a.closest.map((c) => c.sentence).join(' ')).toMatch(/sailboat/);
  });

  it('answers with the boat a story names', async () => {
    const a = await ask("what was the name of alan price's trawler?");
    expect(a.abstained).toBe(false);
    expect(a.answer).toMatch(/Sea Breeze/);
  });

  it('declines the name of a person when the story names only the place and the building', async () => {
    const a = await ask('what was the name of the museum guard who was shot?');
    expect(a.abstained).toBe(true);
  });

  it('takes no honorific for a name: "Mr Hale" gives no name for hale\'s lawyer', async () => {
    const a = await ask("what's the name of hale's lawyer?");
    expect(a.abstained).toBe(true);
    expect(a.closest[0]?.sentence).toMatch(/Mr Hale's lawyer/);
  });

  it('answers with the person a story names', async () => {
    const a = await ask('what was the name of the bank guard who stopped the robbery?');
    expect(a.abstained).toBe(false);
    expect(a.answer ?? '').toMatch(/Maria Lopez/);
  });
});

describe('a question for a score', () => {
  it('answers with the result of the match asked about', async () => {
    const a = await ask('what was the final score of rovers v united?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0]?.sentence).toMatch(/was 3-1/);
  });

  it('declines when the only result is of another match', async () => {
    const a = await ask('what was the final score of rovers v city?');
    expect(a.abstained).toBe(true);
  });

  it('declines "how did X get on against Y?" when no result is given', async () => {
    const a = await ask('how did city get on against rovers?');
    expect(a.abstained).toBe(true);
  });
});

describe('a question for a faith or a people', () => {
  it('declines "what religion was X?" when the sentence names no faith', async () => {
    const a = await ask('what religion was jan berg?');
    expect(a.abstained).toBe(true);
    expect(a.closest[0]?.sentence).toMatch(/pupil of Jan Berg/);
  });

  it('answers it from a sentence that names one', async () => {
    const a = await ask('what religion was piet smit?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0]?.sentence).toMatch(/devout Catholic/);
  });

  it('declines "what nationality was X?" when the sentence names no people or place', async () => {
    expect((await ask('what nationality was jan berg?')).abstained).toBe(true);
  });
});

describe('the span gate', () => {
  it('leaves a question for a name or a score to the checks above, however poorly its span fits', () => {
    // A gate for "what" questions whatever the fitted settings (DECIDE may set it to 0).
    const answerer = new Answerer(t.core.store, { ...DEFAULT_TUNING, gateBelow: 0.6, spanGateOther: 0.3 });
    const best = { span: { text: 'sailboat', start: 0, end: 8, fit: 0 }, hit: { sentence: { text: 'Tom Reed was fishing on a sailboat.' } } } as unknown as ScoredSentence;
    expect(answerer.spanGated(analyseQuestion("what was the name of tom reed's sailboat?"), best)).toBe(false);
    expect(answerer.spanGated(analyseQuestion('what was the final score of rovers v city?'), best)).toBe(false);
    expect(answerer.spanGated(analyseQuestion('what was tom reed fishing for?'), best)).toBe(true);
  });
});
