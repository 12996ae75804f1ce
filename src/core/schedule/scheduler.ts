// Finds the briefings that are due and delivers each exactly once.
//
// Claim → post → mark: a (subscription, local date) is claimed in the ledger (UNIQUE, so only one
// tick or process wins) with a lease; the post carries the claim's id as idempotency key; the
// platform's message id is recorded after. A claim whose lease ran out (its owner crashed or was
// stopped) is recovered: first ask the platform whether the key was already posted, then post
// again with the same key, which the platform itself refuses to duplicate.
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { Reply } from '../reply.ts';
import { withStepTimeout, withTimeout, type Clock } from './clock.ts';
import { Lane } from './lane.ts';
import { classifyPostFailure } from './post-failure.ts';
import type { Delivery, PreparedBriefing, ScheduleStore, Subscription } from './types.ts';
import { addDays, localDate, occurrenceOn, type LocalTime } from './zoned-time.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** How far this process's clock and the platform's may disagree when searching back to a claim. */
const CLOCK_SKEW_MS = 10 * MINUTE;

/** One message of a delivery on the platform: part `part` (1-based) of `of`. */
export interface PartRef {
  part: number;
  of: number;
  id: string;
}

export interface PostRequest {
  idempotencyKey: string;
  /** Parts already on the platform: not sent again. */
  skipParts: ReadonlySet<number>;
  /** Aborted when the attempt timed out: start no further part. */
  signal: AbortSignal;
  /** Called after each part is accepted, before the next one goes out. */
  onPart: (part: PartRef) => Promise<void>;
}

/** What the scheduler needs from a chat adapter (ChatAdapter satisfies it). */
export interface Poster {
  post(channel: string, reply: Reply, opts: PostRequest): Promise<{ id: string }>;
  /** The messages already posted with this key; without `parts`, the delivery counts as complete. */
  findPosted?(channel: string, idempotencyKey: string, opts: { since: Date }): Promise<{ id: string; parts?: PartRef[] } | undefined>;
}

export interface ComposeRequest {
  since: Date;
  /** True when `since` is this channel's previous scheduled briefing (false: the last 24 hours). */
  sinceLastBriefing: boolean;
  until: Date;
  dueAt: Date;
  late: boolean;
}

export interface Composed {
  reply: Reply;
  nothingNew: boolean;
}

/** Builds the briefing for a subscription (the core's briefing, or the "nothing new" line). */
export type Compose = (sub: Subscription, req: ComposeRequest) => Promise<Composed>;

export interface SchedulerOptions {
  /** A briefing missed while the bot was down is still delivered this long after it was due. */
  catchUpHours: number;
  /** How long a claim is ours without renewing it; after that anyone may recover it. */
  leaseMs: number;
  /** Delivered later than this after the due minute counts as late (and says so). */
  lateAfterMs: number;
  /** Attempts for transient failures (5xx, network, timeouts) before recording a failure. */
  maxAttempts: number;
  /** 429 answers tolerated for one delivery before recording a failure. */
  maxRateLimitWaits: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A post that has not answered by then is treated as a transient failure. */
  attemptTimeoutMs: number;
  /** Posts in flight at once per platform. */
  concurrency: Readonly<Record<string, number>>;
  defaultConcurrency: number;
  /** How far back unrecorded due dates are looked for (and recorded as skipped). */
  lookbackDays: number;
  /** This process's name in the ledger. */
  instanceId: string;
}

export const DEFAULT_SCHEDULER_OPTIONS: Omit<SchedulerOptions, 'instanceId'> = {
  catchUpHours: 6,
  leaseMs: 10 * MINUTE,
  lateAfterMs: 2 * MINUTE,
  maxAttempts: 5,
  maxRateLimitWaits: 10,
  backoffBaseMs: 2_000,
  backoffMaxMs: 60_000,
  attemptTimeoutMs: 30_000,
  // Slack allows about one message per second per channel with bursts; Discord 50 requests a
  // second per bot. Modest lanes stay well inside both while still fanning out.
  concurrency: { slack: 4, discord: 8, console: 1 },
  defaultConcurrency: 4,
  lookbackDays: 7,
};

export interface TickReport {
  posted: number;
  late: number;
  skipped: number;
  failed: number;
  recovered: number;
}

