// Composition of the core from a store, a clock and a logger.
import { projectPath } from './project-root.ts';
import { readArticleFiles } from './articles/files.ts';
import { AnalysisPool } from './articles/analysis-pool.ts';
import { Ingestor, prepareHere, type PrepareResult } from './articles/ingest.ts';
import { articlesAbout, findArticle, findArticleStrict, searchArticles } from './articles/lookup.ts';
import type { ArticleInput } from './articles/types.ts';
import { articleFromPage, fetchArticle } from './articles/web.ts';
import { FeedService, looksLikeFeed } from './feeds/feed-service.ts';
import { SqliteFeedStore } from './feeds/sqlite-feed-store.ts';
import type { FeedStore } from './feeds/types.ts';
import { SafeFetcher, type FetchPolicy } from './net/safe-fetch.ts';
import { Answerer, DEFAULT_TUNING, type AnswererTuning } from './answer/answerer.ts';
import { ordinarySpelling } from './answer/as-typed.ts';
import type { AddedFromUrl, Core } from './core.ts';
import { UserFacingError } from './errors.ts';
import type { Logger } from './log.ts';
import { GroundedAnswerer, type AskOptions } from './models/grounded-answerer.ts';
import type { LanguageModel } from './models/language-model.ts';
import { modelBriefing, modelSummary } from './models/model-writing.ts';
import { noMetrics, type Metrics } from './metrics.ts';
import { SqliteScheduleStore } from './schedule/sqlite-schedule-store.ts';
import { SubscriptionService } from './schedule/subscriptions.ts';
import type { ScheduleStore } from './schedule/types.ts';
import { SHARED_SCOPE, type ArticleStore } from './store/article-store.ts';
import { SqliteArticleStore } from './store/sqlite-store.ts';
import { buildBriefing } from './summarise/briefing.ts';
import { summariseArticle } from './summarise/summariser.ts';

export interface CoreOptions {
  store: ArticleStore;
  /** Limits and address policy for /add and feeds (BRIEFBOT_ALLOW_PRIVATE_URLS); or a fetcher to share. */
  fetch?: Partial<FetchPolicy> | SafeFetcher | undefined;
  log: Logger;
  metrics?: Metrics;
  now?: () => Date;
  timezone?: string;
  answerTuning?: AnswererTuning;
  /** CPU time one article's analysis may take before it is rejected (default in articles/limits.ts). */
  analysisBudgetMs?: number;
  /**
   * Worker threads that analyse single articles (/add, feed items, `ingest`), started with the
   * first article and stopped when idle, so the thread serving commands is never busy analysing
   * one (the bot: 1). 0 or unset: analysed on the calling thread, between its other work.
   */
  analysisWorkers?: number;
  /** Subscriptions and delivery ledger; by default in the same SQLite database as the articles. */
  scheduleStore?: ScheduleStore;
  /** Set: answers, summaries and briefings are written by this model and checked; unset: extractive only. */
  model?: LanguageModel | undefined;
  /** Where the model's prompt templates are (default: prompts/ of this project). */
  promptsDir?: string | undefined;
  /** Followed feeds; by default in the same SQLite database as the articles. */
  feedStore?: FeedStore;
  /** How often a feed is polled unless /feed subscribe says otherwise (BRIEFBOT_FEED_INTERVAL_MINUTES). */
  feedIntervalMinutes?: number;
}

