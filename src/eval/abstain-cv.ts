// Exploration (dev only): cross-validates an abstention model over chosen features together with the
// decide grid of fit-decide.ts, 5 folds by news article and SQuAD title, from abstain-signals.ts rows:
// each fold's model and settings are chosen without it. `node --import tsx src/eval/abstain-cv.ts
// ROWS... [--features a,b,x*y,1-z] [--news-weight K] [--current] [--drop-wrong] [--gate a|b]
// [--gate-model a,b]` (row files first). --current keeps the answerer's own confidences; --gate has
// the span gate read the largest of some row values instead of the span fit, --gate-model a logistic
// over them. Prints the held-out numbers (cv), the grid's best point over the pooled held-out rows
// (frontier) and the in-sample fit.
import { readFileSync } from 'node:fs';
import { DEFAULT_TUNING, shortProbability } from '../core/answer/answerer.ts';
import { answerScore, declines, measure, share, type DecideRow, type DecideSettings } from './decide-rows.ts';
import { fitLogistic } from './logistic.ts';

const argv = process.argv.slice(2);
const opt = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const files = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const features = (opt('--features') ?? 'score,coverage,span,typedMiss,missingProper,missingRare,context,novel,terms,negation,opposite,numberMissing,numberMissingInArticle').split(',');
const newsWeight = Number(opt('--news-weight') ?? 1);
const NEWS_DECLINE = Number(opt('--news-decline') ?? 0.65);
const SQUAD_DECLINE = Number(opt('--squad-decline') ?? 0.658);
const current = argv.includes('--current');
/** What the span gate reads instead of the answer span's fit (an expression of row values, as a feature name). */
const gateBy = opt('--gate');
/** Fit on answerable questions whose best sentence holds the answer against unanswerable ones only. */
const dropWrong = argv.includes('--drop-wrong');
/** A gate model: the probability that the best sentence holds the answer, from span-level features, for typed and "what" questions. */
const gateFeatures = opt('--gate-model')?.split(',');

interface Row extends DecideRow {
  id: string;
  topHolds: boolean;
  x: Record<string, number>;
  sig: Record<string, number>;
  /** The confidence the answerer in use gave (the fitted model's replaces `confidence`). */
  stored: number;
}
const rows: Row[] = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row));
for (const r of rows) r.stored = r.confidence;
const value = (r: Row, k: string): number => (k.includes('*') ? k.split('*').reduce((p, f) => p * value(r, f), 1) : k.startsWith('1-') ? 1 - value(r, k.slice(2)) : (k === 'isTyped' ? Number(r.family === 'typed') : k === 'isOther' ? Number(r.family === 'other') : k === 'isOpen' ? Number(r.family === 'open' || r.statement) : k === 'gateFit' ? (r.family === 'open' || r.statement ? 1 : r.fit) : (r.x[k] ?? r.sig?.[k] ?? 0)));
for (const r of rows) if (gateBy) r.gate = gateBy.split('|').reduce((m, k) => Math.max(m, k === 'fit' ? r.fit : value(r, k)), 0);
const vec = (r: Row) => features.map((k) => value(r, k));

type Settings = DecideSettings;
const GRID: Settings[] = [];
for (const abstainBelow of [0, 0.05, 0.1, 0.15, 0.2, 0.225, 0.25, 0.3, 0.35, 0.4])
  for (const gateBelow of [0, 0.5, 0.6, 0.7, 0.8, 0.9])
    for (const spanGateTyped of gateFeatures ? [0.2, 0.25, 0.3, 0.35, 0.4, 0.5] : [0.2, 0.3, 0.4])
      for (const spanGateOther of gateFeatures ? [0.2, 0.25, 0.3, 0.35, 0.4, 0.5] : [0.3, 0.4, 0.5])
        GRID.push({ abstainBelow, gateBelow, spanGateTyped, spanGateOther });
