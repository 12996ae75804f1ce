// Why answerable questions are declined (dev only): every SQuAD dev question, every news-QA dev
// question and the premise questions and controls are asked once with nothing declined but premise
// conflicts, and one JSON line per question records what each stage of `decide` saw: the premise
// conflicts with their evidence, the abstention confidence, the best span's fit and whether the span
// gate would decline, the best sentence and whether it holds a gold answer.
// `node --import tsx src/eval/audit-declines.ts [--data DIR] [--only news|squad] > rows.jsonl`
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../core/articles/types.ts';
import { Answerer, DEFAULT_TUNING, spanGate, wantsStatement, type AnswererTuning } from '../core/answer/answerer.ts';
import { gatherCandidates } from '../core/answer/passages.ts';
import { analyseQuestion } from '../core/answer/question.ts';
import { publisherDate } from '../core/answer/premise.ts';
import { readArticleFiles } from '../core/articles/files.ts';
import type { Core } from '../core/core.ts';
import { STARTER_CORPUS } from '../core/create-core.ts';
import { defaultDataDir, loadSquad, PROJECT_ROOT } from './data.ts';
import { answerText, asksOfArticles, holds, loadNewsQa, NEWS_QA_FILE } from './news-qa.ts';
import { scoreAnswer } from './squad-metrics.ts';
import { storeNewsArticles, storeSquadParagraphs, withTempCore } from './stats.ts';

const argv = process.argv.slice(2);
const dataAt = argv.indexOf('--data');
const data = dataAt >= 0 ? argv[dataAt + 1]! : defaultDataDir();
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;

const evidenceAt = argv.indexOf('--evidence');
/** --evidence FILE: the premise check's input per question, to replay premise.ts on it in seconds (premise-replay.ts). */
const evidenceOut = evidenceAt >= 0 ? createWriteStream(argv[evidenceAt + 1]!) : undefined;

const open: AnswererTuning = { ...DEFAULT_TUNING, abstainBelow: 0, gateBelow: 0 };

async function audit(core: Core, set: string, group: string, kind: string, question: string, golds: string[]): Promise<void> {
  const answerer = new Answerer(core.store, open);
  const q = analyseQuestion(question);
  const candidates = await gatherCandidates(core.store, q, DEFAULT_TUNING.articles);
  const ranked = await answerer.rank(q, candidates);
  const a = answerer.decide(q, ranked, candidates);
  const best = ranked[0];
  const full = new Answerer(core.store).decide(q, ranked, candidates);
  const conf = a.confidence;
  const gated = !!best && answerer.spanGated(q, best);
  let stage = 'answered';
  if (a.premise) stage = 'premise';
  else if (!best) stage = 'nothing';
  else if (conf < DEFAULT_TUNING.abstainBelow) stage = 'abstain';
  else if (conf < DEFAULT_TUNING.gateBelow && gated) stage = 'gate';
  else if (a.abstained) stage = 'other';
  const text = answerText(full);
  if (evidenceOut && best) {
    // As the answerer's evidenceFor: the best sentence with its article, then two more retrieved articles.
    const articles = candidates.articles.map((x) => x.article);
    const own = articles.find((x) => x.id === best.hit.article.id);
    const whole = (x: Article) => `${x.title}\n${x.body}`;
    const evidence = [
      { sentence: best.hit.sentence.text, article: own ? whole(own) : (best.articleText ?? best.hit.article.title), published: publisherDate(best.hit.article) },
      ...articles.filter((x) => x !== own).slice(0, 2).map((x) => ({ sentence: '', article: whole(x), published: publisherDate(x) })),
    ];
    evidenceOut.write(`${JSON.stringify({ set, kind, question, golds, bestHolds: holds(best.hit.sentence.text, golds), evidence })}\n`);
  }
  process.stdout.write(
    `${JSON.stringify({
      set,
      group,
      kind,
      question,
      golds,
      stage,
      premise: a.premise,
      confidence: conf,
      type: q.type,
      statement: wantsStatement(q),
      fit: best?.span?.fit ?? 0,
      span: best?.span?.text,
      gate: best ? spanGate(q, DEFAULT_TUNING) : 0,
      best: best?.hit.sentence.text,
      bestHolds: holds(best?.hit.sentence.text, golds),
      features: best?.features,
      abstainInput: best ? answerer.abstainInput(q, ranked) : undefined,
      second: ranked[1] ? { text: ranked[1].hit.sentence.text, score: ranked[1].score, holds: holds(ranked[1].hit.sentence.text, golds) } : undefined,
      answer: text,
      answerHolds: holds(text, golds),
      f1: set === 'squad' && golds.length ? scoreAnswer(full.abstained ? null : full.answer, golds).f1 : undefined,
    })}\n`,
  );
}

if (only !== 'squad') {
  const items = loadNewsQa(NEWS_QA_FILE);
  await withTempCore(async (core) => {
    await storeNewsArticles(core, data);
    for (const item of items.filter(asksOfArticles)) {
      await audit(core, 'news', item.article ?? item.id, item.kind, item.question, item.answers);
    }
  });
  await withTempCore(async (core) => {
    for await (const item of readArticleFiles([STARTER_CORPUS, join(PROJECT_ROOT, 'tests/fixtures/articles')])) if (!('rejected' in item)) await core.ingest(item.input);
    for (const item of items.filter((x) => x.corpus === 'starter+fixtures')) await audit(core, 'premise', item.id, item.kind, item.question, item.answers);
  });
}
if (only !== 'news') {
  await withTempCore(async (core) => {
    const squad = loadSquad(data, 'dev');
    await storeSquadParagraphs(core, squad.paragraphs);
    for (const item of squad.questions) await audit(core, 'squad', item.title, item.answers.length ? 'answerable' : 'unanswerable', item.question, item.answers);
  });
}
