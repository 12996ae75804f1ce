// Bulk ingest with worker threads: the same outcomes, in the same order, as analysing on the main
// thread (dedupe and near-duplicates across articles still in flight), a worker's death rejects
// only the article that caused it, and the stream never reads more than its window ahead.
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisPool } from '../../src/core/articles/analysis-pool.ts';
import type { FileItem } from '../../src/core/articles/files.ts';
import { ingestStream } from '../../src/core/articles/ingest-stream.ts';
import type { IngestOutcome } from '../../src/core/articles/types.ts';
import { rng } from '../../src/bench/corpus.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';
import { waitFor } from '../helpers/wait-for.ts';

const cores: TestCore[] = [];
const pools: AnalysisPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  await Promise.all(cores.splice(0).map((c) => c.cleanup()));
});

const NOW = new Date('2026-11-20T12:00:00Z');

async function core() {
  const t = await makeTestCore({ seed: false, now: () => NOW });
  cores.push(t);
  return t;
}

function pool(t: TestCore, opts: Partial<ConstructorParameters<typeof AnalysisPool>[0]> = {}) {
  const p = new AnalysisPool({ workers: 2, now: () => NOW, log: t.log, ...opts });
  pools.push(p);
  return p;
}

/** Distinct stories: each sentence made of words drawn for this story alone, so no two are near-duplicates. */
const story = (i: number, extra = '') => {
  const random = rng(1000 + i);
  const word = () => Array.from({ length: 4 + Math.floor(random() * 5) }, () => 'abcdefghiklmnoprstuvw'[Math.floor(random() * 21)]).join('');
  const sentence = () => `The ${word()} council of ${word()} voted ${Math.floor(random() * 90) + 10} times on the ${word()} ${word()} plan for ${word()} ${word()}.`;
  return `${Array.from({ length: 5 }, sentence).join(' ')}${extra}`;
};

/** A mix of what a real import holds: new articles, exact duplicates, an edit, an older copy, bad lines. */
function items(): FileItem[] {
  const inputs: FileItem[] = [
    { input: { text: story(1), title: 'Fishermen rescued', published: '2026-11-18', origin: 'f:1' } },
    { input: { text: story(1), title: 'Fishermen rescued', published: '2026-11-18', origin: 'f:2' } }, // the same text
    { input: { text: 'too short', origin: 'f:3' } },
    { rejected: 'invalid JSON (Unexpected token)', origin: 'f:4' },
    { input: { text: story(2), title: 'Second rescue', url: 'https://news.example/rescue-2', published: '2026-11-18', origin: 'f:5' } },
    // The same story edited (one sentence more) and published later: an update of f:5, read while f:5 may still be in flight.
    { input: { text: story(2, ' Two of the rescued men were taken to hospital with hypothermia.'), title: 'Second rescue, updated', published: '2026-11-19', origin: 'f:6' } },
    // An older copy of the edit: a duplicate.
    { input: { text: story(2, ' Two of the rescued men were taken to hospital with hypothermia.'), title: 'Old copy', published: '2026-11-10', origin: 'f:7' } },
    { input: { text: story(3), title: 'Bad date', published: 'not a date at all', origin: 'f:8' } },
    { input: { text: story(4), title: 'Bad link', url: 'ftp://files.example/x', origin: 'f:9' } },
    { input: { text: story(5), title: 'Re-dated', published: '2026-11-19', origin: 'f:10' } },
    { input: { text: story(5), title: 'Re-dated', published: '2026-11-20', origin: 'f:11' } }, // same words, a newer date
  ];
  return inputs;
}

async function* from(list: readonly FileItem[], pulled?: { n: number }) {
  for (const item of list) {
    if (pulled) pulled.n++;
    yield item;
  }
}

async function run(t: TestCore, list: readonly FileItem[], p?: AnalysisPool, readAhead?: number) {
  const outcomes: IngestOutcome[] = [];
  const counts = await ingestStream(t.core, from(list), (o) => outcomes.push(o), { pool: p, readAhead });
  return { outcomes, counts };
}

