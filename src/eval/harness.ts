// The evaluation: ingest the data into a temporary store through the core's own ingestion, ask
// through its answer path, summarise through its summary path, and score the results.
import { loadSquad, loadSummaries, spread, type Split } from './data.ts';
import { progress } from './progress.ts';
import { rouge, type RougeScores } from './rouge.ts';
import { containsAnswer, scoreAnswer } from './squad-metrics.ts';
import { mean, pct, percentile, round, withTempCore } from './stats.ts';
import { evaluateNewsQa, NEWS_QA_FILE, type NewsQaReport, type NewsResult } from './news-qa.ts';

export interface EvalOptions {
  data: string;
  split: Split;
  /** Questions and articles to evaluate (a spread sample); undefined = all. */
  limit?: number | undefined;
  /** Which parts to run. */
  parts?: { qa: boolean; summaries: boolean; news?: boolean };
  /** The news-QA question set (default: the team's dev set, src/eval/data/news-qa-dev.jsonl). */
  newsFile?: string | undefined;
  /** Called with each news question's outcome (for error analysis). */
  onNewsQuestion?: (r: NewsResult) => void;
  /** Where progress goes; undefined for none. */
  progressTo?: NodeJS.WriteStream | undefined;
  /** Called with each question's outcome (for error analysis). */
  onQuestion?: (r: QuestionResult) => void;
}

export interface QuestionResult {
  id: string;
  question: string;
  golds: string[];
  answer: string | null;
  confidence: number;
  em: number;
  f1: number;
  cited: string | undefined;
  citedHasGold: boolean;
  topHasGold: boolean;
  /** The answer's form (short, passage, summary) and, when a premise check declined it, the conflicts' kinds: for error analysis. */
  form?: string | undefined;
  premise?: string[] | undefined;
  ms: number;
}

export interface QaReport {
  questions: number;
  answerable: number;
  unanswerable: number;
  paragraphs: number;
  /** Ingestion outcomes by status (added, updated, duplicate, rejected). */
  ingested: Record<string, number>;
  answerableEM: number;
  answerableF1: number;
  /** Share of answerable questions answered with a cited sentence that contains a gold answer. */
  citedHasGold: number;
  /** Share of answerable questions whose top sentence (cited, or closest when abstaining) contains a gold answer. */
  topHasGold: number;
  answerableAnswered: number;
  unanswerableAbstained: number;
  overallEM: number;
  overallF1: number;
  alwaysAbstainF1: number;
  ingestSeconds: number;
  ingestMsPerParagraph: number;
  askMsMean: number;
  askMsP95: number;
}

export interface SummaryReport {
  articles: number;
  bot: RougeScores;
  lead3: RougeScores;
  /** bot − Lead-3, in points. */
  diff: RougeScores;
  meanSentences: number;
  ingestSeconds: number;
  summariseMsMean: number;
}

export interface EvalReport {
  split: Split;
  data: string;
  limit: number | null;
  qa?: QaReport;
  summaries?: SummaryReport;
  news?: NewsQaReport & { file: string };
}

export async function evaluateQa(opts: EvalOptions): Promise<QaReport> {
  const squad = loadSquad(opts.data, opts.split);
  const questions = spread(squad.questions, opts.limit);
  return withTempCore(async (core) => {
    // Every paragraph of the split is an article in one store: questions are asked of all of them.
    const ingested: Record<string, number> = {};
    const bar = progress(`[squad ${opts.split}] ingest`, squad.paragraphs.length, opts.progressTo);
    const t0 = performance.now();
    for (const [i, p] of squad.paragraphs.entries()) {
      const outcome = await core.ingest({ text: p.context, title: p.title, origin: `squad paragraph ${i}` });
      ingested[outcome.status] = (ingested[outcome.status] ?? 0) + 1;
      if (i % 10 === 0) bar.tick(i);
    }
    const ingestMs = performance.now() - t0;
    bar.done();

    const results: QuestionResult[] = [];
    const ask = progress(`[squad ${opts.split}] ask`, questions.length, opts.progressTo);
    for (const [i, q] of questions.entries()) {
      const t = performance.now();
      const a = await core.ask(q.question);
      const ms = performance.now() - t;
      const { em, f1 } = scoreAnswer(a.abstained ? null : a.answer, q.answers);
      const cited = a.citations[0]?.sentence;
      const top = cited ?? a.closest[0]?.sentence;
      const r: QuestionResult = {
        id: q.id,
        question: q.question,
        golds: q.answers,
        answer: a.abstained ? null : a.answer,
        confidence: a.confidence,
        em,
        f1,
        cited: top,
        citedHasGold: !a.abstained && !!cited && containsAnswer(cited, q.answers),
        topHasGold: !!top && containsAnswer(top, q.answers),
        form: a.abstained ? undefined : a.form,
        premise: a.premise?.conflicts.map((c) => c.kind),
        ms,
      };
      results.push(r);
      opts.onQuestion?.(r);
      if (i % 20 === 0) ask.tick(i, `F1 ${(mean(results.map((x) => x.f1)) * 100).toFixed(1)}`);
    }
    ask.done();

    const answerable = results.filter((r) => r.golds.length);
    const unanswerable = results.filter((r) => !r.golds.length);
    return {
      questions: results.length,
      answerable: answerable.length,
      unanswerable: unanswerable.length,
      paragraphs: squad.paragraphs.length,
      ingested,
      answerableEM: pct(mean(answerable.map((r) => r.em))),
      answerableF1: pct(mean(answerable.map((r) => r.f1))),
      citedHasGold: pct(mean(answerable.map((r) => (r.citedHasGold ? 1 : 0)))),
      topHasGold: pct(mean(answerable.map((r) => (r.topHasGold ? 1 : 0)))),
      answerableAnswered: pct(mean(answerable.map((r) => (r.answer !== null ? 1 : 0)))),
      unanswerableAbstained: pct(mean(unanswerable.map((r) => (r.answer === null ? 1 : 0)))),
      overallEM: pct(mean(results.map((r) => r.em))),
      overallF1: pct(mean(results.map((r) => r.f1))),
      // Abstaining on everything scores 1 on each unanswerable question and 0 on the rest.
      alwaysAbstainF1: pct(results.length ? unanswerable.length / results.length : 0),
      ingestSeconds: round(ingestMs / 1000),
      ingestMsPerParagraph: round(ingestMs / Math.max(1, squad.paragraphs.length)),
      askMsMean: round(mean(results.map((r) => r.ms))),
      askMsP95: round(percentile(results.map((r) => r.ms), 0.95)),
    };
  });
}

