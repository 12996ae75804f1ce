// Article summaries and briefings written by a language model through the real `openai` client
// against a local server: every sentence cites stored sentences and is checked; a reply that fails
// gives the extractive version with a note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArticleFiles } from '../../src/core/articles/files.ts';
import type { Logger } from '../../src/core/log.ts';
import { OpenAIModel } from '../../src/core/models/openai-model.ts';
import { presentBriefing, presentSummary } from '../../src/core/present.ts';
import { replyText } from '../../src/core/reply.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';
import { FakeOpenAI, sentenceNumber, type OpenAIRequest } from '../helpers/fake-openai.ts';

let fake: FakeOpenAI;
let t: TestCore;

const userOf = (req: OpenAIRequest) => req.body.messages.find((m) => m.role === 'user')!.content;
const numberOf = sentenceNumber;
const logsOf = (msg: string) => t.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg);

beforeAll(async () => {
  fake = await FakeOpenAI.start();
  t = await makeTestCore({
    now: () => new Date('2024-11-05T18:00:00Z'),
    model: (log: Logger) => new OpenAIModel({ apiKey: 'sk-writing-test-0123456789abcdef', baseUrl: fake.url, model: 'test-model', timeoutMs: 5_000, log }),
  });
  for await (const item of readArticleFiles(['tests/fixtures/articles/kursk-followup.md'])) if ('input' in item) await t.core.ingest(item.input);
});

afterAll(async () => {
  await fake?.close();
  await t?.cleanup();
});

describe('article summaries by a model', () => {
  it('sentences citing the article’s numbered sentences become the summary, each traced to them', async () => {
    fake.reply = (req) => ({
      kind: 'json',
      text: `Ukraine says about 11,000 North Korean soldiers have joined Russian units in the Kursk region [${numberOf(req, /11,000/)}]. Ukrainian forces reported a first clash with them near Plekhovo [${numberOf(req, /Plekhovo/)}].`,
    });
    const s = await t.core.summarise('Kursk');
    const req = fake.requests.at(-1)!;
    expect(req.body.messages[0]!.content).toMatch(/summarise one news article/);
    expect(userOf(req)).toMatch(/^Article title \(quoted data\): "North Korean soldiers join Russian units near Kursk, Ukraine says"$/m);
    expect(userOf(req)).toMatch(/^\[1\] "Ukraine's military intelligence said on Tuesday that about 11,000 North Korean soldiers/m);
    expect(s.via).toBe('model');
    expect(s.sentences).toEqual([
      'Ukraine says about 11,000 North Korean soldiers have joined Russian units in the Kursk region.',
      'Ukrainian forces reported a first clash with them near Plekhovo.',
    ]);
    expect(s.support![0]![0]).toMatch(/^Ukraine's military intelligence said on Tuesday that about 11,000/);
    expect(s.support![1]![0]).toMatch(/Plekhovo/);
    const text = replyText(presentSummary(s, 'UTC'));
    expect(text).toMatch(/Kursk region\. \[1\] Ukrainian forces reported a first clash with them near Plekhovo\. \[1\]/);
    expect(text).toMatch(/Written by a language model from the cited articles/);
  });

  it('a sentence citing nothing, or stating a figure the article lacks, gives the extractive summary', async () => {
    fake.reply = (req) => ({ kind: 'json', text: `About 11,000 soldiers joined [${numberOf(req, /11,000/)}]. The war will end soon.` });
    let s = await t.core.summarise('Kursk');
    expect(s.via).toBeUndefined();
    expect(s.note).toMatch(/did not pass the source check/);
    expect(s.sentences[0]).toMatch(/^Ukraine's military intelligence said/);
    expect(logsOf('model summary failed the source check; extractive fallback').at(-1)).toMatchObject({ check: 'uncited' });
    fake.reply = (req) => ({ kind: 'json', text: `About 20,000 North Korean soldiers joined Russian units [${numberOf(req, /11,000/)}].` });
    s = await t.core.summarise('Kursk');
    expect(s.note).toMatch(/source check/);
    expect(logsOf('model summary failed the source check; extractive fallback').at(-1)).toMatchObject({ check: 'number' });
  });
});

describe('briefings by a model', () => {
  it('bullets per story, each citing its passages, replace the extracted points', async () => {
    fake.reply = (req) => ({
      kind: 'json',
      text: [
        `- About 11,000 North Korean soldiers have joined Russian units in the Kursk region, Ukraine says [${numberOf(req, /11,000/)}].`,
        `- Defense Secretary Lloyd Austin said North Korean troops wearing Russian uniforms are moving toward Ukraine [${numberOf(req, /Lloyd Austin/)}].`,
        `- The soldiers were trained in Russia's far east before being moved west by rail [${numberOf(req, /trained at ranges/)}][${numberOf(req, /11,000/)}].`,
      ].join('\n'),
    });
    const b = await t.core.brief({ since: new Date('2024-10-01T00:00:00Z') });
    const req = fake.requests.at(-1)!;
    expect(userOf(req)).toMatch(/^Story 1: "North Korean soldiers join Russian units near Kursk, Ukraine says" \(5 Nov 2024\)$/m);
    expect(b.via).toBe('model');
    const story = b.stories[0]!;
    expect(story.points.map((p) => p.text)).toEqual([
      'About 11,000 North Korean soldiers have joined Russian units in the Kursk region, Ukraine says.',
      'Defense Secretary Lloyd Austin said North Korean troops wearing Russian uniforms are moving toward Ukraine.',
      "The soldiers were trained in Russia's far east before being moved west by rail.",
    ]);
    expect(story.points[2]!.citations.map((c) => c.sentence)).toEqual([expect.stringMatching(/^The soldiers were trained/), expect.stringMatching(/11,000/)]);
    expect(story.points[1]!.citations[0]!.title).toMatch(/^North Korean troops in Russian uniforms/);
    expect(replyText(presentBriefing(b, 'UTC'))).toMatch(/• About 11,000 North Korean soldiers .* Ukraine says\. \[1\]/);
  });

  it('a bullet with a name no cited passage has gives the extractive briefing, saying so', async () => {
    fake.reply = (req) => ({ kind: 'json', text: `- Vladimir Putin welcomed about 11,000 North Korean soldiers [${numberOf(req, /11,000/)}].` });
    const b = await t.core.brief({ since: new Date('2024-10-01T00:00:00Z') });
    expect(b.via).toBeUndefined();
    expect(b.note).toMatch(/did not pass the source check/);
    expect(replyText(presentBriefing(b, 'UTC'))).toMatch(/briefing did not pass the source check, so these are the articles’ own sentences/);
    expect(logsOf('model briefing failed the source check; extractive fallback').at(-1)).toMatchObject({ check: 'name' });
  });

  it('a server error gives the extractive briefing, saying the model was unavailable', async () => {
    fake.queue({ kind: 'error', status: 502 }, { kind: 'error', status: 502 });
    const b = await t.core.brief({ since: new Date('2024-10-01T00:00:00Z') });
    expect(b.note).toMatch(/language model was unavailable/);
    expect(b.stories.length).toBeGreaterThan(0);
  });
});
