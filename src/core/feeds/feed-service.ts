// Feeds: /feed subscribe|list|remove, `briefbot ingest FEED_URL`, and the poller the minute tick
// drives. Each poll: conditional GET (ETag / Last-Modified), parse (item by item when broken),
// then each new or changed item becomes an article — the item's own full text when the feed
// carries it, otherwise its page fetched safely — stored in the feed's workspace. Undated items
// get the date they were first seen, marked as such. A failing feed backs off (doubling its
// interval, at most 12 hours) and shows as failing; it is never disabled.
import { createHash, randomBytes } from 'node:crypto';
import { htmlToArticle } from '../articles/html.ts';
import { canonicalUrl } from '../articles/normalise.ts';
import { checkArticleText, fetchArticle, MIN_ARTICLE_WORDS } from '../articles/web.ts';
import type { ArticleInput, IngestOutcome } from '../articles/types.ts';
import { isUserFacing, UserFacingError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { Fetched, SafeFetcher } from '../net/safe-fetch.ts';
import { scopeFollower } from '../scope.ts';
import { FeedParseError, parseFeed, type FeedItem, type ParsedFeed } from './parse-feed.ts';
import type { Feed, FeedStore } from './types.ts';

export const DEFAULT_FEED_INTERVAL_MINUTES = 15;
export const MIN_FEED_INTERVAL_MINUTES = 5;
export const MAX_FEED_INTERVAL_MINUTES = 24 * 60;
const MAX_BACKOFF_MINUTES = 12 * 60;
/** Items read per poll, newest first in feed order: a first poll of a long archive stays bounded. */
const MAX_ITEMS_PER_POLL = 30;
const LEASE_MS = 10 * 60_000;
const FEEDS_PER_TICK = 20;

export interface FeedServiceOptions {
  store: FeedStore;
  fetcher: SafeFetcher;
  now: () => Date;
  log: Logger;
  /** Counts each poll's outcome (briefbot_feed_polls_total). */
  metrics?: Metrics;
  /** Stores an article in a scope (the core's ingest for that workspace). */
  ingest(scope: string, input: ArticleInput): Promise<IngestOutcome>;
  /** This process's name in feed leases. */
  instanceId?: string;
  defaultIntervalMinutes?: number | undefined;
}

export interface PollSummary {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  notModified: boolean;
  /** The first reason an item was skipped, for the person reading /feed list. */
  firstSkip?: string | undefined;
}

export class FeedService {
  readonly instanceId: string;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly opts: FeedServiceOptions) {
    this.instanceId = opts.instanceId ?? `feeds-${randomBytes(4).toString('hex')}`;
  }

  /** Checks the URL is a readable feed, stores it, and reads it once right away. */
  async subscribe(scope: string, url: string, by: string, intervalMinutes = this.opts.defaultIntervalMinutes ?? DEFAULT_FEED_INTERVAL_MINUTES): Promise<{ feed: Feed; poll: PollSummary | undefined }> {
    if (intervalMinutes < MIN_FEED_INTERVAL_MINUTES || intervalMinutes > MAX_FEED_INTERVAL_MINUTES) {
      throw new UserFacingError('bad_interval', `Poll every ${MIN_FEED_INTERVAL_MINUTES} minutes to ${MAX_FEED_INTERVAL_MINUTES / 60} hours.`);
    }
    const clean = url.trim();
    if (!canonicalUrl(clean)) throw new UserFacingError('bad_url', `“${clean}” is not an http(s) URL.`);
    const existing = await this.opts.store.findFeed(scope, clean);
    if (existing) throw new UserFacingError('already_subscribed', `${scopeFollower(scope)} already follows that feed (id ${existing.id}).`);
    // Refuse what is not a feed before storing anything.
    const page = await this.opts.fetcher.fetch(clean, { kind: 'feed' });
    this.parse(page);
    const feed = await this.opts.store.addFeed({ id: `f${randomBytes(3).toString('hex')}`, scope, url: clean, intervalMinutes, createdBy: by, now: this.now() });
    if (!feed) throw new UserFacingError('already_subscribed', `${scopeFollower(scope)} already follows that feed.`);
    this.opts.log.info('feed subscribed', { feed: feed.id, scope: scope || 'shared', by });
    const [summary] = await this.pollDue(feed.id);
    return { feed: (await this.opts.store.findFeed(scope, feed.id)) ?? feed, poll: summary };
  }

  list(scope: string | null): Promise<Feed[]> {
    return this.opts.store.listFeeds(scope);
  }

  async remove(scope: string, ref: string): Promise<Feed> {
    const feed = await this.opts.store.findFeed(scope, ref.trim());
    if (!feed) throw new UserFacingError('feed_not_found', `${scopeFollower(scope)} follows no feed “${ref.trim()}”. /feed list shows ids and URLs.`);
    await this.opts.store.removeFeed(scope, feed.id);
    this.opts.log.info('feed removed', { feed: feed.id, scope: scope || 'shared' });
    return feed;
  }

  /** `briefbot ingest FEED_URL`: the feed's items, once, without following it. */
  async readOnce(scope: string, page: Fetched): Promise<{ title: string | undefined; outcomes: IngestOutcome[]; skipped: number }> {
    const parsed = this.parse(page);
    const outcomes: IngestOutcome[] = [];
    for (const item of parsed.items.slice(0, MAX_ITEMS_PER_POLL)) {
      try {
        outcomes.push(await this.opts.ingest(scope, { ...(await this.itemInput(item, parsed, page.url)), firstSeen: this.now() }));
      } catch (err) {
        if (!isUserFacing(err)) throw err;
        outcomes.push({ status: 'rejected', origin: item.link ?? item.title, reason: err.message });
      }
    }
    return { title: parsed.title, outcomes, skipped: parsed.skipped };
  }

  /** The minute tick: polls the feeds that are due and not being polled by another process. Never rejects. */
  tick(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    // A slow poll must not pile up ticks behind it.
    this.running ??= this.pollDue()
      .then(
        () => undefined,
        (err: unknown) => this.opts.log.error('feed tick failed', { err }),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops taking feeds; a poll in flight finishes (its lease is released with its result). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async pollDue(onlyId?: string): Promise<PollSummary[]> {
    const now = this.opts.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
    const feeds = await this.opts.store.claimDueFeeds(now.toISOString(), this.instanceId, leaseUntil, FEEDS_PER_TICK, onlyId);
    const out: PollSummary[] = [];
    for (const feed of feeds) {
      if (this.stopping) {
        await this.opts.store.releaseFeed(feed.id, this.instanceId);
        continue;
      }
      const summary = await this.pollOne(feed);
      if (summary) out.push(summary);
    }
    return out;
  }

  private async pollOne(feed: Feed): Promise<PollSummary | undefined> {
    const { store, log } = this.opts;
    try {
      const page = await this.opts.fetcher.fetch(feed.url, { kind: 'feed', etag: feed.etag ?? undefined, lastModified: feed.lastModified ?? undefined });
      const summary: PollSummary = { added: 0, updated: 0, unchanged: 0, skipped: 0, notModified: page.notModified };
      let title: string | null = null;
      if (!page.notModified) {
        const parsed = this.parse(page);
        title = parsed.title ?? null;
        summary.skipped = parsed.skipped;
        if (parsed.skipped) summary.firstSkip = parsed.salvaged ? 'broken XML' : 'items without a link or title';
        for (const item of parsed.items.slice(0, MAX_ITEMS_PER_POLL)) await this.pollItem(feed, item, parsed, page.url, summary);
      }
      const at = this.now();
      await store.recordPoll(feed.id, this.instanceId, {
        ok: true,
        at,
        nextPollAt: this.after(feed.intervalMinutes),
        etag: page.etag ?? null,
        lastModified: page.lastModified ?? null,
        title,
        result: describe(summary),
      });
      log.info('feed polled', { feed: feed.id, ...summary });
      this.opts.metrics?.feedPoll(page.notModified ? 'not_modified' : 'ok');
      return summary;
    } catch (err) {
      const message = isUserFacing(err) || err instanceof FeedParseError ? err.message : 'an unexpected error (see the bot log)';
      if (!isUserFacing(err) && !(err instanceof FeedParseError)) log.error('feed poll failed', { feed: feed.id, err });
      else log.warn('feed poll failed', { feed: feed.id, reason: message });
      this.opts.metrics?.feedPoll('failed');
      const backoff = Math.min(feed.intervalMinutes * 2 ** (feed.failures + 1), Math.max(MAX_BACKOFF_MINUTES, feed.intervalMinutes));
      await store.recordPoll(feed.id, this.instanceId, { ok: false, at: this.now(), nextPollAt: this.after(backoff), error: message });
      return undefined;
    }
  }

  private async pollItem(feed: Feed, item: FeedItem, parsed: ParsedFeed, base: string, summary: PollSummary): Promise<void> {
    const { store } = this.opts;
    const fingerprint = createHash('sha256').update(JSON.stringify([item.title, item.link, item.published, item.html])).digest('hex').slice(0, 32);
    const seen = await store.itemSeen(feed.id, item.key);
    if (seen?.fingerprint === fingerprint) {
      summary.unchanged++;
      return;
    }
    const firstSeenAt = seen?.firstSeenAt ?? this.now();
    try {
      const input = await this.itemInput(item, parsed, base);
      const outcome = await this.opts.ingest(feed.scope, { ...input, firstSeen: firstSeenAt });
      if (outcome.status === 'rejected') throw new UserFacingError('rejected', outcome.reason ?? 'rejected');
      if (outcome.status === 'added') summary.added++;
      else if (outcome.status === 'updated') summary.updated++;
      else summary.unchanged++;
      await store.recordItem(feed.id, item.key, { firstSeenAt, fingerprint, articleId: outcome.articleId ?? null });
    } catch (err) {
      if (!isUserFacing(err)) throw err;
      summary.skipped++;
      summary.firstSkip ??= err.message.includes(item.link ?? '\u0000') ? err.message : `${item.link ?? item.title}: ${err.message}`;
      // Remember when it was first seen (its date, if it never gets one); try it again next poll.
      await store.recordItem(feed.id, item.key, { firstSeenAt, fingerprint: null, articleId: null });
    }
  }

  /** The item's own full text when the feed carries enough of it; otherwise its page, fetched safely. */
  private async itemInput(item: FeedItem, parsed: ParsedFeed, base: string): Promise<ArticleInput> {
    const link = item.link ? new URL(item.link, base).toString() : undefined;
    const origin = link ?? item.title;
    const meta = { title: item.title, published: readableDate(item.published), source: parsed.title, origin };
    const fromFeed = item.html ? htmlToArticle(`<html><body><article>${item.html}</article></body></html>`) : undefined;
    if (fromFeed && (fromFeed.text.match(/\p{L}{2,}/gu)?.length ?? 0) >= MIN_ARTICLE_WORDS) {
      return checkArticleText({ text: fromFeed.text, url: link, ...meta }, origin ?? 'the item');
    }
    if (!link) throw new UserFacingError('no_text', 'the item has neither enough text nor a link');
    const page = await fetchArticle(this.opts.fetcher, link);
    // The feed's date and title are the publisher's word for the item; the page fills what it lacks.
    return { ...page, title: item.title ?? page.title, published: meta.published ?? page.published, source: page.source ?? parsed.title, origin: link };
  }

  private parse(page: Fetched): ParsedFeed {
    try {
      return parseFeed(page.text ?? '', page.url);
    } catch (err) {
      if (err instanceof FeedParseError) throw new UserFacingError('not_a_feed', `${page.url}: ${err.message}.`);
      throw err;
    }
  }

  private now(): string {
    return this.opts.now().toISOString();
  }

  private after(minutes: number): string {
    return new Date(this.opts.now().getTime() + minutes * 60_000).toISOString();
  }
}

/** A page fetched for `briefbot ingest URL` that turned out to be a feed, or an article page. */
export function looksLikeFeed(page: Fetched): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]/i.test(page.text?.slice(0, 4000) ?? '');
}

/** Only dates a reader could check; anything else is treated as no date. */
function readableDate(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function describe(s: PollSummary): string {
  if (s.notModified) return 'not modified';
  const parts = [`${s.added} added`, `${s.updated} updated`, `${s.unchanged} unchanged`];
  if (s.skipped) parts.push(`${s.skipped} skipped (${s.firstSkip ?? 'unreadable'})`);
  return parts.join(', ');
}
