// What the schedule stores: one subscription per channel, one ledger row per (subscription, local date),
// and one row per message of a briefing that the platform split into several.
import type { Reply } from '../reply.ts';

export type SubscriptionStatus = 'active' | 'failing' | 'stopped';

export interface Subscription {
  id: string;
  platform: string;
  channelId: string;
  workspaceId: string | null;
  /** Local wall-clock time "HH:MM" (24h). */
  time: string;
  timeZone: string;
  topic: string | null;
  status: SubscriptionStatus;
  /** Why the bot stopped posting here (permanent platform failure), shown to admins. */
  failingReason: string | null;
  failingSince: string | null;
  /** The last transient failure, cleared by the next successful post. */
  lastError: string | null;
  /** Deliveries due before this instant are never owed (set on every /subscribe). */
  activeFrom: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriptionInput {
  platform: string;
  channelId: string;
  workspaceId?: string | undefined;
  time: string;
  timeZone: string;
  topic?: string | undefined;
  createdBy?: string | undefined;
}

/**
 * claimed: someone owns it until lease_until (then anyone may recover it);
 * posted: the platform has it (message_id); failed: gave up; skipped: missed beyond catch-up.
 */
export type DeliveryState = 'claimed' | 'posted' | 'failed' | 'skipped';

export interface Delivery {
  /** Also the idempotency key sent to the platform (≤ 25 chars, Discord's nonce limit). */
  id: string;
  subscriptionId: string;
  localDate: string;
  dueAt: string;
  state: DeliveryState;
  late: boolean;
  claimedBy: string | null;
  leaseUntil: string | null;
  attempts: number;
  messageId: string | null;
  postedAt: string | null;
  /** The end of the window this briefing covered: the next one starts here. */
  briefedUntil: string | null;
  nothingNew: boolean;
  error: string | null;
  /** The briefing as built before its first post; every retry and recovery posts exactly this. */
  prepared: PreparedBriefing | null;
  createdAt: string;
  updatedAt: string;
}

/** A briefing fixed before its first post, so its parts are the same on every attempt and in every process. */
export interface PreparedBriefing {
  reply: Reply;
  /** The end of the window it covers (the next briefing starts here). */
  briefedUntil: string;
  nothingNew: boolean;
}

/** One message of a delivery on the platform: part `part` (1-based) of `of`. */
export interface PostedPart {
  part: number;
  of: number;
  messageId: string;
}

export interface ClaimInput {
  id: string;
  subscriptionId: string;
  localDate: string;
  dueAt: string;
  late: boolean;
  claimedBy: string;
  leaseUntil: string;
}

export interface PostedInput {
  messageId: string;
  postedAt: string;
  briefedUntil: string | null;
  nothingNew: boolean;
}

/** Storage of subscriptions and the delivery ledger. Every method is atomic. */
export interface ScheduleStore {
  saveSubscription(input: SubscriptionInput, now: string): Promise<Subscription>;
  getSubscription(platform: string, channelId: string): Promise<Subscription | undefined>;
  getSubscriptionById(id: string): Promise<Subscription | undefined>;
  /** Stops a channel's subscription; false if it had none. */
  stopSubscription(platform: string, channelId: string, now: string): Promise<boolean>;
  activeSubscriptions(): Promise<Subscription[]>;
  markFailing(subscriptionId: string, reason: string, now: string): Promise<void>;
  setLastError(subscriptionId: string, error: string | null, now: string): Promise<void>;

  /** "subscriptionId|localDate" of every ledger row on or after a date. */
  deliveryKeysSince(localDate: string): Promise<Set<string>>;
  /** Inserts the claim; false if this (subscription, local date) already has a row. */
  claim(input: ClaimInput, now: string): Promise<boolean>;
  /** Takes over a claim whose lease has expired; false if someone else holds or finished it. */
  takeOver(id: string, claimedBy: string, leaseUntil: string, now: string): Promise<boolean>;
  /** Extends our lease and counts an attempt; false if the claim is no longer ours. */
  renewLease(id: string, claimedBy: string, leaseUntil: string, now: string): Promise<boolean>;
  /** Records the briefing about to be posted, if the claim is ours and nothing was prepared yet; false otherwise. */
  savePrepared(id: string, claimedBy: string, prepared: PreparedBriefing, now: string): Promise<boolean>;
  /** Records one message of a delivery (idempotent: a part already recorded keeps its first message id). */
  markPartPosted(id: string, part: PostedPart, now: string): Promise<void>;
  /** The messages recorded for a delivery, by part. */
  postedParts(id: string): Promise<PostedPart[]>;
  markPosted(id: string, posted: PostedInput, now: string): Promise<void>;
  markFailed(id: string, error: string, now: string): Promise<void>;
  /** A claim recovered too late to post: recorded as skipped with the reason. */
  markSkipped(id: string, reason: string, now: string): Promise<void>;
  /** Gives up our claim at once (shutdown): its lease ends now, so a restart recovers it. */
  release(id: string, claimedBy: string, now: string): Promise<void>;
  recordSkipped(input: { id: string; subscriptionId: string; localDate: string; dueAt: string; reason: string }, now: string): Promise<boolean>;
  expiredClaims(now: string): Promise<Delivery[]>;
  getDelivery(id: string): Promise<Delivery | undefined>;
  /** Newest first. */
  deliveriesOf(subscriptionId: string, limit?: number): Promise<Delivery[]>;
  lastPosted(subscriptionId: string): Promise<Delivery | undefined>;
}
