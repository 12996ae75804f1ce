// How answers are shaped and when they are declined, with the examples a new user tried:
// premise conflicts, passage answers, broad questions, hedges kept in the answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPremise, opposesQuestion } from '../../src/core/answer/premise.ts';
import { analyseQuestion } from '../../src/core/answer/question.ts';
import { wantsStatement } from '../../src/core/answer/answerer.ts';
import { ordinarySpelling } from '../../src/core/answer/as-typed.ts';
import { readArticleFiles } from '../../src/core/articles/files.ts';
import { presentAnswer } from '../../src/core/present.ts';
import { amountAsWritten } from '../../src/core/language/entities.ts';
import { renderText } from '../../src/adapters/console/render-text.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

let starter: TestCore;
let more: TestCore;
beforeAll(async () => {
  starter = await makeTestCore();
  more = await makeTestCore();
  for await (const item of readArticleFiles(['tests/fixtures/articles'])) if (!('rejected' in item)) await more.core.ingest(item.input);
});
afterAll(async () => {
  await starter.cleanup();
  await more.cleanup();
});

const text = (t: TestCore, a: Awaited<ReturnType<TestCore['core']['ask']>>) => renderText(presentAnswer(a, t.core.timezone));

describe('premise conflicts are declined, saying what the sources do say', () => {
  it('"How many firms did India sanction?": the U.S. sanctioned firms in India; India sanctioned none', async () => {
    const a = await starter.core.ask('How many firms did India sanction?');
    expect(a.abstained).toBe(true);
    expect(a.answer).toBeNull();
    expect(a.premise?.conflicts[0]).toMatchObject({ kind: 'actor', asked: 'India', found: 'U.S.' });
    expect(a.closest[0]?.sentence).toMatch(/U\.S\. imposed sanctions on 398 firms across Russia, India, China/);
    const shown = text(starter, a);
    expect(shown).toMatch(/do not say India sanctioned any firms/);
    expect(shown).toMatch(/398 firms/);
    expect(shown).not.toMatch(/^398$/m);
  });

  it.each([
    ['how many troops did south korea send to russia?', 'actor'],
    ['How many firms did China sanction?', 'actor'],
    ['how many ukrainian soldiers joined russian units in kursk?', 'actor'],
    ['When did Hurricane Rafael hit Jamaica?', 'missing'],
    ['how many ships are in the EU’s 16th sanctions package?', 'number'],
    ['Why did the central bank raise interest rates?', 'event'],
    ['Who is the North Korean defense minister?', 'attribute'],
    // Read across every sentence: the sources have it the other way round, or never by this doer.
    ['Why did Russia send troops to North Korea?', 'role'],
    ['When did North Korea invade Ukraine?', 'event'],
    // Whose ports: the question's doer owns them, the sources name another owner.
    ['How many ships did the US ban from its ports?', 'attribute'],
    // Another side of an event two sides do together.
    ['where did north korean troops clash with russian forces', 'actor'],
    // Every sentence of Austin's says "North Korean troops", none "Chinese troops".
    ['What did Austin say about Chinese troops in Russia?', 'attribute'],
  ])('declines "%s" (%s)', async (question, kind) => {
    const a = await more.core.ask(question);
    expect(a.abstained).toBe(true);
    expect(a.premise?.conflicts.map((c) => c.kind)).toContain(kind);
    expect(a.closest.length).toBeGreaterThan(0);
  });

  it.each([
    ['How many firms did the U.S. sanction?', /398/],
    ['how many troops did north korea send to russia', /12,000|11,000/],
    ['how many people did cuba evacuate before rafael?', /100,000/],
    ['how many ships did the eu ban from its ports', /52/],
    // "sanction" tagged as a noun before "the firms" is still the event.
    ['Why did the U.S. sanction the firms?', /aiding|enable|evade|punishing/i],
  ])('answers the same questions with a true premise: "%s"', async (question, answer) => {
    const a = await more.core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.answer).toMatch(answer);
  });

  it('a declined premise quotes first the sentence that says otherwise', async () => {
    const a = await more.core.ask('where did north korean troops clash with russian forces');
    expect(a.abstained).toBe(true);
    expect(a.premise?.conflicts[0]).toMatchObject({ kind: 'actor', asked: 'russian', found: 'Ukrainian' });
    expect(a.closest[0]?.sentence).toMatch(/^Ukrainian forces reported a first clash with North Korean troops/);
    const shown = text(more, a);
    expect(shown).toMatch(/do not say North Korean troops clashed with\s+russian\s+forces/);
    expect(shown).toMatch(/Ukrainian forces reported a first clash/);
  });

  it('"How many Chinese firms were sanctioned?": 398 counts the firms of every country; China\'s share is not given', async () => {
    const a = await starter.core.ask('how many chinese firms were sanctioned?');
    expect(a.abstained).toBe(true);
    expect(a.answer).toBeNull();
    expect(a.premise?.conflicts[0]).toMatchObject({ kind: 'scope', asked: 'chinese firms', found: '398 firms across Russia, India, China and more than a dozen other nations' });
    expect(text(starter, a)).toMatch(/sources give 398 firms across Russia, India, China and more than a\s+dozen other nations, not a number for chinese firms/);
    // The count of all of them, or one the sentence does qualify, is still answered.
    expect((await starter.core.ask('how many firms were sanctioned?')).answer).toBe('398 firms');
  });

  it('a count qualified by another name, or given for a list the asked name is one of, answers another question', () => {
    const listed = 'The U.S. imposed sanctions on 398 firms across Russia, India, China and more than a dozen other nations, accusing them of aiding Russia.';
    const article = `Sanctions\n${listed}`;
    expect(checkPremise('how many firms in India were sanctioned?', [{ sentence: listed, article }]).conflicts[0]).toMatchObject({ kind: 'scope', asked: 'firms in India' });
    const troops = 'Officials expect as many as 4,500 North Korean troops to be at the border this week.';
    const other = checkPremise('how many US troops are at the border?', [{ sentence: troops, article: `U.S. worries\n${troops}` }]);
    expect(other.conflicts[0]).toMatchObject({ kind: 'attribute', asked: 'US', found: 'North Korean' });
    expect(checkPremise('how many north korean troops are at the border?', [{ sentence: troops, article: `U.S. worries\n${troops}` }]).ok).toBe(true);
    const own = 'Officials said 52 Indian firms were sanctioned, among 398 in all.';
    expect(checkPremise('how many indian firms were sanctioned?', [{ sentence: own, article: `India\n${own}` }]).ok).toBe(true);
    const inPlace = 'Officials said 52 firms in India were sanctioned.';
    expect(checkPremise('how many firms in india were sanctioned?', [{ sentence: inPlace, article: `India\n${inPlace}` }]).ok).toBe(true);
  });

  it('a yes/no question is checked like any other: "Did China send troops?" is declined, "Did North Korea send troops?" is not', async () => {
    const china = await starter.core.ask('did china send troops?');
    expect(china.abstained).toBe(true);
    expect(text(starter, china)).toMatch(/do not say China sent troops/);
    for (const q of ['did north korea send troops?', 'Did the U.S. impose sanctions?']) {
      const a = await starter.core.ask(q);
      expect(a.premise?.conflicts ?? [], q).toEqual([]);
      expect(a.abstained, q).toBe(false);
    }
    // The opening auxiliary is no part of a name: "Did India" is India, whom the sources name.
    expect((await starter.core.ask('Did India impose sanctions?')).premise?.conflicts[0]).toMatchObject({ kind: 'actor', asked: 'India', found: 'U.S.' });
  });

  it('questions typed as people type them are checked too: progressive yes/no, a denied event, a lower-case name, an event told without the doer', async () => {
    const declined = async (t: TestCore, q: string) => {
      const a = await t.core.ask(q);
      expect(a.abstained, q).toBe(true);
      return { a, shown: text(t, a) };
    };
    // "Is ... sending" asks whether it happened, as "Did ... send" does.
    expect((await declined(starter, 'is south korea sending troops to russia?')).shown).toMatch(/do not say South Korea is sending troops to russia/);
    // The sources tell the event with the doer, as not done: the reply quotes what they say.
    const pentagon = await declined(more, 'when did the pentagon confirm the clash near plekhovo?');
    expect(pentagon.a.premise?.conflicts[0]).toMatchObject({ kind: 'denied', asked: 'pentagon' });
    expect(pentagon.shown).toMatch(/the sources do not say the Pentagon confirmed the clash near plekhovo;\s+they say Pentagon said it could not\s+confirm the clash/);
    expect(pentagon.a.closest[0]?.sentence).toMatch(/could not confirm the clash/);
    // The doer as the question wrote it, with its "the", and a saying question claims anything was said.
    expect((await declined(more, 'what did the north korean defense minister say?')).shown).toMatch(/the sources do not say the North Korean defense minister said\s+anything\./);
    // Names typed in lower case that no tagger knows, which the sources never use.
    expect((await declined(starter, 'what did biden say about the north korean troops')).a.premise?.conflicts[0]).toMatchObject({ kind: 'missing', asked: 'biden' });
    expect((await declined(starter, 'what did kim jong un say at the press conference')).a.premise?.conflicts[0]).toMatchObject({ kind: 'missing', asked: 'kim jong un' });
    // The event is told, of the thing counted, but never with the question's doer.
    const ships = await declined(more, 'how many ships did the US add to the banned list');
    expect(ships.a.premise?.conflicts[0]).toMatchObject({ kind: 'event', asked: 'add' });
    expect(ships.shown).toMatch(/do not say the US added ships to the banned list/);
    // A possessive after a preposition is a place: "trained at ranges in Russia's far east".
    expect((await declined(more, 'where did the north korean troops train, in china?')).a.premise?.conflicts[0]).toMatchObject({ kind: 'place', asked: 'china' });
    // The counted doer is in the sources, the event never is.
    const died = await declined(more, 'how many north korean troops died in kursk');
    expect(died.a.premise?.conflicts[0]).toMatchObject({ kind: 'event', asked: 'died' });
    expect(died.shown).toMatch(/do not say north korean troops died in kursk/i);
    // A people's name inside a longer name: "South Korean Defense Minister Kim Yong-hyun".
    expect((await declined(starter, 'who is the ukrainian defense minister mentioned in the article')).a.premise?.conflicts[0]).toMatchObject({ kind: 'attribute', asked: 'ukrainian', found: 'South Korean' });
  });

  it('an event the sources only ask for, foresee or keep from the doer is not taken as done', async () => {
    const declined = async (t: TestCore, q: string) => {
      const a = await t.core.ask(q);
      expect(a.abstained, q).toBe(true);
      return { a, shown: text(t, a) };
    };
    // "Both Kim and Austin called on North Korea to withdraw its troops."
    const withdraw = await declined(starter, 'When did North Korea withdraw its troops?');
    expect(withdraw.a.premise?.conflicts[0]).toMatchObject({ kind: 'unrealised', asked: 'North Korea' });
    expect(withdraw.shown.replace(/\s+/g, ' ')).toMatch(/do not say North Korea withdrew its troops; they say Kim and Austin called on North Korea to withdraw its troops/);
    // "the likelihood is pretty high that Russia will use the troops in combat"
    expect((await declined(starter, 'When did Russia use the North Korean troops in combat?')).shown.replace(/\s+/g, ' ')).toMatch(/they say Russia will use the troops in combat/);
    // "Pyongyang is likely to receive air defense systems from Moscow in return"
    expect((await declined(more, 'when did pyongyang receive air defense systems from moscow?')).a.premise?.conflicts[0]).toMatchObject({ kind: 'unrealised' });
    // Asked as a future or a possibility, the same sources answer.
    expect((await starter.core.ask('Will Russia use the North Korean troops in combat?')).premise).toBeUndefined();
  });

  it('a doer that undergoes the event, a people\'s name no source uses, a cut against "unchanged"', async () => {
    // "its ability to evade sanctions": Russia is sanctioned, it sanctions nobody.
    const russia = await starter.core.ask('How many firms did Russia sanction?');
    expect(russia.abstained).toBe(true);
    expect(russia.premise?.conflicts[0]).toMatchObject({ kind: 'actor', asked: 'Russia', found: 'U.S.' });
    const british = await starter.core.ask('how many british firms were sanctioned?');
    expect(british.premise?.conflicts[0]).toMatchObject({ kind: 'missing', asked: 'british' });
    expect((await starter.core.ask('how many chinese firms were sanctioned?')).premise?.conflicts.map((c) => c.kind)).not.toContain('missing');
    const cut = await more.core.ask('When did the central bank cut rates to 4.5%?');
    expect(cut.abstained).toBe(true);
    expect(cut.premise?.conflicts[0]).toMatchObject({ kind: 'event' });
  });

  it('a lower-case name the tagger misreads, and a counted name that undergoes an event the sources never tell', async () => {
    // wink tags "zelensky" an adjective and "say" a noun; no source names him.
    expect((await starter.core.ask('what did zelensky say about the north korean troops?')).premise?.conflicts[0]).toMatchObject({ kind: 'missing', asked: 'zelensky' });
    const killed = await more.core.ask('how many north korean troops were killed in the clash?');
    expect(killed.abstained).toBe(true);
    expect(killed.premise?.conflicts[0]).toMatchObject({ kind: 'event', asked: 'killed' });
    expect(text(more, killed).replace(/\s+/g, ' ')).toMatch(/the sources do not say north korean troops were killed in the clash/);
    // With "have", the counted name is the doer: the sources never say any died.
    const died = await more.core.ask('How many North Korean troops have died in Ukraine?');
    expect(died.premise?.conflicts[0]).toMatchObject({ kind: 'event', asked: 'died' });
    expect((await more.core.ask('how many north korean soldiers have joined russian units?')).answer).toMatch(/11,000/);
  });

  it('"the us" and "the eu" typed in lower case are names, and a number is the cited article\'s doer\'s', async () => {
    // The EU's package added 52 ships; the U.S. added none.
    expect((await more.core.ask('how many ships did the us add to the eu list?')).abstained).toBe(true);
    // 398 firms were the U.S.'s; the EU's own package, in another story, does not make them the EU's.
    const eu = await more.core.ask('how many firms did the eu sanction?');
    expect(eu.abstained).toBe(true);
    expect(eu.premise?.conflicts[0]).toMatchObject({ kind: 'actor', asked: 'eu', found: 'U.S.' });
    expect((await more.core.ask('how many firms did the us sanction?')).answer).toMatch(/398/);
  });

  it('a month or weekday the article neither names nor was published in is declined, with the article\'s date', async () => {
    const october = await more.core.ask('how many ships did the eu add to the list in october');
    expect(october.abstained).toBe(true);
    expect(october.premise?.conflicts[0]).toMatchObject({ kind: 'time', asked: 'october' });
    expect(text(more, october).replace(/\s+/g, ' ')).toMatch(/the sources do not put it in October; the article is dated Thursday,? 14 November 2024/);
    expect((await starter.core.ask('what did austin say on friday?')).premise?.conflicts[0]).toMatchObject({ kind: 'time', asked: 'friday' });
    // The day the article names, or the month it was published in, keeps the premise.
    expect((await starter.core.ask('what did austin say on wednesday?')).abstained).toBe(false);
    expect((await more.core.ask('how many ships did the eu ban in november?')).premise).toBeUndefined();
  });

  it('a people\'s name compromise files as a verb ("polish") and a swapped object after the event are declined', async () => {
    expect((await starter.core.ask('how many polish companies did the treasury sanction?')).premise?.conflicts[0]).toMatchObject({ kind: 'missing', asked: 'polish' });
    const swapped = await starter.core.ask('why did austin call on russia to pull its troops out?');
    expect(swapped.abstained).toBe(true);
    expect(swapped.premise?.conflicts[0]).toMatchObject({ kind: 'attribute', asked: 'russia', found: 'North Korea' });
    expect(text(starter, swapped).replace(/\s+/g, ' ')).toMatch(/the sources say North Korea, not russia/);
    // The object the sources name there keeps the premise.
    expect((await starter.core.ask('why did austin call on north korea to pull its troops out?')).premise).toBeUndefined();
  });

  it('giving told from the receiver\'s side: "what did North Korea give Russia?" against "Pyongyang is likely to receive ... from Moscow"', async () => {
    const gave = await more.core.ask('which air defense systems did north korea sell to russia?');
    expect(gave.abstained).toBe(true);
    expect(gave.premise?.conflicts[0]).toMatchObject({ kind: 'role', asked: 'north korea', found: 'Moscow' });
    expect((await more.core.ask('what will russia give north korea in return?')).premise).toBeUndefined();
  });

  it('the same shapes with a true premise are answered', async () => {
    for (const [t, q] of [
      [starter, 'did north korea send troops to russia?'],
      [starter, 'is russia using north korean troops?'],
      [starter, 'what did kim yong-hyun say about the deployment?'],
      [more, 'how many ships did the eu ban?'],
      [more, 'is the pentagon able to confirm the clash?'],
    ] as const) {
      const a = await t.core.ask(q);
      expect(a.premise?.conflicts ?? [], q).toEqual([]);
    }
    // "won't teach again" speaks of the future and denies nothing done.
    const sentence = "Nancy Perry won't teach again at Dublin Middle School after the complaint.";
    expect(checkPremise('how many years did Nancy Perry teach at Dublin Middle School', [{ sentence, article: `Teacher out\n${sentence}` }]).conflicts.map((c) => c.kind)).not.toContain('denied');
    // "Turkey's foreign minister" is the "Turkish Foreign Minister".
    const turkish = '"We cannot define what happened in 1915 as a genocide," Turkish Foreign Minister Mevlut Cavusoglu told CNN on Tuesday.';
    expect(checkPremise("who is turkey's foreign minister?", [{ sentence: turkish, article: `Turkey and Armenia\n${turkish}` }]).ok).toBe(true);
  });

  it('a name the question spells differently from the sources is no conflict', () => {
    const sentence = 'In 1755, Colonel Monckton captured Fort Beauséjour and the State of Pakistan was far off.';
    const article = `Forts of Acadia\n${sentence}`;
    // Accents, a kind word ("Fort", "city"), words in another order or one typo in a long name: still mentioned.
    expect(checkPremise('Who captured Fort Beausejour?', [{ sentence, article }]).conflicts.map((c) => c.kind)).not.toContain('missing');
    expect(checkPremise('When was the National Highway Designated Act signed?', [{ sentence: 'The National Highway Designation Act was signed in 1995.', article: 'Roads\nThe National Highway Designation Act was signed in 1995.' }]).conflicts.map((c) => c.kind)).not.toContain('missing');
    // A name the sources never give is still missing.
    expect(checkPremise('Who captured Fort Duquesne?', [{ sentence, article }]).conflicts[0]).toMatchObject({ kind: 'missing' });
  });

  it('one telling of the event with the question\'s doer keeps the premise; initials stand for a name', () => {
    const sentence = "Spain's 2-0 defeat by Holland on Tuesday brought back bitter memories of their disastrous 2014 World Cup.";
    expect(checkPremise('what did holland beat spain by', [{ sentence, article: `Spain lose\n${sentence}` }]).ok).toBe(true);
    const sacked = 'The British Broadcasting Corporation sacked the presenter on Monday.';
    expect(checkPremise('why did the BBC sack the presenter', [{ sentence: sacked, article: `Presenter out\n${sacked}` }]).ok).toBe(true);
    expect(checkPremise('why did ITV sack the presenter', [{ sentence: sacked, article: `Presenter out\n${sacked}` }]).ok).toBe(false);
  });

  it('a pronoun in a quote is nobody else doing the event: "I’ve been here" keeps "how long has Monye been at Quins?"; a claim reads "had been"', () => {
    const sentence = '‘It’s hard to get your head around 14 years coming to an end, because I’ve been here since I finished school and it’s all I’ve known.';
    const check = checkPremise('how long has ugo monye been at quins?', [{ sentence, article: `Ugo Monye to retire\nUgo Monye will retire at the end of the season.\n${sentence}` }]);
    expect(check.conflicts.map((c) => c.kind)).not.toContain('actor');
    // A claim with a participle reads as English: "had been", not "beened".
    const elsewhere = checkPremise('how long has china been in kursk?', [{ sentence: 'North Korean troops have been in Kursk since October.', article: 'Troops\nNorth Korean troops have been in Kursk since October.' }]);
    expect(elsewhere.claim).toBe('china had been in kursk');
  });

  it('a true premise worded otherwise is no conflict: the question parsed as asked, the doer named as the sources name it', () => {
    const check = (question: string, sentence: string, title = 'History') => checkPremise(question, [{ sentence, article: `${title}\n${sentence}` }]);
    // The walk to the event stops before the object's name: "rule", not "Iceland" (where the Norwegian fleet stands after "by").
    expect(check('How long did Northern Europe rule Iceland?', 'The conquest of Iceland by the Norwegian fleet opened a new era for the island, which would be under Northern European rule for the following 600 years.').ok).toBe(true);
    // "did the Dutch and Belgian colonies gain": "and" is no event France did.
    expect(check('When did the Dutch and Belgian colonies gain independence?', 'France made gains in India, Vietnam, and in Africa after the independence of Dutch and Belgian colonies about 1960.').ok).toBe(true);
    // A verb of saying tagged as a noun is what the doer did: the quoted clause has its own subject.
    expect(check('What did Maria Lopez state underwent a sharp change in the 1990s?', 'Maria Lopez argues that "Catholic politics underwent a sharp change in the 1990s" when the parties split.').ok).toBe(true);
    // ", conquering": the sentence's subject did it, not the place named just before the comma.
    expect(check('When did the Vandal tribes conquer the Roman provinces?', 'From their homelands in Scandinavia, Vandal tribes moved through central Europe in late antiquity; northern Africa in the fifth century, conquering Roman provinces; and by 500 they ruled Carthage.').ok).toBe(true);
    // The doer named by its noun ("the empire") or misspelt ("Montclam") still does the event.
    expect(checkPremise('How many provinces did the Ming empire contain in the 15th century?', [{ sentence: 'At the start of the 15th century the empire contained 13 provinces.', article: 'The Ming dynasty\nThe Ming ruled China.\nAt the start of the 15th century the empire contained 13 provinces.' }]).ok).toBe(true);
    expect(check('Where did Montclam slip away to attack?', 'With Amherst pinned down at Albany, Montcalm slipped away and led the attack on Oswego in August.').ok).toBe(true);
    // "its colonies in South America" against "the American colonies": the question's own name.
    expect(checkPremise('When did Spain lose its colonies in South America?', [{ sentence: 'Its power was reduced by the loss of the American colonies in 1825.', article: 'Spain\nSpain ruled much of South America.\nIts power was reduced by the loss of the American colonies in 1825.' }]).ok).toBe(true);
    // "Lain" for "Iain" (a capital I typed as an l), the singular of the sources' plural.
    const murray = 'The SNP took seats from Labour, although Labour leader Iain Murray retained Fife by 151 votes.';
    expect(check('By how much did Labour lead Lain Murray retain Fife?', murray).ok).toBe(true);
    expect(check('Why did British operation fail in 1812?', 'British operations in 1812 in the east all failed, due to poor supply.').ok).toBe(true);
    // Another doer, another place or another name still conflicts.
    const gothic = 'Gothic armies conquered Roman provinces in 410.';
    expect(checkPremise('When did the Vandal tribes conquer the Roman provinces?', [{ sentence: gothic, article: `History\nVandal tribes lived in Scandinavia.\n${gothic}` }]).conflicts[0]).toMatchObject({ kind: 'actor', found: 'Gothic' });
    expect(check('By how much did Labour lead Jim Murray retain Fife?', murray).conflicts[0]).toMatchObject({ kind: 'attribute', found: 'Iain Murray' });
  });

  it('told as done after all, or by the doer standing elsewhere in the sentence, keeps the premise', () => {
    const check = (question: string, sentence: string) => checkPremise(question, [{ sentence, article: `History\n${sentence}` }]);
    // "did not develop until the 1700s" says when it did; "did not develop in Bruges" denies it.
    expect(check('When did Bruges lace develop?', 'What is now known as Bruges lace did not develop until the 1700s, long after the refugees came.').ok).toBe(true);
    expect(check('When did Bruges lace develop?', 'What is now known as Bruges lace did not develop in Bruges at all.').conflicts[0]).toMatchObject({ kind: 'denied' });
    // After "in New France," the name going on into its verb starts the clause: the Walloons sailed, England owned colonies.
    expect(check('When did the Walloons colonize in North America?', "Refused entry by the crown from settling in New France, Walloons led by Jesse de Forest, sailed to North America in 1624 and settled in the Dutch colony of New Netherland; as well as England's colonies, including Virginia.").ok).toBe(true);
    // A view told in the passive beside the name ("were believed ... the European crowns").
    const think = 'What did the Europeans think the peoples of the islands were in need of?';
    expect(check(think, 'The people of these islands were believed to be in need of guidance from the European crowns.').ok).toBe(true);
    // "the president of Yale Ezra Stiles" is "Yale President Ezra Stiles".
    expect(check('In what year did Yale President Ezra Stiles die?', 'When the Dwight Professor of Divinity Samuel Hopkins died in 1790 and the president of Yale Ezra Stiles died a year later, in 1795, a struggle broke out.').ok).toBe(true);
    // "2 parties" against "both parties"; "3 parties" is not given.
    expect(check('Scholars say there was a settlement between 2 parties before which year?', 'Scholars argue that a settlement existed between both parties prior to 1973.').ok).toBe(true);
    expect(check('Scholars say there was a settlement between 3 parties before which year?', 'Scholars argue that a settlement existed between both parties prior to 1973.').conflicts[0]).toMatchObject({ kind: 'number', asked: '3' });
  });

  it('"troops clash with": both sides said either way round keep the premise', () => {
    const article = 'Clashes in Kursk\nRussian forces clashed with North Korean troops near Plekhovo on Monday.';
    const sentence = 'Russian forces clashed with North Korean troops near Plekhovo on Monday.';
    expect(checkPremise('where did north korean troops clash with russian forces', [{ sentence, article }]).ok).toBe(true);
  });

  it('who did what to whom is read across the whole article, not the cited sentence alone', () => {
    const article = [
      'Troops head west',
      'Officials met in Seoul on Tuesday.',
      "Analysts worry about Pyongyang's deployment of 12,000 troops to Russia.",
      'Moscow has faced sanctions since its invasion of Ukraine in 2022.',
    ].join('\n');
    const sentence = 'Officials met in Seoul on Tuesday.';
    const role = checkPremise('Why did Russia send troops to North Korea?', [{ sentence, article }]);
    expect(role).toMatchObject({ ok: false, claim: 'Russia sent troops to North Korea' });
    expect(role.conflicts[0]).toMatchObject({ kind: 'role', asked: 'Russia', found: 'Pyongyang' });
    expect(checkPremise('When did North Korea invade Ukraine?', [{ sentence, article }]).conflicts[0]).toMatchObject({ kind: 'event', asked: 'invade' });
    // The premise the sources do support passes, whichever sentence is cited.
    expect(checkPremise('Why did North Korea send troops to Russia?', [{ sentence, article }]).ok).toBe(true);
    expect(checkPremise('How many troops did North Korea deploy?', [{ sentence, article }]).ok).toBe(true);
  });

  it('the check is a function of the question and the cited sentences (the model path runs it on its citations)', () => {
    const sentence = 'Meanwhile Wednesday, the U.S. imposed sanctions on 398 firms across Russia, India, China and more than a dozen other nations.';
    const article = `U.S. sanctions Russian, other firms\n${sentence}`;
    expect(checkPremise('How many firms did India sanction?', [{ sentence, article }])).toMatchObject({ ok: false, claim: 'India sanctioned any firms' });
    expect(checkPremise('How many firms did the U.S. sanction?', [{ sentence, article }]).ok).toBe(true);
    expect(checkPremise('Who won the 2022 World Cup?', []).ok).toBe(true);
  });
});

