// /feed replies: what is followed here and how each feed is doing.
import type { PollSummary } from './feeds/feed-service.ts';
import type { Feed } from './feeds/types.ts';
import { SHARED_SCOPE, scopeFollower, scopeReach } from './scope.ts';
import { bullets, heading, paragraph, privately, type Reply, type Section } from './reply.ts';

/** "26 Nov 14:05" in the zone, with the zone's name when it is not UTC. */
function when(iso: string | null, timeZone: string): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  const text = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(d);
  return `${text.replace(',', '')}${timeZone === 'UTC' ? ' UTC' : ''}`;
}

function every(minutes: number): string {
  return minutes % 60 === 0 ? `every ${minutes / 60} h` : `every ${minutes} min`;
}

function feedSections(f: Feed, timeZone: string, now: Date): Section[] {
  const status = f.failures > 0 ? `FAILING (${f.failures} in a row, backing off)` : 'ok';
  const next = Date.parse(f.nextPollAt) <= now.getTime() ? 'due now' : when(f.nextPollAt, timeZone);
  const parts = [
    f.url,
    `${status} · ${every(f.intervalMinutes)} · ${f.articleCount} article${f.articleCount === 1 ? '' : 's'}`,
    `last success: ${when(f.lastSuccessAt, timeZone)}${f.lastResult && f.lastSuccessAt ? ` (${f.lastResult})` : ''}`,
    `last error: ${f.lastErrorAt ? `${when(f.lastErrorAt, timeZone)} — ${f.lastError ?? 'unknown'}` : 'none'}`,
    `next poll: ${next}`,
  ];
  return [heading(`${f.id} · ${f.title ?? f.url}`), bullets(parts)];
}

/** `scope`: whose feeds these are; null for every scope's (`briefbot feeds`). */
export function presentFeedList(feeds: Feed[], scope: string | null, timeZone: string, now: Date): Reply {
  if (!feeds.length) return privately({ title: 'Feeds', sections: [paragraph(noFeeds(scope))] });
  const failing = feeds.filter((f) => f.failures > 0).length;
  return privately({
    title: `Feeds (${feeds.length})`,
    sections: feeds.flatMap((f) => feedSections(f, timeZone, now)),
    footer: failing ? `${failing} failing: they are retried with growing pauses and are never switched off; /feed remove ID stops one.` : undefined,
  });
}

function noFeeds(scope: string | null): string {
  if (scope === null) return 'No feeds are followed, neither shared nor by any workspace. An admin adds one with /feed subscribe URL.';
  if (scope === SHARED_SCOPE) return 'The shared list follows no feeds. A feed added here brings articles every workspace sees: /feed subscribe https://example.com/rss.xml';
  return `${scopeFollower(scope)} follows no feeds. An admin can add one: /feed subscribe https://example.com/rss.xml`;
}

export function presentFeedSubscribed(feed: Feed, poll: PollSummary | undefined, timeZone: string): Reply {
  const read = poll
    ? `First read: ${poll.added} article${poll.added === 1 ? '' : 's'} added, ${poll.updated} updated${poll.skipped ? `, ${poll.skipped} item${poll.skipped === 1 ? '' : 's'} skipped (${poll.firstSkip ?? 'unreadable'})` : ''}.`
    : `The first read did not finish: ${feed.lastError ?? 'see /feed list'}.`;
  return privately({
    title: `Following ${feed.title ?? feed.url}`,
    sections: [paragraph(`Feed ${feed.id}, polled ${every(feed.intervalMinutes)}; its articles are seen ${scopeReach(feed.scope)}. ${read} Next poll: ${when(feed.nextPollAt, timeZone)}.`)],
  });
}

export function presentFeedRemoved(feed: Feed): Reply {
  return privately({
    title: 'Feed removed',
    sections: [paragraph(`No longer following ${feed.title ?? feed.url} (${feed.id}). The ${feed.articleCount} article${feed.articleCount === 1 ? '' : 's'} it brought stay; /remove takes one out.`)],
  });
}
