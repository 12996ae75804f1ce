// Fits when the answerer answers and when it declines (never on test): the abstention threshold,
// the confidence under which the span gate applies, and the gate's span fit for typed ("how many",
// "who") and "what" questions. `node --import tsx src/eval/fit-decide.ts [--data DIR]
// [--news-decline 0.65] [--write]`. Every SQuAD dev question and every news-QA dev question
// (answerable and unanswerable, all 250 CNN/DailyMail articles stored) is asked once with nothing
// declined but premise conflicts; a grid then picks the settings that keep the most answerable news
// questions answered with a first cited sentence that holds the answer (plus a fifth of SQuAD's
// answerable F1) while declining at least --news-decline of the unanswerable news questions. The
// printed 5-fold cross-validated numbers (folds by article) are the ones to trust; --write stores
// the settings in the decide block of src/core/answer/weights.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { Answerer, DEFAULT_TUNING, namesTheFocus, wantsStatement, type AnswererTuning } from '../core/answer/answerer.ts';
import { gatherCandidates } from '../core/answer/passages.ts';
import { analyseQuestion } from '../core/answer/question.ts';
import type { Core } from '../core/core.ts';
import { defaultDataDir, loadSquad, loadSummaries } from './data.ts';
import { writeFittedBlock } from './fitted-block.ts';
import { holds, loadNewsQa, NEWS_QA_FILE } from './news-qa.ts';
import { scoreAnswer } from './squad-metrics.ts';
import { withTempCore } from './stats.ts';

const argv = process.argv.slice(2);
const dataAt = argv.indexOf('--data');
const data = dataAt >= 0 ? argv[dataAt + 1]! : defaultDataDir();
/**
 * Share of the unanswerable news dev questions to decline. Above the 60% target on purpose: held
 * out by article, a grid chosen for exactly 60% declined 60.0% of the held-out questions, with no margin.
 */
const NEWS_DECLINE = Number(argv[argv.indexOf('--news-decline') + 1] ?? '') || 0.65;
/** Share of SQuAD's unanswerable dev questions to decline at least (67.8% before issue 12's premise precision fixes, less 2 points). */
const SQUAD_DECLINE = Number(argv[argv.indexOf('--squad-decline') + 1] ?? '') || 0.658;

type Family = 'typed' | 'other' | 'open';
interface Row {
  set: 'news' | 'squad';
  unanswerable: boolean;
  /** The article a news question was written from: folds keep a story on one side. */
  group: string;
  family: Family;
  confidence: number;
  /** Best span's fit, and whether the question wants a statement (no gate). */
  fit: number;
  statement: boolean;
  /** Declined by a premise check whatever the settings. */
  premise: boolean;
  /** Answered, the first cited sentence holds an accepted answer (news). */
  citedHolds: boolean;
  /** Whether a short answer is possible at all, and the fit it needs to beat below `shortAbove`'s confidence. */
  short: boolean;
  confident: boolean;
  /** The short answer's and the passage answer's SQuAD F1 (SQuAD), or whether each holds an accepted answer (news). */
  shortScore: number;
  passageScore: number;
}

const open: AnswererTuning = { ...DEFAULT_TUNING, abstainBelow: 0, gateBelow: 0 };
// The same, answering with the best span whenever there is one, and never.
const alwaysShort: AnswererTuning = { ...open, shortAbove: 0 };
const neverShort: AnswererTuning = { ...open, shortAbove: Infinity, shortFitTyped: Infinity, shortFitOther: Infinity };
const rows: Row[] = [];
async function describe(core: Core, set: Row['set'], group: string, question: string, golds: string[]): Promise<void> {
  const answerer = new Answerer(core.store, open);
  const q = analyseQuestion(question);
  const candidates = await gatherCandidates(core.store, q, DEFAULT_TUNING.articles);
  const ranked = await answerer.rank(q, candidates);
  const a = answerer.decide(q, ranked, candidates);
  const short = new Answerer(core.store, alwaysShort).decide(q, ranked, candidates);
  const passage = new Answerer(core.store, neverShort).decide(q, ranked, candidates);
  const score = (answer: string | null) => (set === 'news' ? Number(holds(answer ?? undefined, golds)) : golds.length ? scoreAnswer(answer, golds).f1 : 0);
  const family: Family = q.type === 'reason' || q.type === 'yesno' ? 'open' : q.type === 'other' ? 'other' : 'typed';
  rows.push({
    set,
    unanswerable: !golds.length,
    group,
    family,
    confidence: a.confidence,
    // A name ending in the asked noun ("Ventura County" for "which county") passes the gate and the short-answer fit whatever its fit.
    fit: ranked[0] && namesTheFocus(q, ranked[0].span) ? 1 : (ranked[0]?.span?.fit ?? 0),
    statement: wantsStatement(q),
    premise: a.abstained,
    citedHolds: !a.abstained && holds(a.citations[0]?.sentence, golds),
    short: short.form === 'short',
    confident: a.confidence >= DEFAULT_TUNING.shortAbove,
    shortScore: score(short.answer),
    passageScore: score(passage.answer),
  });
}

