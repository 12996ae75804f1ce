// Finding articles by id, URL or words: /summary's article reference, /search and /sources topics.
import { UserFacingError } from '../errors.ts';
import { contentStems } from '../language/tokens.ts';
import { boundedQuery, ftsPhrase, POSTINGS_BUDGET } from '../answer/retrieve.ts';
import { STOPWORDS } from '../language/stopwords.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { SearchHit } from '../types.ts';
import { canonicalUrl } from './normalise.ts';
import type { ArticleMeta } from './types.ts';
import { words } from '../language/words.ts';

/** A possessive ending ("Gullit's", "Gullit’s"); words() would split it off as a word "s". */
const POSSESSIVE = /(?<=[\p{L}\p{N}])['’]s(?![\p{L}\p{N}])/gu;

/**
 * The words a search or topic looks for. A possessive is the name alone: the "s" that words()
 * splits off is in hundreds of thousands of sentences at 100,000 articles, so "gullit's" became
 * the phrases "gullit" AND "s", slow, and missing every sentence that names him otherwise.
 */
function queryWords(text: string): string[] {
  return words(text.replace(POSSESSIVE, '')).filter((w) => !STOPWORDS.has(w));
}

/** Articles matching words, best first: every word in one sentence first, then any word. */
export async function searchArticles(store: ArticleStore, query: string, limit: number): Promise<SearchHit[]> {
  const words = queryWords(query);
  const phrases = words.map(ftsPhrase).filter((p): p is string => !!p);
  if (!phrases.length) return [];
  const byArticle = new Map<string, SearchCandidate>();
  const qStems = new Set(contentStems(query));
  const qFragments = stemFragments(qStems);
  const all = phrases.join(' AND ');
  // Any word: within the ask path's postings budget (the rarest words whose sentences add up to
  // it), since ranking every sentence of a common word ("year-old": 46,000 sentences at 100,000
  // articles) was the slowest search by far and only filled the list's tail with articles that
  // share that one word; every word in a sentence is searched first. Neither query ranks more
  // than the budget's newest matches: common words all in one sentence ("scroll down for video",
  // a boilerplate line in 14,000 sentences at 100,000 articles) had ranked every one of them.
  for (const match of [all, undefined]) {
    const fts = match ?? (await boundedQuery(store, phrases));
    if (match === undefined && fts === all) break;
    const hits = await store.searchSentences(fts, 200, undefined, POSTINGS_BUDGET);
    for (const h of hits) {
      if (byArticle.has(h.article.id)) continue;
      // bm25 is negative, lower is better; matches in the title count for more (added below).
      byArticle.set(h.article.id, { article: h.article, bm25: h.bm25, all: match !== undefined && phrases.length > 1, sentence: h.sentence.text, order: byArticle.size, score: undefined });
    }
    if (byArticle.size >= limit) break;
  }
  const best = bestByTitle([...byArticle.values()], limit, qStems, qFragments);
  // Only the hits shown get a highlighted snippet (stemming every word of 200 sentences was most of a search).
  return best.map((c) => ({
    articleId: c.article.id,
    title: c.article.title,
    url: c.article.url,
    source: c.article.source,
    published: c.article.published,
    snippet: highlight(c.sentence, qStems),
    score: c.score!,
  }));
}

interface SearchCandidate {
  article: ArticleMeta;
  bm25: number;
  /** Found by the query with every word (AND). */
  all: boolean;
  sentence: string;
  /** Position in retrieval order: ties keep it. */
  order: number;
  score: number | undefined;
}

const scoreOf = (c: SearchCandidate, titleHits: number) => -c.bm25 + titleHits * 2 + (c.all ? 5 : 0);

/**
 * The `limit` best candidates by bm25 plus the title bonus, ties in retrieval order. A title is
 * stemmed only while its most possible bonus (one match per occurrence of a query stem's plain
 * text) could still lift it into the best: stemming up to 200 titles was a fifth of a search.
 */
function bestByTitle(candidates: SearchCandidate[], limit: number, stems: ReadonlySet<string>, fragments: readonly string[] | undefined): SearchCandidate[] {
  const byBound = candidates
    .map((c) => ({ c, bound: scoreOf(c, fragments ? occurrences(c.article.title.toLowerCase(), fragments) : Infinity) }))
    .sort((a, b) => b.bound - a.bound || a.c.order - b.c.order);
  const scored: SearchCandidate[] = [];
  const top: number[] = [];
  for (const { c, bound } of byBound) {
    // `top` holds the best `limit` scores so far, best first: a candidate whose bound is below the last cannot enter.
    if (top.length >= limit && bound < top[limit - 1]!) break;
    c.score = scoreOf(c, titleStemHits(c.article.title, stems, fragments));
    scored.push(c);
    top.push(c.score);
    top.sort((a, b) => b - a);
    if (top.length > limit) top.length = limit;
  }
  return scored.sort((a, b) => b.score! - a.score! || a.order - b.order).slice(0, limit);
}

/** Occurrences of each fragment in the text, summed: no title has more matching words than this. */
function occurrences(text: string, fragments: readonly string[]): number {
  let n = 0;
  for (const f of fragments) for (let at = text.indexOf(f); at >= 0; at = text.indexOf(f, at + 1)) n++;
  return n;
}

/** Wraps words whose stem is in `stems` with **…**, trimming long sentences around the first match. */
export function highlight(sentence: string, stems: Set<string>): string {
  const parts = sentence.split(/(\s+)/);
  const fragments = stemFragments(stems);
  const marked = parts.map((p) => {
    const core = p.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!core || (fragments && !fragments.some((f) => core.toLowerCase().includes(f)))) return p;
    const st = contentStems(core)[0];
    return st && stems.has(st) ? p.replace(core, `**${core}**`) : p;
  });
  // Adjacent matches read better as one highlighted phrase.
  let text = marked.join('').replace(/\*\*(\s+)\*\*/g, '$1');
  if (text.length > 280) {
    const first = Math.max(0, text.indexOf('**') - 100);
    text = `${first > 0 ? '…' : ''}${text.slice(first, first + 260).trim()}…`;
  }
  return text;
}