export interface SchedulerDeps {
  store: ScheduleStore;
  posters: ReadonlyMap<string, Poster>;
  compose: Compose;
  clock: Clock;
  log: Logger;
  options?: Partial<SchedulerOptions>;
  /** Counts each delivery's outcome by platform (briefbot_deliveries_total). */
  metrics?: Metrics;
}

type Outcome = 'posted' | 'failed' | 'skipped' | 'released' | 'lost' | 'none';

/** The ledger id, also the idempotency key: deterministic, and ≤ 25 characters (Discord's nonce limit). */
export function deliveryKey(subscriptionId: string, date: string): string {
  return `bb${createHash('sha256').update(`${subscriptionId}|${date}`).digest('hex').slice(0, 22)}`;
}

export function parseHHMM(time: string): LocalTime {
  const [h, m] = time.split(':').map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
}

export class Scheduler {
  readonly options: SchedulerOptions;
  private readonly store: ScheduleStore;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly lanes = new Map<string, Lane>();
  private readonly inFlight = new Map<string, Promise<Outcome>>();
  private readonly ticks = new Set<Promise<unknown>>();
  private readonly stopController = new AbortController();
  private readonly warnedPlatforms = new Set<string>();

  constructor(private readonly deps: SchedulerDeps) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, instanceId: randomUUID(), ...deps.options };
    this.store = deps.store;
    this.clock = deps.clock;
    this.log = deps.log.child({ component: 'scheduler' });
  }

  get stopping(): boolean {
    return this.stopController.signal.aborted;
  }

  /** The fan-out lane of a platform (exposed for measurements). */
  lane(platform: string): Lane {
    let lane = this.lanes.get(platform);
    if (!lane) {
      lane = new Lane(this.options.concurrency[platform] ?? this.options.defaultConcurrency, this.clock);
      this.lanes.set(platform, lane);
    }
    return lane;
  }

  /** Finds what is due now (including missed briefings within the catch-up window) and delivers it. */
  tick(): Promise<TickReport> {
    const run = this.runTick();
    this.ticks.add(run);
    void run.finally(() => this.ticks.delete(run)).catch(() => {});
    return run;
  }

  /** Resolves when no tick or delivery is running. */
  async idle(): Promise<void> {
    while (this.ticks.size || this.inFlight.size) await Promise.allSettled([...this.ticks, ...this.inFlight.values()]);
  }

  /**
   * Stops taking new work; posts already on the wire finish and are marked, anything waiting
   * (backoff, Retry-After, a lane slot) gives its claim back so the next start recovers it.
   */
  async stop(): Promise<void> {
    this.stopController.abort();
    await this.idle();
  }

  private async runTick(): Promise<TickReport> {
    const report: TickReport = { posted: 0, late: 0, skipped: 0, failed: 0, recovered: 0 };
    if (this.stopping) return report;
    const now = this.clock.now();
    const nowMs = now.getTime();
    const { catchUpHours, lateAfterMs, lookbackDays } = this.options;
    const catchUpMs = Math.max(catchUpHours * HOUR, lateAfterMs);
    const jobs: Promise<void>[] = [];
    const count = (o: Outcome, late = false) => {
      if (o === 'posted') {
        report.posted++;
        if (late) report.late++;
      } else if (o === 'failed') report.failed++;
      else if (o === 'skipped') report.skipped++;
    };

    for (const claim of await this.store.expiredClaims(now.toISOString())) {
      if (this.inFlight.has(claim.id)) continue;
      jobs.push(
        this.recover(claim).then((o) => {
          if (o === 'posted') report.recovered++;
          count(o, claim.late);
        }),
      );
    }

    const seen = await this.store.deliveryKeysSince(addDays(now.toISOString().slice(0, 10), -(lookbackDays + 2)));
    for (const sub of await this.store.activeSubscriptions()) {
      const time = parseHHMM(sub.time);
      const today = localDate(now, sub.timeZone);
      const activeFrom = Date.parse(sub.activeFrom);
      // Unrecorded due dates, oldest first. Only the newest may still be delivered; a channel
      // never gets yesterday's briefing on top of today's.
      const owed: { date: string; at: Date }[] = [];
      let newestRecorded = '';
      for (let k = lookbackDays; k >= 0; k--) {
        const date = addDays(today, -k);
        const at = occurrenceOn(date, time, sub.timeZone);
        if (at.getTime() > nowMs || at.getTime() < activeFrom) continue;
        if (seen.has(`${sub.id}|${date}`)) newestRecorded = date;
        else owed.push({ date, at });
      }
      owed.forEach(({ date, at }, i) => {
        const lateness = nowMs - at.getTime();
        const newest = i === owed.length - 1 && date > newestRecorded;
        if (newest && lateness <= catchUpMs) {
          const late = lateness > lateAfterMs;
          jobs.push(this.deliverDue(sub, date, at, late).then((o) => count(o, late)));
          return;
        }
        const reason = newest
          ? `missed: the bot was not running within ${catchUpHours} hours of the due time`
          : 'missed: superseded by a later briefing';
        jobs.push(
          this.store
            .recordSkipped({ id: deliveryKey(sub.id, date), subscriptionId: sub.id, localDate: date, dueAt: at.toISOString(), reason }, now.toISOString())
            .then((recorded) => {
              if (!recorded) return;
              report.skipped++;
              this.log.warn('briefing skipped', { subscription: sub.id, platform: sub.platform, channel: sub.channelId, localDate: date, reason });
            }),
        );
      });
    }
    // One delivery's storage error (say, a locked database) must not hide the others' outcomes.
    for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') this.log.error('delivery step failed', { err: r.reason });
    if (report.posted || report.skipped || report.failed) this.log.info('tick done', { ...report });
    return report;
  }

  private posterFor(platform: string): Poster | undefined {
    const poster = this.deps.posters.get(platform);
    if (!poster && !this.warnedPlatforms.has(platform)) {
      // Not failing: the platform may be configured again on the next start.
      this.warnedPlatforms.add(platform);
      this.log.warn('briefings due on a platform that is not running; they wait for it', { platform });
    }
    return poster;
  }

  private async counted(platform: string, outcome: Promise<Outcome>): Promise<Outcome> {
    const o = await outcome.catch((err: unknown) => {
      this.deps.metrics?.delivery(platform, 'failed');
      throw err;
    });
    if (o !== 'none') this.deps.metrics?.delivery(platform, o);
    return o;
  }

  /** Runs one delivery and remembers it as in flight, so recovery in this process leaves it alone. */
  private track(id: string, work: () => Promise<Outcome>): Promise<Outcome> {
    const p = work().catch((err: unknown) => {
      this.log.error('delivery crashed', { delivery: id, err });
      return 'failed' as const;
    });
    this.inFlight.set(id, p);
    void p.finally(() => this.inFlight.delete(id));
    return p;
  }

  private async deliverDue(sub: Subscription, date: string, dueAt: Date, late: boolean): Promise<Outcome> {
    const poster = this.posterFor(sub.platform);
    if (!poster) return 'none';
    return this.lane(sub.platform).run(async () => {
      if (this.stopping) return 'none';
      const id = deliveryKey(sub.id, date);
      if (this.inFlight.has(id)) return 'none';
      const now = this.clock.now();
      const claimed = await this.store.claim(
        {
          id,
          subscriptionId: sub.id,
          localDate: date,
          dueAt: dueAt.toISOString(),
          late,
          claimedBy: this.options.instanceId,
          leaseUntil: new Date(now.getTime() + this.options.leaseMs).toISOString(),
        },
        now.toISOString(),
      );
      if (!claimed) return 'none';
      const delivery = await this.store.getDelivery(id);
      return this.track(id, () => this.counted(sub.platform, this.send(sub, delivery!, poster, false)));
    });
  }

  private async recover(claim: Delivery): Promise<Outcome> {
    const sub = await this.store.getSubscriptionById(claim.subscriptionId);
    if (!sub) return 'none';
    const poster = this.posterFor(sub.platform);
    if (!poster) return 'none';
    return this.lane(sub.platform).run(async () => {
      if (this.stopping || this.inFlight.has(claim.id)) return 'none';
      const now = this.clock.now();
      const taken = await this.store.takeOver(claim.id, this.options.instanceId, new Date(now.getTime() + this.options.leaseMs).toISOString(), now.toISOString());
      if (!taken) return 'none';
      this.log.info('recovering an unfinished delivery', { delivery: claim.id, subscription: sub.id, previousOwner: claim.claimedBy });
      return this.track(claim.id, () => this.counted(sub.platform, this.send(sub, claim, poster, true)));
    });
  }

  /**
   * Posts a claimed delivery until it is posted, given up, or handed back. A recovered claim, or
   * one whose attempt failed mid-flight, may already have reached the platform: ask it first,
   * then send only the parts that are missing. The briefing is fixed in the ledger before its
   * first post, so every attempt and every process sends the same parts.
   */
  private async send(sub: Subscription, d: Delivery, poster: Poster, recovering: boolean): Promise<Outcome> {
    let lookFirst = recovering;
    let checkedLate = !recovering;
    let prepared = d.prepared;
    const o = this.options;
    const me = o.instanceId;
    const lane = this.lane(sub.platform);
    const signal = this.stopController.signal;
    const log = this.log.child({ delivery: d.id, subscription: sub.id, platform: sub.platform, channel: sub.channelId, localDate: d.localDate });
    const isoNow = () => this.clock.now().toISOString();
    const recordPart = (p: PartRef) => this.store.markPartPosted(d.id, { part: p.part, of: p.of, messageId: p.id }, isoNow());
    let transientFailures = 0;
    let rateLimits = 0;

    const giveUp = async (message: string): Promise<Outcome> => {
      await this.store.markFailed(d.id, message, isoNow());
      await this.store.setLastError(sub.id, message, isoNow());
      log.warn('briefing not delivered', { error: message, attempts: transientFailures + rateLimits });
      return 'failed';
    };
    const finish = async (messageId: string, how: string): Promise<Outcome> => {
      const at = isoNow();
      // A claim from before briefings were prepared in the ledger has no window end: its last update stands in.
      const briefedUntil = prepared?.briefedUntil ?? d.updatedAt;
      await this.store.markPosted(d.id, { messageId, postedAt: at, briefedUntil, nothingNew: prepared?.nothingNew ?? false }, at);
      if (sub.lastError) await this.store.setLastError(sub.id, null, at);
      log.info(how, { messageId, late: d.late, nothingNew: prepared?.nothingNew ?? false, attempts: transientFailures + rateLimits + 1 });
      return 'posted';
    };

    for (;;) {
      if (!signal.aborted) await lane.whenOpen(signal);
      if (signal.aborted) {
        await this.store.release(d.id, me, isoNow());
        log.info('delivery handed back on shutdown');
        return 'released';
      }
      const now = this.clock.now();
      if (!(await this.store.renewLease(d.id, me, new Date(now.getTime() + o.leaseMs).toISOString(), now.toISOString()))) {
        log.warn('claim taken over by another process; leaving it to them');
        return 'lost';
      }
      try {
        if (lookFirst && poster.findPosted) {
          // Nothing of it can be older than the claim (minus room for clocks that disagree).
          const since = new Date(Date.parse(d.createdAt) - CLOCK_SKEW_MS);
          const found = await withTimeout(this.clock, o.attemptTimeoutMs, poster.findPosted(sub.channelId, d.id, { since }), 'findPosted').catch((err: unknown) => {
            throw new CheckError(err);
          });
          lookFirst = false;
          // A poster that cannot tell parts apart found the delivery: it is complete.
          if (found && !found.parts) return await finish(found.id, 'briefing was already posted; recorded it');
          for (const p of found?.parts ?? []) await recordPart(p);
        }
        const done = await this.store.postedParts(d.id);
        const of = done[0]?.of;
        if (of && done.filter((p) => p.part <= of).length >= of) {
          return await finish((done.find((p) => p.part === 1) ?? done[0]!).messageId, 'briefing was already posted; recorded it');
        }
        if (!checkedLate && !done.length) {
          checkedLate = true;
          // Recovered after the window, or for a channel that stopped its subscription meanwhile:
          // nothing of it reached the channel, and it is no longer the briefing that was owed.
          // (A briefing already partly posted is finished instead.)
          const reason =
            sub.status !== 'active'
              ? 'not delivered: the subscription is no longer active'
              : now.getTime() - Date.parse(d.dueAt) > o.catchUpHours * HOUR + o.lateAfterMs
                ? 'missed: recovered after the catch-up window'
                : undefined;
          if (reason) {
            await this.store.markSkipped(d.id, reason, now.toISOString());
            log.info('recovered delivery skipped', { reason });
            return 'skipped';
          }
        }
        prepared ??= await this.prepare(sub, d, now);
        const body = prepared.reply;
        const skipParts = new Set(done.map((p) => p.part));
        const ref = await withStepTimeout(
          this.clock,
          o.attemptTimeoutMs,
          (step, stop) =>
            poster.post(sub.channelId, body, {
              idempotencyKey: d.id,
              skipParts,
              signal: stop,
              onPart: async (p) => {
                step();
                await recordPart(p);
              },
            }),
          'post',
        );
        const first = (await this.store.postedParts(d.id)).find((p) => p.part === 1)?.messageId ?? ref.id;
        return await finish(first, skipParts.size ? 'briefing delivered (the missing parts)' : 'briefing delivered');
      } catch (err) {
        if (err instanceof ComposeError) return giveUp(err.message);
        const checking = err instanceof CheckError;
        const f = classifyPostFailure(checking ? err.cause : err);
        if (f.kind === 'permanent' && !checking) {
          await this.store.markFailed(d.id, f.message, isoNow());
          await this.store.markFailing(sub.id, f.message, isoNow());
          log.warn('channel refuses posts; subscription marked failing', { error: f.message });
          return 'failed';
        }
        if (f.kind === 'rate_limited') {
          // A 429 means the platform did not take the request; wait as told, then try again.
          if (++rateLimits > o.maxRateLimitWaits) return giveUp(`rate limited ${rateLimits} times: ${f.message}`);
          const wait = f.retryAfterMs ?? 1_000;
          log.info('rate limited; waiting as the platform asked', { retryAfterMs: wait });
          lane.pause(wait);
          continue;
        }
        if (++transientFailures >= o.maxAttempts) {
          // The check's own error never marks the channel failing: the bot may well be able to post there.
          if (checking) return giveUp(`not confirmed: could not check whether the briefing reached the channel (${f.message}); not posted again, to avoid a duplicate`);
          return giveUp(`gave up after ${transientFailures} attempts: ${f.message}`);
        }
        const backoff = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** (transientFailures - 1));
        log.info(checking ? 'could not check for an earlier attempt; retrying' : 'post failed; retrying', { error: f.message, attempt: transientFailures, backoffMs: backoff });
        await this.clock.sleep(backoff, signal);
        // The failed attempt may still have reached the platform (5xx after storing, timeout, connection dropped).
        lookFirst = true;
      }
    }
  }

  /** Builds the briefing and fixes it in the ledger, so every attempt and process posts the same parts. */
  private async prepare(sub: Subscription, d: Delivery, now: Date): Promise<PreparedBriefing> {
    const composed = await this.compose(sub, d, now);
    const prepared: PreparedBriefing = { reply: composed.reply, briefedUntil: composed.until.toISOString(), nothingNew: composed.nothingNew };
    if (await this.store.savePrepared(d.id, this.options.instanceId, prepared, now.toISOString())) return prepared;
    // Prepared by an earlier owner meanwhile: theirs may be partly posted already.
    return (await this.store.getDelivery(d.id))?.prepared ?? prepared;
  }

  private async compose(sub: Subscription, d: Delivery, now: Date): Promise<Composed & { until: Date }> {
    const last = await this.store.lastPosted(sub.id);
    const lastUntil = last ? Date.parse(last.briefedUntil ?? last.postedAt ?? '') : NaN;
    // What is new since this channel's last briefing; 24 hours for the first; never more than a week.
    const sinceMs = Number.isFinite(lastUntil) ? Math.max(lastUntil, now.getTime() - 7 * DAY) : now.getTime() - DAY;
    try {
      const composed = await this.deps.compose(sub, { since: new Date(sinceMs), sinceLastBriefing: Number.isFinite(lastUntil), until: now, dueAt: new Date(d.dueAt), late: d.late });
      return { ...composed, until: now };
    } catch (err) {
      this.log.error('could not build the briefing', { subscription: sub.id, err });
      throw new ComposeError('could not build the briefing (details in the bot log)');
    }
  }
}

class ComposeError extends Error {}

/** findPosted itself failed: says nothing about the channel accepting posts. */
class CheckError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