// --rows FILE keeps the asked rows; --from FILE reads them back (the grid alone, in seconds).
const fromAt = argv.indexOf('--from');
if (fromAt >= 0) rows.push(...readFileSync(argv[fromAt + 1]!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row));
else {
  await withTempCore(async (core) => {
    for (const item of [...loadSummaries(data, 'dev'), ...loadSummaries(data, 'test')]) await core.ingest({ text: item.article, externalId: item.id, origin: item.id });
    for (const item of loadNewsQa(NEWS_QA_FILE).filter((x) => x.corpus === 'cnndm' && (x.kind === 'answerable' || x.kind === 'unanswerable'))) {
      await describe(core, 'news', item.article ?? item.id, item.question, item.answers);
    }
  });
  process.stderr.write('news questions asked\n');
  await withTempCore(async (core) => {
    const squad = loadSquad(data, 'dev');
    for (const [i, p] of squad.paragraphs.entries()) await core.ingest({ text: p.context, title: p.title, origin: `squad paragraph ${i}` });
    for (const item of squad.questions) await describe(core, 'squad', item.title, item.question, item.answers);
  });
  process.stderr.write('SQuAD questions asked\n');
}
const rowsAt = argv.indexOf('--rows');
if (rowsAt >= 0) writeFileSync(argv[rowsAt + 1]!, rows.map((r) => JSON.stringify(r)).join('\n'));

interface Settings {
  abstainBelow: number;
  gateBelow: number;
  spanGateTyped: number;
  spanGateOther: number;
  shortFitTyped: number;
  shortFitOther: number;
}
const declines = (r: Row, s: Settings) => {
  if (r.premise || r.confidence < s.abstainBelow) return true;
  const gate = r.statement || r.family === 'open' ? 0 : r.family === 'other' ? s.spanGateOther : s.spanGateTyped;
  return r.confidence < s.gateBelow && r.fit < gate;
};
/** What the answer scores under the settings: the short answer when its span fits well enough (or the confidence is high), else the passage. */
const answerScore = (r: Row, s: Settings) => {
  if (declines(r, s)) return 0;
  const shortFit = r.family === 'other' ? s.shortFitOther : s.shortFitTyped;
  return r.short && (r.confident || r.fit >= shortFit) ? r.shortScore : r.passageScore;
};
const share = (rs: readonly Row[], f: (r: Row) => boolean | number) => rs.reduce((n, r) => n + Number(f(r)), 0) / Math.max(1, rs.length);
// The rows split by set and answerability once per row list (the grid measures each list thousands of times).
const splits = new WeakMap<readonly Row[], Record<'newsU' | 'newsA' | 'squadU' | 'squadA', Row[]>>();
function split(rs: readonly Row[]) {
  let out = splits.get(rs);
  if (!out) {
    const of = (set: Row['set'], unanswerable: boolean) => rs.filter((r) => r.set === set && r.unanswerable === unanswerable);
    splits.set(rs, (out = { newsU: of('news', true), newsA: of('news', false), squadU: of('squad', true), squadA: of('squad', false) }));
  }
  return out;
}
function measure(rs: readonly Row[], s: Settings) {
  const { newsU, newsA, squadU, squadA } = split(rs);
  return {
    newsDeclined: share(newsU, (r) => declines(r, s)),
    newsCitedHolds: share(newsA, (r) => !declines(r, s) && r.citedHolds),
    newsAnswerHolds: share(newsA, (r) => answerScore(r, s)),
    squadF1: share(squadA, (r) => answerScore(r, s)),
    squadDeclined: share(squadU, (r) => declines(r, s)),
  };
}
const { abstainBelow, gateBelow, spanGateTyped, spanGateOther, shortFitTyped, shortFitOther } = DEFAULT_TUNING;
const current: Settings = { abstainBelow, gateBelow, spanGateTyped, spanGateOther, shortFitTyped, shortFitOther };
const GRID: Settings[] = [];
for (const abstainBelow of [0, 0.05, 0.1, 0.15, 0.2, 0.225, 0.25, 0.3])
  for (const gateBelow of [0.5, 0.6, 0.7, 0.8, 0.9])
    for (const spanGateTyped of [0.2, 0.3, 0.35, 0.4])
      for (const spanGateOther of [0.3, 0.35, 0.4, 0.45, 0.5])
        for (const shortFitTyped of [0.3, 0.4, 0.5, 0.6])
          for (const shortFitOther of [0.4, 0.5, 0.6, 0.7, 0.8]) GRID.push({ abstainBelow, gateBelow, spanGateTyped, spanGateOther, shortFitTyped, shortFitOther });
function choose(rs: readonly Row[]): Settings {
  let best: { key: number; s: Settings } | undefined;
  for (const s of GRID) {
    const m = measure(rs, s);
    if (m.newsDeclined < NEWS_DECLINE || m.squadDeclined < SQUAD_DECLINE) continue;
    // The short-answer fits trade SQuAD's F1 against news answers that hold the answer, at equal weight.
    const key = m.newsCitedHolds + 0.2 * m.squadF1 + 0.2 * m.newsAnswerHolds;
    if (!best || key > best.key + 1e-12) best = { key, s };
  }
  return best?.s ?? current;
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
