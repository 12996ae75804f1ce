// The news-QA evaluation: questions people type about stored news stories, asked through the
// core's own path with every CNN/DailyMail article stored (open retrieval), and premise checks
// over the starter article and the test fixtures. The set is written by the team (see
// docs/evaluation.md); a held-out set of the same shape over the test split can be passed with --news.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { retrievePassages, passageText } from '../core/answer/passages.ts';
import { readArticleFiles } from '../core/articles/files.ts';
import type { Core } from '../core/core.ts';
import { STARTER_CORPUS } from '../core/create-core.ts';
import type { Answer } from '../core/types.ts';
import { PROJECT_ROOT, loadSummaries } from './data.ts';
import { mean, pct, percentile, round, withTempCore } from './stats.ts';
import { progress } from './progress.ts';
import { normalizeAnswer } from './squad-metrics.ts';

export const NEWS_QA_FILE = join(PROJECT_ROOT, 'src/eval/data/news-qa-dev.jsonl');

export type NewsKind = 'answerable' | 'unanswerable' | 'broad' | 'false-premise' | 'premise-control';

export interface NewsQuestion {
  id: string;
  kind: NewsKind;
  /** 'cnndm': asked with all 250 CNN/DailyMail articles stored; 'starter+fixtures': the starter article and tests/fixtures/articles. */
  corpus: 'cnndm' | 'starter+fixtures';
  /** The CNN/DailyMail article id the question was written from (diagnostics only). */
  article?: string;
  question: string;
  /** Accepted answer strings, each verbatim in the article; empty when none is right. */
  answers: string[];
  /** For false-premise questions: what the sources do say (documentation). */
  says?: string;
}

/** A question asked of the 250 stored CNN/DailyMail articles that either answer it or do not (not a broad or premise one). */
export const asksOfArticles = (x: NewsQuestion): boolean => x.corpus === 'cnndm' && (x.kind === 'answerable' || x.kind === 'unanswerable');

export function loadNewsQa(file: string): NewsQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const q = JSON.parse(l) as NewsQuestion;
      if (!q.question || !q.kind || !Array.isArray(q.answers)) throw new Error(`${file}:${i + 1}: needs question, kind and answers`);
      return q;
    });
}

/**
 * Whether a text holds one of the accepted strings (SQuAD normalisation, on word boundaries). A
 * hyphen or dash joins words, it does not make one: SQuAD's normalisation deletes it, so "a
 * nine-year-old" became "nineyearold" and never held "nine"; here it reads as a space, in the text
 * and in the accepted strings alike.
 */
export function holds(text: string | undefined | null, accepted: readonly string[]): boolean {
  if (!text || !accepted.length) return false;
  const apart = (s: string) => normalizeAnswer(s.replace(/[-‐‑–—]/g, ' '));
  const t = ` ${apart(text)} `;
  return accepted.some((a) => {
    const n = apart(a);
    return !!n && t.includes(` ${n} `);
  });
}

export interface NewsResult {
  id: string;
  kind: NewsKind;
  question: string;
  answers: string[];
  abstained: boolean;
  answer: string | null;
  form: Answer['form'];
  cited: string | undefined;
  /** The first cited sentence holds an accepted string (abstentions count as misses). */
  citedHolds: boolean;
  /** The cited sentence, or the closest source offered when declining, holds one. */
  topHolds: boolean;
  /** The answer text (short or passage) holds one. */
  answerHolds: boolean;
  /** The passages a model would read hold one. */
  passagesHold: boolean;
  passageChars: number;
  /** The best passage comes from the article the question was written from. */
  articleFirst: boolean | undefined;
  /** Why the question was declined when a premise check did it (conflict kinds), for error analysis. */
  premise?: string[] | undefined;
  ms: number;
}

export interface NewsQaReport {
  questions: number;
  articles: number;
  counts: Record<NewsKind, number>;
  answerable: {
    citedHolds: number;
    topHolds: number;
    answerHolds: number;
    answered: number;
    shortForm: number;
    passagesHold: number;
    passageCharsMean: number;
    passageCharsMax: number;
    articleFirst: number;
  };
  unanswerableDeclined: number;
  falsePremiseDeclined: number;
  premiseControlAnswered: number;
  premiseControlHolds: number;
  broadAnswered: number;
  broadHolds: number;
  askMsMean: number;
  askMsP95: number;
}

async function storeCnnDm(core: Core, data: string, out: NodeJS.WriteStream | undefined, sample?: { limit: number; keep: ReadonlySet<string> }): Promise<{ ids: Map<string, string>; count: number }> {
  // Both splits: a question must find its story among all 250, as a user's would. A --limit run
  // (a quick check) stores the questions' own articles and a spread sample of the others.
  let items = [...loadSummaries(data, 'dev'), ...loadSummaries(data, 'test')];
  if (sample) {
    const step = Math.max(1, items.length / sample.limit);
    items = items.filter((item, i) => sample.keep.has(item.id) || i % Math.round(step) === 0);
  }
  const ids = new Map<string, string>();
  const bar = progress('[news-qa] ingest', items.length, out);
  for (const [i, item] of items.entries()) {
    const o = await core.ingest({ text: item.article, externalId: item.id, origin: item.id });
    if (o.status !== 'rejected' && o.articleId) ids.set(o.articleId, item.id);
    if (i % 10 === 0) bar.tick(i);
  }
  bar.done();
  return { ids, count: items.length };
}

