// The storage port, implemented on SQLite and on PostgreSQL (tests/store/article-store.contract.test.ts
// holds both to one contract). Every method is atomic.
import type { Article, ArticleMeta, Sentence } from '../articles/types.ts';
import type { Entity, NumericFact } from '../language/entities.ts';

export interface SentenceRecord {
  text: string;
  entities: Entity[];
  facts: NumericFact[];
}

export interface ArticleRecord {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  canonicalUrl: string | null;
  externalId: string | null;
  published: string | null;
  /** True when `published` is the date the bot first saw the item (a feed item without a date). */
  publishedIsFirstSeen?: boolean | undefined;
  /** Who may see it: SHARED_SCOPE for everyone, or one workspace ("slack:T123", "discord:456"). */
  scope?: string | undefined;
  contentHash: string;
  /** MinHash LSH band keys of the body (near-duplicate candidates). */
  bands: number[];
  body: string;
  sentences: SentenceRecord[];
}

export interface DuplicateCandidates {
  byHash?: ArticleMeta | undefined;
  byUrl?: ArticleMeta | undefined;
  /** Articles sharing an LSH band with the new one; the caller confirms closeness. */
  near: (ArticleMeta & { body: string })[];
}

export interface SentenceHit {
  sentence: Sentence;
  article: ArticleMeta;
  /** Relevance, lower is better: SQLite's bm25(); PostgreSQL's the same formula over its own counts (pg-article-store.ts). */
  bm25: number;
}

export interface ArticleHit {
  article: ArticleMeta;
  /** bm25 over title and body (the title weighs more): lower is better, as SQLite returns it. */
  bm25: number;
}

export interface StoredEntity extends Entity {
  sentenceId: number;
}

export interface ListOptions {
  since?: string | undefined; // ISO, by published time (falls back to ingestion time)
  until?: string | undefined;
  limit?: number | undefined;
  /** Only titles containing one of these lower-case fragments, ignoring ASCII case (a prefilter; callers confirm). */
  titleHas?: readonly string[] | undefined;
}

/**
 * insertArticle's refusal, the same on both stores: another stored article already has this id
 * (ids are hash prefixes: the caller tries a longer one), this text (`text`) or this canonical URL.
 * Nothing of the refused article is stored.
 */
export class ArticleConflict extends Error {
  constructor(
    readonly on: 'id' | 'text' | 'url',
    id: string,
  ) {
    super(`article ${id}: another stored article has the same ${on === 'text' ? 'text' : on}`);
    this.name = 'ArticleConflict';
  }
}

/** Everyone: the starter corpus and what the operator ingests from the command line. */
export const SHARED_SCOPE = '';

/** An import that writes at least this many articles is always tidied (tidyAfterImport) at its end. */
export const TIDIED_FROM = 1000;

/** A stored article's earlier text, kept when its publisher edited or re-dated it. */
export interface ArticleVersion {
  version: number;
  title: string;
  published: string | null;
  body: string;
  /** When this version was stored, and when a newer one replaced it. */
  storedAt: string;
  replacedAt: string;
}

export interface ArticleStore {
  /**
   * The scope this view answers for: reads (get, find, list, count, search) only see articles
   * shared with everyone or added in this scope, and not removed there. Writes and duplicate
   * detection see every article, so one story is stored once whoever adds it.
   */
  readonly scope: string;
  /** The same store seen from another scope (a workspace, or SHARED_SCOPE). */
  withScope(scope: string): ArticleStore;
  /** Makes an already stored article visible in `scope` too (someone there added it). */
  shareArticle(id: string, scope: string, now: string): Promise<void>;
  /**
   * Takes an article out of answers and briefings: in one scope, or everywhere (null). The article
   * and its history stay stored. False when it was not visible there.
   */
  removeArticle(id: string, scope: string | null, now: string, by: string): Promise<boolean>;
  /** Whether an article was removed from `scope` (or from everyone). */
  isRemoved(id: string, scope: string): Promise<boolean>;
  /** Earlier versions, oldest first. */
  articleHistory(id: string): Promise<ArticleVersion[]>;

  findDuplicateCandidates(hash: string, canonicalUrl: string | null, bands: readonly number[]): Promise<DuplicateCandidates>;
  /** Stores a new article; throws ArticleConflict when its id, text or canonical URL is taken. */
  insertArticle(rec: ArticleRecord, now: string): Promise<void>;
  /** Replaces text and metadata of an existing article, keeping its id; the old text goes to its history. */
  replaceArticle(id: string, rec: Omit<ArticleRecord, 'id'>, now: string): Promise<void>;
  getArticle(id: string): Promise<Article | undefined>;
  /** Several articles at once (one round trip), keyed by id in the order asked for; ids not visible here are left out. */
  getArticles(ids: readonly string[]): Promise<Map<string, Article>>;
  /**
   * Runs `work` with its writes grouped for speed (one commit for many articles); each write
   * stays atomic on its own. Keep batches short: other writers wait for the group's commit.
   */
  batch<T>(work: () => Promise<T>): Promise<T>;
  findArticleByUrl(canonicalUrl: string): Promise<ArticleMeta | undefined>;
  listArticles(opts?: ListOptions): Promise<ArticleMeta[]>;
  countArticles(): Promise<number>;
  /**
   * Full-text search over sentences, best first. `match`: quoted phrases joined by AND / OR (FTS5
   * syntax; PostgreSQL translates it). `newest`: rank only that many matching sentences, the most
   * recently stored (a bound on the work for a query of common words); every match when omitted.
   */
  searchSentences(match: string, limit: number, articleIds?: readonly string[], newest?: number): Promise<SentenceHit[]>;
  /** Full-text search over whole articles, title and body (FTS5 MATCH expression), best first. */
  searchArticleText(match: string, limit: number): Promise<ArticleHit[]>;
  sentencesOf(articleId: string): Promise<Sentence[]>;
  entitiesOf(sentenceIds: readonly number[]): Promise<Map<number, StoredEntity[]>>;
  factsOf(articleIds: readonly string[]): Promise<(NumericFact & { articleId: string; sentenceId: number })[]>;
  /** How many sentences contain each stem-term, for IDF; `total` is the number of sentences. */
  documentFrequencies(terms: readonly string[]): Promise<{ total: number; df: Map<string, number> }>;
  /**
   * How many sentences each full-text phrase (as in `searchSentences`) matches, counted no further
   * than `cap` + 1: what a query over it will walk. Optional; without it queries are not bounded.
   */
  phraseCounts?(phrases: readonly string[], cap: number): Promise<Map<string, number>>;
  /**
   * A large import is under way (TIDIED_FROM articles written, and more to come) and will end with tidyAfterImport: upkeep that tidying does anyway
   * may wait until then (SQLite: FTS5's gradual segment merging). Optional.
   */
  deferUpkeep?(): Promise<void>;
  /** Ends what deferUpkeep put off (before tidyAfterImport, or after an import that stopped early). */
  resumeUpkeep?(): Promise<void>;
  /** After an import of `written` articles (added or updated): compacts what many small commits left behind. Optional. */
  tidyAfterImport?(written: number): Promise<void>;
  setStory(articleIds: readonly string[], storyId: string): Promise<void>;
  getMark(key: string): Promise<string | undefined>;
  setMark(key: string, value: string): Promise<void>;
  /** Sets the mark only if it is unset; true for the one caller that set it (a once-only claim). */
  addMark(key: string, value: string): Promise<boolean>;
  close(): Promise<void>;
}
