// Command-line options of `npm run eval`.
import { resolve } from 'node:path';
import { defaultDataDir, type Split } from './data.ts';

export interface EvalArgs {
  data: string;
  split: Split;
  limit: number | undefined;
  json: boolean;
  only: 'qa' | 'summaries' | 'news' | undefined;
  /** A news-QA question set to score instead of the team's dev set (e.g. a held-out one). */
  news: string | undefined;
  /** Write each question's outcome here as JSON lines (for error analysis). */
  dump: string | undefined;
  help: boolean;
}

export const USAGE = `usage: npm run eval -- [--data DIR] [--split dev|test] [--limit N] [--json] [--only qa|summaries|news] [--news FILE] [--dump FILE]
  --data DIR     folder with squad-dev-v2.0.json and cnndm-frank.jsonl (default ../shared/eval)
  --split S      dev (default; tune on it) or test (report only)
  --limit N      evaluate a spread sample of N questions and N articles (the whole split's SQuAD paragraphs are still
                 ingested; news questions are asked of their own articles and a sample of N others)
  --json         print the report as JSON instead of tables
  --only PART    run only SQuAD question answering (qa), the summaries, or the news questions (news)
  --news FILE    score this news-QA set (JSON lines, see docs/evaluation.md) instead of src/eval/data/news-qa-dev.jsonl
  --dump FILE    write every question's outcome to FILE as JSON lines`;

export function parseArgs(argv: readonly string[], cwd = process.cwd()): EvalArgs {
  const out: EvalArgs = { data: defaultDataDir(), split: 'dev', limit: undefined, json: false, only: undefined, news: undefined, dump: undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--data':
        out.data = resolve(cwd, value());
        break;
      case '--split': {
        const v = value();
        if (v !== 'dev' && v !== 'test') throw new Error(`--split must be dev or test, not "${v}"`);
        out.split = v;
        break;
      }
      case '--limit': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new Error(`--limit must be a positive whole number, not "${v}"`);
        out.limit = n;
        break;
      }
      case '--json':
        out.json = true;
        break;
      case '--only': {
        const v = value();
        if (v !== 'qa' && v !== 'summaries' && v !== 'news') throw new Error(`--only must be qa, summaries or news, not "${v}"`);
        out.only = v;
        break;
      }
      case '--news':
        out.news = resolve(cwd, value());
        break;
      case '--dump':
        out.dump = resolve(cwd, value());
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return out;
}
