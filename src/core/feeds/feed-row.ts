// A `feeds` row as both stores read it, and the Feed it describes. The SQLite and PostgreSQL
// tables have the same columns; only the drivers differ in what a timestamp comes back as
// (PostgreSQL: a Date, SQLite: the ISO text it was stored as), hence `T` and `iso`.
import type { Feed } from './types.ts';

export interface FeedRow<T> {
  id: string;
  scope: string;
  url: string;
  title: string | null;
  interval_minutes: number;
  created_at: T;
  created_by: string;
  etag: string | null;
  last_modified: string | null;
  last_success_at: T | null;
  last_error_at: T | null;
  last_error: string | null;
  last_result: string | null;
  failures: number;
  next_poll_at: T;
  article_count: number;
}

/** `iso`: the driver's timestamp as ISO-8601 text. */
export function feedFromRow<T>(r: FeedRow<T>, iso: (t: T) => string): Feed {
  const optional = (t: T | null) => (t === null ? null : iso(t));
  return {
    id: r.id,
    scope: r.scope,
    url: r.url,
    title: r.title,
    intervalMinutes: r.interval_minutes,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    etag: r.etag,
    lastModified: r.last_modified,
    lastSuccessAt: optional(r.last_success_at),
    lastErrorAt: optional(r.last_error_at),
    lastError: r.last_error,
    lastResult: r.last_result,
    failures: r.failures,
    nextPollAt: iso(r.next_poll_at),
    articleCount: r.article_count,
  };
}
