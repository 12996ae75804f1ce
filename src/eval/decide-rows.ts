// One row per question for fitting when to answer (never on test): the question asked once with
// nothing declined but premise conflicts, and what each answer form would score. fit-decide.ts
// chooses the DECIDE settings over these rows; abstain-signals.ts and abstain-cv.ts look for better
// abstention signals with the same rows and rules.
import { Answerer, DEFAULT_TUNING, namesTheFocus, shortInput, shortProbability, wantsStatement, type AnswererTuning, type ScoredSentence } from '../core/answer/answerer.ts';
import type { ShortFeature } from '../core/answer/weights.ts';
import { formChecked } from '../core/answer/asserts.ts';
import { gatherCandidates, type Candidates } from '../core/answer/passages.ts';
import { analyseQuestion, type QuestionAnalysis } from '../core/answer/question.ts';
import type { Core } from '../core/core.ts';
import { holds } from './news-qa.ts';
import { scoreAnswer } from './squad-metrics.ts';

export type Family = 'typed' | 'other' | 'open';
export interface DecideRow {
  set: 'news' | 'squad';
  unanswerable: boolean;
  /** The article a news question was written from (a SQuAD question's title): folds keep a story on one side. */
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
  /** Whether a short answer is possible at all, and whether the short-answer model (weights.ts SHORT) gives it. */
  short: boolean;
  confident: boolean;
  /** What the short-answer model reads (its confidence is the row's). */
  shortX: Record<ShortFeature, number>;
  /** The short answer's and the passage answer's SQuAD F1 (SQuAD), or whether each holds an accepted answer (news). */
  shortScore: number;
  passageScore: number;
  /** SQuAD: whether the short answer matches an accepted answer exactly (exact match). */
  shortExact?: boolean;
  /** What the span gate reads when it is not the span fit (abstain-cv.ts tries other gates). */
  gate?: number;
}

export interface DecideSettings {
  abstainBelow: number;
  gateBelow: number;
  spanGateTyped: number;
  spanGateOther: number;
}

export const declines = (r: DecideRow, s: DecideSettings): boolean => {
  if (r.premise || r.confidence < s.abstainBelow) return true;
  const gate = r.statement || r.family === 'open' ? 0 : r.family === 'other' ? s.spanGateOther : s.spanGateTyped;
  return r.confidence < s.gateBelow && (r.gate ?? r.fit) < gate;
};

/** What the answer scores under the settings: the short answer when the short-answer model gives it, else the passage. */
export const answerScore = (r: DecideRow, s: DecideSettings): number => {
  if (declines(r, s)) return 0;
  return r.short && r.confident ? r.shortScore : r.passageScore;
};

/** Whether the answer under the settings matches an accepted SQuAD answer exactly: only a short answer can. */
const exactUnder = (r: DecideRow, s: DecideSettings): boolean => !declines(r, s) && r.short && r.confident && r.shortExact === true;

export const share = <R>(rs: readonly R[], f: (r: R) => boolean | number): number => rs.reduce((n, r) => n + Number(f(r)), 0) / Math.max(1, rs.length);

// The rows split by set and answerability once per row list (a grid measures each list thousands of times).
const splits = new WeakMap<readonly DecideRow[], Record<'newsU' | 'newsA' | 'squadU' | 'squadA', DecideRow[]>>();
function split(rs: readonly DecideRow[]) {
  let out = splits.get(rs);
  if (!out) {
    const of = (set: DecideRow['set'], unanswerable: boolean) => rs.filter((r) => r.set === set && r.unanswerable === unanswerable);
    splits.set(rs, (out = { newsU: of('news', true), newsA: of('news', false), squadU: of('squad', true), squadA: of('squad', false) }));
  }
  return out;
}