export function createCore(opts: CoreOptions): Core {
  const { log } = opts;
  const now = opts.now ?? (() => new Date());
  const timezone = opts.timezone ?? 'UTC';
  const base = opts.store;
  const scheduleStore = opts.scheduleStore ?? (base instanceof SqliteArticleStore ? new SqliteScheduleStore(base.db) : undefined);
  if (!scheduleStore) throw new Error('createCore: a scheduleStore is required with a non-SQLite article store');
  const subscriptions = new SubscriptionService(scheduleStore, now, timezone);
  const fetcher = opts.fetch instanceof SafeFetcher ? opts.fetch : new SafeFetcher(opts.fetch);
  const feedStore = opts.feedStore ?? (base instanceof SqliteArticleStore ? new SqliteFeedStore(base.db) : undefined);
  if (!feedStore) throw new Error('createCore: a feedStore is required with a non-SQLite article store');
  const feedService = new FeedService({ store: feedStore, fetcher, now, log, metrics: opts.metrics, defaultIntervalMinutes: opts.feedIntervalMinutes, ingest: (scope, input) => forScope(scope).ingest({ ...input, scope }) });
  const scoped = new Map<string, Core>();
  const analysis = opts.analysisWorkers
    ? new AnalysisPool({ workers: opts.analysisWorkers, now, log, analysisBudgetMs: opts.analysisBudgetMs, lazy: true, idleMs: ANALYSIS_IDLE_MS })
    : undefined;
  const shared: Shared = {
    log,
    now,
    timezone,
    subscriptions,
    fetcher,
    feedService,
    metrics: opts.metrics ?? noMetrics,
    answerTuning: opts.answerTuning ?? DEFAULT_TUNING,
    analysisBudgetMs: opts.analysisBudgetMs,
    analysis,
    model: opts.model,
    promptsDir: opts.promptsDir,
    forScope,
    close: async () => {
      await feedService.stop();
      await fetcher.close();
      await analysis?.close();
      await base.close();
    },
  };
  function forScope(scope: string): Core {
    let core = scoped.get(scope);
    if (!core) {
      core = scopedCore(base.withScope(scope), shared);
      // Cores are small; a bot serves a bounded number of workspaces, but keep the map bounded anyway.
      if (scoped.size >= 1000) scoped.delete(scoped.keys().next().value!);
      scoped.set(scope, core);
    }
    return core;
  }
  return forScope(base.scope);
}

interface Shared {
  log: Logger;
  now: () => Date;
  timezone: string;
  subscriptions: SubscriptionService;
  fetcher: SafeFetcher;
  feedService: FeedService;
  metrics: NonNullable<CoreOptions['metrics']>;
  answerTuning: AnswererTuning;
  analysisBudgetMs: number | undefined;
  analysis: AnalysisPool | undefined;
  model: LanguageModel | undefined;
  promptsDir: string | undefined;
  forScope(scope: string): Core;
  close(): Promise<void>;
}

