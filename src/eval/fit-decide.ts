// Fits when the answerer answers and when it declines (never on test): the abstention threshold,
// the confidence under which the span gate applies, and the gate's span fit for typed ("how many",
// "who") and "what" questions. `node --import tsx src/eval/fit-decide.ts [--data DIR]
// [--news-decline 0.65] [--write]`. Every SQuAD dev question and every news-QA dev question
// (answerable and unanswerable, all 250 CNN/DailyMail articles stored) is asked once with nothing
// declined but premise conflicts; a grid then picks, among the settings that decline at least
// --news-decline of the unanswerable news questions, keep the news answers (NEWS_CITED,
// NEWS_ANSWERED) and keep SQuAD over issue 12's floors (SQUAD_FLOORS), the one with the most
// answerable news questions answered with a first cited sentence that holds the answer (plus a
// fifth of SQuAD's answerable F1 and of the news answers that hold it). The printed 5-fold
// cross-validated numbers (folds by article) are the ones to trust; --write stores the settings in
// the decide block of src/core/answer/weights.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_TUNING, shortProbability } from '../core/answer/answerer.ts';
import { SHORT_FEATURES, SHORT_LIKELY } from '../core/answer/weights.ts';
import { fitLogistic } from './logistic.ts';
import type { Core } from '../core/core.ts';
import { defaultDataDir, loadSquad } from './data.ts';
import { answerScore, decideRow, declines, measure, share, type DecideRow as Row, type DecideSettings as Settings } from './decide-rows.ts';
import { writeFittedBlock } from './fitted-block.ts';
import { asksOfArticles, loadNewsQa, NEWS_QA_FILE } from './news-qa.ts';
import { storeNewsArticles, storeSquadParagraphs, withTempCore } from './stats.ts';

const argv = process.argv.slice(2);
const dataAt = argv.indexOf('--data');
const data = dataAt >= 0 ? argv[dataAt + 1]! : defaultDataDir();
/**
 * Share of the unanswerable news dev questions to decline. Above the 60% target on purpose: held
 * out by article, a grid chosen for exactly 60% declined 60.0% of the held-out questions, with no
 * margin. 64% since the thirteenth round (65% before): its choice declines 64.3% in the 5-fold
 * cross-validation by article, and 65% left the span gate where it declined two answerable news
 * questions with the answer in the cited sentence for every unanswerable one.
 */
const NEWS_DECLINE = Number(argv[argv.indexOf('--news-decline') + 1] ?? '') || 0.64;
/**
 * SQuAD's numbers may not fall more than 2 points under their values before the news work (issue
 * 12; docs/evaluation.md, "Results before the news-QA work": answerable F1 38.7, unanswerable
 * abstained 55.7, overall F1 47.6 and exact match 43.4). Among the settings that keep the news
 * floors and each of these by SQUAD_MARGIN, the grid takes the one that answers news best; when
 * none does, the one whose closest SQuAD floor is farthest away. Answerable exact match (floor
 * 28.1) is reported, not chosen for: only short answers match exactly, and these settings move it
 * by under a point (the answer's edges do: answer/edges.ts).
 */
const SQUAD_FLOORS = { squadF1: 0.367, squadDeclined: 0.537, squadOverallF1: 0.456, squadOverallEM: 0.414 } as const;
/** Each SQuAD floor is kept by a third of a point at least. */
const SQUAD_MARGIN = 0.003;
/** First cited sentence holds the answer: the target is 65%; half a point over it, for the held-out set. */
const NEWS_CITED = 0.655;
/**
 * Answerable news questions answered: no target of its own, but a setting that buys SQuAD points
 * by declining right news answers (a typed gate that refuses "since 1923" and "£88,400" for their
 * span fits) is no trade a user would make. At least 90%, the fourteenth round's 90.4 less a question.
 */
const NEWS_ANSWERED = 0.9;

