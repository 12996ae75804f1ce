// Opens the configured store, turning SQLite's terse errors into ones that name the variable to fix.
import { ConfigError } from './config.ts';
import { SqliteArticleStore } from './core/store/sqlite-store.ts';

const NOT_A_STORE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export function openStore(dbPath: string): SqliteArticleStore {
  try {
    return SqliteArticleStore.open(dbPath);
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

/** Articles and bytes on disk, for the store gauges. */
export async function storeStats(store: SqliteArticleStore): Promise<{ articles: number; bytes: number }> {
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  const size = store.db.pragma('page_size', { simple: true }) as number;
  return { articles: await store.countArticles(), bytes: pages * size };
}
