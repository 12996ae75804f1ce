// Summaries and briefings over a small multi-story store, through the real SQLite store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticleFiles } from '../../src/core/articles/files.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

let t: TestCore;
let clock = new Date('2024-11-15T09:00:00Z');
beforeEach(async () => {
  clock = new Date('2024-11-15T09:00:00Z');
  t = await makeTestCore({ now: () => clock });
  for await (const item of readArticleFiles(['tests/fixtures/articles'])) if ('input' in item) await t.core.ingest(item.input);
});
afterEach(() => t.cleanup());

describe('summaries', () => {
  it('summarises one article in 3–4 of its own sentences, in article order, with its facts', async () => {
    const s = await t.core.summarise('north korean troops russian uniforms');
    const article = await t.core.store.getArticle(s.articleId);
    const texts = article!.sentences.map((x) => x.text);
    expect(s.sentences.length).toBeGreaterThanOrEqual(3);
    expect(s.sentences.length).toBeLessThanOrEqual(4);
    const positions = s.sentences.map((x) => texts.indexOf(x));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(s.facts).toEqual(expect.arrayContaining(['as many as 12,000 troops', '398 firms', '274 companies']));
  });

  it('finds the article by id, by URL (tracking and all) and by title words', async () => {
    const [byWords] = await Promise.all([t.core.summarise('wildfire california')]);
    expect(byWords.title).toMatch(/Wildfire/);
    expect((await t.core.summarise(byWords.articleId)).articleId).toBe(byWords.articleId);
    expect((await t.core.summarise('http://exampletimes.com/us/wildfire-evacuations/?utm_source=x')).articleId).toBe(byWords.articleId);
  });

  it('says clearly when nothing matches', async () => {
    await expect(t.core.summarise('volcano iceland eruption')).rejects.toThrow(/No stored article matches/);
    await expect(t.core.summarise('https://unknown.example.net/a')).rejects.toThrow(/no article from/);
  });
});

describe('briefings', () => {
  it('clusters the window into stories, each point a cited sentence, with key facts', async () => {
    const b = await t.core.brief({ since: new Date('2024-10-01T00:00:00Z') });
    expect(b.fallback).toBe(false);
    const titles = b.stories.map((s) => s.title);
    // The two North Korea articles are one story; storm, wildfire, rates and EU sanctions are their own.
    const korea = b.stories.find((s) => s.articleIds.length === 2);
    expect(korea?.title).toMatch(/North Korean soldiers/);
    expect(titles.filter((x) => /North Korea/.test(x))).toHaveLength(1);
    expect(b.stories.length).toBeGreaterThanOrEqual(4);
    for (const story of b.stories) {
      for (const p of story.points) {
        expect(p.citations.length).toBeGreaterThan(0);
        const a = await t.core.store.getArticle(p.citations[0]!.articleId);
        expect(a!.sentences.map((s) => s.text)).toContain(p.text);
      }
    }
    expect(korea!.facts.map((f) => f.text)).toEqual(expect.arrayContaining(['about 11,000 North Korean soldiers']));
    // Biggest story first.
    expect(b.stories[0]).toBe(korea);
  });

  it('narrows to a topic', async () => {
    const b = await t.core.brief({ since: new Date('2024-10-01T00:00:00Z'), topic: 'wildfire' });
    expect(b.stories.map((s) => s.title)).toEqual(['Wildfire forces evacuations in California']);
  });

  it('when nothing was published in the window, says so and shows the most recent stories with dates', async () => {
    clock = new Date('2025-03-01T09:00:00Z');
    const b = await t.core.brief({ since: new Date('2025-02-28T09:00:00Z') });
    expect(b.fallback).toBe(true);
    expect(b.stories.length).toBeGreaterThan(0);
    // Each with a date: the publisher's, or for an undated article when it was added (shown as undated).
    expect(b.stories.every((s) => s.published || s.addedAt)).toBe(true);
  });

  it('marks what is new since this channel’s previous briefing', async () => {
    const first = await t.core.brief({ since: new Date('2024-10-01T00:00:00Z'), audience: 'test:chan', record: true });
    expect(first.previousBriefing).toBeNull();
    clock = new Date('2024-11-16T09:00:00Z');
    await t.core.ingest({
      text: 'Firefighters gained ground on the Mountain Fire on Friday as winds eased. Containment rose to 26 percent, officials said. Evacuation orders were lifted for some neighbourhoods near Camarillo.',
      title: 'Firefighters gain ground on Mountain Fire',
      published: '2024-11-15T20:00:00Z',
    });
    const second = await t.core.brief({ since: new Date('2024-10-01T00:00:00Z'), audience: 'test:chan', record: true, maxStories: 10 });
    expect(second.previousBriefing).toBe('2024-11-15T09:00:00.000Z');
    const fire = second.stories.find((s) => s.points.some((p) => /Containment rose/.test(p.text)));
    expect(fire?.points.find((p) => /Containment rose/.test(p.text))?.isNew).toBe(true);
    const storm = second.stories.find((s) => /Hurricane/.test(s.title));
    expect(storm?.points.every((p) => !p.isNew)).toBe(true);
  });
});