function scopedCore(store: ArticleStore, s: Shared): Core {
  const { log, now, timezone } = s;
  const ingestor = new Ingestor({ store, now, log, analysisBudgetMs: s.analysisBudgetMs, analysis: s.analysis });
  const answerer = new Answerer(store, s.answerTuning);
  const model = s.model;
  const modelDeps = model && { model, store, log, now, timezone, promptsDir: s.promptsDir };
  const grounded = modelDeps && new GroundedAnswerer(answerer, modelDeps);
  const ingest = (input: ArticleInput) => ingestor.ingest({ ...input, scope: input.scope ?? store.scope });
  const ingestPrepared = (r: PrepareResult) => ingestor.ingestPrepared('prepared' in r ? { prepared: { ...r.prepared, scope: r.prepared.scope ?? store.scope } } : r);
  const summarise = async (ref: string, draft?: AskOptions) => {
    const meta = await findArticle(store, ref);
    const article = await store.getArticle(meta.id);
    if (!article) throw new UserFacingError('not_found', `No stored article matches “${ref}”.`);
    const extractive = await summariseArticle(store, article);
    return modelDeps ? modelSummary(modelDeps, article, extractive, draft) : extractive;
  };
  const addArticle = async (input: ArticleInput, url: string): Promise<AddedFromUrl> => {
    const outcome = await ingest(input);
    if (outcome.status === 'rejected') throw new UserFacingError('rejected', `I couldn't store ${url}: ${outcome.reason ?? 'no reason given'}.`);
    const article = outcome.articleId ? await store.getArticle(outcome.articleId) : undefined;
    return { outcome, summary: article ? await summariseArticle(store, article, undefined, 2) : undefined };
  };
  return {
    scope: store.scope,
    store,
    log,
    metrics: s.metrics,
    now,
    timezone,
    subscriptions: s.subscriptions,
    model,
    forScope: s.forScope,
    ingest,
    ingestPrepared,
    addUrl: async (url) => addArticle(await fetchArticle(s.fetcher, url), url),
    ingestUrl: async (url) => {
      const page = await s.fetcher.fetch(url, { kind: 'any' });
      if (looksLikeFeed(page)) return { kind: 'feed', ...(await s.feedService.readOnce(store.scope, page)) };
      return { kind: 'article', result: await addArticle(articleFromPage(page, url), url) };
    },
    feeds: {
      subscribe: (url, by, interval) => s.feedService.subscribe(store.scope, url, by, interval),
      list: () => s.feedService.list(store.scope),
      remove: (ref) => s.feedService.remove(store.scope, ref),
    },
    feedService: s.feedService,
    remove: async (ref, by) => {
      const meta = await findArticleStrict(store, ref);
      // From the shared scope (the operator) an article leaves every workspace; from a workspace, only that one.
      await store.removeArticle(meta.id, store.scope === SHARED_SCOPE ? null : store.scope, now().toISOString(), by);
      log.info('article removed', { id: meta.id, scope: store.scope || 'shared', by });
      return meta;
    },
    ask: async (question, askOpts) => {
      if (!question.trim()) throw new UserFacingError('empty_question', 'Ask me a question, for example: /ask how many troops did North Korea send?');
      // Read in its ordinary spelling ("WHATS", "ppl"); the reply shows the question as the user typed it.
      const spelled = ordinarySpelling(question);
      const answer = await (grounded ? grounded.ask(spelled, askOpts) : answerer.ask(spelled));
      return spelled === question ? answer : { ...answer, question: question.trim().replace(/\s+/g, ' ') };
    },
    summarise,
    summariseAll: async () => {
      const out = [];
      for (const meta of await store.listArticles()) {
        const article = await store.getArticle(meta.id);
        if (article) out.push(await summariseArticle(store, article));
      }
      return out;
    },
    brief: async (o, draft) => {
      const extractive = await buildBriefing(store, now(), o);
      return modelDeps ? modelBriefing(modelDeps, extractive, draft) : extractive;
    },
    search: (query, limit = 5) => searchArticles(store, query, limit),
    sources: (o) => articlesAbout(store, o?.topic, { limit: o?.limit }),
    close: s.close,
  };
}

/** A single-article analysis worker stops after this long without an article (its models are tens of MB). */
const ANALYSIS_IDLE_MS = 120_000;

export const STARTER_CORPUS = `${projectPath('src', 'starter')}/`;
const SEEDED_MARK = 'starter-corpus-seeded';

/**
 * On first start, store the starter articles. Runs once per store, even if they are later removed,
 * and once when several bot processes start together on one database: the mark is claimed first.
 * Without a pool they are analysed on this thread (before the bot serves anything: no worker is
 * started for them).
 */
export async function seedStarterCorpus(core: Core, dir = STARTER_CORPUS, pool?: { prepare(input: ArticleInput): Promise<PrepareResult> }): Promise<number> {
  if (!(await core.store.addMark(SEEDED_MARK, core.now().toISOString()))) return 0;
  let added = 0;
  for await (const item of readArticleFiles([dir])) {
    if ('rejected' in item) {
      core.log.warn('starter article rejected', { origin: item.origin, reason: item.rejected });
      continue;
    }
    const outcome = await core.ingestPrepared(pool ? await pool.prepare(item.input) : prepareHere(item.input, core.now()));
    if (outcome.status === 'added') added++;
  }
  return added;
}
