// FeedStore on PostgreSQL. Several bot processes poll one database's feeds: a claim takes due
// feeds with SELECT ... FOR UPDATE SKIP LOCKED, so two processes claiming at the same moment
// split the due feeds between them instead of queueing on each other's locks, and a feed leased
// by one is never polled by another until the lease ends (a killed process's lease just expires).
import { registerPgMigration, type PgDatabase } from '../store/postgres/pg-database.ts';
import { feedFromRow, type FeedRow as FeedRowOf } from './feed-row.ts';
import type { Feed, FeedItemSeen, FeedStore, NewFeed, PollRecord } from './types.ts';

registerPgMigration(
  'feeds-1',
  `CREATE TABLE feeds (
     id text COLLATE "C" PRIMARY KEY,
     scope text COLLATE "C" NOT NULL,
     url text NOT NULL,
     title text,
     interval_minutes integer NOT NULL,
     created_at timestamptz NOT NULL,
     created_by text NOT NULL,
     etag text,
     last_modified text,
     last_success_at timestamptz,
     last_error_at timestamptz,
     last_error text,
     last_result text,
     failures integer NOT NULL DEFAULT 0,
     next_poll_at timestamptz NOT NULL,
     lease_owner text,
     lease_until timestamptz,
     UNIQUE (scope, url)
   );
   CREATE INDEX feeds_due ON feeds (next_poll_at);
   CREATE TABLE feed_items (
     feed_id text COLLATE "C" NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     item_key text NOT NULL,
     first_seen_at timestamptz NOT NULL,
     fingerprint text,
     article_id text,
     PRIMARY KEY (feed_id, item_key)
   );`,
);

type FeedRow = FeedRowOf<Date>;

const SELECT = `SELECT f.*, (SELECT count(DISTINCT i.article_id)::int FROM feed_items i WHERE i.feed_id = f.id AND i.article_id IS NOT NULL) AS article_count FROM feeds f`;

// timestamptz comes back as a Date.
const toFeed = (r: FeedRow): Feed => feedFromRow(r, (d) => d.toISOString());

export class PgFeedStore implements FeedStore {
  private constructor(private readonly db: PgDatabase) {}

  /** The store on an open database, with this module's tables migrated. */
  static async open(db: PgDatabase): Promise<PgFeedStore> {
    await db.migrate();
    return new PgFeedStore(db);
  }

  async addFeed(f: NewFeed): Promise<Feed | undefined> {
    const { rowCount } = await this.db.query(
      `INSERT INTO feeds (id, scope, url, interval_minutes, created_at, created_by, next_poll_at) VALUES ($1, $2, $3, $4, $5, $6, $5)
       ON CONFLICT (scope, url) DO NOTHING`,
      [f.id, f.scope, f.url, f.intervalMinutes, f.now, f.createdBy],
    );
    return rowCount ? this.findFeed(f.scope, f.id) : undefined;
  }

  async findFeed(scope: string, idOrUrl: string): Promise<Feed | undefined> {
    const row = (await this.db.query<FeedRow>(`${SELECT} WHERE f.scope = $1 AND (f.id = $2 OR f.url = $2)`, [scope, idOrUrl])).rows[0];
    return row && toFeed(row);
  }

  async listFeeds(scope: string | null): Promise<Feed[]> {
    const { rows } =
      scope === null
        ? await this.db.query<FeedRow>(`${SELECT} ORDER BY f.created_at, f.id`)
        : await this.db.query<FeedRow>(`${SELECT} WHERE f.scope = $1 ORDER BY f.created_at, f.id`, [scope]);
    return rows.map(toFeed);
  }

  async removeFeed(scope: string, id: string): Promise<boolean> {
    return ((await this.db.query('DELETE FROM feeds WHERE scope = $1 AND id = $2', [scope, id])).rowCount ?? 0) > 0;
  }

  async claimDueFeeds(now: string, owner: string, leaseUntil: string, limit: number, onlyId?: string): Promise<Feed[]> {
    const args: unknown[] = [now, owner, leaseUntil, limit];
    if (onlyId) args.push(onlyId);
    const { rows } = await this.db.query<{ id: string }>(
      `UPDATE feeds f SET lease_owner = $2, lease_until = $3
       FROM (SELECT id FROM feeds WHERE next_poll_at <= $1 AND (lease_until IS NULL OR lease_until <= $1) ${onlyId ? 'AND id = $5' : ''}
             ORDER BY next_poll_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
       WHERE f.id = due.id
       RETURNING f.id`,
      args,
    );
    if (!rows.length) return [];
    const claimed = await this.db.query<FeedRow>(`${SELECT} WHERE f.id = ANY($1::text[]) ORDER BY f.next_poll_at, f.id`, [rows.map((r) => r.id)]);
    return claimed.rows.map(toFeed);
  }

  async recordPoll(id: string, owner: string, r: PollRecord): Promise<void> {
    if (r.ok) {
      await this.db.query(
        `UPDATE feeds SET last_success_at = $1, next_poll_at = $2, etag = $3, last_modified = $4, title = COALESCE($5, title), last_result = $6,
         failures = 0, lease_owner = NULL, lease_until = NULL WHERE id = $7 AND lease_owner = $8`,
        [r.at, r.nextPollAt, r.etag, r.lastModified, r.title, r.result, id, owner],
      );
    } else {
      await this.db.query(
        `UPDATE feeds SET last_error_at = $1, last_error = $2, next_poll_at = $3, failures = failures + 1,
         lease_owner = NULL, lease_until = NULL WHERE id = $4 AND lease_owner = $5`,
        [r.at, r.error, r.nextPollAt, id, owner],
      );
    }
  }

  async releaseFeed(id: string, owner: string): Promise<void> {
    await this.db.query('UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2', [id, owner]);
  }

  async itemSeen(feedId: string, key: string): Promise<FeedItemSeen | undefined> {
    const row = (
      await this.db.query<{ first_seen_at: Date; fingerprint: string | null; article_id: string | null }>(
        'SELECT first_seen_at, fingerprint, article_id FROM feed_items WHERE feed_id = $1 AND item_key = $2',
        [feedId, key],
      )
    ).rows[0];
    return row && { firstSeenAt: row.first_seen_at.toISOString(), fingerprint: row.fingerprint, articleId: row.article_id };
  }

  async recordItem(feedId: string, key: string, seen: FeedItemSeen): Promise<void> {
    await this.db.query(
      `INSERT INTO feed_items (feed_id, item_key, first_seen_at, fingerprint, article_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (feed_id, item_key) DO UPDATE SET fingerprint = excluded.fingerprint, article_id = COALESCE(excluded.article_id, feed_items.article_id)`,
      [feedId, key, seen.firstSeenAt, seen.fingerprint, seen.articleId],
    );
  }
}
