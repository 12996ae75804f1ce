// Short answers cut from the cited sentence: the answer-span model (span-model.ts, ANSWER_SPAN)
// picks the words that answer "who" and "what" questions, and the sentence is quoted instead when
// no span fits well enough. A story of our own, not from any benchmark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

const STORY = `Riverton votes on tram line
The Riverton city council met on Tuesday evening to discuss the future of public transport in the town. After a long debate, councillors agreed to hold a referendum on the proposed tram line in May. Mayor Helen Cartwright said the tram would cut traffic in the old town. While studying engineering in Leeds, Cartwright became a member of the Northern Transport Society. Opponents, led by shopkeeper Tom Reyes, argue that the works would close the high street for two years. The council's budget committee put the cost of the line at 40 million pounds.`;

/** A core holding one story, for the tests of the enclosing suite (or file); read it inside a test. */
function storeHolding(text: string, title: string): () => TestCore {
  let t: TestCore | undefined;
  beforeAll(async () => {
    t = await makeTestCore({ seed: false });
    await t.core.ingest({ text, title });
  });
  afterAll(() => t?.cleanup());
  return () => t!;
}

const riverton = storeHolding(STORY, 'Riverton votes on tram line');

describe('short answers from the cited sentence', () => {
  it.each([
    // The name after "led by", not the office before it or the question's own words.
    ['Who leads the opponents?', 'Tom Reyes', /led by shopkeeper Tom Reyes/],
    // The object of the question's verb, right after it in the sentence.
    ['What would the works close?', 'high street', /close the high street/],
    ['How much will the line cost?', '40 million pounds', /40 million pounds/],
    // The words after the question's last word ("a referendum on [the proposed tram line]").
    ['What will the referendum be held on?', 'tram line', /referendum on the proposed tram line/],
  ])('%s → %s', async (question, answer, sentence) => {
    const a = await riverton().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe(answer);
    expect(a.citations[0]?.sentence).toMatch(sentence);
  });

  it('quotes the sentence, with the answer in it, when no span is likely right', async () => {
    const a = await riverton().core.ask('What happened after a long debate?');
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('passage');
    expect(a.answer).toMatch(/referendum on the proposed tram line/);
  });
});

// "How long ...?" asks for a duration: minutes, weeks or years, not another number in the sentence,
// and not an age ("31-year-old").
const SIGNING = `Harbour FC sign keeper Ollie Brand
Harbour FC have signed keeper Ollie Brand, 31, on a three-year deal after 212 appearances for Dunmore. The 31-year-old said he was delighted. About 400 Harbour fans left their seats empty for the first 10 minutes of Saturday's game in a protest against ticket prices.`;

describe('how long', () => {
  const story = storeHolding(SIGNING, 'Harbour FC sign keeper Ollie Brand');

  it('answers with the minutes, not the number of fans', async () => {
    const a = await story().core.ask('how long did fans leave their seats empty?');
    expect(a.abstained).toBe(false);
    expect(a.answer).toBe('10 minutes');
    expect(a.citations[0]?.sentence).toMatch(/first 10 minutes/);
  });

  it('answers "how old" with the age the story gives after the name', async () => {
    const a = await story().core.ask('how old is ollie brand?');
    expect(a.abstained).toBe(false);
    expect(a.answer).toBe('31');
  });

  it('quotes the contract sentence rather than declining or cutting out an age or a count', async () => {
    const a = await story().core.ask('how long is brand signed for?');
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('three-year');
    expect(a.answer).not.toMatch(/^(31|212)$/);
    expect(a.citations[0]?.sentence).toMatch(/three-year deal/);
  });
});

// "How big / fast / heavy ...?" asks for an amount in its units: the amount with its unit, written
// hyphenated before a noun or run together with it, not the bare number nor another count.
const SEASON = `Okafor stretches his lead at Lakeview
Dana Okafor won at Lakeview on Sunday to open a 27-point lead over 14 other drivers in the standings. The race was slowed by gusts of 45 mph on the back straight, where 3 cars left the track. The Lakeview circuit was rebuilt last year with a £46million grant from 12 councils.`;

