// Hostile input gets a clear rejection (or is processed) instead of minutes of CPU, and the bot
// answers other commands while a long article is analysed.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFileText } from '../../src/core/articles/files.ts';
import { htmlNestingDepth } from '../../src/core/articles/limits.ts';
import { splitSentences } from '../../src/core/language/sentences.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** Made-up words, so no check for repeated words fires by accident. */
function manyWords(n: number, seed = 7): string[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  return Array.from({ length: n }, () => Array.from({ length: 3 + (next() % 6) }, () => 'abcdefghijklmnoprstuvwy'[next() % 23]).join(''));
}

const PROSE = 'Officials in Lisbon said on Monday that the city will open 40 new cycling lanes by the end of next year.';

describe('work budget per article', () => {
  it('rejects a page of 50,000 nested elements before parsing it', () => {
    const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(50_000)}${PROSE}${'</div>'.repeat(50_000)}</body></html>`;
    const [item] = parseFileText('deep.html', html);
    expect(item).toEqual({ rejected: expect.stringMatching(/nests its elements 50000 levels deep \(the limit is 500\)/), origin: 'deep.html' });
  });

  it('does not count elements whose end tag is optional or that never nest', () => {
    const page = `<html><body>${'<p>A paragraph without its end tag<br><img src=x>'.repeat(2_000)}</body></html>`;
    expect(htmlNestingDepth(page)).toBeLessThan(3);
  });

  it('rejects 300,000 words of "the the the"', async () => {
    t = await makeTestCore({ seed: false });
    const out = await t.core.ingest({ text: 'the '.repeat(99_000) });
    expect(out).toMatchObject({ status: 'rejected', reason: 'the text repeats 1 distinct words 99000 times; not an article' });
  });

  it('rejects a 50,000-word sentence, naming the limit', async () => {
    t = await makeTestCore({ seed: false });
    const out = await t.core.ingest({ text: `${PROSE} ${manyWords(50_000).join(' ')}.` });
    expect(out).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^a sentence of 500\d\d words \(the limit is 400\); not readable prose$/) });
  });

  it('rejects a 300 kB base64 blob and a 100 kB hex blob as having no sentences', async () => {
    t = await makeTestCore({ seed: false });
    const b64 = await t.core.ingest({ text: randomBytes(225_000).toString('base64') });
    const hex = await t.core.ingest({ text: randomBytes(50_000).toString('hex') });
    expect(b64).toMatchObject({ status: 'rejected', reason: 'no readable sentences in the text' });
    expect(hex).toMatchObject({ status: 'rejected', reason: 'no readable sentences in the text' });
  });

  it('stores the prose around an encoded blob and leaves the blob out of the sentences', async () => {
    t = await makeTestCore({ seed: false });
    const text = `${PROSE} The leaked file follows: ${randomBytes(225_000).toString('base64')} and that was all. Police are investigating the leak in the capital.`;
    const out = await t.core.ingest({ text });
    expect(out.status).toBe('added');
    const sentences = await t.core.store.sentencesOf(out.articleId!);
    expect(sentences.map((s) => s.text)).toContain(PROSE);
    expect(sentences.every((s) => s.text.length < 400)).toBe(true);
  });

  it('leaves out a "word" of over 200 characters, whatever space surrounds it, and keeps one of 200', () => {
    const token = (n: number) => 'Zx9'.repeat(Math.ceil(n / 3)).slice(0, n);
    for (const space of [' ', '\u00a0', '\u3000', '\t']) {
      const kept = splitSentences(`The committee met on Monday.${space}${token(200)}${space}It adjourned.`);
      expect(kept.some((s) => s.includes(token(200)))).toBe(true);
      const cut = splitSentences(`The committee met on Monday.${space}${token(201)}${space}It adjourned.`);
      expect(cut.join(' ')).not.toContain(token(201).slice(0, 50));
      expect(cut).toEqual(expect.arrayContaining(['The committee met on Monday.']));
    }
  });

  it('rejects an article whose analysis runs past its CPU budget, and stores nothing of it', async () => {
    t = await makeTestCore({ seed: false, analysisBudgetMs: 1 });
    const text = Array.from({ length: 40 }, (_, i) => `${PROSE.replace('40', String(i + 2))} ${manyWords(12, i).join(' ')}.`).join('\n\n');
    const out = await t.core.ingest({ text });
    expect(out).toMatchObject({ status: 'rejected', reason: 'analysing this article took over 0.001 s of CPU time (the limit per article); not stored' });
    expect(await t.core.store.countArticles()).toBe(0);
  });

  it('answers other commands while a long article is analysed', async () => {
    // As the bot runs (app.ts): single articles are analysed in a worker thread, so this thread is free for the search.
    t = await makeTestCore({ seed: false, analysisWorkers: 1 });
    const order = await searchWhileALongArticleIsIngested(t);
    expect(order).toEqual(['search', 'ingest']);
    expect((await t.core.store.countArticles())).toBe(2);
  });

  // On PostgreSQL each of the search's queries waits for the server, and a slice of the analysis runs
  // meanwhile: only the worker keeps the thread free there.
  it.skipIf(process.env.BRIEFBOT_TEST_STORE === 'postgres')('on the calling thread (BRIEFBOT_INGEST_WORKERS=0), lets other commands in between sentences', async () => {
    t = await makeTestCore({ seed: false });
    const order = await searchWhileALongArticleIsIngested(t);
    expect(order).toEqual(['search', 'ingest']);
  });
});

/** Stores a short article, then searches while a 600-sentence one is ingested: the order they finished in. */
async function searchWhileALongArticleIsIngested(bot: TestCore): Promise<string[]> {
  await bot.core.ingest({ text: `${PROSE}\n\nThe mayor said the lanes will be separated from traffic.` });
  const long = Array.from({ length: 600 }, (_, i) => `Reporters counted ${i + 3} cyclists near the ${manyWords(2, i).join(' ')} bridge on Tuesday.`).join('\n\n');
  const order: string[] = [];
  const ingesting = bot.core.ingest({ text: long }).then(() => order.push('ingest'));
  const searching = bot.core.search('cycling lanes').then(() => order.push('search'));
  await Promise.all([ingesting, searching]);
  return order;
}
