// Passage retrieval for news questions: the best articles first (title and body, field-weighted
// bm25), then passages inside them (a matching sentence with its neighbours), numbered and capped
// in size. The extractive answerer and the language-model path read exactly these passages, so
// both answer from the same evidence and cite the same numbers.
import type { Article, ArticleMeta } from '../articles/types.ts';
import { tokenize, tokenStems, type Token } from '../language/tokens.ts';
import type { ArticleHit, ArticleStore } from '../store/article-store.ts';
import { matchTerms, softBm25, termPatterns, type TermMatch } from './features.ts';
import { articleTerms, type ArticleTerms } from './article-terms.ts';
import { analyseQuestion, type QuestionAnalysis } from './question.ts';
import { boundedQueries } from './retrieve.ts';

export interface PassageSentence {
  /** Stored sentence id (stable while the article is unchanged). */
  id: number;
  /** Position of the sentence in its article (0-based). */
  index: number;
  text: string;
}

export interface Passage {
  /** 1-based number, in rank order: what a reply or a model cites as [n]. */
  n: number;
  article: ArticleMeta;
  /** Consecutive sentences of the article, in article order. */
  sentences: PassageSentence[];
  /** Id of the sentence that matched the question best (one of `sentences`). */
  focus: number;
  /** 0-based rank of the passage (n − 1). */
  rank: number;
  /** 0-based rank of its article among the retrieved articles. */
  articleRank: number;
  /** Relevance, higher is better; comparable within one question only. */
  score: number;
}

export interface PassageSet {
  question: string;
  passages: Passage[];
  /** Characters of the passages' sentence texts and article metadata, within `maxChars`. */
  chars: number;
}

export interface PassageOptions {
  /** Cap on the passages' text plus article metadata (default 8,000 characters). */
  maxChars?: number | undefined;
  /** How many of the best articles passages are taken from (default 4). */
  maxArticles?: number | undefined;
  /** Sentences on each side of a matching sentence (default 1). */
  neighbours?: number | undefined;
}

export const PASSAGE_DEFAULTS = { maxChars: 8000, maxArticles: 4, neighbours: 1 } as const;

/** One candidate sentence inside a retrieved article, with what the answerer needs of it. */
export interface CandidateSentence {
  article: ArticleMeta;
  articleRank: number;
  sentence: PassageSentence;
  tokens: Token[];
  match: TermMatch;
  /** bm25 of the sentence for the question's terms, paraphrases counted at their credit. */
  bm25: number;
  /** Relevance used to order passages: sentence bm25 scaled to 0..1 plus the article's prior. */
  score: number;
}

export interface RetrievedArticle {
  article: Article;
  rank: number;
  /** Article bm25 scaled to 0..1 against the best article (1 = best). */
  relative: number;
  /** What the article says about each of the question's terms (articleTerms(), patterns of `q.terms` in order). */
  terms: ArticleTerms;
}

export interface Candidates {
  q: QuestionAnalysis;
  articles: RetrievedArticle[];
  /** The sentences of the retrieved articles that have a question word or a paraphrase of one, best first. */
  sentences: CandidateSentence[];
  /** IDF weight of each question term, in `q.terms` order. */
  idf: number[];
  /** The store's sentence counts for `q.terms` these were ranked with (absent when nothing was found). */
  counts?: { total: number; df: Map<string, number> };
}

const idfOf = (df: number, total: number) => Math.log(1 + (total - df + 0.5) / (df + 0.5));
/** How much the article's own rank adds to a sentence's relevance (sentence bm25 is scaled to 0..1). */
const ARTICLE_PRIOR = 0.35;

/**
 * The best articles for a question and every sentence in them, scored. Exact words rank the
 * articles; when they find fewer than wanted, paraphrases and aliases ("sent" → deployed,
 * "North Korea" → Pyongyang) widen the search.
 */
export async function gatherCandidates(store: ArticleStore, q: QuestionAnalysis, maxArticles: number = PASSAGE_DEFAULTS.maxArticles): Promise<Candidates> {
  const empty: Candidates = { q, articles: [], sentences: [], idf: [] };
  if (!q.terms.length) return empty;
  const hits = await searchArticles(store, q, maxArticles);
  if (!hits.length) return empty;
  const counts = await store.documentFrequencies(q.terms.map((t) => t.word));
  const { total, df } = counts;
  const idf = q.terms.map((t) => idfOf(df.get(t.word) ?? 0, Math.max(total, 1)));
  // SQLite's bm25 is negative, lower is better.
  const best = Math.min(...hits.map((h) => h.bm25));
  const articles: RetrievedArticle[] = [];
  const loaded = await store.getArticles(hits.map((h) => h.article.id));
  const patterns = q.terms.map(termPatterns);
  for (const [rank, h] of hits.entries()) {
    const article = loaded.get(h.article.id);
    // The sentences' credits pick the candidates below, and the ranking reads them again (answerer.ts).
    if (article) articles.push({ article, rank, relative: best < 0 ? h.bm25 / best : 1, terms: articleTerms(article, patterns) });
  }
  const sentences: CandidateSentence[] = [];
  for (const a of articles) {
    const titleStems = new Set(tokenStems(a.article.title));
    for (const [i, s] of a.article.sentences.entries()) {
      // Tokenising is the expensive part: only sentences with a question word (or a paraphrase) need it.
      if (!a.terms.credit[i]!.some((c) => c > 0)) continue;
      const tokens = tokenize(s.text);
      const match = matchTerms(q, tokens, titleStems);
      sentences.push({ article: a.article, articleRank: a.rank, sentence: { id: s.id, index: s.index, text: s.text }, tokens, match, bm25: softBm25(tokens, match, idf), score: 0 });
    }
  }
  const top = Math.max(1e-9, ...sentences.map((s) => s.bm25));
  const relative = new Map(articles.map((a) => [a.article.id, a.relative]));
  for (const s of sentences) s.score = s.bm25 / top + ARTICLE_PRIOR * (relative.get(s.article.id) ?? 0);
  sentences.sort((a, b) => b.score - a.score);
  return { q, articles, sentences, idf, counts };
}

