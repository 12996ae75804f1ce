// What /subscribe and /unsubscribe ask of the core: save, show and stop a channel's subscription.
import type { ScheduleStore, Subscription } from './types.ts';
import { parseTimeOfDay, parseTimeZone } from './parse-time.ts';
import { parseHHMM } from './scheduler.ts';
import type { SubscriptionView } from './present-schedule.ts';
import { formatHHMM, localDate, nextOccurrence } from './zoned-time.ts';

export interface SubscribeRequest {
  platform: string;
  channelId: string;
  workspaceId?: string | undefined;
  /** As typed: "08:00", "8am", "8:30pm". */
  time: string;
  /** As typed: "Europe/Berlin"; the bot's default zone when absent. */
  timeZone?: string | undefined;
  topic?: string | undefined;
  by?: string | undefined;
}

export class SubscriptionService {
  constructor(
    readonly store: ScheduleStore,
    private readonly now: () => Date,
    readonly defaultTimeZone: string,
  ) {}

  /** Validates first (a bad time or zone changes nothing), then creates or replaces the channel's subscription. */
  async subscribe(req: SubscribeRequest): Promise<SubscriptionView> {
    const time = formatHHMM(parseTimeOfDay(req.time));
    const timeZone = req.timeZone?.trim() ? parseTimeZone(req.timeZone) : this.defaultTimeZone;
    const sub = await this.store.saveSubscription(
      { platform: req.platform, channelId: req.channelId, workspaceId: req.workspaceId, time, timeZone, topic: req.topic, createdBy: req.by },
      this.now().toISOString(),
    );
    return this.view(sub);
  }

  async status(platform: string, channelId: string): Promise<SubscriptionView | undefined> {
    const sub = await this.store.getSubscription(platform, channelId);
    return sub && this.view(sub);
  }

  /** Returns the subscription it stopped, if there was one. */
  async unsubscribe(platform: string, channelId: string): Promise<Subscription | undefined> {
    const sub = await this.store.getSubscription(platform, channelId);
    if (!sub || !(await this.store.stopSubscription(platform, channelId, this.now().toISOString()))) return undefined;
    return sub;
  }

  private async view(sub: Subscription): Promise<SubscriptionView> {
    const [lastDelivery] = await this.store.deliveriesOf(sub.id, 1);
    return { subscription: sub, next: sub.status === 'active' ? await this.nextDelivery(sub) : null, lastDelivery };
  }

  /** The next occurrence whose local date has not had its briefing yet (once per day, even after a time change). */
  private async nextDelivery(sub: Subscription): Promise<Date> {
    const time = parseHHMM(sub.time);
    const keys = await this.store.deliveryKeysSince(localDate(this.now(), sub.timeZone));
    let next = nextOccurrence(time, sub.timeZone, this.now());
    while (keys.has(`${sub.id}|${localDate(next, sub.timeZone)}`)) next = nextOccurrence(time, sub.timeZone, next);
    return next;
  }
}
