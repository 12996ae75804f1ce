// Ingest types the names in news sentences (people, places, organisations) from word lists and
// context, so "who" and "where" questions find typed answers without a full tagger per sentence.
import { describe, expect, it } from 'vitest';
import { articleEntities } from '../../src/core/language/entities.ts';
import { sentencesWithEntities } from '../../src/core/language/sentences.ts';

const typed = (body: string) => articleEntities(sentencesWithEntities(body)).map((list) => list.map((e) => `${e.kind}: ${e.text}`));

describe('names at ingest', () => {
  it('types people, places and organisations, with titles, acronyms and "X of Y" names', () => {
    expect(typed('President Barack Obama met NASA chief scientist Ellen Stofan in Paris. The Bank of England and the World Health Organization agreed.')).toEqual([
      ['person: President Barack Obama', 'organization: NASA', 'person: Ellen Stofan', 'place: Paris'],
      ['organization: Bank of England', 'organization: World Health Organization'],
    ]);
  });

  it('knows a surname met earlier in the article, and that capitals at the start of a sentence or of a people are no names', () => {
    expect(typed('Scientist Ellen Stofan spoke on Tuesday. Officials said French troops stayed in Texas. Stofan disagreed.')).toEqual([
      ['person: Ellen Stofan', 'date: Tuesday'],
      ['place: Texas'],
      ['person: Stofan'],
    ]);
  });

  it('keeps the numbers and dates wink finds beside the names, and an unknown name after "in" is a place', () => {
    const [entities] = articleEntities(sentencesWithEntities('The U.S. sent 3,000 troops to a base in Kursk in March 2024.'));
    expect(entities!.map((e) => [e.kind, e.text])).toEqual([
      ['organization', 'U.S.'],
      ['number', '3,000'],
      ['place', 'Kursk'],
      ['date', 'March 2024'],
    ]);
  });
});
