// The near-duplicate check's numeric shingle sets give exactly the Jaccard of the string sets.
import { describe, expect, it } from 'vitest';
import { jaccard, ShingleProfile, shinglesOfWords, wordShingleJaccard } from '../../src/core/articles/near-duplicates.ts';
import { words } from '../../src/core/language/words.ts';
import { rng } from '../../src/bench/corpus.ts';


const exact = (a: string[], b: string[]) => jaccard(shinglesOfWords(a), shinglesOfWords(b));

describe('wordShingleJaccard', () => {
  it('equals the string shingles’ Jaccard on random word lists of every length from 0, with repeats and shared runs', () => {
    const random = rng(7);
    const vocab = ['the', 'troops', 'crossed', 'border', 'said', 'é', 'naïve', '北京', '𝒳', "o'neil", '2024', 'a'];
    const list = (n: number) => Array.from({ length: n }, () => vocab[Math.floor(random() * (random() < 0.5 ? 3 : vocab.length))]!);
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const a = list(Math.floor(random() * 8));
      // Half the pairs share a run of words, so the intersections are not all empty.
      const b = random() < 0.5 ? [...a.slice(Math.floor(random() * 3)), ...list(Math.floor(random() * 4))] : list(Math.floor(random() * 8));
      expect(wordShingleJaccard(a, b)).toBe(exact(a, b));
      compared++;
    }
    expect(compared).toBe(3000);
  });

  it('keeps the edge cases: two empty texts are the same, one short text against a long one, the same words in another order', () => {
    expect(wordShingleJaccard([], [])).toBe(1);
    expect(wordShingleJaccard([], ['a', 'b', 'c'])).toBe(0);
    expect(wordShingleJaccard(['a'], ['a'])).toBe(1);
    expect(wordShingleJaccard(['a', 'b'], ['a', 'b', 'c'])).toBe(0);
    expect(wordShingleJaccard(['a', 'b'], ['b', 'a'])).toBe(0);
    const text = words('Troops crossed the border on Monday. Officials said the troops crossed the border again on Tuesday.');
    const edited = words('Troops crossed the border on Monday. Officials said troops had crossed the border again on Tuesday.');
    expect(wordShingleJaccard(text, edited)).toBe(exact(text, edited));
    expect(wordShingleJaccard(text, edited)).toBeGreaterThan(0.3);
  });
});

describe('ShingleProfile', () => {
  it('gives the exact Jaccard of every pair at or above the threshold, and rules out only pairs below it', () => {
    const random = rng(11);
    const vocab = ['the', 'troops', 'crossed', 'border', 'said', 'é', 'naïve', '北京', "o'neil", '2024', 'a', 'on', 'monday'];
    const list = (n: number) => Array.from({ length: n }, () => vocab[Math.floor(random() * (random() < 0.5 ? 4 : vocab.length))]!);
    let above = 0;
    for (let i = 0; i < 4000; i++) {
      const a = list(Math.floor(random() * 30));
      // Edits of a (a word or a few changed, a run added or cut) and unrelated lists, so pairs fall on both sides of the threshold.
      const b = random() < 0.7 ? a.map((w) => (random() < 0.08 ? list(1)[0]! : w)).slice(Math.floor(random() * 3)).concat(list(Math.floor(random() * 4))) : list(Math.floor(random() * 30));
      const profile = new ShingleProfile(a);
      for (const t of [0.7, 0.5, 0.25]) {
        const sim = exact(a, b);
        expect(profile.similarAtLeast(b, t)).toBe(sim >= t ? sim : undefined);
        if (t === 0.7 && sim >= t) above++;
      }
    }
    // Both sides of 0.7 were exercised.
    expect(above).toBeGreaterThan(300);
    expect(above).toBeLessThan(3700);
  });

  it('compares exactly a pair whose Jaccard is the threshold itself', () => {
    // a has 10 shingles, b is a's first 7 and nothing else: J = 7 / 10, where the bound is exactly met.
    const a = ['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'w10', 'w11'];
    const b = a.slice(0, 9);
    expect(exact(a, b)).toBe(0.7);
    expect(new ShingleProfile(a).similarAtLeast(b, 0.7)).toBe(0.7);
  });
});