const rows: Row[] = [];
async function describe(core: Core, set: Row['set'], group: string, question: string, golds: string[]): Promise<void> {
  rows.push((await decideRow(core, set, group, question, golds)).row);
}

// --rows FILE keeps the asked rows; --from FILE reads them back (the grid alone, in seconds).
const fromAt = argv.indexOf('--from');
if (fromAt >= 0) rows.push(...readFileSync(argv[fromAt + 1]!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row));
else {
  await withTempCore(async (core) => {
    await storeNewsArticles(core, data);
    for (const item of loadNewsQa(NEWS_QA_FILE).filter(asksOfArticles)) {
      await describe(core, 'news', item.article ?? item.id, item.question, item.answers);
    }
  });
  process.stderr.write('news questions asked\n');
  await withTempCore(async (core) => {
    const squad = loadSquad(data, 'dev');
    await storeSquadParagraphs(core, squad.paragraphs);
    for (const item of squad.questions) await describe(core, 'squad', item.title, item.question, item.answers);
  });
  process.stderr.write('SQuAD questions asked\n');
}
const rowsAt = argv.indexOf('--rows');
if (rowsAt >= 0) writeFileSync(argv[rowsAt + 1]!, rows.map((r) => JSON.stringify(r)).join('\n'));

const { abstainBelow, gateBelow, spanGateTyped, spanGateOther } = DEFAULT_TUNING;
const current: Settings = { abstainBelow, gateBelow, spanGateTyped, spanGateOther };

