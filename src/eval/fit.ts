// Fits the answerer's ranking and abstention weights on the SQuAD dev split (never on test):
// `node --import tsx src/eval/fit.ts [--data DIR] [--write]`. Prints the weights; --write
// stores them in src/core/answer/weights.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Answerer, DEFAULT_TUNING, type AnswererTuning, type ScoredSentence } from '../core/answer/answerer.ts';
import { FEATURES } from '../core/answer/features.ts';
import { analyseQuestion, type QuestionAnalysis } from '../core/answer/question.ts';
import { familyOf, SPAN_FEATURES, type SpanFamily } from '../core/answer/span-model.ts';
import { spanCandidatesOf } from '../core/answer/spans.ts';
import { ABSTAIN_FEATURES } from '../core/answer/weights.ts';
import { createCore } from '../core/create-core.ts';
import { createLogger } from '../core/log.ts';
import { SqliteArticleStore } from '../core/store/sqlite-store.ts';
import { defaultDataDir, loadSquad, PROJECT_ROOT } from './data.ts';
import { fitConditionalLogit, fitLogistic } from './logistic.ts';
import { containsAnswer, scoreAnswer } from './squad-metrics.ts';

const argv = process.argv.slice(2);
// Tuned for 55% of the dev split's unanswerable questions, not the 40% the target asks of test:
// held out one title at a time, a topic whose sentences are easy to find gets confident answers to
// its unanswerable questions too and abstains on up to 17 points fewer than the share tuned for.
const ABSTAIN_SHARE = 0.55;
const dataAt = argv.indexOf('--data');
const data = dataAt >= 0 ? argv[dataAt + 1]! : defaultDataDir();
const squad = loadSquad(data, 'dev');
const dir = mkdtempSync(join(tmpdir(), 'briefbot-fit-'));
const store = SqliteArticleStore.open(join(dir, 'fit.db'));
const core = createCore({ store, log: createLogger({ level: 'silent' }) });
for (const p of squad.paragraphs) await core.ingest({ text: p.context, title: p.title });
process.stderr.write(`ingested ${squad.paragraphs.length} paragraphs\n`);

const round = (x: number) => Math.round(x * 1000) / 1000;
const asRecord = (names: readonly string[], w: number[]) => Object.fromEntries([['bias', round(w[w.length - 1]!)], ...names.map((n, i) => [n, round(w[i]!)])]);

// Start from fixed hand-set weights, not from the last fit, so a refit gives the same weights.
const zero = <K extends string>(keys: readonly K[], set: Partial<Record<K | 'bias', number>>) =>
  Object.fromEntries(['bias', ...keys].map((k) => [k, set[k as K] ?? 0])) as Record<K | 'bias', number>;
const bootstrapSpan = zero(SPAN_FEATURES, { bias: -3, heuristic: 5 });
const BOOTSTRAP: AnswererTuning = {
  ...DEFAULT_TUNING,
  span: { typed: bootstrapSpan, other: bootstrapSpan },
  rank: zero(FEATURES, { bias: -4, coverage: 4, bm25: 1, span: 1.5, typedMiss: -1, missingProper: -1 }),
};

// 1. Spans: within the best-ranked sentence that holds a gold answer, which span scores best.
let answerer = new Answerer(store, BOOTSTRAP);
const spanGroups: Record<SpanFamily, { rows: number[][]; labels: number[] }[]> = { typed: [], other: [] };
for (const item of squad.questions) {
  if (!item.answers.length) continue;
  const q = analyseQuestion(item.question);
  const family = familyOf(q);
  if (!family) continue;
  const r = (await answerer.rank(q)).find((x) => containsAnswer(x.hit.sentence.text, item.answers));
  if (!r) continue;
  const candidates = spanCandidatesOf(r.hit.sentence.text, r.tokens, r.match.matched, r.entities, q);
  if (!candidates.length) continue;
  spanGroups[family].push({ rows: candidates.map((c) => SPAN_FEATURES.map((f) => c.features[f])), labels: candidates.map((c) => scoreAnswer(c.text, item.answers).f1) });
}
const spanWeights = {} as Record<SpanFamily, Record<string, number>>;
for (const family of ['typed', 'other'] as const) {
  const groups = spanGroups[family];
  const w = fitConditionalLogit(groups);
  const z = groups.flatMap((g) => g.rows.map((r) => [r.reduce((s, x, j) => s + x * w[j]!, 0)]));
  const [scale, bias] = fitLogistic(z, groups.flatMap((g) => g.labels.map((l) => (l >= 0.5 ? 1 : 0))));
  spanWeights[family] = asRecord(SPAN_FEATURES, [...w.map((x) => x * scale!), bias!]);
  process.stderr.write(`spans (${family}) fitted on ${groups.length} sentences\n`);
}
const span = spanWeights as unknown as typeof DEFAULT_TUNING.span;

