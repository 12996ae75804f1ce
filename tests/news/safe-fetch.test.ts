// /add's fetching against local web servers: what is fetched, what is refused and why, and that a
// refused fetch stores nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedRange } from '../../src/core/net/address-policy.ts';
import { SafeFetcher, type FetchPolicy } from '../../src/core/net/safe-fetch.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';
import { fixture, WebServer } from '../helpers/web-server.ts';

const web = (name: string) => readFileSync(`tests/fixtures/web/${name}`, 'utf8');

let site: WebServer;
beforeAll(async () => {
  site = await WebServer.start();
  site
    .page('/world/us-sanctions-russia-firms', () => fixture(web('sanctions-wire.html'), site.url('')))
    .redirect('/r1', '/r2')
    .redirect('/r2', '/r3', 301)
    .redirect('/r3', '/world/us-sanctions-russia-firms', 307)
    .redirect('/to-metadata', 'http://169.254.169.254/latest/meta-data/')
    .redirect('/to-internal-name', 'http://intranet.test:80/admin')
    .redirect('/to-ftp', 'ftp://files.example.com/a.txt')
    .page('/index', web('index.html'))
    .page('/paywall', web('paywall.html'))
    .page('/photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]).toString('latin1'), 'image/png')
    .page('/disguised', `<html>${'\u0000'.repeat(50)}</html>`, 'text/html')
    .huge('/huge', 3 * 1024 * 1024)
    .huge('/huge-declared', 3 * 1024 * 1024, true)
    .hang('/slow')
    .hang('/slow-body', true);
  for (let i = 0; i < 7; i++) site.redirect(`/loop${i}`, `/loop${i + 1}`);
});
afterAll(() => site.close());

// The local server stands in for a public site: 127.0.0.1 counts as public, every other address as the policy says.
const asPublic = (a: string) => (a === '127.0.0.1' ? undefined : refusedRange(a));
const names = (map: Record<string, string>) => async (host: string) => (map[host] ? [{ address: map[host]!, family: 4 }] : Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })));

async function attempt(url: string, policy: Partial<FetchPolicy>) {
  const f = new SafeFetcher({ totalTimeoutMs: 2_000, ...policy });
  try {
    return await f.fetch(url, { kind: 'article' });
  } finally {
    await f.close();
  }
}
const refusal = (p: Promise<unknown>) => p.then(() => ({ code: 'fetched', message: '' }), (e: { code: string; message: string }) => ({ code: e.code, message: e.message }));