function choose(rs: readonly Row[]): Settings {
  const squad = rs.some((r) => r.set === 'squad');
  let best: { key: number; s: Settings } | undefined;
  for (const s of GRID) {
    const m = measure(rs, s);
    if (m.newsDeclined < NEWS_DECLINE || (squad && m.squadDeclined < SQUAD_DECLINE)) continue;
    const key = m.newsCitedHolds + 0.2 * m.squadF1 + 0.2 * m.newsAnswerHolds;
    if (!best || key > best.key + 1e-12) best = { key, s };
  }
  return best?.s ?? GRID[0]!;
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
function fit(train: readonly Row[]): number[] {
  const X: number[][] = [];
  const y: number[] = [];
  for (const r of train) {
    if (dropWrong && !r.unanswerable && !r.topHolds) continue;
    const times = r.set === 'news' ? newsWeight : 1;
    for (let t = 0; t < times; t++) {
      X.push(vec(r));
      y.push(!r.unanswerable && r.topHolds ? 1 : 0);
    }
  }
  return fitLogistic(X, y);
}
const gvec = (r: Row) => gateFeatures!.map((k) => (k === 'fit' ? r.fit : value(r, k)));
function fitGate(train: readonly Row[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const fam of ['typed', 'other']) {
    const X: number[][] = [];
    const y: number[] = [];
    for (const r of train) {
      if (dropWrong && !r.unanswerable && !r.topHolds) continue;
      if (r.family !== fam || r.statement || r.premise) continue;
      for (let t = 0; t < (r.set === 'news' ? newsWeight : 1); t++) {
        X.push(gvec(r));
        y.push(!r.unanswerable && r.topHolds ? 1 : 0);
      }
    }
    out[fam] = fitLogistic(X, y);
  }
  return out;
}
const applyGate = (g: Record<string, number[]>, rs: readonly Row[]) => {
  for (const r of rs) {
    const w = g[r.family];
    if (!w || !gateFeatures) continue;
    r.gate = sigmoid(gvec(r).reduce((z, v, j) => z + w[j]! * v, w[w.length - 1]!));
  }
};
const apply = (w: number[], rs: readonly Row[]) =>
  rs.forEach((r) => {
    r.confidence = current ? r.stored : sigmoid(vec(r).reduce((z, v, j) => z + w[j]! * v, w[w.length - 1]!));
    if (r.shortX) r.confident = shortProbability({ ...r.shortX, confidence: r.confidence }) >= DEFAULT_TUNING.shortLikely || r.fit === 1;
  });
function auc(rs: readonly Row[]) {
  const pos = rs.filter((r) => !r.premise && !r.unanswerable && r.topHolds).map((r) => r.confidence);
  const neg = rs.filter((r) => !r.premise && r.unanswerable).map((r) => r.confidence);
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / Math.max(1, pos.length * neg.length);
}
const k = 5;
const foldOf = new Map<string, number>();
for (const set of ['news', 'squad'] as const) [...new Set(rows.filter((r) => r.set === set).map((r) => r.group))].sort().forEach((g, i) => foldOf.set(`${set}:${g}`, i % k));
const held: Row[] = [];
const heldSettings: Settings[] = [];
for (let fold = 0; fold < k; fold++) {
  const isHeld = (r: Row) => foldOf.get(`${r.set}:${r.group}`) === fold;
  const train = rows.filter((r) => !isHeld(r));
  const test = rows.filter(isHeld);
  const w = fit(train);
  apply(w, train);
  const g = gateFeatures ? fitGate(train) : {};
  applyGate(g, train);
  applyGate(g, test);
  const s = choose(train);
  apply(w, test);
  heldSettings.push(s);
  for (const r of test) held.push({ ...r, __s: s } as Row);
}
const pct = (x: number) => Math.round(x * 1000) / 10;
// Held-out rows each scored with its own fold's settings.
const byFold = (f: (r: Row, s: Settings) => boolean | number, pick: (r: Row) => boolean) => {
  const rs = held.filter(pick);
  return pct(share(rs, (r) => f(r, (r as unknown as { __s: Settings }).__s)));
};
const cv = {
  newsDeclined: byFold(declines, (r) => r.set === 'news' && r.unanswerable),
  newsCitedHolds: byFold((r, s) => !declines(r, s) && r.citedHolds, (r) => r.set === 'news' && !r.unanswerable),
  newsAnswerHolds: byFold(answerScore, (r) => r.set === 'news' && !r.unanswerable),
  squadF1: byFold(answerScore, (r) => r.set === 'squad' && !r.unanswerable),
  squadDeclined: byFold(declines, (r) => r.set === 'squad' && r.unanswerable),
  newsAUC: Math.round(auc(held.filter((r) => r.set === 'news')) * 1000) / 1000,
  squadAUC: Math.round(auc(held.filter((r) => r.set === 'squad')) * 1000) / 1000,
};
// The frontier of the held-out confidences: the grid's best point over the pooled held-out rows (thresholds chosen on them).
const pooled = choose(held);
const frontier = Object.fromEntries(Object.entries(measure(held, pooled)).map(([key, v]) => [key, pct(v)]));
const w = fit(rows);
apply(w, rows);
const gw = gateFeatures ? fitGate(rows) : {};
applyGate(gw, rows);
const s = choose(rows);
const ins = Object.fromEntries(Object.entries(measure(rows, s)).map(([key, v]) => [key, pct(v)]));
// Decline on the held-out confidence alone (no gate), at the news decline floor.
{
  const newsU = held.filter((r) => r.set === 'news' && r.unanswerable);
  const newsA = held.filter((r) => r.set === 'news' && !r.unanswerable);
  const ths = [...new Set(held.map((r) => r.confidence))].sort((a, b) => a - b);
  const t = ths.find((th) => share(newsU, (r) => r.premise || r.confidence < th) >= NEWS_DECLINE) ?? 1;
  process.stderr.write(`conf only: threshold ${t.toFixed(3)} news cited holds ${pct(share(newsA, (r) => !r.premise && r.confidence >= t && r.citedHolds))} squad declined ${pct(share(held.filter((r) => r.set === 'squad' && r.unanswerable), (r) => r.premise || r.confidence < t))}\n`);
}
console.log(JSON.stringify({ features: features.join(','), newsWeight, cv, frontier, insample: ins, settings: s, gate: Object.fromEntries(Object.entries(gw).map(([k, v]) => [k, v.map((x) => Math.round(x * 1000) / 1000)])), weights: Object.fromEntries([...features, 'bias'].map((f, i) => [f, Math.round(w[i]! * 1000) / 1000])) }));