const scaled = (s: RougeScores): RougeScores => ({ rouge1: round(s.rouge1 * 100, 2), rouge2: round(s.rouge2 * 100, 2), rougeL: round(s.rougeL * 100, 2) });
const meanRouge = (xs: readonly RougeScores[]): RougeScores => ({
  rouge1: mean(xs.map((x) => x.rouge1)),
  rouge2: mean(xs.map((x) => x.rouge2)),
  rougeL: mean(xs.map((x) => x.rougeL)),
});

export async function evaluateSummaries(opts: EvalOptions): Promise<SummaryReport> {
  const items = spread(loadSummaries(opts.data, opts.split), opts.limit);
  return withTempCore(async (core) => {
    const ids: (string | undefined)[] = [];
    const bar = progress(`[cnndm ${opts.split}] ingest`, items.length, opts.progressTo);
    const t0 = performance.now();
    for (const [i, item] of items.entries()) {
      const outcome = await core.ingest({ text: item.article, externalId: item.id, origin: item.id });
      ids.push(outcome.status === 'rejected' ? undefined : outcome.articleId);
      bar.tick(i);
    }
    const ingestMs = performance.now() - t0;
    bar.done();

    const bot: RougeScores[] = [];
    const lead: RougeScores[] = [];
    const lengths: number[] = [];
    const times: number[] = [];
    const sum = progress(`[cnndm ${opts.split}] summarise`, items.length, opts.progressTo);
    for (const [i, item] of items.entries()) {
      const id = ids[i];
      const article = id ? await core.store.getArticle(id) : undefined;
      if (!id || !article) {
        // An article the bot could not store scores zero rather than vanishing from the average.
        bot.push({ rouge1: 0, rouge2: 0, rougeL: 0 });
        lead.push(rouge(item.article.split(/(?<=[.!?])\s+/).slice(0, 3).join(' '), item.reference));
        continue;
      }
      const t = performance.now();
      const summary = await core.summarise(id);
      times.push(performance.now() - t);
      lengths.push(summary.sentences.length);
      bot.push(rouge(summary.sentences.join(' '), item.reference));
      // Lead-3 from the same stored sentences, scored by the same code.
      lead.push(rouge(article.sentences.slice(0, 3).map((s) => s.text).join(' '), item.reference));
      sum.tick(i);
    }
    sum.done();
    const b = meanRouge(bot);
    const l = meanRouge(lead);
    return {
      articles: items.length,
      bot: scaled(b),
      lead3: scaled(l),
      diff: scaled({ rouge1: b.rouge1 - l.rouge1, rouge2: b.rouge2 - l.rouge2, rougeL: b.rougeL - l.rougeL }),
      meanSentences: round(mean(lengths), 2),
      ingestSeconds: round(ingestMs / 1000),
      summariseMsMean: round(mean(times)),
    };
  });
}

export async function runEval(opts: EvalOptions): Promise<EvalReport> {
  const parts = opts.parts ?? { qa: true, summaries: true, news: false };
  const report: EvalReport = { split: opts.split, data: opts.data, limit: opts.limit ?? null };
  if (parts.news) {
    const file = opts.newsFile ?? NEWS_QA_FILE;
    report.news = { file, ...(await evaluateNewsQa({ data: opts.data, file, limit: opts.limit, progressTo: opts.progressTo, onQuestion: opts.onNewsQuestion })) };
  }
  if (parts.summaries) report.summaries = await evaluateSummaries(opts);
  if (parts.qa) report.qa = await evaluateQa(opts);
  return report;
}
