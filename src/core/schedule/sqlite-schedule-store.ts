// ScheduleStore on SQLite. The UNIQUE (subscription_id, local_date) constraint is the claim:
// two ticks, or two processes on the same database file, can never both insert it.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { migrate, registerSchema } from '../store/sqlite-schema.ts';
import { deliveryFromRow, subscriptionFromRow, type Columns, type DeliveryRow as DeliveryRowOf, type SubscriptionRow as SubscriptionRowOf } from './schedule-rows.ts';
import type { ClaimInput, Delivery, PostedInput, PostedPart, PreparedBriefing, ScheduleStore, Subscription, SubscriptionInput } from './types.ts';

registerSchema(
  'schedule-v1',
  `CREATE TABLE subscriptions (
     id TEXT PRIMARY KEY,
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     workspace_id TEXT,
     time TEXT NOT NULL,
     time_zone TEXT NOT NULL,
     topic TEXT,
     status TEXT NOT NULL CHECK (status IN ('active', 'failing', 'stopped')),
     failing_reason TEXT,
     failing_since TEXT,
     last_error TEXT,
     active_from TEXT NOT NULL,
     created_by TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     UNIQUE (platform, channel_id)
   );
   CREATE TABLE deliveries (
     id TEXT PRIMARY KEY,
     subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
     local_date TEXT NOT NULL,
     due_at TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'skipped')),
     late INTEGER NOT NULL DEFAULT 0,
     claimed_by TEXT,
     lease_until TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     message_id TEXT,
     posted_at TEXT,
     briefed_until TEXT,
     nothing_new INTEGER NOT NULL DEFAULT 0,
     error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     UNIQUE (subscription_id, local_date)
   );
   CREATE INDEX deliveries_claimed ON deliveries (state, lease_until);
   CREATE INDEX deliveries_date ON deliveries (local_date);`,
);

// A briefing longer than one message: the ledger keeps the prepared briefing (so every attempt
// posts the same parts) and each part's message, so a retry or recovery sends only what is missing.
registerSchema(
  'schedule-v2-parts',
  `ALTER TABLE deliveries ADD COLUMN prepared TEXT;
   CREATE TABLE delivery_parts (
     delivery_id TEXT NOT NULL REFERENCES deliveries(id),
     part INTEGER NOT NULL,
     of INTEGER NOT NULL,
     message_id TEXT NOT NULL,
     posted_at TEXT NOT NULL,
     PRIMARY KEY (delivery_id, part)
   );`,
);

// Timestamps are stored as ISO text, booleans as 0 or 1, the prepared briefing as JSON text.
const COLUMNS: Columns<string, number, string | null> = { time: (t) => t, flag: (f) => f === 1, prepared: (p) => (p ? (JSON.parse(p) as PreparedBriefing) : null) };
type SubscriptionRow = SubscriptionRowOf<string>;
type DeliveryRow = DeliveryRowOf<string, number, string | null>;
const toSubscription = (r: SubscriptionRow): Subscription => subscriptionFromRow(r, COLUMNS.time);
const toDelivery = (r: DeliveryRow): Delivery => deliveryFromRow(r, COLUMNS);

export class SqliteScheduleStore implements ScheduleStore {
  constructor(private readonly db: Database.Database) {
    // The database may have been opened before this module registered its tables.
    migrate(db);
  }

  async saveSubscription(input: SubscriptionInput, now: string): Promise<Subscription> {
    // One subscription per channel: subscribing again updates it in place (same id, so the
    // ledger still knows what this channel already got today) and clears any failing state.
    this.db
      .prepare(
        `INSERT INTO subscriptions (id, platform, channel_id, workspace_id, time, time_zone, topic, status, active_from, created_by, created_at, updated_at)
         VALUES (@id, @platform, @channelId, @workspaceId, @time, @timeZone, @topic, 'active', @now, @createdBy, @now, @now)
         ON CONFLICT (platform, channel_id) DO UPDATE SET
           workspace_id = excluded.workspace_id, time = excluded.time, time_zone = excluded.time_zone, topic = excluded.topic,
           status = 'active', failing_reason = NULL, failing_since = NULL, last_error = NULL,
           active_from = excluded.active_from, created_by = excluded.created_by, updated_at = excluded.updated_at`,
      )
      .run({
        id: `s${randomBytes(8).toString('hex')}`,
        platform: input.platform,
        channelId: input.channelId,
        workspaceId: input.workspaceId ?? null,
        time: input.time,
        timeZone: input.timeZone,
        topic: input.topic?.trim() || null,
        createdBy: input.createdBy ?? null,
        now,
      });
    return (await this.getSubscription(input.platform, input.channelId))!;
  }

  async getSubscription(platform: string, channelId: string): Promise<Subscription | undefined> {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?').get(platform, channelId) as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  async getSubscriptionById(id: string): Promise<Subscription | undefined> {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  async stopSubscription(platform: string, channelId: string, now: string): Promise<boolean> {
    const r = this.db
      .prepare("UPDATE subscriptions SET status = 'stopped', updated_at = ? WHERE platform = ? AND channel_id = ? AND status != 'stopped'")
      .run(now, platform, channelId);
    return r.changes === 1;
  }

  async activeSubscriptions(): Promise<Subscription[]> {
    return (this.db.prepare("SELECT * FROM subscriptions WHERE status = 'active' ORDER BY created_at, id").all() as SubscriptionRow[]).map(toSubscription);
  }

