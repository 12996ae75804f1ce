// Ingestion: validate, normalise, dedupe (hash, canonical URL, near-duplicate), analyse, store.
import { createHash } from 'node:crypto';
import { UserFacingError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { articleEntities, loadAnalysers, numericFacts } from '../language/entities.ts';
import { sentencesWithEntities } from '../language/sentences.ts';
import { words } from '../language/words.ts';
import { checkRepetition, checkSentenceLength, WorkBudget } from './limits.ts';
import { SHARED_SCOPE, type ArticleRecord, type ArticleStore, type SentenceRecord } from '../store/article-store.ts';
import { canonicalUrl, cleanUrl, contentHash, deriveTitle, normaliseText, parsePublished, sourceFromUrl } from './normalise.ts';
import { jaccard, lshBands, NEAR_DUPLICATE_JACCARD, shingles } from './near-duplicates.ts';
import type { ArticleInput, ArticleMeta, IngestOutcome } from './types.ts';

export const MAX_ARTICLE_CHARS = 400_000;
const MIN_WORDS = 5;

export interface IngestOptions {
  store: ArticleStore;
  now: () => Date;
  log: Logger;
  /** CPU time one article's analysis may take (limits.ts has the default). */
  analysisBudgetMs?: number | undefined;
}

/** Rejects what cannot be an article: empty, binary, oversized or wordless text. */
export function checkReadable(text: unknown): string {
  if (typeof text !== 'string' || !text.trim()) throw new UserFacingError('empty', 'no article text');
  if (text.length > MAX_ARTICLE_CHARS) throw new UserFacingError('too_large', `article text is too large (${text.length} characters; the limit is ${MAX_ARTICLE_CHARS})`);
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  if (text.includes('\u0000') || controls > text.length * 0.01) throw new UserFacingError('binary', 'this looks like binary data, not text');
  const words = text.match(/\p{L}{2,}/gu)?.length ?? 0;
  if (words < MIN_WORDS) throw new UserFacingError('too_short', `too little text to be an article (${words} words)`);
  return text;
}

/** Pause for the event loop this often, so commands are served while a long article is analysed. */
const YIELD_EVERY_MS = 25;
const YIELD_EVERY_SENTENCES = 32;

/**
 * Sentences with their entities and numeric facts, within the article's CPU budget; an
 * over-long sentence rejects the article.
 */
export async function analyseSentences(body: string, budget = new WorkBudget()): Promise<SentenceRecord[]> {
  loadAnalysers();
  const found = budget.run(() => sentencesWithEntities(body));
  for (const { text } of found) checkSentenceLength(text);
  const entities = budget.run(() => articleEntities(found));
  const out: SentenceRecord[] = [];
  let sinceYield = performance.now();
  for (const [i, { text }] of found.entries()) {
    out.push(budget.run(() => ({ text, entities: entities[i]!, facts: numericFacts(text) })));
    if (out.length % YIELD_EVERY_SENTENCES === 0 || performance.now() - sinceYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sinceYield = performance.now();
    }
  }
  return out;
}

export class Ingestor {
  constructor(private readonly opts: IngestOptions) {}

  async ingest(input: ArticleInput): Promise<IngestOutcome> {
    const origin = input.origin;
    try {
      return await this.ingestOne(input);
    } catch (err) {
      if (err instanceof UserFacingError) return { status: 'rejected', origin, reason: err.message };
      this.opts.log.error('ingest failed', { origin, err });
      throw err;
    }
  }

  private async ingestOne(input: ArticleInput): Promise<IngestOutcome> {
    const { store, now, log } = this.opts;
    const origin = input.origin;
    let body = normaliseText(checkReadable(input.text));
    checkRepetition(words(body));
    const title = input.title?.trim() ? normaliseText(input.title).replace(/\s+/g, ' ').slice(0, 300) : deriveTitle(body);
    // A body that repeats its title as the first line: the title is not a sentence of the story.
    const [firstLine, ...restLines] = body.split('\n');
    if (firstLine && firstLine.replace(/^#+\s*/, '').trim() === title && restLines.join('').trim()) body = restLines.join('\n').trim();
    const url = input.url?.trim() || null;
    const canon = canonicalUrl(url ?? undefined);
    if (url && !canon) throw new UserFacingError('bad_url', `not an http(s) URL: ${url}`);
    const published = parsePublished(input.published, now());
    if (input.published && !published) throw new UserFacingError('bad_date', `cannot read the publish date "${String(input.published)}"`);
    const hash = contentHash(body);
    const bands = lshBands(body);

    const scope = input.scope ?? SHARED_SCOPE;
    const at = now().toISOString();
    const found = await store.findDuplicateCandidates(hash, canon, bands);
    if (found.byHash) {
      const same = found.byHash;
      if (await store.isRemoved(same.id, scope)) return removedOutcome(origin, same);
      // The same words under a newer publish date: the publisher re-dated it. Update the date, keep the old one in the history.
      if (published && (!same.published || same.publishedIsFirstSeen || published > same.published)) {
        await store.replaceArticle(same.id, await this.recordFor(input, { title, body, url: url ?? same.url, canon: canon ?? canonicalUrl(same.url ?? undefined), published, firstSeen: false, hash, bands, scope }), at);
        log.info('article re-dated', { id: same.id, origin });
        return { status: 'updated', origin, articleId: same.id, title, reason: 're-dated by its publisher' };
      }
      await store.shareArticle(same.id, scope, at);
      return { status: 'duplicate', origin, articleId: same.id, title: same.title, reason: `same text as ${same.id}` };
    }

    let target = found.byUrl;
    if (!target) {
      const mine = shingles(body);
      const near = found.near
        .map((c) => ({ c, sim: jaccard(mine, shingles(c.body)) }))
        .filter((x) => x.sim >= NEAR_DUPLICATE_JACCARD)
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
    const firstSeen = !published && !target?.published && !!input.firstSeen;
    const date = published ?? target?.published ?? (firstSeen ? input.firstSeen! : null);
    const dateIsFirstSeen = published ? false : target?.published ? !!target.publishedIsFirstSeen : firstSeen;
    const fields = { title, body, url, canon, published: date, firstSeen: dateIsFirstSeen, hash, bands, scope };
    if (target) {
      await store.replaceArticle(target.id, await this.recordFor(input, fields), at);
      log.info('article updated', { id: target.id, origin });
      return { status: 'updated', origin, articleId: target.id, title, reason: target.published && published && published !== target.published ? 're-dated and edited by its publisher' : 'edited by its publisher' };
    }
    const record = await this.recordFor(input, fields);
    for (let len = 7; len <= 24; len += 3) {
      const id = articleId(hash, len);
      try {
        await store.insertArticle({ ...record, id }, at);
        log.info('article added', { id, origin });
        return { status: 'added', origin, articleId: id, title };
      } catch (err) {
        // Ids are hash prefixes: a prefix taken by another article (maybe in another scope) gets longer.
        if (/UNIQUE constraint failed: articles\.id/.test(String(err))) continue;
        // Another process stored the same text or URL between our check and our insert.
        if (/UNIQUE|unique/.test(String(err))) return { status: 'duplicate', origin, reason: 'stored concurrently' };
        throw err;
      }
    }
    throw new Error('no free article id');
  }

  private async recordFor(
    input: ArticleInput,
    f: { title: string; body: string; url: string | null; canon: string | null; published: string | null; firstSeen: boolean; hash: string; bands: number[]; scope: string },
  ): Promise<Omit<ArticleRecord, 'id'>> {
    const sentences = await analyseSentences(f.body, new WorkBudget(this.opts.analysisBudgetMs));
    if (!sentences.length) throw new UserFacingError('no_sentences', 'no readable sentences in the text');
    return {
      title: f.title,
      source: input.source?.trim() || sourceFromUrl(f.canon),
      url: f.canon ? cleanUrl(f.url ?? undefined) : null,
      canonicalUrl: f.canon,
      externalId: input.externalId ?? null,
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

function articleId(hash: string, len: number): string {
  return `a${createHash('sha256').update(hash).digest('hex').slice(0, len)}`;
}

function removedOutcome(origin: string | undefined, a: ArticleMeta): IngestOutcome {
  return { status: 'duplicate', origin, articleId: a.id, title: a.title, reason: `${a.id} was removed by an admin; it stays out of answers and briefings` };
}