describe('how big, how fast', () => {
  const story = storeHolding(SEASON, 'Okafor stretches his lead at Lakeview');

  it.each([
    ["how big is okafor's lead in the standings?", '27-point', /27-point lead/],
    ['how fast were the gusts on the back straight?', '45 mph', /gusts of 45 mph/],
    ['how big was the grant for the lakeview circuit?', '£46million', /£46million grant/],
    // A noun that names the measure asks what "how fast" asks.
    ['what was the speed of the gusts on the back straight?', '45 mph', /gusts of 45 mph/],
    ["what's the size of okafor's lead?", '27-point', /27-point lead/],
  ])('%s → the amount with its unit', async (question, amount, sentence) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.citations[0]?.sentence).toMatch(sentence);
    // A short answer is the amount itself; a quoted sentence has it in full.
    expect(a.answer).toContain(amount);
    if (a.form === 'short') expect(a.answer).toBe(amount);
  });
});

// A question for a name is answered by a name: "what's the name of ..." (the contraction read as
// "what is") finds the sentence that gives it, and a sentence about the person without a name
// does not answer.
const RESCUE = `Lighthouse keeper's dog finds lost walker
A lost walker was found on the cliffs above Portnahaven on Sunday after a search that lasted most of the night. The walker, a 64-year-old retired teacher from Glasgow, had slipped on wet rocks and hurt her ankle. She was found by a collie called Bess, who belongs to the lighthouse keeper, Angus Rennie. Coastguard officers said the dog had picked up her scent near the old pier. Rennie has kept the Portnahaven light for 22 years.`;

describe('name questions', () => {
  const story = storeHolding(RESCUE, "Lighthouse keeper's dog finds lost walker");

  it("answers \"what's the name of ...\" from the sentence that names the keeper", async () => {
    const a = await story().core.ask("what's the name of the lighthouse keeper?");
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('Angus Rennie');
    expect(a.citations[0]?.sentence).toMatch(/lighthouse keeper, Angus Rennie/);
  });

  it('declines when the sentence about the person gives no name, and shows it as the closest source', async () => {
    const a = await story().core.ask("what's the name of the teacher from glasgow?");
    expect(a.abstained).toBe(true);
    expect(a.answer).toBeNull();
    expect(a.closest[0]?.sentence).toMatch(/retired teacher from Glasgow/);
  });
});

// A pet's name is the name the sentence ties to the asked animal ("his Border collie Skye", "a
// tortoise called Shelly", "goat, Clover,"), however low the span model fits a lone first name;
// another animal's or another driver's name answers nothing.
const SHOW = `Village show crowns its favourite pets
The Ashcombe village show was held on Saturday on the cricket green. Farmer Gwen Pryce brought her three ponies and named each of them after a river. Retired postman Alan Dodd won the obedience class with his Border collie Skye. The judges also gave a rosette to a tortoise called Shelly, which belongs to eight-year-old Maisie Hart. Taxi driver Omar Haddad ran the raffle. Gwen Pryce's goat, Clover, ate the raffle tickets.`;

describe('names tied to the asked thing', () => {
  const story = storeHolding(SHOW, 'Village show crowns its favourite pets');

  it.each([
    ["what's alan dodd's collie called?", 'Skye', /Border collie Skye/],
    ["what's the name of maisie's tortoise?", 'Shelly', /tortoise called Shelly/],
    ["what is the name of gwen pryce's goat?", 'Clover', /goat, Clover,/],
  ])('%s → %s', async (question, name, sentence) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe(name);
    expect(a.citations[0]?.sentence).toMatch(sentence);
  });

  it.each(["what's the bus driver called?", "what's the name of maisie hart's dog?"])('declines %s: the story names no such one', async (question) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(true);
    expect(a.answer).toBeNull();
  });
});

// The starter story's "South Korean Defense Minister Kim Yong-hyun": the name after the asked
// kind's head noun and its title, not the words of the kind itself.
describe('a name after a long kind and a title', () => {
  let t: TestCore | undefined;
  beforeAll(async () => {
    t = await makeTestCore();
  });
  afterAll(() => t?.cleanup());

  it.each(["what's the name of the south korean defense minister?", "what's the south korean defense minister called?"])('%s → Kim Yong-hyun', async (question) => {
    const a = await t!.core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe('Kim Yong-hyun');
  });
});

