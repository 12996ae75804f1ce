// FeedStore on SQLite. A claim is one conditional UPDATE (next poll due, lease free or expired), so
// of two processes on one database file exactly one wins each feed.
import type Database from 'better-sqlite3';
import { migrate, registerSchema } from '../store/sqlite-schema.ts';
import { feedFromRow, type FeedRow as FeedRowOf } from './feed-row.ts';
import type { Feed, FeedItemSeen, FeedStore, NewFeed, PollRecord } from './types.ts';

registerSchema(
  'feeds-v1',
  `CREATE TABLE feeds (
     id TEXT PRIMARY KEY,
     scope TEXT NOT NULL,
     url TEXT NOT NULL,
     title TEXT,
     interval_minutes INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     etag TEXT,
     last_modified TEXT,
     last_success_at TEXT,
     last_error_at TEXT,
     last_error TEXT,
     last_result TEXT,
     failures INTEGER NOT NULL DEFAULT 0,
     next_poll_at TEXT NOT NULL,
     lease_owner TEXT,
     lease_until TEXT,
     UNIQUE (scope, url)
   );
   CREATE INDEX feeds_due ON feeds (next_poll_at);
   CREATE TABLE feed_items (
     feed_id TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     item_key TEXT NOT NULL,
     first_seen_at TEXT NOT NULL,
     fingerprint TEXT,
     article_id TEXT,
     PRIMARY KEY (feed_id, item_key)
   ) WITHOUT ROWID;`,
);

type FeedRow = FeedRowOf<string>;

const SELECT = `SELECT f.*, (SELECT count(DISTINCT i.article_id) FROM feed_items i WHERE i.feed_id = f.id AND i.article_id IS NOT NULL) AS article_count FROM feeds f`;

// Timestamps are stored as ISO text.
const toFeed = (r: FeedRow): Feed => feedFromRow(r, (t) => t);

export class SqliteFeedStore implements FeedStore {
  constructor(private readonly db: Database.Database) {
    migrate(db);
  }

  async addFeed(f: NewFeed): Promise<Feed | undefined> {
    const res = this.db
      .prepare(
        `INSERT INTO feeds (id, scope, url, interval_minutes, created_at, created_by, next_poll_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope, url) DO NOTHING`,
      )
      .run(f.id, f.scope, f.url, f.intervalMinutes, f.now, f.createdBy, f.now);
    return res.changes ? this.findFeed(f.scope, f.id) : undefined;
  }

  async findFeed(scope: string, idOrUrl: string): Promise<Feed | undefined> {
    const row = this.db.prepare(`${SELECT} WHERE f.scope = ? AND (f.id = ? OR f.url = ?)`).get(scope, idOrUrl, idOrUrl) as FeedRow | undefined;
    return row && toFeed(row);
  }

  async listFeeds(scope: string | null): Promise<Feed[]> {
    const rows = (scope === null ? this.db.prepare(`${SELECT} ORDER BY f.created_at, f.id`).all() : this.db.prepare(`${SELECT} WHERE f.scope = ? ORDER BY f.created_at, f.id`).all(scope)) as FeedRow[];
    return rows.map(toFeed);
  }

  async removeFeed(scope: string, id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM feeds WHERE scope = ? AND id = ?').run(scope, id).changes > 0;
  }

  async claimDueFeeds(now: string, owner: string, leaseUntil: string, limit: number, onlyId?: string): Promise<Feed[]> {
    const due = this.db
      .prepare(
        `SELECT id FROM feeds WHERE next_poll_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ${onlyId ? 'AND id = ?' : ''} ORDER BY next_poll_at LIMIT ?`,
      )
      .all(now, now, ...(onlyId ? [onlyId] : []), limit) as { id: string }[];
    const claim = this.db.prepare(
      'UPDATE feeds SET lease_owner = ?, lease_until = ? WHERE id = ? AND next_poll_at <= ? AND (lease_until IS NULL OR lease_until <= ?)',
    );
    const claimed: Feed[] = [];
    for (const { id } of due) {
      if (claim.run(owner, leaseUntil, id, now, now).changes !== 1) continue;
      const row = this.db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as FeedRow | undefined;
      if (row) claimed.push(toFeed(row));
    }
    return claimed;
  }

  async recordPoll(id: string, owner: string, r: PollRecord): Promise<void> {
    if (r.ok) {
      this.db
        .prepare(
          `UPDATE feeds SET last_success_at = ?, next_poll_at = ?, etag = ?, last_modified = ?, title = COALESCE(?, title), last_result = ?,
           failures = 0, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?`,
        )
        .run(r.at, r.nextPollAt, r.etag, r.lastModified, r.title, r.result, id, owner);
    } else {
      this.db
        .prepare(
          `UPDATE feeds SET last_error_at = ?, last_error = ?, next_poll_at = ?, failures = failures + 1,
           lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?`,
        )
        .run(r.at, r.error, r.nextPollAt, id, owner);
    }
  }

  async releaseFeed(id: string, owner: string): Promise<void> {
    this.db.prepare('UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?').run(id, owner);
  }

  async itemSeen(feedId: string, key: string): Promise<FeedItemSeen | undefined> {
    const row = this.db.prepare('SELECT first_seen_at, fingerprint, article_id FROM feed_items WHERE feed_id = ? AND item_key = ?').get(feedId, key) as
      | { first_seen_at: string; fingerprint: string | null; article_id: string | null }
      | undefined;
    return row && { firstSeenAt: row.first_seen_at, fingerprint: row.fingerprint, articleId: row.article_id };
  }

  async recordItem(feedId: string, key: string, seen: FeedItemSeen): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO feed_items (feed_id, item_key, first_seen_at, fingerprint, article_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (feed_id, item_key) DO UPDATE SET fingerprint = excluded.fingerprint, article_id = COALESCE(excluded.article_id, feed_items.article_id)`,
      )
      .run(feedId, key, seen.firstSeenAt, seen.fingerprint, seen.articleId);
  }
}
