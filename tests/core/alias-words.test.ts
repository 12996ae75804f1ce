// Words that are also names of a plain JavaScript object's built-in properties ("constructor")
// are words like any other: a source sentence holding one is read, ranked and quoted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPremise } from '../../src/core/answer/premise.ts';
import { aliasWords } from '../../src/core/language/aliases.ts';
import { samePeople } from '../../src/core/language/names.ts';
import { unitKey } from '../../src/core/summarise/story-changes.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

describe('aliasWords', () => {
  it('gives the country words of a capital, and none for other words, "constructor" and "__proto__" included', () => {
    expect(aliasWords('Pyongyang')).toEqual(['north', 'korea']);
    expect(aliasWords('constructor')).toEqual([]);
    expect(aliasWords('__proto__')).toEqual([]);
    expect(aliasWords('troops')).toEqual([]);
  });
  it('leaves the other word tables\' lookups to their own entries', () => {
    expect(unitKey('constructors')).toBe('constructor');
    expect(unitKey('North Korean soldiers')).toBe('troop');
    expect(samePeople('constructor', '__proto__')).toBe(false);
    expect(samePeople('france', 'french')).toBe(true);
  });
});

describe('a source sentence with the word "constructor"', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeTestCore();
    await t.core.ingest({
      title: 'Bridge contract awarded',
      text: 'The city awarded the bridge contract on Monday. The constructor, Halden Works, will build the new bridge over the river by 2027. Work starts in the spring.',
      origin: 'bridge',
    });
  });
  afterAll(async () => t.cleanup());

  it('answers a question from it instead of failing', async () => {
    const a = await t.core.ask('Who will build the new bridge over the river?');
    expect(a.citations.map((c) => c.sentence).join(' ') + a.closest.map((c) => c.sentence).join(' ')).toMatch(/The constructor, Halden Works/);
  });
});

describe('the premise check', () => {
  it('reads a source with "constructor" and "__proto__" as words: the event told with the doer keeps the premise', () => {
    const sentence = 'The constructor, Halden Works, will build the new bridge over the river by 2027.';
    const article = `Bridge contract awarded\nThe city awarded the bridge contract on Monday. ${sentence} Its __proto__ design was shown to the constructor in May.`;
    expect(checkPremise('When will Halden Works build the bridge?', [{ sentence, article, published: undefined }]).ok).toBe(true);
  });
});
