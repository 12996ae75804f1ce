// Composition of the core from a store, a clock and a logger.
import { fileURLToPath } from 'node:url';
import { readArticleFiles } from './articles/files.ts';
import { Ingestor } from './articles/ingest.ts';
import { articlesAbout, findArticle, searchArticles } from './articles/lookup.ts';
import { Answerer, DEFAULT_TUNING, type AnswererTuning } from './answer/answerer.ts';
import type { Core } from './core.ts';
import { UserFacingError } from './errors.ts';
import type { Logger } from './log.ts';
import { noMetrics, type Metrics } from './metrics.ts';
import { GroundedAnswerer } from './models/grounded-answerer.ts';
import { modelBriefing, modelSummary } from './models/model-writing.ts';
import type { LanguageModel } from './models/language-model.ts';
import { SqliteScheduleStore } from './schedule/sqlite-schedule-store.ts';
import { SubscriptionService } from './schedule/subscriptions.ts';
import type { ScheduleStore } from './schedule/types.ts';
import type { ArticleStore } from './store/article-store.ts';
import { SqliteArticleStore } from './store/sqlite-store.ts';
import { buildBriefing } from './summarise/briefing.ts';
import { summariseArticle } from './summarise/summariser.ts';

export interface CoreOptions {
  store: ArticleStore;
  log: Logger;
  metrics?: Metrics;
  now?: () => Date;
  timezone?: string;
  answerTuning?: AnswererTuning;
  /** Subscriptions and delivery ledger; by default in the same SQLite database as the articles. */
  scheduleStore?: ScheduleStore;
  /** Set: answers, summaries and briefings are written by this model and checked; unset: extractive only. */
  model?: LanguageModel | undefined;
  /** Where the model's prompt templates are (default: prompts/ of this project). */
  promptsDir?: string | undefined;
}

export function createCore(opts: CoreOptions): Core {
  const { store, log } = opts;
  const now = opts.now ?? (() => new Date());
  const ingestor = new Ingestor({ store, now, log });
  const answerer = new Answerer(store, opts.answerTuning ?? DEFAULT_TUNING);
  const timezone = opts.timezone ?? 'UTC';
  const scheduleStore = opts.scheduleStore ?? (store instanceof SqliteArticleStore ? new SqliteScheduleStore(store.db) : undefined);
  if (!scheduleStore) throw new Error('createCore: a scheduleStore is required with a non-SQLite article store');
  const model = opts.model;
  const modelDeps = model && { model, store, log, now, timezone, promptsDir: opts.promptsDir };
  const grounded = modelDeps && new GroundedAnswerer(answerer, modelDeps);
  return {
    store,
    log,
    metrics: opts.metrics ?? noMetrics,
    now,
    timezone,
    subscriptions: new SubscriptionService(scheduleStore, now, timezone),
    model,
    ingest: (input) => ingestor.ingest(input),
    ask: async (question, askOpts) => {
      if (!question.trim()) throw new UserFacingError('empty_question', 'Ask me a question, for example: /ask how many troops did North Korea send?');
      return grounded ? grounded.ask(question, askOpts) : answerer.ask(question);
    },
    summarise: async (ref) => {
      const meta = await findArticle(store, ref);
      const article = await store.getArticle(meta.id);
      if (!article) throw new UserFacingError('not_found', `No stored article matches “${ref}”.`);
      const extractive = await summariseArticle(store, article);
      return modelDeps ? modelSummary(modelDeps, article, extractive) : extractive;
    },
    summariseAll: async () => {
      const out = [];
      for (const meta of await store.listArticles()) {
        const article = await store.getArticle(meta.id);
        if (article) out.push(await summariseArticle(store, article));
      }
      return out;
    },
    brief: async (o) => {
      const extractive = await buildBriefing(store, now(), o);
      return modelDeps ? modelBriefing(modelDeps, extractive) : extractive;
    },
    search: (query, limit = 5) => searchArticles(store, query, limit),
    sources: (o) => articlesAbout(store, o?.topic, { limit: o?.limit }),
    close: () => store.close(),
  };
}

export const STARTER_CORPUS = fileURLToPath(new URL('../starter/', import.meta.url));
const SEEDED_MARK = 'starter-corpus-seeded';

/** On first start, store the starter articles. Runs once per store, even if they are later removed. */
export async function seedStarterCorpus(core: Core, dir = STARTER_CORPUS): Promise<number> {
  if (await core.store.getMark(SEEDED_MARK)) return 0;
  let added = 0;
  for await (const item of readArticleFiles([dir])) {
    if ('rejected' in item) {
      core.log.warn('starter article rejected', { origin: item.origin, reason: item.rejected });
      continue;
    }
    const outcome = await core.ingest(item.input);
    if (outcome.status === 'added') added++;
  }
  await core.store.setMark(SEEDED_MARK, core.now().toISOString());
  return added;
}
