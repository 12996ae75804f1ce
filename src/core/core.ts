// The one core: everything a chat platform, the console or the CLI can ask of briefbot.
import type { PrepareResult } from './articles/ingest.ts';
import type { ArticleInput, ArticleMeta, IngestOutcome } from './articles/types.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { AskOptions } from './models/grounded-answerer.ts';
import type { LanguageModel } from './models/language-model.ts';
import type { SubscriptionService } from './schedule/subscriptions.ts';
import type { ArticleStore } from './store/article-store.ts';
import type { FeedService } from './feeds/feed-service.ts';
import type { Feed } from './feeds/types.ts';
import type { Answer, Briefing, BriefOptions, SearchHit, Summary } from './types.ts';

/** What /add and `briefbot ingest URL` report: what happened, and the article's summary when stored. */
export interface AddedFromUrl {
  outcome: IngestOutcome;
  summary?: Summary | undefined;
}

/** A workspace's feeds (/feed), and reading a URL that may be a page or a feed. */
export interface ScopedFeeds {
  subscribe(url: string, by: string, intervalMinutes?: number): ReturnType<FeedService['subscribe']>;
  list(): Promise<Feed[]>;
  remove(ref: string): Promise<Feed>;
}

/** `briefbot ingest URL`: a web page's article, or every item of a feed once. */
export type UrlIngest = { kind: 'article'; result: AddedFromUrl } | { kind: 'feed'; title: string | undefined; outcomes: IngestOutcome[]; skipped: number };

export interface Core {
  /** Whose articles this core answers from (see scope.ts); the store is that scope's view. */
  readonly scope: string;
  readonly store: ArticleStore;
  readonly log: Logger;
  /** Where commands, deliveries, feed polls and model requests are counted (noMetrics by default). */
  readonly metrics: Metrics;
  readonly now: () => Date;
  /** Default IANA time zone for dates shown to people (BRIEFBOT_TIMEZONE). */
  readonly timezone: string;
  /** Channels' daily briefing subscriptions (/subscribe, /unsubscribe). */
  readonly subscriptions: SubscriptionService;
  /** The language model answers, summaries and briefings are written by; undefined: extractive only. */
  readonly model: LanguageModel | undefined;
  /** The same core seen from a workspace (or SHARED_SCOPE): same store, clock and services. */
  forScope(scope: string): Core;
  /** Stored in this core's scope (unless the input names one). */
  ingest(input: ArticleInput): Promise<IngestOutcome>;
  /** An article prepared ahead (analysis-pool.ts), stored in this core's scope unless it names one. */
  ingestPrepared(result: PrepareResult): Promise<IngestOutcome>;
  /** Fetches a web page safely, extracts its article and stores it in this scope. Refusals are UserFacingErrors. */
  addUrl(url: string): Promise<AddedFromUrl>;
  /** Reads a URL that is either an article page or a feed (feeds: every item once, not followed). */
  ingestUrl(url: string): Promise<UrlIngest>;
  /** This workspace's feeds. */
  readonly feeds: ScopedFeeds;
  /** Every workspace's feeds and the poller the minute tick drives. */
  readonly feedService: FeedService;
  /** Takes an article (id or URL) out of answers and briefings in this scope (everywhere from SHARED_SCOPE). */
  remove(ref: string, by: string): Promise<ArticleMeta>;
  /** With a model configured, `onDraft` sees its unchecked text as it grows; the answer returned is always the checked one. */
  ask(question: string, opts?: AskOptions): Promise<Answer>;
  /** `ref`: an article id, URL, or words of its title. */
  summarise(ref: string, opts?: AskOptions): Promise<Summary>;
  summariseAll(): Promise<Summary[]>;
  /** With a model configured, `draft.onDraft` sees its unchecked text as it grows. */
  brief(opts?: BriefOptions, draft?: AskOptions): Promise<Briefing>;
  search(query: string, limit?: number): Promise<SearchHit[]>;
  sources(opts?: { topic?: string | undefined; limit?: number | undefined }): Promise<ArticleMeta[]>;
  close(): Promise<void>;
}
