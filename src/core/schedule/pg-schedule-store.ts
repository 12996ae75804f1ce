// ScheduleStore on PostgreSQL, for several bot processes sharing one database.
//
// How processes share the work without posting twice:
// - a new delivery is claimed by inserting its ledger row; the UNIQUE (subscription, local date)
//   constraint lets exactly one INSERT ... ON CONFLICT DO NOTHING win (a row that does not exist
//   yet cannot be locked, so this is the claim; every loser sees 0 rows and moves on);
// - a claim whose lease ran out (its process was killed) is taken over with
//   SELECT ... FOR UPDATE SKIP LOCKED: the first process to lock the row re-leases it, the others
//   skip it at once instead of queueing behind that lock, and find it no longer expired after.
import { randomBytes } from 'node:crypto';
import { registerPgMigration, type PgDatabase } from '../store/postgres/pg-database.ts';
import { deliveryFromRow, subscriptionFromRow, type Columns, type DeliveryRow as DeliveryRowOf, type SubscriptionRow as SubscriptionRowOf } from './schedule-rows.ts';
import type { ClaimInput, Delivery, PostedInput, PostedPart, PreparedBriefing, ScheduleStore, Subscription, SubscriptionInput } from './types.ts';

registerPgMigration(
  'schedule-1',
  `CREATE TABLE subscriptions (
     id text COLLATE "C" PRIMARY KEY,
     platform text NOT NULL,
     channel_id text NOT NULL,
     workspace_id text,
     time text NOT NULL,
     time_zone text NOT NULL,
     topic text,
     status text NOT NULL CHECK (status IN ('active', 'failing', 'stopped')),
     failing_reason text,
     failing_since timestamptz,
     last_error text,
     active_from timestamptz NOT NULL,
     created_by text,
     created_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL,
     UNIQUE (platform, channel_id)
   );
   CREATE TABLE deliveries (
     id text COLLATE "C" PRIMARY KEY,
     subscription_id text COLLATE "C" NOT NULL REFERENCES subscriptions(id),
     local_date text COLLATE "C" NOT NULL,
     due_at timestamptz NOT NULL,
     state text NOT NULL CHECK (state IN ('claimed', 'posted', 'failed', 'skipped')),
     late boolean NOT NULL DEFAULT false,
     claimed_by text,
     lease_until timestamptz,
     attempts integer NOT NULL DEFAULT 0,
     message_id text,
     posted_at timestamptz,
     briefed_until timestamptz,
     nothing_new boolean NOT NULL DEFAULT false,
     error text,
     created_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL,
     UNIQUE (subscription_id, local_date)
   );
   CREATE INDEX deliveries_claimed ON deliveries (lease_until) WHERE state = 'claimed';
   CREATE INDEX deliveries_date ON deliveries (local_date);`,
);

// A briefing longer than one message: the ledger keeps the prepared briefing (so every attempt
// posts the same parts) and each part's message, so a retry or recovery sends only what is missing.
registerPgMigration(
  'schedule-2-parts',
  `ALTER TABLE deliveries ADD COLUMN prepared jsonb;
   CREATE TABLE delivery_parts (
     delivery_id text COLLATE "C" NOT NULL REFERENCES deliveries(id),
     part integer NOT NULL,
     of integer NOT NULL,
     message_id text NOT NULL,
     posted_at timestamptz NOT NULL,
     PRIMARY KEY (delivery_id, part)
   );`,
);

// timestamptz comes back as a Date, boolean as boolean, jsonb as the object.
const COLUMNS: Columns<Date, boolean, PreparedBriefing | null> = { time: (d) => d.toISOString(), flag: (f) => f, prepared: (p) => p };
type SubscriptionRow = SubscriptionRowOf<Date>;
type DeliveryRow = DeliveryRowOf<Date, boolean, PreparedBriefing | null>;
const toSubscription = (r: SubscriptionRow): Subscription => subscriptionFromRow(r, COLUMNS.time);
const toDelivery = (r: DeliveryRow): Delivery => deliveryFromRow(r, COLUMNS);

export class PgScheduleStore implements ScheduleStore {
  private constructor(private readonly db: PgDatabase) {}

  /** The store on an open database, with this module's tables migrated. */
  static async open(db: PgDatabase): Promise<PgScheduleStore> {
    await db.migrate();
    return new PgScheduleStore(db);
  }

