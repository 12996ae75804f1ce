// contentStems (language/tokens.ts) stems each space-separated chunk once and reuses it: the
// stems must be those tokenize() gives the whole text, wherever a chunk stands.
import { describe, expect, it } from 'vitest';
import { contentStems, tokenize } from '../../src/core/language/tokens.ts';

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
