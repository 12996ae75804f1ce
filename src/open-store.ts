// Opens the configured store (SQLite, or PostgreSQL with DATABASE_URL), turning SQLite's terse
// errors into ones that name the variable to fix.
import { ConfigError } from './config.ts';
import { openStores as openCoreStores, type Stores } from './core/store/open-stores.ts';

const NOT_A_STORE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export async function openStores(where: { dbPath: string; databaseUrl?: string | undefined }): Promise<Stores> {
  if (where.databaseUrl) return openCoreStores(where);
  const dbPath = where.dbPath;
  try {
    return await openCoreStores({ dbPath });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const why = e.message ?? String(err);
    if (e.code && NOT_A_STORE.has(e.code)) {
      throw new ConfigError([`BRIEFBOT_DB: ${dbPath} is not a briefbot store (${why}). Point BRIEFBOT_DB at another file, or move this one away to start afresh.`]);
    }
    if (e.code?.startsWith('SQLITE_') || (e as { code?: string }).code === 'EACCES' || e.code === 'ENOTDIR') {
      throw new ConfigError([`BRIEFBOT_DB: cannot open the store at ${dbPath} (${why}).`]);
    }
    throw err;
  }
}

/** Where the articles are, for people: the SQLite path, or PostgreSQL's host and database (never the password). */
export function describeStore(where: { dbPath: string; databaseUrl?: string | undefined }): string {
  if (!where.databaseUrl) return where.dbPath;
  const u = new URL(where.databaseUrl);
  return `PostgreSQL ${u.hostname || u.searchParams.get('host') || 'local'}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

/** Articles and bytes on disk, for the store gauges. */
export async function storeStats(stores: Stores): Promise<{ articles: number; bytes: number }> {
  return { articles: await stores.articles.countArticles(), bytes: await stores.sizeBytes() };
}
