// Picks the storage: PostgreSQL when a postgres:// URL is configured (several bot processes can
// share it), otherwise the embedded SQLite file. Both carry articles, subscriptions and the
// delivery ledger, and both migrate their schema here, at start-up.
import type { FeedStore } from '../feeds/types.ts';
import type { ScheduleStore } from '../schedule/types.ts';
import type { ArticleStore } from './article-store.ts';

export interface Stores {
  kind: 'sqlite' | 'postgres';
  articles: ArticleStore;
  schedule: ScheduleStore;
  feeds: FeedStore;
  /** Bytes the store takes on disk (the SQLite file, or the PostgreSQL tables and indexes). */
  sizeBytes(): Promise<number>;
}

export interface StoreLocation {
  /** SQLite file, used when no databaseUrl is given. */
  dbPath: string;
  databaseUrl?: string | undefined;
}

export async function openStores(where: StoreLocation): Promise<Stores> {
  if (where.databaseUrl) {
    // Loaded only when asked for, so the SQLite default never pays for the pg driver.
    // One after the other: each module registers its migrations as it loads, in this order.
    const { PgDatabase } = await import('./postgres/pg-database.ts');
    const { PgArticleStore } = await import('./postgres/pg-article-store.ts');
    const { PgScheduleStore } = await import('../schedule/pg-schedule-store.ts');
    const { PgFeedStore } = await import('../feeds/pg-feed-store.ts');
    const db = await PgDatabase.open(where.databaseUrl);
    return {
      kind: 'postgres',
      articles: new PgArticleStore(db),
      schedule: await PgScheduleStore.open(db),
      feeds: await PgFeedStore.open(db),
      sizeBytes: () => db.sizeBytes(),
    };
  }
  const [{ SqliteArticleStore }, { SqliteScheduleStore }, { SqliteFeedStore }] = await Promise.all([
    import('./sqlite-store.ts'),
    import('../schedule/sqlite-schedule-store.ts'),
    import('../feeds/sqlite-feed-store.ts'),
  ]);
  const articles = SqliteArticleStore.open(where.dbPath);
  const sizeBytes = async () => (articles.db.pragma('page_count', { simple: true }) as number) * (articles.db.pragma('page_size', { simple: true }) as number);
  return { kind: 'sqlite', articles, schedule: new SqliteScheduleStore(articles.db), feeds: new SqliteFeedStore(articles.db), sizeBytes };
}