  private async one<R extends object>(sql: string, args: unknown[]): Promise<R | undefined> {
    return (await this.db.query<R & Record<string, unknown>>(sql, args)).rows[0];
  }

  private async changed(sql: string, args: unknown[]): Promise<boolean> {
    return (await this.db.query(sql, args)).rowCount === 1;
  }

  async saveSubscription(input: SubscriptionInput, now: string): Promise<Subscription> {
    // One subscription per channel: subscribing again updates it in place (same id, so the
    // ledger still knows what this channel already got today) and clears any failing state.
    const row = await this.one<SubscriptionRow>(
      `INSERT INTO subscriptions (id, platform, channel_id, workspace_id, time, time_zone, topic, status, active_from, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, $8, $8)
       ON CONFLICT (platform, channel_id) DO UPDATE SET
         workspace_id = excluded.workspace_id, time = excluded.time, time_zone = excluded.time_zone, topic = excluded.topic,
         status = 'active', failing_reason = NULL, failing_since = NULL, last_error = NULL,
         active_from = excluded.active_from, created_by = excluded.created_by, updated_at = excluded.updated_at
       RETURNING *`,
      [
        `s${randomBytes(8).toString('hex')}`,
        input.platform,
        input.channelId,
        input.workspaceId ?? null,
        input.time,
        input.timeZone,
        input.topic?.trim() || null,
        now,
        input.createdBy ?? null,
      ],
    );
    return toSubscription(row!);
  }

  async getSubscription(platform: string, channelId: string): Promise<Subscription | undefined> {
    const row = await this.one<SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return row && toSubscription(row);
  }

  async getSubscriptionById(id: string): Promise<Subscription | undefined> {
    const row = await this.one<SubscriptionRow>('SELECT * FROM subscriptions WHERE id = $1', [id]);
    return row && toSubscription(row);
  }

  stopSubscription(platform: string, channelId: string, now: string): Promise<boolean> {
    return this.changed("UPDATE subscriptions SET status = 'stopped', updated_at = $1 WHERE platform = $2 AND channel_id = $3 AND status <> 'stopped'", [
      now,
      platform,
      channelId,
    ]);
  }

  async activeSubscriptions(): Promise<Subscription[]> {
    return (await this.db.query<SubscriptionRow>("SELECT * FROM subscriptions WHERE status = 'active' ORDER BY created_at, id")).rows.map(toSubscription);
  }

  async markFailing(subscriptionId: string, reason: string, now: string): Promise<void> {
    await this.db.query("UPDATE subscriptions SET status = 'failing', failing_reason = $1, failing_since = $2, updated_at = $2 WHERE id = $3 AND status = 'active'", [
      reason,
      now,
      subscriptionId,
    ]);
  }

  async setLastError(subscriptionId: string, error: string | null, now: string): Promise<void> {
    await this.db.query('UPDATE subscriptions SET last_error = $1, updated_at = $2 WHERE id = $3', [error, now, subscriptionId]);
  }

  async deliveryKeysSince(localDate: string): Promise<Set<string>> {
    const { rows } = await this.db.query<{ subscription_id: string; local_date: string }>('SELECT subscription_id, local_date FROM deliveries WHERE local_date >= $1', [
      localDate,
    ]);
    return new Set(rows.map((r) => `${r.subscription_id}|${r.local_date}`));
  }

  claim(c: ClaimInput, now: string): Promise<boolean> {
    return this.changed(
      `INSERT INTO deliveries (id, subscription_id, local_date, due_at, state, late, claimed_by, lease_until, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'claimed', $5, $6, $7, $8, $8) ON CONFLICT DO NOTHING`,
      [c.id, c.subscriptionId, c.localDate, c.dueAt, c.late, c.claimedBy, c.leaseUntil, now],
    );
  }

  takeOver(id: string, claimedBy: string, leaseUntil: string, now: string): Promise<boolean> {
    return this.changed(
      `UPDATE deliveries d SET claimed_by = $2, lease_until = $3, updated_at = $4
       FROM (SELECT id FROM deliveries WHERE id = $1 AND state = 'claimed' AND lease_until <= $4 FOR UPDATE SKIP LOCKED) expired
       WHERE d.id = expired.id`,
      [id, claimedBy, leaseUntil, now],
    );
  }

