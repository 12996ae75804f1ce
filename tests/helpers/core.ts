// A real core on a temporary SQLite file, seeded like a first start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../src/core/core.ts';
import { createCore, seedStarterCorpus } from '../../src/core/create-core.ts';
import { createLogger, type Logger } from '../../src/core/log.ts';
import type { Metrics } from '../../src/core/metrics.ts';
import type { LanguageModel } from '../../src/core/models/language-model.ts';
import type { FetchPolicy } from '../../src/core/net/safe-fetch.ts';
import { openStores, type StoreLocation } from '../../src/core/store/open-stores.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';
import { createTestSchema } from './postgres.ts';

export interface TestCore {
  core: Core;
  dir: string;
  dbPath: string;
  /** Where this core's store is (the SQLite file, or the PostgreSQL schema's URL): open it again
   * with `openStores(location)`, as a second bot process would. */
  location: StoreLocation;
  logLines: string[];
  log: Logger;
  cleanup(): Promise<void>;
}

export async function makeTestCore(
  opts: { seed?: boolean; now?: () => Date; fetch?: Partial<FetchPolicy>; model?: (log: Logger) => LanguageModel; metrics?: Metrics; analysisBudgetMs?: number; analysisWorkers?: number } = {},
): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-test-'));
  const dbPath = join(dir, 'test.db');
  const logLines: string[] = [];
  const log = createLogger({ level: 'debug', write: (l) => logLines.push(l) });
  // BRIEFBOT_TEST_STORE=postgres runs these core tests on PostgreSQL (a schema of their own) instead.
  const pgSchema = process.env.BRIEFBOT_TEST_STORE === 'postgres' ? await createTestSchema() : undefined;
  const location: StoreLocation = pgSchema ? { dbPath, databaseUrl: pgSchema.url } : { dbPath };
  const stores = pgSchema ? await openStores(location) : undefined;
  const store = stores?.articles ?? SqliteArticleStore.open(dbPath);
  const core = createCore({ store, scheduleStore: stores?.schedule, feedStore: stores?.feeds, log, now: opts.now, fetch: opts.fetch, model: opts.model?.(log), metrics: opts.metrics, analysisBudgetMs: opts.analysisBudgetMs, analysisWorkers: opts.analysisWorkers });
  if (opts.seed !== false) await seedStarterCorpus(core);
  return {
    core,
    dir,
    dbPath,
    location,
    logLines,
    log,
    cleanup: async () => {
      await core.close();
      await pgSchema?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
