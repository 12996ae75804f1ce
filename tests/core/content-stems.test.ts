// contentStems (language/tokens.ts) stems each space-separated chunk once and reuses it: the
// stems must be those tokenize() gives the whole text, wherever a chunk stands.
import { describe, expect, it } from 'vitest';
import { contentStems, stemOf, tokenize, tokenStems } from '../../src/core/language/tokens.ts';

const viaTokenize = (text: string) => tokenize(text).filter((t) => t.kind !== 'punctuation' && t.kind !== 'symbol' && !t.stop && /[\p{L}\p{N}]/u.test(t.norm)).map((t) => t.stem);

describe('contentStems', () => {
  const texts = [
    "The U.S. can't say whether 12,000 troops were sent to Kursk's border.",
    'He said:\t"We won\'t leave" — and   the e-mail (sent Monday) said 3.5% of firms cannot pay.',
    'Sent troops; troops sent. NATO officials, NASA and the UN met in New York.',
  ];
  it('gives the stems tokenize() gives, the first time and from its cache', () => {
    for (const t of texts) {
      expect(contentStems(t)).toEqual(viaTokenize(t));
      expect(contentStems(t)).toEqual(viaTokenize(t));
    }
  });
  it('stems a chunk the same wherever it stands', () => {
    expect(contentStems(`${texts[0]} ${texts[1]}`)).toEqual([...contentStems(texts[0]!), ...contentStems(texts[1]!)]);
  });
});

describe('tokenStems', () => {
  // Headlines: the answerer reads their stems only (a question word in the headline counts for a sentence that leaves it out).
  const titles = [
    'North Korean troops head for Kursk as U.S. sanctions 398 firms',
    'Storm Rafael: Category 3 hurricane hits Cuba, 12,000 without power',
    "Newcomen's and Watt's early engines were \"atmospheric\"",
    'EU’s new sanctions target Russia’s shadow fleet — and the U.K. follows',
    'Us and them: who pays for the 3.5% rise?',
  ];
  it("gives every token's stem as tokenize() does, stop words and punctuation included", () => {
    for (const t of titles) {
      expect(tokenStems(t)).toEqual(tokenize(t).map((x) => x.stem));
      expect(tokenStems(t)).toEqual(tokenize(t).map((x) => x.stem));
    }
  });
});

describe('stemOf', () => {
  // The premise check stems only words that start as one of the event's stems does (premise.ts,
  // eventFinder): a stem starts with its word's first two letters but for these exceptions.
  it('keeps a word\'s first two letters, but for the stemmer\'s reshaped words and a 3 read as "y"', () => {
    const words = ['sanctions', 'deployed', 'deployment', 'invasion', 'invaded', 'cries', 'ties', 'eyes', 'dyed', 'being', 'hopping', 'skies', 'early', 'only', 'ugly', 'generously', 'communities', 'a-list', 'e3', 'b52s'];
    for (const w of words) expect(w.startsWith(stemOf(w).slice(0, 2)), w).toBe(true);
    expect(['dying', 'lying', 'tying'].map(stemOf)).toEqual(['die', 'lie', 'tie']);
    expect(stemOf('a330')).toBe('ayy0');
  });
});
