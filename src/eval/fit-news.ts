// Fits the sentence ranking on the news-QA dev questions (never on the held-out set):
// `node --import tsx src/eval/fit-news.ts [--data DIR] [--squad-share S] [--write]`. All 250 CNN/DailyMail articles are
// stored, as in `npm run eval`; every candidate sentence of every answerable dev question is labelled
// by whether it holds an accepted answer, and a listwise logistic model over a few features is
// fitted. The printed cross-validated top-1 (folds by article, so no story is on both sides) is the
// number to trust; --write stores the weights in the news block of src/core/answer/weights.ts.
import { Answerer } from '../core/answer/answerer.ts';
import { gatherCandidates } from '../core/answer/passages.ts';
import { analyseQuestion } from '../core/answer/question.ts';
import { NEWS_RANK_FEATURES } from '../core/answer/weights.ts';
import { defaultDataDir, loadSquad } from './data.ts';
import { fitConditionalLogit, fitLogistic } from './logistic.ts';
import { writeFittedBlock } from './fitted-block.ts';
import { holds, loadNewsQa, NEWS_QA_FILE } from './news-qa.ts';
import { containsAnswer } from './squad-metrics.ts';
import { storeNewsArticles, storeSquadParagraphs, withTempCore } from './stats.ts';

const argv = process.argv.slice(2);
const dataAt = argv.indexOf('--data');
const data = dataAt >= 0 ? argv[dataAt + 1]! : defaultDataDir();
/** A small penalty: ten weights, about 290 questions of 60 candidates each. */
const L2 = 1e-3;
/**
 * --squad-share S: SQuAD's answerable dev questions join the fit with S of the news questions'
 * weight in all (each SQuAD title is its own fold group). 0 fits on news alone.
 */
const shareAt = argv.indexOf('--squad-share');
const SQUAD_SHARE = shareAt >= 0 ? Number(argv[shareAt + 1]) : 0;

type Group = { set: 'news' | 'squad'; article: string; rows: number[][]; labels: number[]; weight?: number };
const groups: Group[] = [];
await withTempCore(async (core) => {
  await storeNewsArticles(core, data);
  const answerer = new Answerer(core.store);
  for (const item of loadNewsQa(NEWS_QA_FILE).filter((x) => x.kind === 'answerable' && x.corpus === 'cnndm')) {
    const q = analyseQuestion(item.question);
    const ranked = await answerer.rank(q, await gatherCandidates(core.store, q, 3));
    groups.push({ set: 'news', article: item.article ?? item.id, rows: ranked.map((r) => NEWS_RANK_FEATURES.map((f) => r.features[f])), labels: ranked.map((r) => (holds(r.hit.sentence.text, item.answers) ? 1 : 0)) });
  }
});

if (SQUAD_SHARE > 0) {
  const squadGroups: Group[] = [];
  await withTempCore(async (core) => {
    const squad = loadSquad(data, 'dev');
    await storeSquadParagraphs(core, squad.paragraphs);
    const answerer = new Answerer(core.store);
    for (const item of squad.questions.filter((x) => x.answers.length)) {
      const q = analyseQuestion(item.question);
      const ranked = await answerer.rank(q, await gatherCandidates(core.store, q, 3));
      squadGroups.push({ set: 'squad', article: `squad:${item.title}`, rows: ranked.map((r) => NEWS_RANK_FEATURES.map((f) => r.features[f])), labels: ranked.map((r) => (containsAnswer(r.hit.sentence.text, item.answers) ? 1 : 0)) });
    }
  });
  const weight = (SQUAD_SHARE * groups.length) / Math.max(1, squadGroups.length);
  groups.push(...squadGroups.map((g) => ({ ...g, weight })));
}

const score = (row: readonly number[], w: readonly number[]) => row.reduce((s, x, j) => s + x * w[j]!, 0);
const top1 = (gs: readonly Group[], w: readonly number[]) =>
  gs.filter((g) => {
    if (!g.rows.length) return false;
    const z = g.rows.map((r) => score(r, w));
    return g.labels[z.indexOf(Math.max(...z))] === 1;
  }).length / Math.max(1, gs.length);
const pct = (x: number) => Math.round(x * 1000) / 10;

const weights = fitConditionalLogit(groups, L2);
const articles = [...new Set(groups.map((g) => g.article))].sort();
for (const k of [3, 5, 10]) {
  const hit = { news: 0, squad: 0 };
  for (let fold = 0; fold < k; fold++) {
    const held = new Set(articles.filter((_, i) => i % k === fold));
    const w = fitConditionalLogit(groups.filter((g) => !held.has(g.article)), L2);
    for (const set of ['news', 'squad'] as const) {
      const test = groups.filter((g) => g.set === set && held.has(g.article));
      hit[set] += top1(test, w) * test.length;
    }
  }
  const of = (set: Group['set']) => Math.max(1, groups.filter((g) => g.set === set).length);
  process.stderr.write(`${k}-fold cross-validated top-1: news ${pct(hit.news / of('news'))}%${SQUAD_SHARE > 0 ? `, SQuAD ${pct(hit.squad / of('squad'))}%` : ''}\n`);
}
const news = groups.filter((g) => g.set === 'news');
process.stderr.write(`in-sample top-1: news ${pct(top1(news, weights))}% over ${news.length} questions\n`);
// A scale and bias that make the score a probability that the sentence holds the answer (the
// abstention model reads it), on the news questions as before SQuAD could join the fit.
const z = news.flatMap((g) => g.rows.map((r) => [score(r, weights)]));
const [scale, bias] = fitLogistic(z, news.flatMap((g) => g.labels));
const round = (x: number) => Math.round(x * 1000) / 1000;
const rank = Object.fromEntries([['bias', round(bias!)], ...NEWS_RANK_FEATURES.map((f, i) => [f, round(weights[i]! * scale!)])]);
process.stdout.write(`${JSON.stringify(rank, null, 2)}\n`);
if (argv.includes('--write')) {
  writeFittedBlock('fitted-news', 'NEWS_RANK', rank);
}
