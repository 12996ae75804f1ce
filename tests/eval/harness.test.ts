// The evaluation harness end to end: on a tiny data set written here (split handling, baselines,
// Lead-3 by the same code), and `npm run eval -- --limit` on real data when it is present: the
// real files' dev split, with SQuAD cut to its first articles (ingesting all its paragraphs is
// what takes a full run most of its time, and proves nothing more about the command).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/eval/args.ts';
import { CNNDM_FILE, defaultDataDir, PROJECT_ROOT, SQUAD_FILE, splitOfTitle } from '../../src/eval/data.ts';
import { runEval, type EvalReport } from '../../src/eval/harness.ts';
import { rouge } from '../../src/eval/rouge.ts';
import { formatReport } from '../../src/eval/report.ts';

const run = promisify(execFile);

/** Two made-up titles, one on each side of the split. */
function titles(): { dev: string; test: string } {
  const names = ['Lighthouses', 'Glaciers', 'Bicycles', 'Volcanoes', 'Orchards', 'Comets', 'Canals', 'Bridges'];
  return { dev: names.find((n) => splitOfTitle(n) === 'dev')!, test: names.find((n) => splitOfTitle(n) === 'test')! };
}

const LEAD = ['The city council approved a new bridge over the river on Monday.', 'The bridge will cost 40 million dollars and open in 2027.', 'Mayor Ana Ruiz said the crossing would cut traffic downtown.'];
const REST = ['Engineers from the regional transport agency will oversee construction.', 'Residents had asked for a second crossing for more than a decade.', 'The old ferry service will stop once the bridge opens.'];

describe('evaluation harness on a small data set', () => {
  let dir: string;
  let report: EvalReport;
  const t = titles();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-eval-test-'));
    const squad = {
      version: 'v2.0',
      data: [
        {
          title: t.dev,
          paragraphs: [
            {
              context: 'The first lighthouse on the island was built in 1852 by the harbour board. Its lamp burned whale oil until 1890. Keeper Thomas Grant lived there with his family for thirty years.',
              qas: [
                { id: 'd1', question: 'When was the first lighthouse on the island built?', answers: [{ text: '1852', answer_start: 54 }], is_impossible: false },
                { id: 'd2', question: 'Who kept the lighthouse for thirty years?', answers: [{ text: 'Thomas Grant', answer_start: 117 }], is_impossible: false },
                { id: 'd3', question: 'When was the second lighthouse on the mainland demolished?', answers: [], plausible_answers: [{ text: '1890', answer_start: 0 }], is_impossible: true },
              ],
            },
          ],
        },
        {
          title: t.test,
          paragraphs: [{ context: 'A test paragraph about something else entirely, with several words in it.', qas: [{ id: 't1', question: 'What is this about?', answers: [], is_impossible: true }] }],
        },
      ],
    };
    writeFileSync(join(dir, SQUAD_FILE), JSON.stringify(squad));
    const rows = [
      { id: 'n1', article: [...LEAD, ...REST].join(' '), reference: 'A new bridge will cost 40 million dollars. It opens in 2027.', split: 'dev' },
      { id: 'n2', article: 'Only for the test split. It has its own sentences. They are never read on dev.', reference: 'Test only.', split: 'test' },
    ];
    writeFileSync(join(dir, CNNDM_FILE), rows.map((r) => JSON.stringify(r)).join('\n'));
    report = await runEval({ data: dir, split: 'dev', progressTo: undefined });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads only the asked split of each file', () => {
    expect(report.qa?.questions).toBe(3);
    expect(report.qa?.paragraphs).toBe(1);
    expect(report.qa?.answerable).toBe(2);
    expect(report.summaries?.articles).toBe(1);
  });

  it('puts the always-abstain baseline beside the overall score', () => {
    expect(report.qa?.alwaysAbstainF1).toBeCloseTo((100 * 1) / 3, 1);
    expect(report.qa?.ingested).toEqual({ added: 1 });
  });

  it('answers what the paragraph says, citing the sentence that holds it', () => {
    expect(report.qa?.topHasGold).toBe(100);
    expect(report.qa?.answerableF1).toBeGreaterThan(0);
  });

  it('scores Lead-3 with the same ROUGE code, and reports the difference', () => {
    const lead = rouge(LEAD.join(' '), 'A new bridge will cost 40 million dollars. It opens in 2027.');
    const s = report.summaries!;
    expect(s.lead3.rouge1).toBeCloseTo(lead.rouge1 * 100, 1);
    expect(s.lead3.rouge2).toBeCloseTo(lead.rouge2 * 100, 1);
    expect(s.diff.rouge1).toBeCloseTo(s.bot.rouge1 - s.lead3.rouge1, 1);
    expect(s.meanSentences).toBeGreaterThanOrEqual(3);
    expect(s.meanSentences).toBeLessThanOrEqual(4);
  });
});

