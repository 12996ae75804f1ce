// PostgreSQL migrations run at start-up, once, even when several bot processes start together.
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openStores } from '../../src/core/store/open-stores.ts';
import { createTestSchema, pgSkipReason, type TestSchema } from '../helpers/postgres.ts';

describe.skipIf(!!pgSkipReason)(`PostgreSQL migrations${pgSkipReason ? ` (${pgSkipReason})` : ''}`, () => {
  let schema: TestSchema | undefined;
  afterEach(async () => {
    await schema?.drop();
    schema = undefined;
  });

  it('three processes opening an empty database at once apply each migration exactly once', async () => {
    schema = await createTestSchema();
    const opened = await Promise.all([1, 2, 3].map(() => openStores({ dbPath: '', databaseUrl: schema!.url })));
    const c = new pg.Client({ connectionString: schema.url });
    await c.connect();
    try {
      const { rows } = await c.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY applied_at, name');
      expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['articles-1-text-search', 'articles-2-tables', 'schedule-1']));
      expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
      // Opening again finds nothing to do and the stores work.
      const again = await openStores({ dbPath: '', databaseUrl: schema.url });
      expect((await c.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(rows.length);
      expect(await again.articles.countArticles()).toBe(0);
      await again.articles.close();
    } finally {
      await c.end();
      for (const s of opened) await s.articles.close();
    }
  });
});
