// Answers only from what a sentence states: a sum for "how much", not a count of something else; a
// winner only where someone won, not where someone might ("If Reyes wins ..."); a hospital's name
// only where the story names one. Stories of our own, not from any benchmark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

const LAWSUIT = `Parents sue school board
Two families have filed lawsuits against the Elmwood School Board over the closure of Hillside Primary. One of the families brought a $250,000 lawsuit against the board in March, accusing it of failing to consult parents. The board said it would defend the cases.`;
const FINAL = `Open final goes to Sunday
If Marta Reyes wins on Sunday she would become the youngest champion in the tournament's history. Reyes was taken ill on Friday and was hospitalised for dehydration, but she returned to practice on Saturday. Her opponent, Lena Voss, has won the title twice.`;

let t: TestCore;
beforeAll(async () => {
  t = await makeTestCore({ seed: false });
  await t.core.ingest({ text: LAWSUIT, title: 'Parents sue school board' });
  await t.core.ingest({ text: FINAL, title: 'Open final goes to Sunday' });
});
afterAll(() => t?.cleanup());

describe('what a sentence states', () => {
  it('answers "how much" with the sum, not with the count of families ("Two")', async () => {
    const a = await t.core.ask('how much is the family suing the school board for?');
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe('$250,000');
    expect(a.citations[0]?.sentence).toMatch(/\$250,000 lawsuit/);
  });

  it('declines "who won?" when the sources only say what happens if someone wins', async () => {
    const a = await t.core.ask('who won the open final?');
    expect(a.abstained).toBe(true);
    expect(a.answer).toBeNull();
    expect(a.closest.map((c) => c.sentence).join(' ')).toMatch(/If Marta Reyes wins/);
  });

  it('declines "which hospital?" when the sources say she was hospitalised but name no hospital', async () => {
    const a = await t.core.ask('which hospital was reyes taken to?');
    expect(a.abstained).toBe(true);
    expect(a.closest[0]?.sentence).toMatch(/hospitalised for dehydration/);
  });

  it('still answers from the same sentence what it does state', async () => {
    const a = await t.core.ask('why was reyes hospitalised?');
    expect(a.abstained).toBe(false);
    expect(a.citations[0]?.sentence).toMatch(/hospitalised for dehydration/);
  });
});
