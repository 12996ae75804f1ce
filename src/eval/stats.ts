// Small helpers shared by the evaluations: averages, percentages, percentiles, and a core on a
// temporary SQLite file that is removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../core/core.ts';
import { createCore } from '../core/create-core.ts';
import { createLogger } from '../core/log.ts';
import { SqliteArticleStore } from '../core/store/sqlite-store.ts';
import { loadSummaries, type SquadParagraph } from './data.ts';

export const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
export const pct = (x: number) => Math.round(x * 1000) / 10;
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export async function withTempCore<T>(fn: (core: Core) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-eval-'));
  const core = createCore({ store: SqliteArticleStore.open(join(dir, 'eval.db')), log: createLogger({ level: 'silent' }) });
  try {
    return await fn(core);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** All 250 CNN/DailyMail articles, both splits, as `npm run eval` stores them for the news questions. */
export async function storeNewsArticles(core: Core, data: string): Promise<void> {
  for (const item of [...loadSummaries(data, 'dev'), ...loadSummaries(data, 'test')]) await core.ingest({ text: item.article, externalId: item.id, origin: item.id });
}

/** Every SQuAD paragraph of a split as an article of its own. */
export async function storeSquadParagraphs(core: Core, paragraphs: readonly SquadParagraph[]): Promise<void> {
  for (const [i, p] of paragraphs.entries()) await core.ingest({ text: p.context, title: p.title, origin: `squad paragraph ${i}` });
}