// "Why ...?" is answered by the cause a sentence gives after "for" ("hospitalised for
// exhaustion"), not by a sentence that merely has a purpose clause ("flew home to rest").
const TOUR = `Singer cancels tour dates
Singer Ada Brooks was hospitalised for exhaustion on Friday, her spokesman said. Brooks was also hospitalised in 2019 and flew home to rest before her last tour. Brooks will miss three concerts in Glasgow and Leeds. The tour resumes in May.`;

describe('causes after "for"', () => {
  const story = storeHolding(TOUR, 'Singer cancels tour dates');

  it.each(['why was the singer hospitalised?', 'why has ada brooks been hospitalised?'])('%s cites the sentence that gives the cause first', async (question) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.citations[0]?.sentence).toMatch(/hospitalised for exhaustion/);
  });
});

// Durations written in words past twelve ("for sixteen years") are durations too.
const LEASE = `Riverside cafe signs long lease
The Riverside cafe has signed a lease on the old boathouse for sixteen years, its owner Priya Shah said on Monday. The cafe employs 14 people and opened in 2019.`;

describe('how long, in words', () => {
  const story = storeHolding(LEASE, 'Riverside cafe signs long lease');

  it('answers "sixteen years", not the staff count or the year it opened', async () => {
    const a = await story().core.ask('how long is the riverside cafe lease?');
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe('sixteen years');
    expect(a.citations[0]?.sentence).toMatch(/for sixteen years/);
  });
});

// DailyMail captions end without a full stop, so a caption and the sentence after it read as one:
// "... against Matthew Stevens O'Sullivan is spoken to ...", "... at the Crucible Marteel approached ...".
describe('names glued across a caption break', () => {
  const CAPTIONED = `Snooker star warned by referee
Ronnie O'Sullivan was warned by referee Olivier Marteel during the afternoon session. O'Sullivan is spoken to by referee Olivier Marteel in his second round match against Matthew Stevens O'Sullivan is spoken to by referee Marteel in his second round match against Stevens at the Crucible Marteel approached O'Sullivan as he walked to the table when Stevens missed a red. The match resumes on Monday.`;
  const t = storeHolding(CAPTIONED, 'Snooker star warned by referee');

  it('"who is o\'sullivan playing in round two" is answered with the opponent, not a name glued to the next sentence', async () => {
    const a = await t().core.ask("who is o'sullivan playing in round two?");
    expect(a.abstained).toBe(false);
    // A short answer is the opponent's name; a passage quotes the sentence that names him.
    if (a.form === 'short') expect(a.answer).toMatch(/^(Matthew )?Stevens$/);
    else expect(a.citations[0]?.sentence).toMatch(/against Matthew Stevens/);
  });

  it('a name the sentence repeats whole stays one name ("Olivier Marteel")', async () => {
    const { properRuns } = await import('../../src/core/answer/spans.ts');
    const { tokenize } = await import('../../src/core/language/tokens.ts');
    const s = CAPTIONED.split('\n')[1]!.split('. ')[1]!;
    const tokens = tokenize(s);
    const names = properRuns(tokens, tokens.map(() => false)).map((r) => s.slice(r.start, r.end));
    expect(names).toContain('Olivier Marteel');
    expect(names).toContain('Matthew Stevens');
    expect(names).toContain('Crucible');
    expect(names).not.toContain('Crucible Marteel');
    expect(names).not.toContain("Matthew Stevens O'Sullivan");
  });
});

// "Which restaurant ...?", "what battle ...?": the name the question's noun stands beside (an
// appositive, "the Golden Lantern, a restaurant") or heads ("the Battle of Kessel Ridge") is the answer.
const HARBOUR = `Inspectors raid harbour restaurant
Food inspectors on Friday raided the Golden Lantern, a restaurant in the old port, after it advertised shark fin soup on its menu. Every spring the town holds a parade to remember the Battle of Kessel Ridge, which was fought on the hills above the port in 1841.`;

describe('the name the asked noun stands beside', () => {
  const story = storeHolding(HARBOUR, 'Inspectors raid harbour restaurant');

  it.each([
    ['which restaurant did the inspectors raid?', 'Golden Lantern'],
    ['what battle does the parade remember?', 'Battle of Kessel Ridge'],
  ])('%s → %s', async (question, answer) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe(answer);
  });
});