  async markFailing(subscriptionId: string, reason: string, now: string): Promise<void> {
    this.db
      .prepare("UPDATE subscriptions SET status = 'failing', failing_reason = ?, failing_since = ?, updated_at = ? WHERE id = ? AND status = 'active'")
      .run(reason, now, now, subscriptionId);
  }

  async setLastError(subscriptionId: string, error: string | null, now: string): Promise<void> {
    this.db.prepare('UPDATE subscriptions SET last_error = ?, updated_at = ? WHERE id = ?').run(error, now, subscriptionId);
  }

  async deliveryKeysSince(localDate: string): Promise<Set<string>> {
    const rows = this.db.prepare('SELECT subscription_id, local_date FROM deliveries WHERE local_date >= ?').all(localDate) as {
      subscription_id: string;
      local_date: string;
    }[];
    return new Set(rows.map((r) => `${r.subscription_id}|${r.local_date}`));
  }

  async claim(c: ClaimInput, now: string): Promise<boolean> {
    const r = this.db
      .prepare(
        `INSERT INTO deliveries (id, subscription_id, local_date, due_at, state, late, claimed_by, lease_until, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'claimed', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(c.id, c.subscriptionId, c.localDate, c.dueAt, c.late ? 1 : 0, c.claimedBy, c.leaseUntil, now, now);
    return r.changes === 1;
  }

  async takeOver(id: string, claimedBy: string, leaseUntil: string, now: string): Promise<boolean> {
    const r = this.db
      .prepare("UPDATE deliveries SET claimed_by = ?, lease_until = ?, updated_at = ? WHERE id = ? AND state = 'claimed' AND lease_until <= ?")
      .run(claimedBy, leaseUntil, now, id, now);
    return r.changes === 1;
  }

  async renewLease(id: string, claimedBy: string, leaseUntil: string, now: string): Promise<boolean> {
    const r = this.db
      .prepare("UPDATE deliveries SET lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'claimed' AND claimed_by = ?")
      .run(leaseUntil, now, id, claimedBy);
    return r.changes === 1;
  }

  async savePrepared(id: string, claimedBy: string, prepared: PreparedBriefing, now: string): Promise<boolean> {
    const r = this.db
      .prepare("UPDATE deliveries SET prepared = ?, updated_at = ? WHERE id = ? AND state = 'claimed' AND claimed_by = ? AND prepared IS NULL")
      .run(JSON.stringify(prepared), now, id, claimedBy);
    return r.changes === 1;
  }

  async markPartPosted(id: string, p: PostedPart, now: string): Promise<void> {
    this.db
      .prepare('INSERT INTO delivery_parts (delivery_id, part, of, message_id, posted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(id, p.part, p.of, p.messageId, now);
  }

  async postedParts(id: string): Promise<PostedPart[]> {
    return this.db.prepare('SELECT part, of, message_id AS messageId FROM delivery_parts WHERE delivery_id = ? ORDER BY part').all(id) as PostedPart[];
  }

  async markPosted(id: string, p: PostedInput, now: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE deliveries SET state = 'posted', message_id = ?, posted_at = ?, briefed_until = ?, nothing_new = ?, lease_until = NULL, error = NULL, updated_at = ?
         WHERE id = ? AND state = 'claimed'`,
      )
      .run(p.messageId, p.postedAt, p.briefedUntil, p.nothingNew ? 1 : 0, now, id);
  }

  async markFailed(id: string, error: string, now: string): Promise<void> {
    this.db.prepare("UPDATE deliveries SET state = 'failed', error = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'claimed'").run(error, now, id);
  }

  async markSkipped(id: string, reason: string, now: string): Promise<void> {
    this.db.prepare("UPDATE deliveries SET state = 'skipped', error = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'claimed'").run(reason, now, id);
  }

  async release(id: string, claimedBy: string, now: string): Promise<void> {
    this.db.prepare("UPDATE deliveries SET lease_until = ?, updated_at = ? WHERE id = ? AND state = 'claimed' AND claimed_by = ?").run(now, now, id, claimedBy);
  }

  async recordSkipped(s: { id: string; subscriptionId: string; localDate: string; dueAt: string; reason: string }, now: string): Promise<boolean> {
    const r = this.db
      .prepare(
        `INSERT INTO deliveries (id, subscription_id, local_date, due_at, state, late, error, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'skipped', 1, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(s.id, s.subscriptionId, s.localDate, s.dueAt, s.reason, now, now);
    return r.changes === 1;
  }

  async expiredClaims(now: string): Promise<Delivery[]> {
    return (this.db.prepare("SELECT * FROM deliveries WHERE state = 'claimed' AND lease_until <= ? ORDER BY due_at").all(now) as DeliveryRow[]).map(toDelivery);
  }

  async getDelivery(id: string): Promise<Delivery | undefined> {
    const row = this.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  async deliveriesOf(subscriptionId: string, limit = 20): Promise<Delivery[]> {
    return (this.db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY local_date DESC LIMIT ?').all(subscriptionId, limit) as DeliveryRow[]).map(
      toDelivery,
    );
  }

  async lastPosted(subscriptionId: string): Promise<Delivery | undefined> {
    const row = this.db
      .prepare("SELECT * FROM deliveries WHERE subscription_id = ? AND state = 'posted' ORDER BY local_date DESC LIMIT 1")
      .get(subscriptionId) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }
}
