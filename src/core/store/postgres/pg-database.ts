// One PostgreSQL connection pool shared by the article store and the schedule store, with
// versioned migrations that run at start-up.
//
// Migrations are named and recorded in `schema_migrations`; each runs once, in registration
// order, inside one transaction that holds an advisory lock, so several bot processes starting
// at the same moment on an empty database never apply the same migration twice.
import pg from 'pg';

/** Ordered, named migrations. Modules (schedule, feeds) add theirs with registerPgMigration. */
const migrations = new Map<string, string>();

export function registerPgMigration(name: string, sql: string): void {
  if (!migrations.has(name)) migrations.set(name, sql);
}

// Any fixed 64-bit key: every briefbot process on the database takes the same lock to migrate.
const MIGRATION_LOCK = 7_341_901_222;

export interface Queryable {
  query<R extends pg.QueryResultRow>(sql: string, args?: unknown[]): Promise<pg.QueryResult<R>>;
  /** The same as a named prepared statement (see PgDatabase.queryPrepared). */
  queryPrepared<R extends pg.QueryResultRow>(sql: string, args?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * PostgreSQL text cannot hold NUL (SQLite's can): a NUL typed into a topic or pasted into a
 * question would fail the whole statement, so it is dropped from string parameters instead.
 */
function textSafe(args: unknown[]): unknown[] {
  const clean = (v: unknown): unknown => (typeof v === 'string' ? (v.includes('\0') ? v.replace(/\0/g, '') : v) : Array.isArray(v) ? v.map(clean) : v);
  return args.map(clean);
}

/**
 * PostgreSQL's default random_page_cost (4, for spinning disks) makes a sequential scan of every
 * article look cheaper than the GIN index for a common word, but each row's tsvector is TOASTed
 * and the scan unpacks them all: 125 ms against 25 ms at 10,000 articles. 1.1 is the usual value
 * for SSDs and cached data. Set at connection start with libpq's `options`, after any the URL has
 * (its search_path), so it costs no round trip.
 */
function withPlannerSettings(url: string): string {
  try {
    const u = new URL(url);
    u.searchParams.set('options', [u.searchParams.get('options'), '-c random_page_cost=1.1'].filter(Boolean).join(' '));
    return u.toString();
  } catch {
    return url;
  }
}

export class PgDatabase {
  private migrated = 0;

  private constructor(readonly pool: pg.Pool) {}

  /**
   * Opens a pool on a postgres:// URL. libpq's `?options=-c search_path=NAME` selects a schema
   * (tests use one schema per run so parallel test files never collide).
   */
  static async open(url: string, opts: { max?: number; migrateThrough?: string } = {}): Promise<PgDatabase> {
    const pool = new pg.Pool({ connectionString: withPlannerSettings(url), max: opts.max ?? 10, application_name: 'briefbot' });
    // An idle connection the server drops (restart, failover) must not crash the process:
    // the pool discards it and the next query opens a fresh one.
    pool.on('error', () => {});
    const db = new PgDatabase(pool);
    await db.migrate(opts.migrateThrough);
    return db;
  }

  query<R extends pg.QueryResultRow>(sql: string, args: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, textSafe(args));
  }

  private readonly names = new Map<string, string>();

  /**
   * A named prepared statement: each connection parses it once, and after a few runs PostgreSQL
   * may keep one generic plan. For the small lookups an answer makes dozens of (an article, its
   * entities) and the writes an import makes per article (the same text every time); not for
   * searches, whose best plan depends on the words asked for.
   */
  queryPrepared<R extends pg.QueryResultRow>(sql: string, args: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(this.prepared(sql, args));
  }

  /** The statement's name (one per SQL text, the same on every connection) with its values. */
  private prepared(sql: string, args: unknown[]): pg.QueryConfig {
    let name = this.names.get(sql);
    if (!name) this.names.set(sql, (name = `briefbot_${this.names.size + 1}`));
    return { name, text: sql, values: textSafe(args) };
  }

  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  async tx<T>(work: (c: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await work({
        query: <R extends pg.QueryResultRow>(sql: string, args: unknown[] = []) => client.query<R>(sql, textSafe(args)),
        queryPrepared: <R extends pg.QueryResultRow>(sql: string, args: unknown[] = []) => client.query<R>(this.prepared(sql, args)),
      });
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Applies every registered migration not yet recorded. Cheap when there is nothing to do.
   * `through`: stop after that one (tests build a store as an earlier release left it).
   */
  async migrate(through?: string): Promise<void> {
    if (this.migrated === migrations.size) return;
    const all = [...migrations];
    const last = through === undefined ? -1 : all.findIndex(([name]) => name === through);
    if (through !== undefined && last < 0) throw new Error(`no migration named ${through}`);
    const pending = last < 0 ? all : all.slice(0, last + 1);
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = new Set((await c.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
      for (const [name, sql] of pending) {
        if (done.has(name)) continue;
        await c.query(sql);
        await c.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      }
    });
    this.migrated = pending.length;
  }

  /** Tables, indexes and TOAST of the schema the pool uses. */
  async sizeBytes(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string | null }>(
      "SELECT sum(pg_total_relation_size(c.oid)) AS n FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')",
    );
    return Number(rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private closed = false;
}
