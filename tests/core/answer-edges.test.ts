// The edges of a short answer as it is read out (edges.ts): words at either end that belong to the
// question or to the sentence around the answer are left out, the words an answer was cut before
// are taken in, and hedges and units stay. Sentences of our own, not from any benchmark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseQuestion } from '../../src/core/answer/question.ts';
import { answerEdges } from '../../src/core/answer/edges.ts';
import { tokenize } from '../../src/core/language/tokens.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

/** The answer `span` of `sentence` for `question`, its edges mended. */
function mended(question: string, span: string, sentence: string): string {
  return answerEdges(analyseQuestion(question), span, sentence, tokenize(sentence), sentence.indexOf(span));
}

describe('short answer edges', () => {
  it.each([
    // A word at the end that is the sentence going on.
    ['How many farmers moved to the valley?', 'Six hundred moved', 'Six hundred moved to the valley in the spring.', 'Six hundred'],
    ['How many sailors won the race?', '2,400 sailors proudly', 'In the end 2,400 sailors proudly and loudly crossed the line.', '2,400 sailors'],
    // A name ends at the asked noun.
    ['Which trading company carried the grain?', 'Northern Star Company depot', 'The grain went to the Northern Star Company depot at the harbour.', 'Northern Star Company'],
    // An answer cut before its noun takes the noun back.
    ['How many medical units does the college have?', 'nine separate medical', 'The college is divided into nine separate medical units—eight schools and a library.', 'nine separate medical units'],
    // The preposition the question already writes.
    ['By which year had the mill closed?', 'By 1962', 'By 1962, the mill had closed for good.', '1962'],
    ['The strikes went on between what years?', 'between 1910 and 1914', 'The strikes went on between 1910 and 1914.', '1910 and 1914'],
    // A year question is answered by the year, not its frame.
    ['In which year did the line stop running?', 'end of the 1957', 'The line stopped running at the end of the 1957 season.', '1957'],
    // A rate is part of the amount's unit; a hedge the sentence gives stays.
    ['How much did the price of bread rise?', 'less than one percent', 'The price of bread rose by less than one percent per year.', 'less than one percent per year'],
    ['How much can the council raise the levy?', '2 pence', 'The council can raise the levy by up to 2 pence in the pound.', 'up to 2 pence'],
    // The part of a place is part of the place.
    ['Where did the weavers go?', 'France', 'The weavers went to northern France, where they found work.', 'northern France'],
    // A name with the number that says which one, or the year that ends it.
    ['Where are the rules listed?', 'Annex', 'The rules are listed in Annex 4 to the treaty.', 'Annex 4'],
    ['What charter gave the town its market?', '1204', 'The town was granted its market by the Royal Charter 1204, which still hangs in the hall.', 'Royal Charter 1204'],
    // A name that owns the next noun is no member of the answer's list.
    ['Where did the riots break out?', 'Lyon and Pierre Martin', 'There were riots in Lyon and Pierre Martin\'s protests in the capital.', 'Lyon'],
    // A name with "of" keeps the word "and" joins to it.
    ['What society keeps the maps?', 'Royal Society of Maps', 'The maps are kept by the Royal Society of Maps and Charts, founded in 1830.', 'Royal Society of Maps and Charts'],
    // A short quoted term is answered whole.
    ['What does the old name mean?', 'Seafarer', 'The old name is said to mean "Seafarer, Trader".', 'Seafarer, Trader'],
    // The term after a naming phrase, and a title after "titled".
    ['What problem has drawn complaints?', 'Hill Farm', 'This problem is known as the Hill Farm question and has drawn complaints.', 'Hill Farm question'],
    ['What book did the talks become?', 'Essays of Northern Light', 'The talks became a book titled The Essays of Northern Light in Winter.', 'Essays of Northern Light in Winter'],
    // A word that only introduces the term.
    ['What idea justified the canal?', 'concept tidal engineering', 'The concept tidal engineering justified the canal.', 'tidal engineering'],
    // A rank is one title.
    ['Who led the garrison?', 'General Anne Rowe', 'The garrison was led by Major General Anne Rowe.', 'Major General Anne Rowe'],
    // The part of the day goes with the day.
    ['When do the meetings take place?', 'Tuesday', 'The meetings take place on Tuesday mornings in the hall.', 'Tuesday mornings'],
    // A person the sentence names with a title is answered with it.
    ['Who signed the harbour charter?', 'Marlow', 'In 1820 Governor Marlow signed the harbour charter.', 'Governor Marlow'],
    ['Who opened the bridge?', 'Ana Ruiz', 'The bridge was opened by President Ana Ruiz on Friday.', 'President Ana Ruiz'],
    // A person is known by the name the sentence gives before their birth name.
    ['Who wrote the river songs?', 'Joan Abel', 'Jo Ash (born Joan Abel), a folk singer from the valley, wrote the river songs.', 'Jo Ash'],
    // A "doing" question is answered by the action.
    ['What was the board charged with doing?', 'harbour accounts', 'The board was charged with auditing the harbour accounts every spring.', 'auditing the harbour accounts'],
    // A plural keeps what the sentence says of its number.
    ['Who sits on the panel?', 'judges', 'The panel is made up of a small number of judges and one clerk.', 'a small number of judges'],
  ])('%s %j → %j', (question, span, sentence, answer) => {
    expect(mended(question, span, sentence)).toBe(answer);
  });

  it.each([
    // The modifier answers a type-of question, joined adjectives and all.
    ['What type of tariffs did the council set?', 'seasonal tariffs', 'The council set seasonal tariffs on the ferry.', 'seasonal'],
    ['What kind of storm hit the coast?', 'violent and sudden storm', 'A violent and sudden storm hit the coast.', 'violent and sudden'],
    ['What type of groups did the fund back?', 'Baltic', 'The fund backed like-minded Baltic farming groups in the north.', 'Baltic farming'],
  ])('type of: %s → %j', (question, span, sentence, answer) => {
    expect(mended(question, span, sentence)).toBe(answer);
  });

  it.each([
    // A name stays whole for a type-of question, and other questions keep the asked noun.
    ['What type of movement did the poet join?', 'Romantic Movement', 'The poet joined the Romantic Movement in 1820.'],
    ['Which county holds the farm?', 'Avon County', 'The farm lies in Avon County.'],
    ['What monastery did the monks found?', 'Greek monastery', 'The monks founded a Greek monastery on the hill.'],
    // Hedges and units stay.
    ['How many boats were there?', 'as many as 40 boats', 'There were as many as 40 boats in the bay.'],
    ['How many seats are in the hall?', '212 seats', 'There are 212 seats in the hall.'],
    // A decade is no year; a range stays a range.
    ['In what year did the band form?', 'the 1970s', 'The band formed in the 1970s.'],
    // A count after a name is no part of it.
    ['Who beat the champion?', 'Lena Park', 'Lena Park beat the champion 3 times last year.'],
    // The question already says the title.
    ['Who is the president that opened the bridge?', 'Ana Ruiz', 'The bridge was opened by President Ana Ruiz on Friday.'],
  ])('kept: %s %j', (question, span, sentence) => {
    expect(mended(question, span, sentence)).toBe(span);
  });
});

