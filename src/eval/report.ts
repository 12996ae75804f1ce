// The end-of-run tables: question answering and summaries, each beside its baseline.
import { basename } from 'node:path';
import type { EvalReport } from './harness.ts';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const f = (x: number, d = 1) => x.toFixed(d);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

export function formatReport(r: EvalReport): string {
  const out: string[] = [`briefbot evaluation: split ${r.split}${r.limit ? `, limit ${r.limit}` : ''} (data ${r.data})`];
  if (r.news) {
    const n = r.news;
    const a = n.answerable;
    out.push(
      '',
      `News questions (${basename(n.file)}: ${n.counts.answerable} answerable, ${n.counts.unanswerable} unanswerable, ${n.counts.broad} broad over ${n.articles} CNN/DailyMail articles stored; ${n.counts['false-premise']} false-premise, ${n.counts['premise-control']} controls over the starter article and test fixtures)`,
      table([
        ['metric', 'briefbot', 'target'],
        ['answerable: first cited sentence holds an accepted answer %', f(a.citedHolds), '65'],
        ['answerable: answer (short or passage) holds an accepted answer %', f(a.answerHolds), '45'],
        ['answerable: cited or closest sentence holds one %', f(a.topHolds), ''],
        ['answerable: answered % (short form %)', `${f(a.answered)} (${f(a.shortForm)})`, ''],
        ['answerable: passages for a model hold one %', f(a.passagesHold), '90'],
        ['answerable: passage characters, mean / max', `${a.passageCharsMean} / ${a.passageCharsMax}`, '<= 8000'],
        ['answerable: best passage from the question\'s article %', f(a.articleFirst), ''],
        ['unanswerable: declined %', f(n.unanswerableDeclined), '60'],
        ['false premise: declined %', f(n.falsePremiseDeclined), '75'],
        ['true-premise controls: answered % / answer holds %', `${f(n.premiseControlAnswered)} / ${f(n.premiseControlHolds)}`, ''],
        ['broad questions: answered % / holds a key phrase %', `${f(n.broadAnswered)} / ${f(n.broadHolds)}`, ''],
      ]),
      `ask ${n.askMsMean} ms mean, ${n.askMsP95} ms p95`,
    );
  }
  if (r.qa) {
    const q = r.qa;
    out.push(
      '',
      `Question answering, SQuAD 2.0 dev (${q.questions} questions: ${q.answerable} answerable, ${q.unanswerable} unanswerable; open retrieval over ${q.paragraphs} paragraphs)`,
      table([
        ['metric', 'briefbot', 'baseline'],
        ['answerable exact match', f(q.answerableEM), ''],
        ['answerable F1', f(q.answerableF1), ''],
        ['answerable: answered, cited sentence holds gold %', f(q.citedHasGold), ''],
        ['answerable: top sentence holds gold % (cited or closest)', f(q.topHasGold), ''],
        ['answerable: answered %', f(q.answerableAnswered), ''],
        ['unanswerable: abstained %', f(q.unanswerableAbstained), '100.0'],
        ['overall exact match', f(q.overallEM), f(q.alwaysAbstainF1)],
        ['overall F1 (baseline: always abstain)', f(q.overallF1), f(q.alwaysAbstainF1)],
      ]),
      `ingest ${q.ingestSeconds}s (${q.ingestMsPerParagraph} ms/paragraph; ${Object.entries(q.ingested).map(([k, v]) => `${v} ${k}`).join(', ')}); ask ${q.askMsMean} ms mean, ${q.askMsP95} ms p95`,
    );
  }
  if (r.summaries) {
    const s = r.summaries;
    out.push(
      '',
      `Summaries, CNN/DailyMail (FRANK), ${s.articles} articles: F1 against the human reference`,
      table([
        ['metric', 'briefbot', 'Lead-3', 'difference'],
        ['ROUGE-1', f(s.bot.rouge1, 2), f(s.lead3.rouge1, 2), signed(s.diff.rouge1)],
        ['ROUGE-2', f(s.bot.rouge2, 2), f(s.lead3.rouge2, 2), signed(s.diff.rouge2)],
        ['ROUGE-L', f(s.bot.rougeL, 2), f(s.lead3.rougeL, 2), signed(s.diff.rougeL)],
      ]),
      `${s.meanSentences} sentences per summary; ingest ${s.ingestSeconds}s; summarise ${s.summariseMsMean} ms per article`,
    );
  }
  return out.join('\n');
}