// A short answer's edges: a name is given whole, particles and all ("Marie de la Roche", not
// "Marie"), and a name after a comma is no second member of a list ("Morava, Drenica").
const VALLEY = `Settlers of the valley
The fort of Kastel stood on the river Morava, Drenica lying further to the south. The first settler to reach the valley was Marie de la Roche, wife of the miller Jan Post, who arrived in 1652. The settlers' rules were set out in a pamphlet written by Yusuf Abd al-Karim Haddad, in which he states his aims.`;

describe('the edges of a short answer', () => {
  const story = storeHolding(VALLEY, 'Settlers of the valley');

  it.each([
    ['What river was Kastel located by?', 'Morava'],
    ['Who was the first settler to reach the valley?', 'Marie de la Roche'],
    ['Who wrote the pamphlet?', 'Yusuf Abd al-Karim Haddad'],
  ])('%s → %s', async (question, answer) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe(answer);
  });
});

// "When ...?" and "on what date ...?" are answered by the whole date or range, not its year;
// "in what year ...?" keeps the year.
const TRUCE = `Envoy brokers a truce
The wars of the league were fought intermittently from 1562 to 1598. By January 18, 1974, the envoy had negotiated a troop withdrawal from the peninsula.`;

describe('dates taken whole', () => {
  const story = storeHolding(TRUCE, 'Envoy brokers a truce');

  it.each([
    ['When were the wars of the league fought?', 'from 1562 to 1598'],
    ['On what date did the envoy negotiate a troop withdrawal?', 'January 18, 1974'],
    ['In what year did the envoy negotiate a troop withdrawal?', '1974'],
  ])('%s → %s', async (question, answer) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe(answer);
  });
});

// A question's word at the edge of a name is cut off only when the question writes that name:
// "New" of "north of New York" is part of "New Rochelle", "what fort" is answered "Fort Beauséjour".
const TOWNS = `Huguenot towns
Huguenot immigrants formed three congregations: one in the city of New York, another 21 miles north of New York in a town which they named New Rochelle, and a third further upstate. In 1755 the British captured Fort Beauséjour after a short siege. The Presiding Officer also represents the Parliament at home and abroad in an official capacity.`;

describe("names not cut by the question's words", () => {
  const story = storeHolding(TOWNS, 'Huguenot towns');

  it.each([
    ['What town north of New York did the immigrants name?', 'New Rochelle'],
    ['In 1755 what fort did the British capture?', 'Fort Beauséjour'],
    ['Who represents the Parliament at home and abroad in an official capacity?', 'Presiding Officer'],
  ])('%s → %s', async (question, answer) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe(answer);
  });
});

// A question for several things ("what naval battles ...?") is answered by the whole list of names.
const FLEET = `A bad year for the fleet
In 1759 the fleet failed in the naval battles at Lagos and Quiberon Bay. The faculty includes the legal scholars Anna Berg and Tomas Lind.`;

describe('a list when several are asked', () => {
  const story = storeHolding(FLEET, 'A bad year for the fleet');

  it.each([
    ['What naval battles did the fleet lose in 1759?', 'Lagos and Quiberon Bay'],
    ['What legal scholars does the faculty include?', 'Anna Berg and Tomas Lind'],
  ])('%s → %s', async (question, answer) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe(answer);
  });
});

// An amount or a time given as a range is answered by the whole range, unit kept ("five to ten years").
const FIELDS = `Volunteers and oil fields
Estimates of the number of volunteers who came from abroad to fight range from 16,000 to 35,000. New fields take five to ten years to reach full production. A wave of strikes hit the mines over the winter of 1973–74.`;

describe('ranges taken whole', () => {
  const story = storeHolding(FIELDS, 'Volunteers and oil fields');

  it.each([
    ['How many volunteers came from abroad to fight?', '16,000 to 35,000'],
    ['How long do new fields take to reach full production?', 'five to ten years'],
    ['When did the strikes hit the mines?', 'winter of 1973–74'],
  ])('%s → %s', async (question, answer) => {
    const a = await story().core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe(answer);
  });
});