const STORY = `Harbour town imposes tariffs
The harbour board imposed seasonal tariffs on the ferry operators last week. Tom Reyes, who runs the ferries, said the tariffs would cost him dearly.`;

describe('a type-of question read out', () => {
  let t: TestCore | undefined;
  beforeAll(async () => {
    t = await makeTestCore({ seed: false });
    await t.core.ingest({ text: STORY, title: 'Harbour town imposes tariffs' });
  });
  afterAll(() => t?.cleanup());

  it('answers with the modifier, a lone lower-case word', async () => {
    const a = await t!.core.ask('What type of tariffs did the harbour board impose?');
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe('seasonal');
    expect(a.citations[0]?.sentence).toMatch(/seasonal tariffs/);
  });
});

describe('a type-of question over the starter story', () => {
  let t: TestCore | undefined;
  beforeAll(async () => {
    t = await makeTestCore();
  });
  afterAll(() => t?.cleanup());

  it('is not answered by an amount: a kind is no count', async () => {
    const a = await t!.core.ask('what type of sanctions did the us impose?');
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('passage');
    expect(a.answer).not.toBe('398 firms');
  });
});

const RULES_STORY = `Village fair sets its rules
At the village fair the prize goes to the team with the highest tally, which the judges count at dusk. The judges said the old rules were unfair to small teams.`;

describe('a question that ends in a blank', () => {
  let t: TestCore | undefined;
  beforeAll(async () => {
    t = await makeTestCore({ seed: false });
    await t.core.ingest({ text: RULES_STORY, title: 'Village fair sets its rules' });
  });
  afterAll(() => t?.cleanup());

  it('is answered by the one word that fills it', async () => {
    const a = await t!.core.ask('At the village fair the prize goes to the team with the highest what?');
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe('tally');
  });

  it('a lone common noun for another question is still quoted, not given as the answer', async () => {
    const a = await t!.core.ask('what do the judges count at dusk?');
    expect(a.form).not.toBe('short');
  });
});
