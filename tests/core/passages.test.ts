// The passages both answer paths read: article first, then a matching sentence with its neighbours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passageText, retrievePassages } from '../../src/core/answer/passages.ts';
import { readArticleFiles } from '../../src/core/articles/files.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

let t: TestCore;
beforeAll(async () => {
  t = await makeTestCore();
  for await (const item of readArticleFiles(['tests/fixtures/articles'])) if (!('rejected' in item)) await t.core.ingest(item.input);
});
afterAll(() => t.cleanup());

describe('retrievePassages', () => {
  it('numbers passages from 1 in rank order, each a run of consecutive sentences of one article', async () => {
    const set = await retrievePassages(t.core.store, 'how many troops did North Korea send?');
    expect(set.passages.length).toBeGreaterThan(1);
    set.passages.forEach((p, i) => {
      expect(p.n).toBe(i + 1);
      expect(p.rank).toBe(i);
      const idx = p.sentences.map((s) => s.index);
      expect(idx).toEqual(idx.map((_, k) => idx[0]! + k));
      expect(p.sentences.some((s) => s.id === p.focus)).toBe(true);
    });
    const scores = set.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('holds the sentences that answer the question, from both stories about the troops', async () => {
    const set = await retrievePassages(t.core.store, 'how many troops did North Korea send?');
    const text = set.passages.map(passageText).join('\n');
    expect(text).toMatch(/as many as 12,000 troops/);
    expect(text).toMatch(/about 11,000 North Korean soldiers/);
    expect(set.passages.some((p) => p.article.title.startsWith('North Korean soldiers join Russian units'))).toBe(true);
  });

  it('stays within the character budget, 8,000 by default', async () => {
    const wide = await retrievePassages(t.core.store, 'North Korea troops Russia Kursk sanctions firms Ukraine');
    expect(wide.chars).toBeLessThanOrEqual(8000);
    const small = await retrievePassages(t.core.store, 'North Korea troops Russia Kursk sanctions firms Ukraine', { maxChars: 700 });
    expect(small.chars).toBeLessThanOrEqual(700);
    expect(small.passages.length).toBeGreaterThan(0);
    expect(small.passages.length).toBeLessThan(wide.passages.length);
  });

  it('shows each passage with its article title, source and date', async () => {
    const set = await retrievePassages(t.core.store, 'Where did Hurricane Rafael make landfall?');
    expect(passageText(set.passages[0]!)).toMatch(/^\[1\] Hurricane Rafael strengthens as it nears western Cuba/);
    expect(passageText(set.passages[0]!)).toMatch(/Artemisa/);
  });

  it('finds nothing for words no article has', async () => {
    const set = await retrievePassages(t.core.store, 'zebra quokka marmalade?');
    expect(set.passages).toEqual([]);
    expect(set.chars).toBe(0);
  });
});
