// `npm run eval`: answer and summary quality on public data, with baselines beside each number.
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, USAGE } from './args.ts';
import { CNNDM_FILE, SQUAD_FILE } from './data.ts';
import { runEval } from './harness.ts';
import { formatReport } from './report.ts';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const qa = !args.only || args.only === 'qa';
  const summaries = !args.only || args.only === 'summaries';
  const news = !args.only || args.only === 'news';
  const missing = [qa && SQUAD_FILE, (summaries || news) && CNNDM_FILE].filter((f): f is string => !!f && !existsSync(join(args.data, f)));
  if (missing.length) {
    process.stderr.write(`missing evaluation data in ${args.data}: ${missing.join(', ')} (use --data DIR)\n`);
    return 2;
  }
  const dump = args.dump ? createWriteStream(args.dump) : undefined;
  const report = await runEval({
    data: args.data,
    split: args.split,
    limit: args.limit,
    parts: { qa, summaries, news },
    newsFile: args.news,
    progressTo: process.stderr,
    onQuestion: dump ? (r) => dump.write(`${JSON.stringify(r)}\n`) : undefined,
    onNewsQuestion: dump ? (r) => dump.write(`${JSON.stringify(r)}\n`) : undefined,
  });
  dump?.end();
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`eval failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