  renewLease(id: string, claimedBy: string, leaseUntil: string, now: string): Promise<boolean> {
    return this.changed(
      "UPDATE deliveries SET lease_until = $1, attempts = attempts + 1, updated_at = $2 WHERE id = $3 AND state = 'claimed' AND claimed_by = $4",
      [leaseUntil, now, id, claimedBy],
    );
  }

  savePrepared(id: string, claimedBy: string, prepared: PreparedBriefing, now: string): Promise<boolean> {
    return this.changed(
      "UPDATE deliveries SET prepared = $1, updated_at = $2 WHERE id = $3 AND state = 'claimed' AND claimed_by = $4 AND prepared IS NULL",
      [JSON.stringify(prepared), now, id, claimedBy],
    );
  }

  async markPartPosted(id: string, p: PostedPart, now: string): Promise<void> {
    await this.db.query('INSERT INTO delivery_parts (delivery_id, part, of, message_id, posted_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
      id,
      p.part,
      p.of,
      p.messageId,
      now,
    ]);
  }

  async postedParts(id: string): Promise<PostedPart[]> {
    return (await this.db.query<PostedPart>('SELECT part, of, message_id AS "messageId" FROM delivery_parts WHERE delivery_id = $1 ORDER BY part', [id])).rows;
  }

  async markPosted(id: string, p: PostedInput, now: string): Promise<void> {
    await this.db.query(
      `UPDATE deliveries SET state = 'posted', message_id = $1, posted_at = $2, briefed_until = $3, nothing_new = $4, lease_until = NULL, error = NULL, updated_at = $5
       WHERE id = $6 AND state = 'claimed'`,
      [p.messageId, p.postedAt, p.briefedUntil, p.nothingNew, now, id],
    );
  }

  async markFailed(id: string, error: string, now: string): Promise<void> {
    await this.finish(id, 'failed', error, now);
  }

  async markSkipped(id: string, reason: string, now: string): Promise<void> {
    await this.finish(id, 'skipped', reason, now);
  }

  private async finish(id: string, state: 'failed' | 'skipped', error: string, now: string): Promise<void> {
    await this.db.query("UPDATE deliveries SET state = $1, error = $2, lease_until = NULL, updated_at = $3 WHERE id = $4 AND state = 'claimed'", [state, error, now, id]);
  }

  async release(id: string, claimedBy: string, now: string): Promise<void> {
    await this.db.query("UPDATE deliveries SET lease_until = $1, updated_at = $1 WHERE id = $2 AND state = 'claimed' AND claimed_by = $3", [now, id, claimedBy]);
  }

  recordSkipped(s: { id: string; subscriptionId: string; localDate: string; dueAt: string; reason: string }, now: string): Promise<boolean> {
    return this.changed(
      `INSERT INTO deliveries (id, subscription_id, local_date, due_at, state, late, error, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'skipped', true, $5, $6, $6) ON CONFLICT DO NOTHING`,
      [s.id, s.subscriptionId, s.localDate, s.dueAt, s.reason, now],
    );
  }

  async expiredClaims(now: string): Promise<Delivery[]> {
    return (await this.db.query<DeliveryRow>("SELECT * FROM deliveries WHERE state = 'claimed' AND lease_until <= $1 ORDER BY due_at", [now])).rows.map(toDelivery);
  }

  async getDelivery(id: string): Promise<Delivery | undefined> {
    const row = await this.one<DeliveryRow>('SELECT * FROM deliveries WHERE id = $1', [id]);
    return row && toDelivery(row);
  }

  async deliveriesOf(subscriptionId: string, limit = 20): Promise<Delivery[]> {
    return (await this.db.query<DeliveryRow>('SELECT * FROM deliveries WHERE subscription_id = $1 ORDER BY local_date DESC LIMIT $2', [subscriptionId, limit])).rows.map(
      toDelivery,
    );
  }

  async lastPosted(subscriptionId: string): Promise<Delivery | undefined> {
    const row = await this.one<DeliveryRow>("SELECT * FROM deliveries WHERE subscription_id = $1 AND state = 'posted' ORDER BY local_date DESC LIMIT 1", [subscriptionId]);
    return row && toDelivery(row);
  }
}
