// words(): lower-cased runs of letters and digits, exactly /[\p{L}\p{N}]+/gu over the lower-cased text,
// whatever the text holds (curly quotes, accents, CJK, astral letters, lone surrogates).
import { describe, expect, it } from 'vitest';
import { words } from '../../src/core/language/words.ts';
import { rng } from '../../src/bench/corpus.ts';

const byPattern = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

describe('words', () => {
  it('gives the words of the Unicode pattern on random text of ASCII and other characters', () => {
    const random = rng(5);
    const pieces = ['the', 'Troops', ' ', '  ', '.', ',', '’', '“', '”', '—', "'", '-', 'é', 'Ünal', 'naïve', '北京', '𝒳', '😀', '\ud800', '\udc00', 'İ', 'ß', '2024', '٣', 'x'];
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]!).join(random() < 0.5 ? '' : ' ');
      expect(words(text)).toEqual(byPattern(text));
    }
  });

  it('reads a news sentence with curly quotes and an accented name', () => {
    expect(words('“We’re ready,” said José Álvarez, 54, in São Paulo — on Monday.')).toEqual(['we', 're', 'ready', 'said', 'josé', 'álvarez', '54', 'in', 'são', 'paulo', 'on', 'monday']);
  });
});
