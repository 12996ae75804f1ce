// PostgreSQL for tests: TEST_DATABASE_URL names the server (.ci/run sets it when one answers).
// Every test gets a schema of its own, dropped afterwards, so parallel test files never collide.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach } from 'vitest';
import { openStores, type Stores } from '../../src/core/store/open-stores.ts';
import type { PgArticleStore } from '../../src/core/store/postgres/pg-article-store.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Why PostgreSQL tests are skipped here, or undefined when they run. */
export const pgSkipReason = TEST_DATABASE_URL
  ? undefined
  : 'skipped: TEST_DATABASE_URL is not set (no PostgreSQL server here; .ci/run sets it when pg_isready answers)';

export interface TestSchema {
  /** A postgres:// URL whose connections use only this schema. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** The URL with libpq's `options=-c search_path=NAME`, as any bot process accepts it. */
export function urlWithSchema(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function createTestSchema(): Promise<TestSchema> {
  if (!TEST_DATABASE_URL) throw new Error(pgSkipReason);
  const name = `bbtest_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: urlWithSchema(TEST_DATABASE_URL, name),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * PostgreSQL article stores on a schema made fresh by `fresh()`: `open()` opens one more store on it,
 * as another bot process would. After each test the stores are closed and the schema dropped.
 */
export function pgArticleStoresPerTest(): { fresh: () => Promise<TestSchema>; open: () => Promise<PgArticleStore> } {
  let schema: TestSchema | undefined;
  const opened: Stores[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.articles.close();
    await schema?.drop();
    schema = undefined;
  });
  return {
    fresh: async () => (schema = await createTestSchema()),
    open: async () => {
      const s = await openStores({ dbPath: '', databaseUrl: schema!.url });
      opened.push(s);
      return s.articles as PgArticleStore;
    },
  };
}