describe('safe fetching', () => {
  it('classifies addresses: loopback, private, link-local metadata, CGNAT, IPv4-mapped and unique-local are refused', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '172.16.5.5', '169.254.169.254', '100.100.100.200', '0.0.0.0', '::1', '::ffff:127.0.0.1', 'fd00:ec2::254', 'fe80::1']) {
      expect(refusedRange(a), a).toBeDefined();
    }
    expect(refusedRange('93.184.216.34')).toBeUndefined();
    expect(refusedRange('2606:4700::1111')).toBeUndefined();
  });

  it('refuses 127.0.0.1 unless private URLs are allowed', async () => {
    const refused = await refusal(attempt(site.url('/world/us-sanctions-russia-firms'), {}));
    expect(refused.code).toBe('private_address');
    expect(refused.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    const ok = await attempt(site.url('/world/us-sanctions-russia-firms'), { allowPrivate: true });
    expect(ok.text).toContain('398 companies');
  });

  it('checks a name after DNS resolution: a name resolving to 127.0.0.1 is refused unless allowed', async () => {
    const before = site.hits('/world/us-sanctions-russia-firms').length;
    const resolve = names({ 'news.test': '127.0.0.1' });
    const refused = await refusal(attempt(site.url('/world/us-sanctions-russia-firms', 'news.test'), { resolve }));
    expect(refused.code).toBe('private_address');
    expect(refused.message).toMatch(/news\.test resolves to a loopback address \(127\.0\.0\.1\)/);
    // Refused before connecting: the server never saw a request.
    expect(site.hits('/world/us-sanctions-russia-firms')).toHaveLength(before);
    const ok = await attempt(site.url('/world/us-sanctions-russia-firms', 'news.test'), { resolve, allowPrivate: true });
    expect(ok.text).toContain('Treasury Department');
  });

  it('the system resolver: localhost is refused too', async () => {
    const refused = await refusal(attempt(site.url('/world/us-sanctions-russia-firms', 'localhost'), {}));
    expect(refused.code).toBe('private_address');
  });

  it('follows up to 5 redirects, checking each hop; more is refused', async () => {
    const ok = await attempt(site.url('/r1'), { allowPrivate: true });
    expect(ok.url).toBe(site.url('/world/us-sanctions-russia-firms'));
    const loop = await refusal(attempt(site.url('/loop0'), { allowPrivate: true }));
    expect(loop.code).toBe('too_many_redirects');
    expect(site.hits('/loop6')).toHaveLength(0);
  });

  it('refuses a redirect to a private address, by IP literal or by a name resolving to one', async () => {
    const toMetadata = await refusal(attempt(site.url('/to-metadata'), { addressCheck: asPublic }));
    expect(toMetadata.code).toBe('private_address');
    expect(toMetadata.message).toMatch(/169\.254\.169\.254 is a linkLocal address/);
    const resolve = names({ 'intranet.test': '10.0.0.7', '127.0.0.1': '127.0.0.1' });
    const toName = await refusal(attempt(site.url('/to-internal-name'), { addressCheck: asPublic, resolve }));
    expect(toName.code).toBe('private_address');
    expect(toName.message).toMatch(/intranet\.test resolves to a private address \(10\.0\.0\.7\)/);
    const toFtp = await refusal(attempt(site.url('/to-ftp'), { addressCheck: asPublic }));
    expect(toFtp.code).toBe('bad_scheme');
  });

  it('only http and https', async () => {
    for (const u of ['file:///etc/passwd', 'ftp://example.com/x', 'javascript:alert(1)', 'gopher://x']) {
      expect((await refusal(attempt(u, { allowPrivate: true }))).code).toBe('bad_scheme');
    }
  });

  it('caps the response size, declared or streamed', async () => {
    const streamed = await refusal(attempt(site.url('/huge'), { allowPrivate: true, maxBytes: 1024 * 1024 }));
    expect(streamed.code).toBe('too_large');
    const declared = await refusal(attempt(site.url('/huge-declared'), { allowPrivate: true, maxBytes: 1024 * 1024 }));
    expect(declared).toMatchObject({ code: 'too_large', message: expect.stringMatching(/3\.0 MB; the limit is 1\.0 MB/) });
  });

  it('gives up on a server that does not answer, or stops half-way', async () => {
    const silent = await refusal(attempt(site.url('/slow'), { allowPrivate: true, totalTimeoutMs: 300 }));
    expect(silent.code).toBe('timeout');
    const stalled = await refusal(attempt(site.url('/slow-body'), { allowPrivate: true, totalTimeoutMs: 300 }));
    expect(stalled.code).toBe('timeout');
  });

  it('refuses files that are not pages: by content type, and binary bytes under a text type', async () => {
    expect(await refusal(attempt(site.url('/photo.png'), { allowPrivate: true }))).toMatchObject({ code: 'bad_content_type', message: expect.stringMatching(/image\/png/) });
    expect((await refusal(attempt(site.url('/disguised'), { allowPrivate: true }))).code).toBe('binary');
  });
});

describe('/add through the core', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeTestCore({ now: () => new Date('2024-10-31T12:00:00Z') });
  });
  afterAll(() => t.cleanup());

  it('stores the article with its title, byline-free text, publish time and canonical URL; a two-line summary', async () => {
    const core = t.core.forScope('slack:T1');
    const withAllow = await allowingCore(t);
    const r = await withAllow.forScope('slack:T1').addUrl(site.url('/r1?utm_source=newsletter'));
    expect(r.outcome.status).toBe('added');
    const a = await core.store.getArticle(r.outcome.articleId!);
    expect(a?.title).toBe("U.S. sanctions 398 firms over support for Russia's war");
    expect(a?.published).toBe('2024-10-30T14:00:00.000Z');
    expect(a?.url).toBe(site.url('/world/us-sanctions-russia-firms'));
    expect(a?.body).not.toMatch(/analytics|All rights reserved|Business/);
    expect(r.summary?.sentences).toHaveLength(2);
    await withAllow.close();
  });

  it('refuses non-articles with a reason and stores nothing', async () => {
    const core = await allowingCore(t);
    const before = await t.core.store.countArticles();
    for (const [path, code] of [['/index', 'not_article'], ['/paywall', 'paywall'], ['/photo.png', 'bad_content_type'], ['/missing', 'http_error']] as const) {
      await expect(core.forScope('slack:T1').addUrl(site.url(path)), path).rejects.toMatchObject({ code });
    }
    await expect(t.core.addUrl(site.url('/world/us-sanctions-russia-firms'))).rejects.toMatchObject({ code: 'private_address' });
    expect(await t.core.store.countArticles()).toBe(before);
    await core.close();
  });
});

/** The same database (SQLite file or PostgreSQL schema), through a core whose fetcher may reach 127.0.0.1. */
async function allowingCore(t: TestCore) {
  const { createCore } = await import('../../src/core/create-core.ts');
  const { openStores } = await import('../../src/core/store/open-stores.ts');
  const s = await openStores(t.location);
  return createCore({ store: s.articles, scheduleStore: s.schedule, feedStore: s.feeds, log: t.log, now: t.core.now, fetch: { allowPrivate: true } });
}