describe('passage answers', () => {
  it('a quoted sentence\'s own quotation marks become single ones inside the console\'s quote', async () => {
    // Austin's two quoted sentences, quoted in turn. (The declined "what did russia say about the
    // troops?" showed them among the closest sources until "say" became one of its terms; it now shows
    // what others said about the troops.)
    const shown = text(starter, await starter.core.ask('what did austin say about russia using the troops in combat?'));
    expect(shown).toMatch(/“‘This is something that we’re going to continue to watch/);
    expect(shown).toMatch(/said ‘the\s+(?:>\s+)?likelihood is pretty high’ that/);
    expect(shown).not.toMatch(/““/);
  });

  it('"What did Austin say?" quotes what he said instead of cutting out a name', async () => {
    const a = await starter.core.ask('What did Austin say?');
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('passage');
    expect(a.answer).not.toBe('North Korea');
    expect(a.citations.some((c) => /Austin said/.test(c.sentence))).toBe(true);
    expect(a.answer).toBe(a.citations.map((c) => c.sentence).join(' '));
  });

  it('"What is X saying?" and "what\'s X?" are answered with what the sources say', async () => {
    const saying = await more.core.ask('what is the pentagon saying?');
    expect(saying).toMatchObject({ abstained: false, form: 'passage' });
    expect(saying.citations[0]?.sentence).toMatch(/Pentagon said/);
    const fleet = await more.core.ask("what's the shadow fleet?");
    expect(fleet).toMatchObject({ abstained: false, form: 'passage' });
    expect(fleet.answer).toMatch(/shadow fleet that carries Russian oil/);
  });

  it('"who will replace Austin?" is not answered "Lloyd Austin": the person the question names is not the one it asks for', async () => {
    const a = await starter.core.ask('who will replace austin as defense secretary?');
    expect(a.answer).not.toMatch(/^Lloyd Austin$/);
    expect(a.form).not.toBe('short');
    expect((await starter.core.ask('who is the defense secretary?')).answer).toBe('Lloyd Austin');
  });

  it('"What did X say about Y?" quotes what the sources say, as "What did X say?" does', async () => {
    for (const q of ['What did Austin say about the deployment?', 'what did the pentagon say about the clash?']) {
      const a = await more.core.ask(q);
      expect(a.abstained, q).toBe(false);
      expect(a.form, q).toBe('passage');
    }
    expect((await more.core.ask('what did the pentagon say about the clash?')).citations[0]?.sentence).toMatch(/Pentagon said it could not confirm the clash/);
  });

  it('"What did X say?" is declined when the sources quote others about X and never X, and answered when X speaks', async () => {
    const a = await starter.core.ask('what did russia say about the troops?');
    expect(a.abstained).toBe(true);
    // "... discourage Russia from employing these troops in combat,” Austin said": Austin speaks, not Russia.
    expect(text(starter, a)).toMatch(/do not say Russia said anything about the troops/);
    for (const q of ['what did china say about the sanctions?', 'what did north korea say?']) expect((await starter.core.ask(q)).abstained, q).toBe(true);
    // Kim speaks only as one of two ("Both Kim and Austin called on ..."; "Kim said he doesn't ..."); Ukraine through its intelligence.
    // "Ukrainian forces reported a first clash": reporting is speaking too.
    for (const q of ['what did kim yong-hyun say about the deployment?', 'what did ukraine say about the troops?', 'what did the pentagon say?', 'what did ukrainian forces say about the clash?']) {
      expect((await more.core.ask(q)).abstained, q).toBe(false);
    }
  });

  it('"Who is Lloyd Austin?" quotes the sentence that says who he is, not "Secretary"', async () => {
    const a = await starter.core.ask('Who is Lloyd Austin?');
    expect(a.form).toBe('passage');
    expect(a.answer).not.toBe('Secretary');
    expect(a.citations[0]?.sentence).toMatch(/Defense Secretary Lloyd Austin/);
    expect(text(starter, a)).toMatch(/“Defense Secretary Lloyd Austin said Wednesday/);
  });

  it('"How strong is Hurricane Rafael?" quotes what the sources say of its strength; a measured "how long" still wants a span', async () => {
    const a = await more.core.ask('how strong is hurricane rafael?');
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('passage');
    expect(a.citations[0]?.sentence).toMatch(/strengthened to a Category 3 storm/);
    expect(wantsStatement(analyseQuestion('how long is the war?'))).toBe(false);
  });
});

