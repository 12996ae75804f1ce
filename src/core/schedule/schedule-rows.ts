// `subscriptions` and `deliveries` rows as both stores read them, and what they describe. The
// SQLite and PostgreSQL tables have the same columns; the drivers differ only in what comes back
// for a timestamp (PostgreSQL: a Date, SQLite: ISO text), a boolean (SQLite: 0 or 1) and the
// prepared briefing (PostgreSQL: jsonb, already an object; SQLite: JSON text). `Columns` says which.
import type { Delivery, PreparedBriefing, Subscription } from './types.ts';

/** How one driver returns each kind of column, and how to read it back. */
export interface Columns<Time, Flag, Json> {
  time(t: Time): string;
  flag(f: Flag): boolean;
  prepared(p: Json): PreparedBriefing | null;
}

export interface SubscriptionRow<Time> {
  id: string;
  platform: string;
  channel_id: string;
  workspace_id: string | null;
  time: string;
  time_zone: string;
  topic: string | null;
  status: Subscription['status'];
  failing_reason: string | null;
  failing_since: Time | null;
  last_error: string | null;
  active_from: Time;
  created_by: string | null;
  created_at: Time;
  updated_at: Time;
}

export interface DeliveryRow<Time, Flag, Json> {
  id: string;
  subscription_id: string;
  local_date: string;
  due_at: Time;
  state: Delivery['state'];
  late: Flag;
  claimed_by: string | null;
  lease_until: Time | null;
  attempts: number;
  message_id: string | null;
  posted_at: Time | null;
  briefed_until: Time | null;
  nothing_new: Flag;
  error: string | null;
  prepared: Json;
  created_at: Time;
  updated_at: Time;
}

const optional =
  <T,>(time: (t: T) => string) =>
  (t: T | null): string | null =>
    t === null ? null : time(t);

export function subscriptionFromRow<Time>(r: SubscriptionRow<Time>, time: (t: Time) => string): Subscription {
  return {
    id: r.id,
    platform: r.platform,
    channelId: r.channel_id,
    workspaceId: r.workspace_id,
    time: r.time,
    timeZone: r.time_zone,
    topic: r.topic,
    status: r.status,
    failingReason: r.failing_reason,
    failingSince: optional(time)(r.failing_since),
    lastError: r.last_error,
    activeFrom: time(r.active_from),
    createdBy: r.created_by,
    createdAt: time(r.created_at),
    updatedAt: time(r.updated_at),
  };
}

export function deliveryFromRow<Time, Flag, Json>(r: DeliveryRow<Time, Flag, Json>, c: Columns<Time, Flag, Json>): Delivery {
  const maybe = optional(c.time);
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    localDate: r.local_date,
    dueAt: c.time(r.due_at),
    state: r.state,
    late: c.flag(r.late),
    claimedBy: r.claimed_by,
    leaseUntil: maybe(r.lease_until),
    attempts: r.attempts,
    messageId: r.message_id,
    postedAt: maybe(r.posted_at),
    briefedUntil: maybe(r.briefed_until),
    nothingNew: c.flag(r.nothing_new),
    error: r.error,
    prepared: c.prepared(r.prepared),
    createdAt: c.time(r.created_at),
    updatedAt: c.time(r.updated_at),
  };
}
