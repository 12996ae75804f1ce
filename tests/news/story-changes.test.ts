// Story tracking pieces: which figures disagree, revised figures after an edit, and the live-news settings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { presentBriefing } from '../../src/core/present.ts';
import { replyText } from '../../src/core/reply.ts';
import { disagreements, unitKey } from '../../src/core/summarise/story-changes.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

const claim = (text: string, value: number, unit: string, articleId: string) => ({ text, value, unit, articleId, citation: articleId });

describe('figures that disagree', () => {
  it('the same kind of count, close but not equal, from different sources', () => {
    expect(unitKey('firms')).toBe(unitKey('companies'));
    expect(unitKey('North Korean soldiers')).toBe(unitKey('troops'));
    const found = disagreements([claim('398 firms', 398, 'firms', 'a1'), claim('398 companies', 398, 'companies', 'a2'), claim('nearly 400 companies', 400, 'companies', 'a3')]);
    expect(found).toEqual([
      [
        { text: '398 firms', value: 398, citation: 'a1', articleId: 'a1' },
        { text: 'nearly 400 companies', value: 400, citation: 'a3', articleId: 'a3' },
      ],
    ]);
  });

  it('not: far-apart counts (274 companies and 398 firms are different groups), other units, one source', () => {
    expect(disagreements([claim('274 companies', 274, 'companies', 'a1'), claim('398 firms', 398, 'firms', 'a2')])).toEqual([]);
    expect(disagreements([claim('400 companies', 400, 'companies', 'a1'), claim('398 miles', 398, 'miles', 'a2')])).toEqual([]);
    expect(disagreements([claim('398 firms', 398, 'firms', 'a1'), claim('nearly 400 firms', 400, 'firms', 'a1')])).toEqual([]);
  });
});

describe('an edited figure', () => {
  let t: TestCore;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2024-11-05T12:00:00Z');
    t = await makeTestCore({ seed: false, now: () => clock });
  });
  afterEach(() => t.cleanup());

  it('the briefing after the edit says which figure was revised, and what it was', async () => {
    const body = (n: string) =>
      `Ukraine's military intelligence said on Tuesday that about ${n} North Korean soldiers have joined Russian units in the Kursk region.\n\nThe soldiers were trained at ranges in Russia's far east before being moved west by rail, the agency said.\n\nUkrainian forces reported a first clash with North Korean troops near the village of Plekhovo on Monday.`;
    const url = 'https://news.example.com/world/kursk-units';
    await t.core.ingest({ text: body('11,000'), url, title: 'North Korean soldiers join Russian units', published: '2024-11-05T10:00:00Z' });
    await t.core.brief({ since: new Date('2024-11-01'), audience: 'slack:C1', record: true });
    clock = new Date('2024-11-06T09:00:00Z');
    await t.core.ingest({ text: body('12,000'), url, title: 'North Korean soldiers join Russian units', published: '2024-11-05T10:00:00Z' });
    const text = replyText(presentBriefing(await t.core.brief({ since: new Date('2024-11-01'), audience: 'slack:C1', record: true }), 'UTC'));
    expect(text).toMatch(/Since the last briefing here: 1 updated by the publisher\./);
    expect(text).toMatch(/Updated: Ukraine's military intelligence said on Tuesday that about 12,000 North Korean soldiers/);
    expect(text).toMatch(/Revised figure: about 12,000 North Korean soldiers \(was about 11,000 North Korean soldiers\) \[1\]/);
  });
});

describe('live-news settings', () => {
  it('defaults, overrides and bad values named', () => {
    expect(loadConfig({}).fetch).toEqual({ maxBytes: 5 * 1024 * 1024, timeoutMs: 20_000, feedIntervalMinutes: 15 });
    expect(loadConfig({ BRIEFBOT_FETCH_MAX_MB: '2', BRIEFBOT_FEED_INTERVAL_MINUTES: '60', BRIEFBOT_ALLOW_PRIVATE_URLS: 'true' })).toMatchObject({
      allowPrivateUrls: true,
      fetch: { maxBytes: 2 * 1024 * 1024, feedIntervalMinutes: 60 },
    });
    expect(() => loadConfig({ BRIEFBOT_FEED_INTERVAL_MINUTES: '1', BRIEFBOT_FETCH_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
    try {
      loadConfig({ BRIEFBOT_FEED_INTERVAL_MINUTES: '1', BRIEFBOT_FETCH_TIMEOUT_MS: 'soon' });
    } catch (e) {
      expect((e as ConfigError).problems.join('\n')).toMatch(/BRIEFBOT_FETCH_TIMEOUT_MS[\s\S]*BRIEFBOT_FEED_INTERVAL_MINUTES/);
    }
  });
});
