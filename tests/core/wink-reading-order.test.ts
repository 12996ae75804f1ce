// wink's tokenizer learns each new token it reads: a title cut at "B.B" used to make every later
// "B.B." two tokens in that process, so a sentence could end at the initials and an answer depend
// on what had been read first. The same text must read the same whatever came before.
import { describe, expect, it } from 'vitest';
import { renewWink } from '../../src/core/language/nlp.ts';
import { sentencesWithEntities } from '../../src/core/language/sentences.ts';
import { tokenize } from '../../src/core/language/tokens.ts';

const STORY = 'Blues legend B.B. King was hospitalized for dehydration, though the U.S. tour was not canceled. He is 89.';

/** What the story reads as, after `before` was read by a fresh instance (tokens of a new text each time: tokenize() caches by text). */
function readAfter(before: string[], tag: string) {
  renewWink();
  for (const text of before) {
    tokenize(text);
    sentencesWithEntities(text);
  }
  return {
    sentences: sentencesWithEntities(STORY).map((s) => s.text),
    tokens: tokenize(`${tag} ${STORY}`).slice(2).map((t) => t.text),
  };
}

describe('reading order', () => {
  it('reads dotted initials the same whether or not a text cut at them was read first', () => {
    const fresh = readAfter([], 'First.');
    expect(fresh.sentences).toEqual(['Blues legend B.B. King was hospitalized for dehydration, though the U.S. tour was not canceled.', 'He is 89.']);
    expect(fresh.tokens).toContain('B.B.');
    expect(fresh.tokens).toContain('U.S.');
    for (const [i, before] of [['(CNN)Blues legend B.B'], ['the U.S', 'legend B.B,'], ['B.B..', 'U.S...']].entries()) {
      expect(readAfter(before, `Then${i}.`)).toEqual(fresh);
    }
  });
});
