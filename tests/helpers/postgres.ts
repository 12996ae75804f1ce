// PostgreSQL for tests: TEST_DATABASE_URL names the server (.ci/run sets it when one answers).
// Every test gets a schema of its own, dropped afterwards, so parallel test files never collide.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