describe('eval command line', () => {
  it('parses every flag and rejects bad values', () => {
    const a = parseArgs(['--data', 'x', '--split', 'test', '--limit', '5', '--json'], '/tmp');
    expect(a).toMatchObject({ data: '/tmp/x', split: 'test', limit: 5, json: true });
    expect(parseArgs([]).split).toBe('dev');
    expect(() => parseArgs(['--split', 'train'])).toThrow(/dev or test/);
    expect(() => parseArgs(['--limit', '0'])).toThrow(/positive/);
    expect(() => parseArgs(['--frobnicate'])).toThrow(/unknown option/);
  });

  const data = defaultDataDir();
  const present = existsSync(join(data, SQUAD_FILE)) && existsSync(join(data, CNNDM_FILE));
  it.skipIf(!present)('`npm run eval -- --limit 6 --json` runs on the real data and prints the report', async () => {
    // The real SQuAD file's first dev-split article, cut to 30 paragraphs; CNN/DailyMail whole.
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-eval-real-'));
    const squad = JSON.parse(readFileSync(join(data, SQUAD_FILE), 'utf8')) as { data: { title: string; paragraphs: unknown[] }[] };
    const first = squad.data.find((a) => splitOfTitle(a.title) === 'dev')!;
    const paragraphs = Math.min(30, first.paragraphs.length);
    writeFileSync(join(dir, SQUAD_FILE), JSON.stringify({ ...squad, data: [{ ...first, paragraphs: first.paragraphs.slice(0, paragraphs) }] }));
    copyFileSync(join(data, CNNDM_FILE), join(dir, CNNDM_FILE));
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/eval/run.ts', '--data', dir, '--limit', '6', '--json'], { cwd: PROJECT_ROOT, maxBuffer: 1 << 22 }).finally(() =>
      rmSync(dir, { recursive: true, force: true }),
    );
    const r = JSON.parse(stdout) as EvalReport;
    expect(r.split).toBe('dev');
    expect(r.qa?.questions).toBe(6);
    expect(r.summaries?.articles).toBe(6);
    expect(r.qa!.paragraphs).toBe(paragraphs);
    for (const v of [r.qa!.answerableF1, r.qa!.overallF1, r.summaries!.bot.rouge1, r.summaries!.lead3.rouge2]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
    expect(stderr).toMatch(/\[squad dev\] ask .*done/);
    // The news questions: 6 of the set, asked of their articles and a sample of others.
    expect(r.news?.questions).toBe(6);
    expect(r.news!.answerable.passageCharsMax).toBeLessThanOrEqual(8000);
    expect(stderr).toMatch(/\[news-qa\] ask .*done/);
  }, 120_000);
});

describe('news questions on a set written here', () => {
  it('scores answers, declines and passages against the accepted strings, and reads --news files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-news-test-'));
    try {
      const article = 'The city council approved a new bridge over the river on Monday. The bridge will cost 40 million dollars and open in 2027. Mayor Ana Ruiz said the crossing would cut traffic downtown.';
      writeFileSync(join(dir, CNNDM_FILE), `${JSON.stringify({ id: 'b1', article, reference: 'A bridge.', split: 'dev' })}\n`);
      const set = [
        { id: 'q1', kind: 'answerable', corpus: 'cnndm', article: 'b1', question: 'how much is the new bridge going to cost?', answers: ['40 million dollars'] },
        { id: 'q2', kind: 'unanswerable', corpus: 'cnndm', article: 'b1', question: 'who is building the bridge for the council?', answers: [] },
        { id: 'q3', kind: 'false-premise', corpus: 'starter+fixtures', question: 'How many firms did India sanction?', answers: [] },
      ];
      const file = join(dir, 'news.jsonl');
      writeFileSync(file, set.map((q) => JSON.stringify(q)).join('\n'));
      const r = await runEval({ data: dir, split: 'dev', parts: { qa: false, summaries: false, news: true }, newsFile: file });
      expect(r.news).toMatchObject({ questions: 3, articles: 1, counts: { answerable: 1, unanswerable: 1, 'false-premise': 1 } });
      expect(r.news!.answerable.passagesHold).toBe(100);
      expect(r.news!.answerable.citedHolds).toBe(100);
      expect(r.news!.falsePremiseDeclined).toBe(100);
      expect(formatReport(r)).toMatch(/News questions \(news\.jsonl: 1 answerable, 1 unanswerable/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
