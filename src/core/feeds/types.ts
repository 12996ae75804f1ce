// Feeds (/feed subscribe): what is stored about each, and the FeedStore port. SQLite implements
// it (sqlite-feed-store.ts); any store must keep the same contract (docs/news.md).

export interface Feed {
  id: string;
  /** Whose feed: a workspace ("slack:T123") or SHARED_SCOPE (the operator's). */
  scope: string;
  url: string;
  title: string | null;
  intervalMinutes: number;
  createdAt: string;
  createdBy: string;
  /** Conditional GET validators from the last successful fetch. */
  etag: string | null;
  lastModified: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  /** Failures in a row; 0 after a success. A failing feed backs off but is never disabled. */
  failures: number;
  nextPollAt: string;
  /** What the last successful poll did ("2 added, 1 updated, 1 item skipped"). */
  lastResult: string | null;
  /** Articles stored from it. */
  articleCount: number;
}

export interface NewFeed {
  id: string;
  scope: string;
  url: string;
  intervalMinutes: number;
  createdBy: string;
  now: string;
}

export type PollRecord =
  | { ok: true; at: string; nextPollAt: string; etag: string | null; lastModified: string | null; title: string | null; result: string }
  | { ok: false; at: string; nextPollAt: string; error: string };

export interface FeedItemSeen {
  firstSeenAt: string;
  /** Of the item's title, link, date and text when last stored; null when storing it failed. */
  fingerprint: string | null;
  articleId: string | null;
}

export interface FeedStore {
  /** Adds a feed; undefined when this scope already has one with that URL. */
  addFeed(feed: NewFeed): Promise<Feed | undefined>;
  /** A scope's feed by id or URL. */
  findFeed(scope: string, idOrUrl: string): Promise<Feed | undefined>;
  /** A scope's feeds (null: every feed), oldest first, with their article counts. */
  listFeeds(scope: string | null): Promise<Feed[]>;
  removeFeed(scope: string, id: string): Promise<boolean>;
  /**
   * Claims up to `limit` feeds due at `now` for `owner` until `leaseUntil`: a feed leased by
   * another owner is not claimed, so two processes never poll the same feed at once; its next
   * poll time, stored with each result, makes it once per interval.
   */
  claimDueFeeds(now: string, owner: string, leaseUntil: string, limit: number, onlyId?: string): Promise<Feed[]>;
  /** Stores a poll's outcome and releases the lease (only if `owner` still holds it). */
  recordPoll(id: string, owner: string, record: PollRecord): Promise<void>;
  /** Gives a lease back without a poll (shutting down), so another process may poll it at once. */
  releaseFeed(id: string, owner: string): Promise<void>;
  itemSeen(feedId: string, key: string): Promise<FeedItemSeen | undefined>;
  /** Records an item (keeping the first-seen date of an item seen before). */
  recordItem(feedId: string, key: string, seen: FeedItemSeen): Promise<void>;
}
