// The storage port. SQLite implements it today; PostgreSQL can later. Every method is atomic.
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
  /** bm25 score: lower is better, as SQLite returns it. */
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

export interface ArticleStore {
  findDuplicateCandidates(hash: string, canonicalUrl: string | null, bands: readonly number[]): Promise<DuplicateCandidates>;
  insertArticle(rec: ArticleRecord, now: string): Promise<void>;
  /** Replaces text and metadata of an existing article, keeping its id. */
  replaceArticle(id: string, rec: Omit<ArticleRecord, 'id'>, now: string): Promise<void>;
  getArticle(id: string): Promise<Article | undefined>;
  hasArticle(id: string): Promise<boolean>;
  /**
   * Runs `work` with its writes grouped for speed (one commit for many articles); each write
   * stays atomic on its own. Keep batches short: other writers wait for the group's commit.
   */
  batch<T>(work: () => Promise<T>): Promise<T>;
  findArticleByUrl(canonicalUrl: string): Promise<ArticleMeta | undefined>;
  listArticles(opts?: ListOptions): Promise<ArticleMeta[]>;
  countArticles(): Promise<number>;
  /** Full-text search over sentences (FTS5 MATCH expression), best first. */
  searchSentences(match: string, limit: number, articleIds?: readonly string[]): Promise<SentenceHit[]>;
  /** Full-text search over whole articles, title and body (FTS5 MATCH expression), best first. */
  searchArticleText(match: string, limit: number): Promise<ArticleHit[]>;
  sentencesOf(articleId: string): Promise<Sentence[]>;
  entitiesOf(sentenceIds: readonly number[]): Promise<Map<number, StoredEntity[]>>;
  factsOf(articleIds: readonly string[]): Promise<(NumericFact & { articleId: string; sentenceId: number })[]>;
  /** How many sentences contain each stem-term, for IDF; `total` is the number of sentences. */
  documentFrequencies(terms: readonly string[]): Promise<{ total: number; df: Map<string, number> }>;
  setStory(articleIds: readonly string[], storyId: string): Promise<void>;
  getMark(key: string): Promise<string | undefined>;
  setMark(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}