/** What the settings give over the rows: news declines, first cited holds and answer holds, SQuAD's F1, declines and overall F1. */
export function measure(rs: readonly DecideRow[], s: DecideSettings) {
  const { newsU, newsA, squadU, squadA } = split(rs);
  return {
    newsDeclined: share(newsU, (r) => declines(r, s)),
    newsCitedHolds: share(newsA, (r) => !declines(r, s) && r.citedHolds),
    newsAnswerHolds: share(newsA, (r) => answerScore(r, s)),
    newsAnswered: share(newsA, (r) => !declines(r, s)),
    squadF1: share(squadA, (r) => answerScore(r, s)),
    squadEM: share(squadA, (r) => exactUnder(r, s)),
    squadDeclined: share(squadU, (r) => declines(r, s)),
    // An unanswerable question scores 1 when declined, an answerable one its answer's F1.
    squadOverallF1: (squadA.reduce((n, r) => n + answerScore(r, s), 0) + squadU.filter((r) => declines(r, s)).length) / Math.max(1, squadA.length + squadU.length),
    squadOverallEM: (squadA.filter((r) => exactUnder(r, s)).length + squadU.filter((r) => declines(r, s)).length) / Math.max(1, squadA.length + squadU.length),
  };
}

const open: AnswererTuning = { ...DEFAULT_TUNING, abstainBelow: 0, gateBelow: 0 };
// The same, answering with the best span whenever there is one, and never.
const alwaysShort: AnswererTuning = { ...open, shortLikely: -Infinity };
const neverShort: AnswererTuning = { ...open, shortLikely: Infinity };

/** Asks one question of the store and describes it as a row, with what was ranked for it. */
export async function decideRow(core: Core, set: DecideRow['set'], group: string, question: string, golds: string[]): Promise<{ row: DecideRow; q: QuestionAnalysis; ranked: ScoredSentence[]; candidates: Candidates; answerer: Answerer }> {
  const answerer = new Answerer(core.store, open);
  const q = analyseQuestion(question);
  const candidates = await gatherCandidates(core.store, q, DEFAULT_TUNING.articles);
  const ranked = await answerer.rank(q, candidates);
  const a = answerer.decide(q, ranked, candidates);
  const short = new Answerer(core.store, alwaysShort).decide(q, ranked, candidates);
  const passage = new Answerer(core.store, neverShort).decide(q, ranked, candidates);
  const shortX = shortInput(ranked, a.confidence);
  const score = (answer: string | null) => (set === 'news' ? Number(holds(answer ?? undefined, golds)) : golds.length ? scoreAnswer(answer, golds).f1 : 0);
  const family: Family = q.type === 'reason' || q.type === 'yesno' ? 'open' : q.type === 'other' ? 'other' : 'typed';
  const row: DecideRow = {
    set,
    unanswerable: !golds.length,
    group,
    family,
    confidence: a.confidence,
    // A name ending in the asked noun ("Ventura County" for "which county") passes the gate and the short-answer fit whatever its fit.
    // The gate reads the gate's span (AnswererTuning.gateSpan).
    // So does a question for a name or a match's result, which its own checks decide (formChecked()).
    fit: ranked[0] && (formChecked(q) || namesTheFocus(q, ranked[0].gateSpan ?? ranked[0].span, ranked[0].hit.sentence.text)) ? 1 : ((ranked[0]?.gateSpan ?? ranked[0]?.span)?.fit ?? 0),
    statement: wantsStatement(q),
    premise: a.abstained,
    citedHolds: !a.abstained && holds(a.citations[0]?.sentence, golds),
    short: short.form === 'short',
    // A name ending in the asked noun is the answer whatever the model says (shortAnswer()).
    confident: shortProbability(shortX) >= DEFAULT_TUNING.shortLikely || (!!ranked[0] && namesTheFocus(q, ranked[0].span, ranked[0].hit.sentence.text)),
    shortX,
    shortScore: score(short.answer),
    ...(set === 'squad' && golds.length ? { shortExact: scoreAnswer(short.answer, golds).em === 1 } : {}),
    passageScore: score(passage.answer),
  };
  return { row, q, ranked, candidates, answerer };
}
