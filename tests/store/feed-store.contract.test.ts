// One contract for the FeedStore port (followed feeds, their leases and the items seen), run
// against SQLite and PostgreSQL, including two connections claiming due feeds at the same moment
// as two bot processes would: each feed is polled by one of them, once per interval.
import { beforeEach, expect, it } from 'vitest';
import type { FeedStore } from '../../src/core/feeds/types.ts';
import { describeStoreContract } from '../helpers/stores.ts';

const T0 = '2025-05-12T08:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const feed = (id: string, scope = 'slack:T1', url = `https://news.example/${id}.xml`) => ({ id, scope, url, intervalMinutes: 30, createdBy: 'U1', now: T0 });

// Indented as the per-kind loop it replaced, so the diff stays small.
describeStoreContract('FeedStore', (db) => {
    let store: FeedStore;
    beforeEach(async () => {
      store = db.stores.feeds;
    });

    it('adds a feed once per scope and URL, finds it by id or URL, lists and removes it', async () => {
      const f = await store.addFeed(feed('f1'));
      expect(f).toMatchObject({
        id: 'f1',
        scope: 'slack:T1',
        url: 'https://news.example/f1.xml',
        title: null,
        intervalMinutes: 30,
        createdAt: T0,
        createdBy: 'U1',
        etag: null,
        lastSuccessAt: null,
        failures: 0,
        nextPollAt: T0,
        lastResult: null,
        articleCount: 0,
      });
      expect(await store.addFeed({ ...feed('f2'), url: 'https://news.example/f1.xml' })).toBeUndefined();
      expect((await store.addFeed(feed('f3', 'slack:T2', 'https://news.example/f1.xml')))?.id).toBe('f3');
      expect((await store.findFeed('slack:T1', 'https://news.example/f1.xml'))?.id).toBe('f1');
      expect((await store.findFeed('slack:T1', 'f1'))?.id).toBe('f1');
      expect(await store.findFeed('slack:T2', 'f1')).toBeUndefined();
      expect((await store.listFeeds('slack:T1')).map((x) => x.id)).toEqual(['f1']);
      expect((await store.listFeeds(null)).map((x) => x.id)).toEqual(['f1', 'f3']);
      expect(await store.removeFeed('slack:T2', 'f1')).toBe(false);
      expect(await store.removeFeed('slack:T1', 'f1')).toBe(true);
      expect((await store.listFeeds(null)).map((x) => x.id)).toEqual(['f3']);
    });

    it('claims due feeds under a lease; a leased feed is nobody else’s until the lease ends or is given back', async () => {
      await store.addFeed(feed('f1'));
      await store.addFeed({ ...feed('f2'), now: at(5) });
      expect(await store.claimDueFeeds(at(-1), 'p1', at(10), 10)).toEqual([]);
      expect((await store.claimDueFeeds(at(1), 'p1', at(10), 10)).map((f) => f.id)).toEqual(['f1']);
      expect(await store.claimDueFeeds(at(2), 'p2', at(12), 10)).toEqual([]);
      expect((await store.claimDueFeeds(at(6), 'p2', at(16), 10)).map((f) => f.id)).toEqual(['f2']);
      // p1 died: its lease runs out and p2 takes the feed.
      expect((await store.claimDueFeeds(at(10), 'p2', at(20), 10)).map((f) => f.id)).toEqual(['f1']);
      await store.releaseFeed('f2', 'p1');
      expect(await store.claimDueFeeds(at(11), 'p3', at(21), 10)).toEqual([]);
      await store.releaseFeed('f2', 'p2');
      expect((await store.claimDueFeeds(at(11), 'p3', at(21), 10, 'f2')).map((f) => f.id)).toEqual(['f2']);
    });

    it('records a poll only from the lease holder: success resets failures, failure counts and backs off', async () => {
      await store.addFeed(feed('f1'));
      await store.claimDueFeeds(at(1), 'p1', at(10), 10);
      await store.recordPoll('f1', 'p2', { ok: false, at: at(2), nextPollAt: at(3), error: 'not mine' });
      expect((await store.findFeed('slack:T1', 'f1'))!.failures).toBe(0);
      await store.recordPoll('f1', 'p1', { ok: false, at: at(2), nextPollAt: at(40), error: 'HTTP 503' });
      expect(await store.findFeed('slack:T1', 'f1')).toMatchObject({ failures: 1, lastError: 'HTTP 503', lastErrorAt: at(2), nextPollAt: at(40) });
      expect(await store.claimDueFeeds(at(39), 'p1', at(50), 10)).toEqual([]);
      await store.claimDueFeeds(at(40), 'p1', at(50), 10);
      await store.recordPoll('f1', 'p1', { ok: true, at: at(41), nextPollAt: at(71), etag: '"v2"', lastModified: 'Mon, 12 May 2025 08:41:00 GMT', title: 'Wire', result: '2 added' });
      expect(await store.findFeed('slack:T1', 'f1')).toMatchObject({
        failures: 0,
        title: 'Wire',
        etag: '"v2"',
        lastModified: 'Mon, 12 May 2025 08:41:00 GMT',
        lastSuccessAt: at(41),
        lastResult: '2 added',
        nextPollAt: at(71),
      });
      // A poll without a title keeps the one it had.
      await store.claimDueFeeds(at(71), 'p1', at(80), 10);
      await store.recordPoll('f1', 'p1', { ok: true, at: at(72), nextPollAt: at(102), etag: null, lastModified: null, title: null, result: 'nothing new' });
      expect((await store.findFeed('slack:T1', 'f1'))!.title).toBe('Wire');
    });

    it('remembers the items it has seen, keeping the first-seen date and the article', async () => {
      await store.addFeed(feed('f1'));
      expect(await store.itemSeen('f1', 'guid-1')).toBeUndefined();
      await store.recordItem('f1', 'guid-1', { firstSeenAt: T0, fingerprint: 'fp1', articleId: 'a1' });
      await store.recordItem('f1', 'guid-1', { firstSeenAt: at(30), fingerprint: 'fp2', articleId: null });
      expect(await store.itemSeen('f1', 'guid-1')).toEqual({ firstSeenAt: T0, fingerprint: 'fp2', articleId: 'a1' });
      await store.recordItem('f1', 'guid-2', { firstSeenAt: T0, fingerprint: null, articleId: null });
      await store.recordItem('f1', 'guid-3', { firstSeenAt: T0, fingerprint: 'x', articleId: 'a1' });
      await store.recordItem('f1', 'guid-4', { firstSeenAt: T0, fingerprint: 'y', articleId: 'a2' });
      expect((await store.findFeed('slack:T1', 'f1'))!.articleCount).toBe(2);
    });

    it('two connections claiming at once split the due feeds: each is claimed exactly once', async () => {
      const other = (await db.connect()).feeds;
      for (let i = 0; i < 20; i++) await store.addFeed(feed(`f${String(i).padStart(2, '0')}`));
      const [a, b] = await Promise.all([store.claimDueFeeds(at(1), 'p1', at(10), 50), other.claimDueFeeds(at(1), 'p2', at(10), 50)]);
      const ids = [...a, ...b].map((f) => f.id).sort();
      expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => `f${String(i).padStart(2, '0')}`));
    });
  });
