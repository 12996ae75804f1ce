// Ingestion: validate, normalise, dedupe (hash, canonical URL, near-duplicate), analyse, store.
// prepare.ts does what needs no store (possibly ahead, in a worker thread); this does the rest, in
// order, on the thread that writes.
import { createHash } from 'node:crypto';
import { UserFacingError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { WorkBudget } from './limits.ts';
import { ArticleConflict, SHARED_SCOPE, type ArticleRecord, type ArticleStore } from '../store/article-store.ts';
import { canonicalUrl, cleanUrl, sourceFromUrl } from './normalise.ts';
import { NEAR_DUPLICATE_JACCARD, ShingleProfile } from './near-duplicates.ts';
import { words } from '../language/words.ts';
import { analyseNow, analyseSentences, prepareArticle, type PreparedArticle } from './prepare.ts';
import type { ArticleInput, ArticleMeta, IngestOutcome } from './types.ts';

export { analyseSentences, checkReadable, MAX_ARTICLE_CHARS } from './prepare.ts';

/** What the store path takes: an input prepared ahead (maybe analysed too), or why it was refused. */
export type PrepareResult = { prepared: PreparedArticle } | { rejected: string; origin: string | undefined };

export interface IngestOptions {
  store: ArticleStore;
  now: () => Date;
  log: Logger;
  /** CPU time one article's analysis may take (limits.ts has the default). */
  analysisBudgetMs?: number | undefined;
  /**
   * Prepares and analyses single articles off this thread (the bot's analysis pool), so the
   * commands it serves meanwhile are not held up; without one, they are analysed here, letting
   * the event loop in between sentences.
   */
  analysis?: { prepare(input: ArticleInput): Promise<PrepareResult> } | undefined;
}

/** Word lists of recent near-duplicate candidates: a story's articles are compared with the same few earlier ones. */
const WORD_CACHE = 256;

export class Ingestor {
  private readonly wordCache = new Map<string, { body: string; words: readonly string[] }>();

  constructor(private readonly opts: IngestOptions) {}

  private wordsOf(id: string, body: string): readonly string[] {
    const hit = this.wordCache.get(id);
    if (hit && hit.body === body) {
      // Least recently used goes first: a hit moves to the end.
      this.wordCache.delete(id);
      this.wordCache.set(id, hit);
      return hit.words;
    }
    const w = words(body);
    this.rememberWords(id, body, w);
    return w;
  }

  private rememberWords(id: string, body: string, w: readonly string[]): void {
    this.wordCache.delete(id);
    this.wordCache.set(id, { body, words: w });
    if (this.wordCache.size > WORD_CACHE) this.wordCache.delete(this.wordCache.keys().next().value!);
  }

  /** One article: prepared and analysed by the analysis pool when there is one, else on this thread (analysis only when it is to be stored). */
  async ingest(input: ArticleInput): Promise<IngestOutcome> {
    const pool = this.opts.analysis;
    if (pool) {
      let result: PrepareResult | undefined;
      try {
        result = await pool.prepare(input);
      } catch (err) {
        // The pool refuses only when its workers cannot run at all (or it is closed): the article is analysed here instead.
        this.opts.log.warn('analysis worker unavailable; analysing on this thread', { origin: input.origin, err: err instanceof Error ? err.message : String(err) });
      }
      if (result) return this.ingestPrepared(result);
    }
    let prepared: PreparedArticle;
    try {
      prepared = prepareArticle(input, this.opts.now());
    } catch (err) {
      if (err instanceof UserFacingError) return { status: 'rejected', origin: input.origin, reason: err.message };
      this.opts.log.error('ingest failed', { origin: input.origin, err });
      throw err;
    }
    return this.ingestPrepared({ prepared });
  }

  /** An article prepared ahead (analysis-pool.ts): dedupe and store, in the order they are given. */
  async ingestPrepared(result: PrepareResult): Promise<IngestOutcome> {
    if ('rejected' in result) return { status: 'rejected', origin: result.origin, reason: result.rejected };
    const origin = result.prepared.origin;
    try {
      return await this.store(result.prepared);
    } catch (err) {
      if (err instanceof UserFacingError) return { status: 'rejected', origin, reason: err.message };
      this.opts.log.error('ingest failed', { origin, err });
      throw err;
    }
  }

  private async store(p: PreparedArticle): Promise<IngestOutcome> {
    const { store, now, log } = this.opts;
    const { origin, title, body, url, canon, published, hash, bands } = p;
    const scope = p.scope ?? SHARED_SCOPE;
    const at = now().toISOString();
    const found = await store.findDuplicateCandidates(hash, canon, bands);
    if (found.byHash) {
      const same = found.byHash;
      if (await store.isRemoved(same.id, scope)) return removedOutcome(origin, same);
      // The same words under a newer publish date: the publisher re-dated it. Update the date, keep the old one in the history.
      if (published && (!same.published || same.publishedIsFirstSeen || published > same.published)) {
        await store.replaceArticle(same.id, await this.recordFor(p, { title, body, url: url ?? same.url, canon: canon ?? canonicalUrl(same.url ?? undefined), published, firstSeen: false, hash, bands, scope }), at);
        log.info('article re-dated', { id: same.id, origin });
        return { status: 'updated', origin, articleId: same.id, title, reason: 're-dated by its publisher' };
      }
      await store.shareArticle(same.id, scope, at);
      return { status: 'duplicate', origin, articleId: same.id, title: same.title, reason: `same text as ${same.id}` };
    }

    let target = found.byUrl;
    let mine: readonly string[] | undefined;
    if (!target) {
      mine = found.near.length ? words(body) : undefined;
      const profile = mine && new ShingleProfile(mine);
      const near = found.near
        .map((c) => ({ c, sim: profile!.similarAtLeast(this.wordsOf(c.id, c.body), NEAR_DUPLICATE_JACCARD) }))
        .filter((x): x is { c: (typeof found.near)[number]; sim: number } => x.sim !== undefined)
        .sort((a, b) => b.sim - a.sim)[0];
      if (near) {
        // An older copy of what we already hold newer adds nothing.
        if (published && near.c.published && published < near.c.published) {
          await store.shareArticle(near.c.id, scope, at);
          return { status: 'duplicate', origin, articleId: near.c.id, title: near.c.title, reason: `older copy of ${near.c.id}` };
        }
        target = near.c;
      }
    }
    if (target && (await store.isRemoved(target.id, scope))) return removedOutcome(origin, target);

    // Undated: keep the date we had; a feed item's first-seen date only when there is nothing better.
    const firstSeen = !published && !target?.published && !!p.firstSeen;
    const date = published ?? target?.published ?? (firstSeen ? p.firstSeen! : null);
    const dateIsFirstSeen = published ? false : target?.published ? !!target.publishedIsFirstSeen : firstSeen;
    const fields = { title, body, url, canon, published: date, firstSeen: dateIsFirstSeen, hash, bands, scope };
    if (target) {
      await store.replaceArticle(target.id, await this.recordFor(p, fields), at);
      log.info('article updated', { id: target.id, origin });
      return { status: 'updated', origin, articleId: target.id, title, reason: target.published && published && published !== target.published ? 're-dated and edited by its publisher' : 'edited by its publisher' };
    }
    const record = await this.recordFor(p, fields);
    for (let len = 7; len <= 24; len += 3) {
      const id = articleId(hash, len);
      try {
        await store.insertArticle({ ...record, id }, at);
        // The next article of the same story will compare itself with this one.
        if (mine) this.rememberWords(id, body, mine);
        log.info('article added', { id, origin });
        return { status: 'added', origin, articleId: id, title };
      } catch (err) {
        if (!(err instanceof ArticleConflict)) throw err;
        // Ids are hash prefixes: a prefix taken by another article (maybe in another scope) gets longer.
        if (err.on === 'id') continue;
        // Another process stored the same text or URL between our check and our insert.
        return { status: 'duplicate', origin, reason: 'stored concurrently' };
      }
    }
    throw new Error('no free article id');
  }

  private async recordFor(
    p: PreparedArticle,
    f: { title: string; body: string; url: string | null; canon: string | null; published: string | null; firstSeen: boolean; hash: string; bands: number[]; scope: string },
  ): Promise<Omit<ArticleRecord, 'id'>> {
    // Analysed ahead (a worker) only for the body prepared; a re-dated copy keeps its own body, the same.
    if (p.analysis && 'rejected' in p.analysis) throw new UserFacingError('not_analysed', p.analysis.rejected);
    const sentences = p.analysis?.sentences ?? (await analyseSentences(f.body, new WorkBudget(this.opts.analysisBudgetMs)));
    if (!sentences.length) throw new UserFacingError('no_sentences', 'no readable sentences in the text');
    return {
      title: f.title,
      source: p.source?.trim() || sourceFromUrl(f.canon),
      url: f.canon ? cleanUrl(f.url ?? undefined) : null,
      canonicalUrl: f.canon,
      externalId: p.externalId ?? null,
      published: f.published,
      publishedIsFirstSeen: f.firstSeen,
      scope: f.scope,
      contentHash: f.hash,
      bands: f.bands,
      body: f.body,
      sentences,
    };
  }
}

/** An input prepared and analysed on the calling thread in one go, for when nothing else waits for it (start-up). */
export function prepareHere(input: ArticleInput, now: Date, budgetMs?: number): PrepareResult {
  try {
    const prepared = prepareArticle(input, now);
    prepared.analysis = analyseNow(prepared.body, budgetMs);
    return { prepared };
  } catch (err) {
    if (err instanceof UserFacingError) return { rejected: err.message, origin: input.origin };
    throw err;
  }
}

function articleId(hash: string, len: number): string {
  return `a${createHash('sha256').update(hash).digest('hex').slice(0, len)}`;
}

function removedOutcome(origin: string | undefined, a: ArticleMeta): IngestOutcome {
  return { status: 'duplicate', origin, articleId: a.id, title: a.title, reason: `${a.id} was removed by an admin; it stays out of answers and briefings` };
}