/** Resolves /summary's argument: an id, a URL, or words of a title. */
export async function findArticle(store: ArticleStore, ref: string): Promise<ArticleMeta> {
  const r = ref.trim();
  if (/^a[0-9a-f]{6,24}$/.test(r)) {
    const a = await store.getArticle(r);
    if (a) return a;
  }
  if (/^https?:\/\//i.test(r)) {
    const canon = canonicalUrl(r);
    const a = canon ? await store.findArticleByUrl(canon) : undefined;
    if (a) return a;
    throw new UserFacingError('not_found', `I have no article from ${r}. Try /sources to see what I have.`);
  }
  const words = new Set(contentStems(r));
  const fragments = stemFragments(words);
  const all = await store.listArticles({ limit: 500 });
  const byTitle = all
    .map((a) => ({ a, hits: titleStemHits(a.title, words, fragments) }))
    .filter((x) => x.hits > 0)
    .sort((x, y) => y.hits - x.hits);
  if (byTitle[0] && byTitle[0].hits >= Math.min(2, words.size)) return byTitle[0].a;
  const hits = await searchArticles(store, r, 1);
  const best = hits[0] ? await store.getArticle(hits[0].articleId) : undefined;
  if (best) return best;
  throw new UserFacingError('not_found', `No stored article matches “${r}”. Try /sources to see what I have.`);
}

/**
 * The most matches articlesAbout reads of each kind: the newest this many sentences with every
 * word of the topic (ranked among themselves only, as /search bounds its queries) and the newest
 * this many titles with one of its words. It had ranked every matching sentence of the store and
 * read up to 10,000 of them (on PostgreSQL each with its text cut from its article's body), and
 * every matching title, to keep the newest few.
 */
const ABOUT_MATCHES = POSTINGS_BUDGET;

/** Articles about a topic (any sentence or the title mentions its words), newest first, from the newest `reads` matches of each kind. */
export async function articlesAbout(store: ArticleStore, topic: string | undefined, opts: { since?: string; limit?: number; reads?: number } = {}): Promise<ArticleMeta[]> {
  const phrases = topic?.trim() ? queryWords(topic).map(ftsPhrase).filter((p): p is string => !!p) : [];
  if (!phrases.length) return store.listArticles({ since: opts.since, limit: opts.limit });
  const reads = opts.reads ?? ABOUT_MATCHES;
  const inWindow = (a: ArticleMeta) => !opts.since || (a.published ?? a.ingestedAt) >= opts.since;
  const about = new Map<string, ArticleMeta>();
  for (const h of await store.searchSentences(phrases.join(' AND '), reads, undefined, reads)) if (inWindow(h.article)) about.set(h.article.id, h.article);
  const tStems = new Set(contentStems(topic!));
  if (tStems.size) {
    // Only titles that contain the topic's stems as plain text are stemmed (stemming every title
    // of a large store took seconds); without a safe fragment every title is checked.
    const fragments = stemFragments(tStems);
    for (const a of await store.listArticles({ since: opts.since, titleHas: fragments, limit: reads })) {
      if (!about.has(a.id) && titleStemHits(a.title, tStems, fragments) > 0) about.set(a.id, a);
    }
  }
  const list = [...about.values()].sort((x, y) => (y.published ?? y.ingestedAt).localeCompare(x.published ?? x.ingestedAt) || y.ingestedAt.localeCompare(x.ingestedAt) || y.id.localeCompare(x.id));
  return opts.limit ? list.slice(0, opts.limit) : list;
}

/**
 * Lower-case text every word with one of these stems contains (the stem less its last letter:
 * stemming only rewrites endings), or undefined when a stem has no such plain-text form
 * (numbers lose their commas, non-ASCII letters are outside SQL's case folding).
 */
export function stemFragments(stems: ReadonlySet<string>): string[] | undefined {
  const out: string[] = [];
  for (const s of stems) {
    if (!/^[a-z']+$/.test(s)) return undefined;
    out.push(s.slice(0, Math.max(1, s.length - 1)));
  }
  return out;
}

/** How many of a title's stems are in `stems`; titles without any fragment are not stemmed. */
function titleStemHits(title: string, stems: ReadonlySet<string>, fragments: readonly string[] | undefined): number {
  if (fragments) {
    const lower = title.toLowerCase();
    if (!fragments.some((f) => lower.includes(f))) return 0;
  }
  return contentStems(title).filter((s) => stems.has(s)).length;
}

/** An article by id or URL only, for actions that change something (/remove): never a guess from words. */
export async function findArticleStrict(store: ArticleStore, ref: string): Promise<ArticleMeta> {
  const r = ref.trim();
  if (/^https?:\/\//i.test(r)) return findArticle(store, r);
  if (/^a[0-9a-f]{6,24}$/.test(r)) {
    const a = await store.getArticle(r);
    if (a) return a;
    throw new UserFacingError('not_found', `I have no article with id ${r} here. Try /sources to see ids.`);
  }
  throw new UserFacingError('bad_article_ref', `Give the article's id (like a1b2c3d) or its URL. /sources shows both.`);
}