if (argv.includes('--short')) {
  // The short-answer model: over the answerable questions answered with the settings in use whose
  // best span could be the answer, the probability that it is right (news: it holds an accepted
  // string; SQuAD: F1 0.5 or more). Folds by article / SQuAD title.
  const fitRows = rows.filter((r) => !r.unanswerable && r.short && !declines(r, current));
  const x = (r: Row) => SHORT_FEATURES.map((k) => (k === 'confidence' ? r.confidence : r.shortX[k]));
  const label = (r: Row) => (r.set === 'news' ? r.shortScore : Number(r.shortScore >= 0.5));
  const toWeights = (w: number[]) => Object.fromEntries([['bias', Math.round(w[w.length - 1]! * 1000) / 1000], ...SHORT_FEATURES.map((k, i) => [k, Math.round(w[i]! * 1000) / 1000])]) as Record<(typeof SHORT_FEATURES)[number] | 'bias', number>;
  const fitOn = (rs: readonly Row[]) => toWeights(fitLogistic(rs.map(x), rs.map(label), 1e-2));
  const foldOf = new Map<string, number>();
  for (const set of ['news', 'squad'] as const) [...new Set(rows.filter((r) => r.set === set).map((r) => r.group))].sort().forEach((g, i) => foldOf.set(`${set}:${g}`, i % 5));
  const held = new Map<Row, boolean>();
  for (let fold = 0; fold < 5; fold++) {
    const w = fitOn(fitRows.filter((r) => foldOf.get(`${r.set}:${r.group}`) !== fold));
    for (const r of rows) if (foldOf.get(`${r.set}:${r.group}`) === fold) held.set(r, shortProbability({ ...r.shortX, confidence: r.confidence }, w) >= SHORT_LIKELY || r.fit === 1);
  }
  const w = fitOn(fitRows);
  const report = (name: string, likely: (r: Row) => boolean) => {
    const with_ = rows.map((r) => ({ ...r, confident: likely(r) }));
    const newsA = with_.filter((r) => r.set === 'news' && !r.unanswerable);
    const squadA = with_.filter((r) => r.set === 'squad' && !r.unanswerable);
    const shortNews = newsA.filter((r) => !declines(r, current) && r.short && r.confident);
    const pc = (v: number) => Math.round(v * 1000) / 10;
    process.stderr.write(`${name}: news answer holds ${pc(share(newsA, (r) => answerScore(r, current)))}, short answers ${shortNews.length} (${pc(share(shortNews, (r) => r.shortScore))}% right); SQuAD answerable F1 ${pc(share(squadA, (r) => answerScore(r, current)))}\n`);
  };
  report('in use', (r) => r.confident);
  report('5-fold cross-validated', (r) => held.get(r) ?? false);
  report('fitted', (r) => shortProbability({ ...r.shortX, confidence: r.confidence }, w) >= SHORT_LIKELY || r.fit === 1);
  process.stdout.write(`${JSON.stringify(w, null, 2)}\n`);
  if (argv.includes('--write')) writeFittedBlock('fitted-short', 'SHORT', w);
  process.exit(0);
}
const GRID: Settings[] = [];
for (const abstainBelow of [0, 0.05, 0.1, 0.15, 0.175, 0.2, 0.225, 0.25, 0.3])
  for (const gateBelow of [0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    for (const spanGateTyped of [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4])
      for (const spanGateOther of [0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5])
        GRID.push({ abstainBelow, gateBelow, spanGateTyped, spanGateOther });
/** The smallest margin, in shares, by which the settings clear SQuAD's floors. */
const squadMargin = (m: ReturnType<typeof measure>) => Math.min(...(Object.keys(SQUAD_FLOORS) as (keyof typeof SQUAD_FLOORS)[]).map((k) => m[k] - SQUAD_FLOORS[k]));
function choose(rs: readonly Row[]): Settings {
  let best: { key: number; s: Settings } | undefined;
  let closest: { margin: number; s: Settings } | undefined;
  for (const s of GRID) {
    const m = measure(rs, s);
    if (m.newsDeclined < NEWS_DECLINE || m.newsCitedHolds < NEWS_CITED || m.newsAnswered < NEWS_ANSWERED) continue;
    const margin = squadMargin(m);
    if (!closest || margin > closest.margin + 1e-12) closest = { margin, s };
    if (margin < SQUAD_MARGIN) continue;
    // The short-answer fits trade SQuAD's F1 against news answers that hold the answer, at equal weight.
    const key = m.newsCitedHolds + 0.2 * m.squadF1 + 0.2 * m.newsAnswerHolds;
    if (!best || key > best.key + 1e-12) best = { key, s };
  }
  // No setting keeps every floor: the one that comes closest.
  return best?.s ?? closest?.s ?? current;
}
const pct = (x: number) => Math.round(x * 1000) / 10;
const articles = [...new Set(rows.filter((r) => r.set === 'news').map((r) => r.group))].sort();
const k = 5;
let declined = 0;
let unanswerable = 0;
let cited = 0;
let answerable = 0;
for (let fold = 0; fold < k; fold++) {
  const held = new Set(articles.filter((_, i) => i % k === fold));
  const isHeld = (r: Row) => r.set === 'news' && held.has(r.group);
  const s = choose(rows.filter((r) => !isHeld(r)));
  const test = rows.filter(isHeld);
  declined += test.filter((r) => r.unanswerable && declines(r, s)).length;
  unanswerable += test.filter((r) => r.unanswerable).length;
  cited += test.filter((r) => !r.unanswerable && !declines(r, s) && r.citedHolds).length;
  answerable += test.filter((r) => !r.unanswerable).length;
}
process.stderr.write(`${k}-fold cross-validated (by article): unanswerable news declined ${pct(declined / unanswerable)}%, first cited sentence holds ${pct(cited / answerable)}%\n`);
const chosen = choose(rows);
const show = (m: ReturnType<typeof measure>) => Object.fromEntries(Object.entries(m).map(([key, v]) => [key, pct(v)]));
process.stderr.write(`in use: ${JSON.stringify(current)} ${JSON.stringify(show(measure(rows, current)))}\n`);
process.stderr.write(`chosen: ${JSON.stringify(chosen)} ${JSON.stringify(show(measure(rows, chosen)))}\n`);
process.stdout.write(`${JSON.stringify(chosen, null, 2)}\n`);
if (argv.includes('--write')) {
  writeFittedBlock('fitted-decide', 'DECIDE', chosen);
}