// 2. Ranking: which candidate sentences contain a gold answer, with the fitted spans.
answerer = new Answerer(store, { ...BOOTSTRAP, span });
const asked: { q: QuestionAnalysis; golds: string[]; ranked: ScoredSentence[] }[] = [];
for (const item of squad.questions) {
  const q = analyseQuestion(item.question);
  asked.push({ q, golds: item.answers, ranked: await answerer.rank(q) });
}
// Listwise: the answer-bearing sentences should come first among each question's candidates.
const groups: { rows: number[][]; labels: number[] }[] = [];
for (const a of asked) {
  if (!a.golds.length) continue;
  groups.push({ rows: a.ranked.map((r) => FEATURES.map((f) => r.features[f])), labels: a.ranked.map((r) => (containsAnswer(r.hit.sentence.text, a.golds) ? 1 : 0)) });
}
const listwise = fitConditionalLogit(groups);
const top1 = (w: number[]) => groups.filter((g) => { const z = g.rows.map((r) => r.reduce((s, x, j) => s + x * w[j]!, 0)); return g.labels[z.indexOf(Math.max(...z))] === 1; }).length / groups.length;
process.stderr.write(`listwise ${JSON.stringify(listwise.map(round))} top-1 ${round(top1(listwise))}; bootstrap ${round(top1(FEATURES.map((f) => BOOTSTRAP.rank[f])))}\n`);
// Then a scale and bias that turn the listwise score into a probability that a sentence holds the answer.
const z = groups.flatMap((g) => g.rows.map((r) => [r.reduce((s, x, j) => s + x * listwise[j]!, 0)]));
const [scale, bias] = fitLogistic(z, groups.flatMap((g) => g.labels));
const rank = asRecord(FEATURES, [...listwise.map((x) => x * scale!), bias!]);
const rows = z;
process.stderr.write(`ranking fitted on ${rows.length} candidates\n`);

// 3. Abstention: whether the top sentence, ranked by the new weights, holds the answer.
answerer = new Answerer(store, { ...BOOTSTRAP, span, rank: rank as typeof DEFAULT_TUNING.rank });
const top: { x: number[]; label: number; unanswerable: boolean; f1: number }[] = [];
for (const a of asked) {
  const ranked = await answerer.rank(a.q);
  const x = ABSTAIN_FEATURES.map((f) => answerer.abstainInput(a.q, ranked)[f]);
  const best = ranked[0];
  const holds = !!best && a.golds.length > 0 && containsAnswer(best.hit.sentence.text, a.golds);
  const f1 = best && a.golds.length ? scoreAnswer(best.span?.text ?? best.hit.sentence.text, a.golds).f1 : 0;
  top.push({ x, label: holds ? 1 : 0, unanswerable: !a.golds.length, f1 });
}
const abstainW = fitLogistic(top.map((t) => t.x), top.map((t) => t.label));
const abstain = asRecord(ABSTAIN_FEATURES, abstainW);

// 4. Threshold: the lowest that abstains on at least ABSTAIN_SHARE of the unanswerable dev
// questions. Maximising overall F1 here would mean abstaining on nearly everything (this data set
// is half unanswerable, a user's questions are not); the lowest threshold that declines a
// good share of unanswerable questions keeps the most answers.
const conf = top.map((t) => {
  let z = abstainW[abstainW.length - 1]!;
  t.x.forEach((v, i) => (z += abstainW[i]! * v));
  return 1 / (1 + Math.exp(-z));
});
const answerable = top.filter((t) => !t.unanswerable).length;
const unanswerable = top.length - answerable;
let best = { threshold: 0.5, balanced: -1, answerableF1: 0, abstained: 0, overallF1: 0 };
for (let th = 0.02; th <= 0.98; th += 0.005) {
  let hasF1 = 0;
  let abst = 0;
  top.forEach((t, i) => {
    const answers = conf[i]! >= th;
    if (t.unanswerable) abst += answers ? 0 : 1;
    else hasF1 += answers ? t.f1 : 0;
  });
  const point = { threshold: round(th), balanced: (hasF1 / answerable + abst / unanswerable) / 2, answerableF1: round((100 * hasF1) / answerable), abstained: round((100 * abst) / unanswerable), overallF1: round((100 * (hasF1 + abst)) / top.length) };
  if (Math.round(th * 1000) % 50 === 0) process.stderr.write(`${JSON.stringify(point)}\n`);
  if (best.balanced < 0 && point.abstained >= ABSTAIN_SHARE * 100) best = point;
}
rmSync(dir, { recursive: true, force: true });
await core.close();

const out = { span, rank, abstain, abstainBelow: best.threshold, dev: best };
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
if (argv.includes('--write')) {
  const path = join(PROJECT_ROOT, 'src/core/answer/weights.ts');
  const text = readFileSync(path, 'utf8').replace(/\/\/ <fitted>[\s\S]*\/\/ <\/fitted>/, `// <fitted>\nexport const FITTED = ${JSON.stringify({ span, rank, abstain, abstainBelow: best.threshold }, null, 2)} as const;\n// </fitted>`);
  writeFileSync(path, text);
  process.stderr.write(`wrote ${path}\n`);
}
