// Schedule results → neutral Replies: confirmations, the channel's subscription, the "nothing new" line.
import { facts, paragraph, privately, type Reply } from '../reply.ts';
import type { Delivery, Subscription } from './types.ts';
import { formatLocal } from './zoned-time.ts';

export interface SubscriptionView {
  subscription: Subscription;
  /** The next delivery, or null when the subscription is not active. */
  next: Date | null;
  lastDelivery?: Delivery | undefined;
}

const topicOf = (s: Subscription) => (s.topic ? ` on “${s.topic}”` : '');

function nextFacts(v: SubscriptionView): { label: string; value: string }[] {
  if (!v.next) return [];
  return [
    { label: 'Next delivery', value: formatLocal(v.next, v.subscription.timeZone) },
    { label: 'In UTC', value: formatLocal(v.next, 'UTC') },
  ];
}

export function presentSubscribed(v: SubscriptionView): Reply {
  const s = v.subscription;
  return privately({
    title: 'Daily briefing scheduled',
    sections: [
      paragraph(`This channel will get a briefing${topicOf(s)} every day at **${s.time} ${s.timeZone}** time.`),
      facts(nextFacts(v)),
      // Slack lets the bot post to a public channel it is not in, but not read it: without reading,
      // a post whose answer was lost cannot be checked, and is left unconfirmed rather than repeated.
      ...(s.platform === 'slack'
        ? [paragraph('Invite the bot to this channel (/invite @briefbot) if it is not a member: when Slack’s answer to a post is lost, it reads the channel’s recent messages to make sure a briefing is never posted twice.')]
        : []),
    ],
    footer: '/subscribe on its own shows this subscription; /unsubscribe stops it.',
  });
}

function describeDelivery(d: Delivery, timeZone: string): string {
  const when = formatLocal(new Date(d.dueAt), timeZone);
  switch (d.state) {
    case 'posted':
      return `${when}: posted${d.late ? ' late (the bot was offline at the due time)' : ''}${d.nothingNew ? ', nothing new that day' : ''}`;
    case 'claimed':
      return `${when}: being delivered now`;
    case 'failed':
      // The bot could not tell whether it arrived: say that, not "failed".
      if (d.error?.startsWith('not confirmed')) return `${when}: ${d.error}`;
      return `${when}: failed (${d.error ?? 'unknown error'})`;
    case 'skipped':
      return `${when}: skipped (${d.error ?? 'missed'})`;
  }
}

export function presentSubscriptionStatus(v: SubscriptionView | undefined): Reply {
  if (!v || v.subscription.status === 'stopped') {
    return privately({
      title: 'Daily briefing',
      sections: [paragraph('This channel has no daily briefing. Start one with `/subscribe 08:00 Europe/Berlin [topic words]`.')],
    });
  }
  const s = v.subscription;
  const sections = [];
  if (s.status === 'failing') {
    sections.push(
      paragraph(
        `**Not posting here since ${formatLocal(new Date(s.failingSince ?? s.updatedAt), s.timeZone)}**: ${s.failingReason ?? 'the platform refused the post'}. ` +
          'Give the bot access to this channel again, then run /subscribe again to resume.',
      ),
    );
  }
  const rows = [
    { label: 'Time', value: `${s.time} ${s.timeZone}` },
    { label: 'Topic', value: s.topic ?? 'all stories' },
    ...nextFacts(v),
    { label: 'Last delivery', value: v.lastDelivery ? describeDelivery(v.lastDelivery, s.timeZone) : 'none yet' },
  ];
  if (s.lastError && s.status === 'active') rows.push({ label: 'Last problem', value: s.lastError });
  sections.push(facts(rows));
  return privately({ title: `Daily briefing${topicOf(s)}`, sections, footer: '/unsubscribe stops it.' });
}

export function presentUnsubscribed(stopped: Subscription | undefined): Reply {
  return privately({
    sections: [
      paragraph(
        stopped
          ? `Stopped: this channel will no longer get the daily briefing at ${stopped.time} ${stopped.timeZone}.`
          : 'This channel has no daily briefing to stop.',
      ),
    ],
  });
}

/** The one line posted when nothing is new, instead of repeating older stories. */
export function presentNothingNew(opts: { topic: string | null; since: Date; sinceLastBriefing: boolean; timeZone: string }): Reply {
  const topic = opts.topic ? ` on “${opts.topic}”` : '';
  const since = opts.sinceLastBriefing ? `since the last briefing (${formatLocal(opts.since, opts.timeZone)})` : 'in the last 24 hours';
  return { sections: [paragraph(`Daily briefing${topic}: nothing new ${since}.`)] };
}

/** Added to a briefing delivered after its time because the bot was down. */
export function lateNote(dueAt: Date, timeZone: string): string {
  return `Delivered late: this briefing was due at ${formatLocal(dueAt, timeZone, false)}, while the bot was offline.`;
}
