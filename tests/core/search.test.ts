// /search through a real core and store: what a user finds for the words they type.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ seed: false, now: () => new Date('2024-11-10T12:00:00Z') });
  await t.core.ingest({
    title: 'Chelsea name new manager',
    text: `Ruud Gullit was named Chelsea manager on Monday after a short search by the board.

The club said the Dutchman would start work at once and lead training on Tuesday morning.

Supporters gathered outside the ground to welcome the former captain back to the team.`,
  });
  await t.core.ingest({
    title: 'Milan recall their old midfield',
    text: `Gullit's return to Milan was confirmed by the club's president late on Friday evening.

The midfielder's contract runs for two seasons, with an option of a third one after that.

The team's coach said the player's experience would help a young squad this winter.`,
  });
  await t.core.ingest({
    title: 'City council votes on the budget',
    text: `The council's vote on the city's budget was delayed again by a dispute over the parks.

The mayor's office said the budget's new lines for the libraries would stay as planned.

Residents' groups asked for a public meeting before the final vote in the new year.`,
  });
});
afterEach(() => t.cleanup());

describe('search', () => {
  it('reads a possessive as the name: every article naming him, not only those with an apostrophe', async () => {
    const titles = (await t.core.search("gullit's")).map((h) => h.title).sort();
    expect(titles).toEqual(['Chelsea name new manager', 'Milan recall their old midfield']);
    // The same with a typographic apostrophe, and the plain name finds the same articles.
    expect((await t.core.search('Gullit’s')).map((h) => h.title).sort()).toEqual(titles);
    expect((await t.core.search('gullit')).map((h) => h.title).sort()).toEqual(titles);
  });

  it('highlights the name in the snippet', async () => {
    const hits = await t.core.search("gullit's return");
    expect(hits[0]!.title).toBe('Milan recall their old midfield');
    expect(hits[0]!.snippet).toBe("**Gullit's return** to Milan was confirmed by the club's president late on Friday evening.");
  });
});
