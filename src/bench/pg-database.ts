// A PostgreSQL database of the bench's own for one run, on the server a `--postgres` URL names:
// created empty (briefbot migrates it on first open, as a bot would) and dropped afterwards, so
// the bench never writes into a database that tests or bots use.
import pg from 'pg';

export interface BenchDatabase {
  /** The same server URL with the bench database as its path. */
  url: string;
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl, application_name: 'briefbot-bench' });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

export async function createBenchDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await onServer(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    // WITH (FORCE) (PostgreSQL 13+) ends connections a failed child may have left open.
    drop: () => onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