describe('broad questions get a short cited summary, not a refusal', () => {
  it.each([
    ['What is happening in Kursk?', /Kursk/],
    ['Why does it matter?', /./],
    ['summarise the sanctions', /sanctions/],
    ['tl;dr', /./],
    ['whats the deal with the sanctions', /sanctions/],
  ])('%s', async (question, about) => {
    const a = await starter.core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('summary');
    expect(a.citations.length).toBeGreaterThanOrEqual(1);
    expect(a.citations.length).toBeLessThanOrEqual(3);
    expect(a.citations.map((c) => c.sentence).join(' ')).toMatch(about);
    const shown = text(starter, a);
    expect(shown).not.toMatch(/couldn't find/);
    expect(shown).toMatch(/\[1\]/);
  });

  it('"what is happening in Kursk?" draws on both reports of the deployment, one story', async () => {
    const a = await more.core.ask('What is happening in Kursk?');
    const titles = new Set(a.citations.map((c) => c.title));
    expect(titles.size).toBe(2);
    expect([...titles].every((t) => /North Korean (troops|soldiers)/.test(t))).toBe(true);
  });

  it('sums up one story from its lead, never a sentence of another story that shares a word', async () => {
    const t = await makeTestCore({ seed: false });
    try {
      await t.core.ingest({
        title: 'Pensioner saved from badger by his Jack Russell',
        text: [
          'A pensioner is living in fear after his Jack Russell saved him from a badger the size of a large pig.',
          'Terry Cooper, 79, was sitting in his garden in Somerset when the animal burst through a hedge.',
          'His dog dragged him indoors before the badger could reach him.',
          "'The badger didn't attack me, but I was left badly shaken,' he said.",
          'Wildlife officers said badgers are protected by law and rarely attack people.',
        ].join(' '),
      });
      await t.core.ingest({
        title: 'Village pub to open on the green',
        text: [
          'A new pub will open on the village green next spring.',
          'The landlord promised a great menu and the full range of Badger cask and bottled beers.',
          'Locals have campaigned for a pub in the village for ten years.',
        ].join(' '),
      });
      const a = await t.core.ask('tldr the badger attack story');
      expect(a.form).toBe('summary');
      expect(a.citations.every((c) => c.title === 'Pensioner saved from badger by his Jack Russell')).toBe(true);
      expect(a.citations[0]?.sentence).toMatch(/^A pensioner is living in fear/);
    } finally {
      await t.cleanup();
    }
  });

  it('"why does X matter?" is a broad question about X', async () => {
    const a = await starter.core.ask('why does the north korean deployment matter?');
    expect(a.form).toBe('summary');
    expect(a.citations.map((c) => c.sentence).join(' ')).toMatch(/deployment|troops/);
  });

  it('a summary of a topic draws on the stories about it', async () => {
    const a = await more.core.ask('summarise the sanctions');
    const titles = new Set(a.citations.map((c) => c.title));
    expect([...titles].every((t) => /sanction/i.test(t))).toBe(true);
  });
});

describe('a lone common noun is no short answer', () => {
  it.each([['what did the eu ban from its ports?', /52 ships/]])('%s quotes the sentence that answers it', async (question, says) => {
    const a = await more.core.ask(question);
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('passage');
    expect(a.answer).toMatch(says);
  });

  // Once cut as "return" (a bare noun, so the sentence was quoted); the "what" questions' span model
  // of the thirteenth round picks "air defense systems", which the short-answer model gives.
  it('what will pyongyang get from moscow? is answered with the thing it gets', async () => {
    const a = await more.core.ask('what will pyongyang get from moscow?');
    expect(a.abstained).toBe(false);
    expect(a.form).toBe('short');
    expect(a.answer).toBe('air defense systems');
    expect(a.citations[0]?.sentence).toMatch(/likely to receive air defense systems from Moscow/);
  });
});

describe('hedges and units stay in the answer', () => {
  it('"as many as 12,000 troops", in the answer itself (what --json prints) and in the text', async () => {
    const a = await starter.core.ask('how many troops did North Korea send?');
    expect(a.form).toBe('short');
    expect(a.answer).toBe('as many as 12,000 troops');
    expect(text(starter, a)).toMatch(/^as many as 12,000 troops$/m);
  });

  it('an amount in words keeps its hedge and unit too: "more than a dozen other nations", not "a dozen"', async () => {
    const a = await starter.core.ask('how many countries were the sanctioned firms in?');
    expect(a.form).toBe('short');
    expect(a.answer).toBe('more than a dozen other nations');
    // The words after it only when they name what is counted, and only after a bare number.
    const countries = (w: string) => /^(countr|nation)/.test(w);
    expect(amountAsWritten('two', 'Policymakers voted 7-2, with two members favouring a cut.', countries)).toBe('two');
    expect(amountAsWritten('eight hours', 'He spent almost eight hours waiting.', () => true)).toBe('almost eight hours');
  });

  it('the unit is what is counted, not the verb after it: "more than 800,000 people", not "... people visit"', async () => {
    const t = await makeTestCore();
    try {
      await t.core.ingest({
        title: 'The Jungfrau railway turns 100',
        text: 'The railway to the Jungfraujoch opened a century ago. Today more than 800,000 people visit the attraction every year. A data leak last May saw the details of 50,000 current and former drivers released. Some 20 police officers guard the summit.',
      });
      expect((await t.core.ask('how many people visit the jungfrau railway every year?')).answer).toBe('more than 800,000 people');
      expect((await t.core.ask('how many drivers had their details leaked?')).answer).toBe('50,000 current and former drivers');
      expect((await t.core.ask('how many police officers guard the summit?')).answer).toBe('Some 20 police officers');
    } finally {
      await t.cleanup();
    }
  });

  it('after ingesting the test fixtures, the README question is still answered', async () => {
    const a = await more.core.ask('how many troops did North Korea send?');
    expect(a.abstained).toBe(false);
    expect(a.answer).toMatch(/(as many as 12,000|about 11,000) (troops|North Korean soldiers)/);
  });
});

describe('the span gate', () => {
  it('"which county is the mountain fire in?" is answered "Ventura County": a name ending in the asked noun is the kind of thing asked for', async () => {
    const a = await more.core.ask('which county is the mountain fire in?');
    expect(a.abstained).toBe(false);
    expect(a.answer).toBe('Ventura County');
    expect(a.citations[0]?.sentence).toMatch(/wildfire in Ventura County/);
  });
});

describe('what a count or a category asks for', () => {
  it('"how many structures burned" is not answered with the acres burned: an amount in units counts no structures', async () => {
    const a = await more.core.ask('how many structures burned in the mountain fire');
    expect(a.answer ?? '').not.toMatch(/20,000/);
    // Answered from the sentence that counts them (or, declined, it is the closest source shown).
    expect((a.citations[0] ?? a.closest[0])?.sentence).toMatch(/At least 130 structures were destroyed/);
  });

  it('"what category is rafael" is answered "Category 3", not "3 storm"', async () => {
    const a = await more.core.ask('what category is rafael');
    expect(a.abstained).toBe(false);
    expect(a.answer).toBe('Category 3');
    expect(a.citations[0]?.sentence).toMatch(/strengthened to a Category 3 storm/);
  });

  it('"how many companies got sanctioned by treasury" asks what "were sanctioned by the Treasury" asks: 274, not the 398 of all', async () => {
    const a = await starter.core.ask('how many companies got sanctioned by treasury');
    expect(a.abstained).toBe(false);
    expect(a.answer).toBe('274 companies');
    expect(a.citations[0]?.sentence).toMatch(/sanctioned by the Treasury Department are 274 companies/);
    // Not before a number, "when" or "even": "who got seven votes?" still asks who got them.
    for (const q of ['who got seven votes?', 'what do you get when you add them?', 'how did he get even?']) expect(analyseQuestion(q).terms.map((t) => t.lemma), q).toContain('get');
  });
});

describe('declining', () => {
  it('an on-topic question the sources do not answer is declined with the closest sources', async () => {
    const a = await more.core.ask('How much did the EU pay for the shadow fleet ships?');
    expect(a.abstained).toBe(true);
    expect(a.citations).toEqual([]);
    expect(a.closest.length).toBeGreaterThan(0);
    expect(text(more, a)).toMatch(/I couldn't find that in my sources|I can't answer that as asked/);
  });
});

// Questions whose premise the sources do support, declined by the premise checks before issue 12's
// precision fixes (each shape came from answerable SQuAD or news dev questions; the articles here are
// written for the test). Every one is now answered from the sentence that holds the answer.
describe('true premises are not declined', () => {
  let own: TestCore;
  beforeAll(async () => {
    own = await makeTestCore({ seed: false });
    const stories: [string, string][] = [
      ['Mercenaries of the east', 'Norman adventurers sought their fortune far from home. One of the first Norman mercenaries to serve as a Byzantine general was Hervé in the 1050s. Others followed him east.'],
      ['Talks in the desert', 'Diplomacy resumed after the ceasefire. By January 18, 1974, US Secretary of State Henry Kissinger had negotiated an Israeli troop withdrawal from parts of the Sinai Peninsula. The talks went on for months.'],
      ['A long exile', 'Persecution drove the Protestants abroad. Roughly 500,000 Huguenots had fled France by the early 18th century. Many settled in England and the Netherlands.'],
      ['Midwife struck off', 'Marie Ratcliffe is the second midwife to face the panel this year. She worked at the scandal-hit Furness General Hospital for eleven years. The hearing continues.'],
      ['Frontier command', 'Newcastle replaced him in January 1756 with Lord Loudoun, with Major General James Abercrombie as his second in command. Supplies were short all winter.'],
      ['Closed colony', "The French crown's refusal to allow non-Catholics to settle in New France slowed the colony's growth. Its population stayed small for decades."],
    ];
    for (const [title, text] of stories) await own.core.ingest({ text, title, origin: title });
  });
  afterAll(async () => own.cleanup());

  it.each([
    // The doer stands in the event's clause however the sentence is built ("... was Hervé"); accents aside.
    ['When did Herve serve as a Byzantine general?', /was Hervé in the 1050s/],
    // "of" between capitals is part of a name, not the preposition of another role.
    ['On what date did Henry Kissinger negotiate an Israeli troop withdrawal?', /Henry Kissinger had negotiated/],
    // "the 1700s" is given by "the early 18th century".
    ['How many Huguenots fled France by the 1700s?', /500,000 Huguenots/],
    // "She worked at ...": the pronoun stands for the name of the sentence before.
    ['which hospital did marie ratcliffe work at?', /Furness General Hospital/],
    // "Lor Loudoun": an abbreviation or a typo of a name the sources write is a mention of it.
    ['Who was appointed as second in command to Lor Loudoun in 1756?', /James Abercrombie as his second in command/],
    // "not allowed" against "refusal to allow": the sentence denies it too.
    ['Who was not allowed to settle in New France?', /refusal to allow non-Catholics/],
  ])('"%s" is answered from the sentence that says so', async (question, sentence) => {
    const a = await own.core.ask(question);
    expect(a.premise).toBeUndefined();
    expect(a.abstained).toBe(false);
    expect(a.citations[0]?.sentence).toMatch(sentence);
  });

  it('a misspelt doer, a date before the doer and a name that qualifies a noun are no conflicts', () => {
    const report = 'Kilbrandon published his report in 1973 recommending a directly elected Scottish Assembly.';
    expect(checkPremise("What did Kllbrandon's report in 1973 recommend establishing?", [{ sentence: report, article: `Devolution\n${report}` }]).ok).toBe(true);
    expect(checkPremise("What did Mackintosh's report in 1973 recommend establishing?", [{ sentence: report, article: `Devolution\n${report}` }]).ok).toBe(false);
    const order = 'To counter the French presence in Ohio, in October 1753 Dinwiddie ordered Major George Washington to warn the French to leave Virginia territory.';
    expect(checkPremise('Who did Dinwiddie order to warn the French?', [{ sentence: order, article: `Ohio\n${order}` }]).ok).toBe(true);
    const regiments = 'In response, King Louis XV dispatched six regiments to New France under the command of Baron Dieskau in 1755.';
    const plans = `New France\nThe British planned to take the Ohio valley.\n${regiments}`;
    expect(checkPremise('How did King Louis XV respond to British plans?', [{ sentence: regiments, article: plans }]).ok).toBe(true);
    expect(checkPremise('Why did King Louis XV dispatch regiments to Louisiana?', [{ sentence: regiments, article: plans }]).conflicts[0]).toMatchObject({ kind: 'missing', asked: 'Louisiana' });
  });

  it('a misspelt name asked about on its own is the name the sources write; an absent one is still missing', () => {
    const meeting = 'Céloron threatened "Old Briton" with severe consequences if he continued to trade with the British.';
    const source = [{ sentence: meeting, article: `French and Indian War\n${meeting}` }];
    expect(checkPremise('How did Celeron handle the meeting with Old Briton?', source).ok).toBe(true);
    expect(checkPremise('What did celoron threaten?', source).ok).toBe(true);
    expect(checkPremise('How did Dinwiddie handle the meeting with Old Briton?', source).conflicts[0]).toMatchObject({ kind: 'missing', asked: 'Dinwiddie' });
  });

  it('the same shapes with a false premise are still declined', () => {
    const sentence = "Ukraine's military intelligence said on Tuesday that about 11,000 North Korean soldiers have joined Russian units in the Kursk region.";
    const article = `Kursk\n${sentence}`;
    // The asked doer is named, but in another clause ("Ukraine's intelligence said that ...").
    expect(checkPremise('how many ukrainian soldiers joined russian units in kursk?', [{ sentence, article }]).conflicts[0]).toMatchObject({ kind: 'actor', asked: 'ukrainian', found: 'North Korean' });
    // "Moscow ... since its invasion": the pronoun's name is in its own sentence, not the sentence before.
    const invasion = ["Analysts worry about Pyongyang's deployment of 12,000 troops to Russia.", 'Moscow has faced sanctions since its invasion of Ukraine in 2022.'];
    expect(checkPremise('When did North Korea invade Ukraine?', [{ sentence: invasion[0]!, article: `Troops\n${invasion.join('\n')}` }]).conflicts[0]).toMatchObject({ kind: 'event', asked: 'invade' });
    // A decade the sources do not reach, and a name they never give however it is spelt.
    const exile = 'Roughly 500,000 Huguenots had fled France by the early 18th century.';
    expect(checkPremise('How many Huguenots fled France by the 1900s?', [{ sentence: exile, article: `Exile\n${exile}` }]).conflicts[0]).toMatchObject({ kind: 'number', asked: '1900' });
    expect(checkPremise('How many Huguenots fled Spain by the 1700s?', [{ sentence: exile, article: `Exile\n${exile}` }]).ok).toBe(false);
  });
});

// A short answer needs a sentence about what the question asks about, and a count or a duration
// needs the right kind of thing: each was a confident answer from the wrong sentence or the wrong span.
describe('answers about what the question asks', () => {
  it('"what\'s the interest rate now?": the noun after "is" names what is asked when a time or place follows it', async () => {
    expect(analyseQuestion("what's the death toll in the nepal quake?")).toMatchObject({ type: 'number', focus: 'toll' });
    expect(analyseQuestion("what's the interest rate now?")).toMatchObject({ type: 'percent', focus: 'rate' });
    // After "did" the noun may be the verb: "request" here is what Newsom did, not what is asked.
    expect(analyseQuestion('what did newsom request from the EU').focus).toBeUndefined();
    const a = await more.core.ask("what's the interest rate now?");
    expect(a.form).toBe('short');
    expect(a.answer).toBe('4.5%');
  });

  it('"what is pyongyang asking for in exchange for troops?": the gap is after "asking for", not after "troops"', async () => {
    expect(analyseQuestion('what is pyongyang asking for in exchange for troops?').gap.after?.word).toBe('asking');
    expect(analyseQuestion('what was he charged with?').gap.after?.word).toBe('charged');
    const a = await starter.core.ask('what is pyongyang asking for in exchange for troops?');
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain('higher technologies');
  });

  it('"when will the troops go home?" is declined, not answered with the day residents fled their homes', async () => {
    const a = await more.core.ask('when will the troops go home?');
    expect(a.abstained).toBe(true);
    const shown = text(more, a);
    expect(shown).toMatch(/I couldn't find that in my sources/);
    expect(shown).not.toMatch(/^Thursday/m);
  });

  it('a story that does mention the subject is still answered: "when did the storm strengthen?"', async () => {
    const a = await more.core.ask('when did the storm strengthen?');
    expect(a.abstained).toBe(false);
    expect(a.answer).toMatch(/Wednesday/);
    expect(a.citations[0]?.sentence).toMatch(/Rafael strengthened to a Category 3 storm/);
  });

  it('"how long did the fire burn" is not answered with the acres it burned: a duration question gets a duration or nothing', async () => {
    const a = await more.core.ask('how long did the fire burn');
    expect(a.answer ?? '').not.toMatch(/20,000/);
    expect(text(more, a)).not.toMatch(/^about 20,000/m);
    // A duration the sources give is still the answer.
    const b = await more.core.ask('how long did hungary delay the sanctions package?');
    expect(b.abstained).toBe(false);
    expect(b.answer).toBe('two weeks');
  });

  it('"how many people died in the wildfire" is declined: the story tells of no deaths', async () => {
    const a = await more.core.ask('how many people died in the wildfire');
    expect(a.abstained).toBe(true);
    expect(text(more, a)).toMatch(/I couldn't find that in my sources/);
    // A count of what the story does tell, in its own words or the question's.
    const b = await more.core.ask('how many people were evacuated in cuba?');
    expect(b.answer).toMatch(/100,000/);
    const c = await more.core.ask('how many people lost power in cuba last month?');
    expect(c.abstained).toBe(false);
    expect(c.answer).toMatch(/10 million/);
  });

  it('"why did the fire department declare a state of emergency" is declined, showing who did', async () => {
    const a = await more.core.ask('why did the fire department declare a state of emergency');
    expect(a.abstained).toBe(true);
    expect(a.closest[0]?.sentence).toMatch(/Governor Gavin Newsom declared a state of emergency/);
  });

  it('"why did south korea send troops to kursk" is declined: every troops the sources name are another country\'s', async () => {
    const a = await more.core.ask('why did south korea send troops to kursk');
    expect(a.abstained).toBe(true);
    expect(a.premise?.conflicts[0]).toMatchObject({ kind: 'attribute', found: 'North Korean troops' });
    expect(text(more, a)).toMatch(/the sources say North Korean troops, not south korea's troops/);
    // The sender the sources name, and a question about troops that are not the doer's own, are answered.
    const b = await more.core.ask('why did north korea send troops to russia');
    expect(b.abstained).toBe(false);
    const c = await more.core.ask('how many troops does ukraine expect at the border this week?');
    expect(c.abstained).toBe(false);
    expect(c.answer).toMatch(/4,500/);
  });
});

// Two answerable news questions were declined as denials: the question's "without" was read as
// "not", and a quoted sentence's "less" as the opposite of what "how much more ...?" measures.
describe('a question that denies agrees with the opposite', () => {
  const rates = 'The central bank left its benchmark interest rate unchanged at 4.5% on Thursday, citing slowing inflation and a cooling labour market.';
  const article = `Central bank holds rates steady\n${rates} Policymakers voted 7-2 to hold rates. The bank said it expected inflation to return to its 2% target next year.`;

  it('"why didn\'t the central bank raise rates?" is no conflict with "left ... unchanged", in the cited sentence or elsewhere in its article', async () => {
    expect(checkPremise("why didn't the central bank raise rates?", [{ sentence: rates, article }]).ok).toBe(true);
    expect(checkPremise("why didn't the central bank raise rates?", [{ sentence: 'The bank said it expected inflation to return to its 2% target next year.', article }]).ok).toBe(true);
    // Asked the other way round, the same sentence still conflicts, and a denial nothing in the article makes is still declined.
    expect(checkPremise('why did the central bank raise rates?', [{ sentence: rates, article }]).conflicts[0]?.kind).toBe('event');
    expect(checkPremise("why didn't the bank publish its minutes?", [{ sentence: 'The bank said it expected inflation to return to its 2% target next year.', article }]).conflicts[0]?.kind).toBe('negation');
    // Through the whole path: no premise conflict is claimed; the sentence that says so is among the sources shown.
    const a = await more.core.ask("why didn't the central bank raise rates?");
    expect(a.premise).toBeUndefined();
    expect([...a.citations, ...a.closest].map((c) => c.sentence).join(' ')).toMatch(/left its benchmark interest rate unchanged/);
  });
});

describe('what a question measures or lacks is no denial', () => {
  let own: TestCore;
  beforeAll(async () => {
    own = await makeTestCore({ seed: false });
    await own.core.ingest({
      title: 'Life in Raqqa',
      origin: 'Life in Raqqa',
      text:
        'Residents of Raqqa describe daily life under the militants. ' +
        "'The city suffers from a shortage of electricity where the power goes off for 21 hours in the day,' he wrote in another tweet. " +
        'Food queues stretch around the block every morning.',
    });
  });
  afterAll(async () => own.cleanup());

  it('"how many hours a day does raqqa go without electricity" is answered from "the power goes off for 21 hours"', async () => {
    const a = await own.core.ask('how many hours a day does raqqa go without electricity');
    expect(a.abstained).toBe(false);
    expect(text(own, a)).toMatch(/21 hours/);
    // A question that does deny is still checked: the sources never say the power stays on.
    expect((await own.core.ask("why doesn't the power go off in raqqa?")).abstained).toBe(true);
  });

  it('a quoted "less" is no opposite of "how much more ...?", but still of "did ... get more ...?"', () => {
    const less = 'Researchers said that nearly one in five divorced people will retire on incomes of less than £9,500.';
    expect(opposesQuestion('how much more do never-divorced people get in retirement?', less)).toBe(false);
    expect(opposesQuestion('did the retirement incomes of divorced people get more generous?', less)).toBe(true);
  });
});

// "which X ...?" against "... (Jupiter's moon) Ganymede ...": a name right after the asked noun is
// one of that kind, however low the span model fits it (it was declined by the span gate).
describe('a name right after the asked noun answers "which X"', () => {
  let own: TestCore;
  beforeAll(async () => {
    own = await makeTestCore({ seed: false });
    await own.core.ingest({
      title: 'Water worlds',
      origin: 'Water worlds',
      text:
        'NASA says the hunt for life beyond Earth is speeding up. ' +
        '"Scientists using NASA\'s Hubble Space Telescope recently provided powerful evidence that (Jupiter\'s moon) Ganymede has a saltwater, sub-surface ocean, likely sandwiched between two layers of ice," the agency noted. ' +
        'Saturn also has moons with water.',
    });
  });
  afterAll(async () => own.cleanup());

  it('"which jupiter moon has a salty ocean under the ice?" → Ganymede, cited', async () => {
    const a = await own.core.ask('which jupiter moon has a salty ocean under the ice?');
    expect(a).toMatchObject({ abstained: false, form: 'short', answer: 'Ganymede' });
    expect(text(own, a)).toMatch(/Ganymede/);
    expect(a.citations[0]?.sentence).toMatch(/\(Jupiter's moon\) Ganymede/);
  });
});

describe('questions as people type them in chat', () => {
  it('a shouted question, a shorthand and a missing apostrophe are read in their ordinary spelling, and shown as typed', async () => {
    const shouted = await starter.core.ask('HOW MANY TROOPS DID NORTH KOREA SEND');
    expect(shouted.answer).toBe('as many as 12,000 troops');
    expect(shouted.question).toBe('HOW MANY TROOPS DID NORTH KOREA SEND');
    expect((await more.core.ask('how many ppl evacuated in cuba')).answer).toBe('nearly 100,000 people');
    expect(ordinarySpelling("whats the latest w/ the eu sanctions, didnt they add ships?")).toBe("what's the latest with the eu sanctions, didn't they add ships?");
  });

  it('initials, acronyms and ordinary words are left alone', () => {
    for (const q of ['what did the U.S. and NATO say?', 'how many troops did the US send?', 'Is UR a name?', 'its ships were banned', 'were they sent home?']) expect(ordinarySpelling(q)).toBe(q);
  });
});