/** Every article the outcomes name is stored alike in both cores, with the same entities (the times of storing aside). */
async function expectSameArticles(a: TestCore, b: TestCore, outcomes: readonly IngestOutcome[]) {
  for (const o of outcomes.filter((x) => x.articleId)) {
    const [x, y] = await Promise.all([a.core.store.getArticle(o.articleId!), b.core.store.getArticle(o.articleId!)]);
    expect({ ...y, ingestedAt: 0, updatedAt: 0 }).toEqual({ ...x, ingestedAt: 0, updatedAt: 0 });
    const [ex, ey] = await Promise.all([a.core.store.entitiesOf(x!.sentences.map((s) => s.id)), b.core.store.entitiesOf(y!.sentences.map((s) => s.id))]);
    expect([...ey]).toEqual([...ex]);
  }
}

const comparable = (o: IngestOutcome) => ({ status: o.status, origin: o.origin, articleId: o.articleId, title: o.title, reason: o.reason });

// Each worker loads the language models before its first article (a few seconds of CPU on a busy machine).
describe('analysis pool', { timeout: 90_000 }, () => {
  it('gives the same outcomes, in input order, as analysing on the main thread, with the same rows stored', async () => {
    const plain = await core();
    const pooled = await core();
    const a = await run(plain, items());
    const b = await run(pooled, items(), pool(pooled), 8);
    expect(a.outcomes.map((o) => o.status)).toEqual(['added', 'duplicate', 'rejected', 'rejected', 'added', 'updated', 'duplicate', 'rejected', 'rejected', 'added', 'updated']);
    expect(b.outcomes.map(comparable)).toEqual(a.outcomes.map(comparable));
    expect(b.counts).toEqual(a.counts);
    await expectSameArticles(plain, pooled, a.outcomes);
  });

  it('gives the same outcomes and rows when the workers have a backlog and this thread prepares the articles it hands out', async () => {
    const plain = await core();
    const pooled = await core();
    const a = await run(plain, items());
    // One request per worker and a long window: requests wait, so most articles are prepared here.
    const b = await run(pooled, items(), pool(pooled, { workers: 1, perWorker: 1 }), 10);
    expect(b.outcomes.map(comparable)).toEqual(a.outcomes.map(comparable));
    for (const o of a.outcomes.filter((x) => x.articleId)) {
      const [x, y] = await Promise.all([plain.core.store.getArticle(o.articleId!), pooled.core.store.getArticle(o.articleId!)]);
      expect({ ...y, ingestedAt: 0, updatedAt: 0 }).toEqual({ ...x, ingestedAt: 0, updatedAt: 0 });
    }
  });

  it('rejects only the article whose analysis kills a worker; the others around it are stored in order', async () => {
    const t = await core();
    const p = pool(t, { workers: 1, script: new URL('../fixtures/workers/crashing-analysis-worker.mjs', import.meta.url) });
    const list: FileItem[] = [1, 2, 3, 4, 5, 6].map((i) => ({ input: { text: story(10 + i, i === 3 ? ' CRASH-THE-WORKER' : ''), title: `Story ${i}`, origin: `s:${i}` } }));
    const { outcomes } = await run(t, list, p, 6);
    expect(outcomes.map((o) => [o.origin, o.status])).toEqual([
      ['s:1', 'added'],
      ['s:2', 'added'],
      ['s:3', 'rejected'],
      ['s:4', 'added'],
      ['s:5', 'added'],
      ['s:6', 'added'],
    ]);
    expect(outcomes[2]!.reason).toMatch(/^analysing it stopped the worker \(analysis worker stopped \(exit code 7\)\)$/);
    expect(await t.core.store.countArticles()).toBe(5);
  });

  it('refuses the import with a reason when no worker can start, instead of waiting forever', async () => {
    const t = await core();
    const p = pool(t, { workers: 1, script: new URL('../fixtures/workers/no-such-worker.mjs', import.meta.url) });
    const list: FileItem[] = [1, 2, 3].map((i) => ({ input: { text: story(i), origin: `x:${i}` } }));
    await expect(run(t, list, p)).rejects.toThrow(/analysis workers keep failing: Cannot find module/);
  });

  it('replaces a worker after its share of articles and stores every article in order', async () => {
    const t = await core();
    const list: FileItem[] = Array.from({ length: 5 }, (_, i) => ({ input: { text: story(200 + i), title: `Story ${i}`, origin: `r:${i}` } }));
    const { outcomes } = await run(t, list, pool(t, { workers: 1, recycleAfter: 2 }), 5);
    expect(outcomes.map((o) => [o.origin, o.status])).toEqual(list.map((_, i) => [`r:${i}`, 'added']));
    expect(await t.core.store.countArticles()).toBe(5);
  });

  it('reads at most its window ahead of the article being stored', async () => {
    const t = await core();
    const list: FileItem[] = Array.from({ length: 40 }, (_, i) => ({ input: { text: story(100 + i), title: `Story ${i}`, origin: `m:${i}` } }));
    const pulled = { n: 0 };
    let most = 0;
    const p = pool(t, { workers: 1 });
    await ingestStream(t.core, from(list, pulled), (_o, progress) => {
      const stored = Object.values(progress.counts).reduce((a, b) => a + b, 0);
      most = Math.max(most, pulled.n - stored);
    }, { pool: p, readAhead: 5 });
    expect(pulled.n).toBe(40);
    // The window, and the item being stored.
    expect(most).toBeLessThanOrEqual(5);
    expect(most).toBeGreaterThanOrEqual(4);
  });

  it('stops the workers once every article is stored, before the final index merge', async () => {
    const t = await core();
    const list: FileItem[] = Array.from({ length: 6 }, (_, i) => ({ input: { text: story(200 + i), title: `Story ${i}`, origin: `w:${i}` } }));
    const p = pool(t, { workers: 1 });
    const events: string[] = [];
    const store = t.core.store;
    // The merge of a large import takes seconds; the workers' heaps need not be held through it.
    const target = { ...t.core, ingestPrepared: t.core.ingestPrepared.bind(t.core), ingest: t.core.ingest.bind(t.core), store: { ...store, batch: store.batch.bind(store), tidyAfterImport: async () => void events.push(`merge after ${await p.prepare({ text: story(300) }).then(() => 'a live pool', (e: Error) => e.message)}`) } };
    const counts = await ingestStream(target, from(list), (o) => events.push(o.status), { pool: p, whenStored: () => p.close() });
    expect(counts.added).toBe(6);
    expect(events).toEqual([...Array(6).fill('added'), 'merge after analysis pool closed']);
  });

  it('a core with an analysis worker (the bot) stores single articles as it does on its own thread', async () => {
    const plain = await core();
    const t = await makeTestCore({ seed: false, now: () => NOW, analysisWorkers: 1 });
    cores.push(t);
    const inputs = items().flatMap((i) => ('input' in i ? [i.input] : []));
    const a: IngestOutcome[] = [];
    const b: IngestOutcome[] = [];
    for (const input of inputs) {
      a.push(await plain.core.ingest(input));
      b.push(await t.core.ingest(input));
    }
    expect(b.map(comparable)).toEqual(a.map(comparable));
    await expectSameArticles(plain, t, a);
  });

  it('a lazy pool starts its worker with the first article, stops it after a while idle, and starts one again for the next', async () => {
    const t = await core();
    const p = pool(t, { workers: 1, lazy: true, idleMs: 50 });
    const first = await p.prepare({ text: story(300), origin: 'i:1' });
    expect('prepared' in first && first.prepared.analysis).toMatchObject({ sentences: expect.any(Array) });
    await waitFor(() => t.logLines.some((l) => l.includes('analysis workers stopped while idle')));
    const second = await p.prepare({ text: story(301), origin: 'i:2' });
    expect('prepared' in second && second.prepared.analysis).toMatchObject({ sentences: expect.any(Array) });
    expect(t.logLines.filter((l) => l.includes('analysis worker died'))).toEqual([]);
  });

  it('stores an article as large as ingest takes, analysed within the worker\'s memory limit', async () => {
    const t = await core();
    // About 395,000 characters of distinct sentences (the limit is 400,000); a generous CPU budget
    // so a busy machine does not reject it for time.
    let text = '';
    for (let i = 0; text.length < 395_000; i++) text += `${story(2000 + i)}\n\n`;
    const p = pool(t, { workers: 1, analysisBudgetMs: 120_000 });
    const { outcomes } = await run(t, [{ input: { text, title: 'The longest report', origin: 'big:1' } }], p);
    expect(outcomes.map((o) => [o.status, o.reason])).toEqual([['added', undefined]]);
    const stored = await t.core.store.getArticle(outcomes[0]!.articleId!);
    expect(stored!.sentences.length).toBeGreaterThan(4000);
  });
});
