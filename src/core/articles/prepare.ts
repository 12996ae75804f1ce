// The part of ingesting an article that needs no store: checks, normalisation, content hash,
// LSH bands, and the sentence analysis. Pure and synchronous, so it can run in a worker thread
// (analysis-pool.ts) while the main thread dedupes and writes; ingest.ts does the rest.
import { UserFacingError } from '../errors.ts';
import { articleEntities, loadAnalysers, numericFacts } from '../language/entities.ts';
import { sentencesWithEntities } from '../language/sentences.ts';
import { words } from '../language/words.ts';
import type { SentenceRecord } from '../store/article-store.ts';
import { checkRepetition, checkSentenceLength, WorkBudget } from './limits.ts';
import { lshBandsOfWords } from './near-duplicates.ts';
import { canonicalUrl, contentHashOfWords, deriveTitle, normaliseText, parsePublished, stripDateline } from './normalise.ts';
import type { ArticleInput } from './types.ts';

export const MAX_ARTICLE_CHARS = 400_000;
const MIN_WORDS = 5;

/** Rejects what cannot be an article: empty, binary, oversized or wordless text. */
export function checkReadable(text: unknown): string {
  if (typeof text !== 'string' || !text.trim()) throw new UserFacingError('empty', 'no article text');
  if (text.length > MAX_ARTICLE_CHARS) throw new UserFacingError('too_large', `article text is too large (${text.length} characters; the limit is ${MAX_ARTICLE_CHARS})`);
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  if (text.includes('\u0000') || controls > text.length * 0.01) throw new UserFacingError('binary', 'this looks like binary data, not text');
  const words = countWords(text, MIN_WORDS);
  if (words < MIN_WORDS) throw new UserFacingError('too_short', `too little text to be an article (${words} words)`);
  return text;
}

const WORD = /\p{L}{2,}/gu;

/** Words of two letters or more, counted up to `enough` (an article's first few; matching them all cost a tenth of preparing it). */
function countWords(text: string, enough: number): number {
  WORD.lastIndex = 0;
  let n = 0;
  while (n < enough && WORD.test(text)) n++;
  WORD.lastIndex = 0;
  return n;
}

/** The sentences of an article, or why they cannot be stored (applied only if the article is to be stored). */
export type Analysis = { sentences: SentenceRecord[] } | { rejected: string };

/** An article checked and normalised, with what dedupe needs; `analysis` when it was analysed ahead. */
export interface PreparedArticle {
  origin: string | undefined;
  title: string;
  body: string;
  url: string | null;
  canon: string | null;
  /** The publisher's date, parsed; null when none was given. */
  published: string | null;
  hash: string;
  bands: number[];
  source: string | undefined;
  externalId: string | undefined;
  scope: string | undefined;
  firstSeen: string | undefined;
  analysis?: Analysis | undefined;
}

/** Checks and normalises an input; bad input throws a UserFacingError saying why. */
export function prepareArticle(input: ArticleInput, now: Date): PreparedArticle {
  let body = stripDateline(normaliseText(checkReadable(input.text)));
  const all = words(body);
  checkRepetition(all);
  const title = input.title?.trim() ? stripDateline(normaliseText(input.title).replace(/\s+/g, ' ')).slice(0, 300) : deriveTitle(body);
  // A body that repeats its title as the first line: the title is not a sentence of the story
  // (and a dateline may open the story after it).
  const [firstLine, ...restLines] = body.split('\n');
  let bodyWords = all;
  if (firstLine && stripDateline(firstLine.replace(/^#+\s*/, '').trim()) === title && restLines.join('').trim()) {
    body = stripDateline(restLines.join('\n').trim());
    bodyWords = words(body);
  }
  const url = input.url?.trim() || null;
  const canon = canonicalUrl(url ?? undefined);
  if (url && !canon) throw new UserFacingError('bad_url', `not an http(s) URL: ${url}`);
  const published = parsePublished(input.published, now);
  if (input.published && !published) throw new UserFacingError('bad_date', `cannot read the publish date "${String(input.published)}"`);
  return {
    origin: input.origin,
    title,
    body,
    url,
    canon,
    published,
    hash: contentHashOfWords(bodyWords),
    bands: lshBandsOfWords(bodyWords),
    source: input.source,
    externalId: input.externalId,
    scope: input.scope,
    firstSeen: input.firstSeen,
  };
}

/** Pause for the event loop this often, so commands are served while a long article is analysed. */
const YIELD_EVERY_MS = 25;
const YIELD_EVERY_SENTENCES = 32;

/**
 * Sentences with their entities and numeric facts, within the article's CPU budget; an
 * over-long sentence rejects the article. `pause` lets the event loop in now and then (the bot's
 * thread); a worker thread passes none.
 */
function* analysisSteps(body: string, budget: WorkBudget): Generator<'pause', SentenceRecord[]> {
  loadAnalysers();
  const found = budget.run(() => sentencesWithEntities(body));
  for (const { text } of found) checkSentenceLength(text);
  const entities = budget.run(() => articleEntities(found));
  const out: SentenceRecord[] = [];
  let sinceYield = performance.now();
  for (const [i, { text }] of found.entries()) {
    out.push(budget.run(() => ({ text, entities: entities[i]!, facts: numericFacts(text) })));
    if (out.length % YIELD_EVERY_SENTENCES === 0 || performance.now() - sinceYield > YIELD_EVERY_MS) {
      yield 'pause';
      sinceYield = performance.now();
    }
  }
  return out;
}

/** The analysis on the calling thread, letting its event loop in between steps. */
export async function analyseSentences(body: string, budget = new WorkBudget()): Promise<SentenceRecord[]> {
  const steps = analysisSteps(body, budget);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The analysis in one go (a worker thread, where nothing else waits for the thread). */
export function analyseSentencesNow(body: string, budget = new WorkBudget()): SentenceRecord[] {
  const steps = analysisSteps(body, budget);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** An analysis as the store path takes it: a UserFacingError is a reason, anything else is thrown. */
export function analyseNow(body: string, budgetMs: number | undefined): Analysis {
  try {
    const sentences = analyseSentencesNow(body, new WorkBudget(budgetMs));
    return sentences.length ? { sentences } : { rejected: 'no readable sentences in the text' };
  } catch (err) {
    if (err instanceof UserFacingError) return { rejected: err.message };
    throw err;
  }
}