async function searchArticles(store: ArticleStore, q: QuestionAnalysis, limit: number): Promise<ArticleHit[]> {
  const { exact, wide } = await boundedQueries(store, q.terms);
  const found = exact ? await store.searchArticleText(exact, limit) : [];
  if (found.length >= limit || !wide || wide === exact) return found;
  const have = new Set(found.map((h) => h.article.id));
  // Articles reached only through a paraphrase rank after every exact match.
  const worst = Math.max(0, ...found.map((h) => h.bm25));
  for (const h of await store.searchArticleText(wide, limit)) {
    if (found.length >= limit) break;
    if (have.has(h.article.id)) continue;
    found.push({ article: h.article, bm25: Math.max(h.bm25, worst) * 0.5 });
  }
  return found;
}

/** The characters a passage costs in the budget: its sentences plus its article's title, source and date. */
function passageChars(article: ArticleMeta, sentences: readonly PassageSentence[]): number {
  return sentences.reduce((n, s) => n + s.text.length + 1, 0) + article.title.length + (article.source?.length ?? 0) + 40;
}

/**
 * Numbered passages from scored candidates: each of the best sentences with `neighbours` sentences
 * on either side, overlapping windows of one article merged, added best first while they fit in
 * `maxChars`. A sentence without any of the question's words starts no passage.
 */
export function passagesFrom(c: Candidates, opts: PassageOptions = {}): PassageSet {
  const maxChars = opts.maxChars ?? PASSAGE_DEFAULTS.maxChars;
  const reach = opts.neighbours ?? PASSAGE_DEFAULTS.neighbours;
  const byArticle = new Map(c.articles.map((a) => [a.article.id, a]));
  const taken = new Map<string, Set<number>>();
  const windows: { article: ArticleMeta; from: number; to: number; focus: number; score: number; articleRank: number }[] = [];
  let chars = 0;
  for (const s of c.sentences) {
    if (s.bm25 <= 0) break;
    const a = byArticle.get(s.article.id);
    if (!a) continue;
    const used = taken.get(s.article.id) ?? new Set<number>();
    if (used.has(s.sentence.index)) continue;
    const all = a.article.sentences;
    let from = Math.max(0, s.sentence.index - reach);
    let to = Math.min(all.length - 1, s.sentence.index + reach);
    while (used.has(from) && from < s.sentence.index) from++;
    while (used.has(to) && to > s.sentence.index) to--;
    const sentences = all.slice(from, to + 1);
    let cost = passageChars(s.article, sentences);
    if (chars + cost > maxChars) {
      // The matching sentence alone, when the window does not fit.
      from = to = s.sentence.index;
      cost = passageChars(s.article, [all[s.sentence.index]!]);
      if (chars + cost > maxChars) continue;
    }
    for (let i = from; i <= to; i++) used.add(i);
    taken.set(s.article.id, used);
    chars += cost;
    windows.push({ article: s.article, from, to, focus: s.sentence.id, score: s.score, articleRank: s.articleRank });
  }
  const passages: Passage[] = windows.map((w, rank) => ({
    n: rank + 1,
    article: w.article,
    sentences: byArticle
      .get(w.article.id)!
      .article.sentences.slice(w.from, w.to + 1)
      .map((x) => ({ id: x.id, index: x.index, text: x.text })),
    focus: w.focus,
    rank,
    articleRank: w.articleRank,
    score: Math.round(w.score * 1000) / 1000,
  }));
  return { question: c.q.text, passages, chars };
}

/** Numbered passages for a question, best first, within `maxChars` (default 8,000). */
export async function retrievePassages(store: ArticleStore, question: string | QuestionAnalysis, opts: PassageOptions = {}): Promise<PassageSet> {
  const q = typeof question === 'string' ? analyseQuestion(question) : question;
  return passagesFrom(await gatherCandidates(store, q, opts.maxArticles), opts);
}

/** A passage as plain text for a prompt: "[n] Title (source, date)" then its sentences. */
export function passageText(p: Passage): string {
  const meta = [p.article.source, p.article.published?.slice(0, 10)].filter(Boolean).join(', ');
  return `[${p.n}] ${p.article.title}${meta ? ` (${meta})` : ''}\n${p.sentences.map((s) => s.text).join(' ')}`;
}