async function storeStarterAndFixtures(core: Core): Promise<void> {
  for await (const item of readArticleFiles([STARTER_CORPUS, join(PROJECT_ROOT, 'tests/fixtures/articles')])) {
    if (!('rejected' in item)) await core.ingest(item.input);
  }
}

/** The text a user reads as the answer: the short answer, or the quoted sentences of a passage or summary. */
export function answerText(a: Answer): string | null {
  if (a.abstained) return null;
  return a.form === 'short' || !a.form ? (a.answer ?? null) : a.citations.map((c) => c.sentence).join(' ');
}

async function askAll(core: Core, questions: readonly NewsQuestion[], ids: Map<string, string> | undefined, results: NewsResult[], label: string, out: NodeJS.WriteStream | undefined, onQuestion?: (r: NewsResult) => void): Promise<void> {
  const bar = progress(label, questions.length, out);
  for (const [i, q] of questions.entries()) {
    const t = performance.now();
    const a = await core.ask(q.question);
    const ms = performance.now() - t;
    const passages = await retrievePassages(core.store, q.question);
    const cited = a.abstained ? undefined : a.citations[0]?.sentence;
    const top = cited ?? a.closest[0]?.sentence;
    const first = passages.passages[0];
    const r: NewsResult = {
      id: q.id,
      kind: q.kind,
      question: q.question,
      answers: q.answers,
      abstained: a.abstained,
      answer: answerText(a),
      form: a.form,
      cited: top,
      citedHolds: holds(cited, q.answers),
      topHolds: holds(top, q.answers),
      answerHolds: holds(answerText(a), q.answers),
      passagesHold: holds(passages.passages.map(passageText).join('\n'), q.answers),
      passageChars: passages.chars,
      articleFirst: q.article && ids && first ? ids.get(first.article.id) === q.article : undefined,
      premise: a.premise?.conflicts.map((c) => c.kind),
      ms,
    };
    results.push(r);
    onQuestion?.(r);
    if (i % 20 === 0) bar.tick(i);
  }
  bar.done();
}

export interface NewsEvalOptions {
  data: string;
  file: string;
  limit?: number | undefined;
  progressTo?: NodeJS.WriteStream | undefined;
  onQuestion?: (r: NewsResult) => void;
}

export async function evaluateNewsQa(opts: NewsEvalOptions): Promise<NewsQaReport> {
  let questions = loadNewsQa(opts.file);
  if (opts.limit !== undefined) {
    const step = Math.max(1, questions.length / opts.limit);
    questions = Array.from({ length: Math.min(opts.limit, questions.length) }, (_, i) => questions[Math.floor(i * step)]!);
  }
  const results: NewsResult[] = [];
  let articles = 0;
  const news = questions.filter((q) => q.corpus === 'cnndm');
  if (news.length) {
    await withTempCore(async (core) => {
      const sample = opts.limit === undefined ? undefined : { limit: opts.limit, keep: new Set(news.map((q) => q.article).filter((a): a is string => !!a)) };
      const stored = await storeCnnDm(core, opts.data, opts.progressTo, sample);
      articles = stored.count;
      await askAll(core, news, stored.ids, results, '[news-qa] ask', opts.progressTo, opts.onQuestion);
    });
  }
  const premise = questions.filter((q) => q.corpus === 'starter+fixtures');
  if (premise.length) {
    await withTempCore(async (core) => {
      await storeStarterAndFixtures(core);
      await askAll(core, premise, undefined, results, '[news-qa] premises', opts.progressTo, opts.onQuestion);
    });
  }
  const of = (k: NewsKind) => results.filter((r) => r.kind === k);
  const share = (rs: NewsResult[], f: (r: NewsResult) => boolean) => pct(mean(rs.map((r) => (f(r) ? 1 : 0))));
  const answerable = of('answerable');
  const counts = { answerable: 0, unanswerable: 0, broad: 0, 'false-premise': 0, 'premise-control': 0 } as Record<NewsKind, number>;
  for (const r of results) counts[r.kind]++;
  const withArticle = answerable.filter((r) => r.articleFirst !== undefined);
  return {
    questions: results.length,
    articles,
    counts,
    answerable: {
      citedHolds: share(answerable, (r) => r.citedHolds),
      topHolds: share(answerable, (r) => r.topHolds),
      answerHolds: share(answerable, (r) => r.answerHolds),
      answered: share(answerable, (r) => !r.abstained),
      shortForm: share(answerable, (r) => !r.abstained && r.form === 'short'),
      passagesHold: share(answerable, (r) => r.passagesHold),
      passageCharsMean: Math.round(mean(answerable.map((r) => r.passageChars))),
      passageCharsMax: Math.max(0, ...answerable.map((r) => r.passageChars)),
      articleFirst: share(withArticle, (r) => !!r.articleFirst),
    },
    unanswerableDeclined: share(of('unanswerable'), (r) => r.abstained),
    falsePremiseDeclined: share(of('false-premise'), (r) => r.abstained),
    premiseControlAnswered: share(of('premise-control'), (r) => !r.abstained),
    premiseControlHolds: share(of('premise-control'), (r) => r.answerHolds),
    broadAnswered: share(of('broad'), (r) => !r.abstained),
    broadHolds: share(of('broad'), (r) => r.answerHolds),
    askMsMean: round(mean(results.map((r) => r.ms))),
    askMsP95: round(percentile(results.map((r) => r.ms), 0.95)),
  };
}
