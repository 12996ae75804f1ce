// `npx briefbot <verb>`: the core from a shell. Text output is the same rendering the console
// shows; --json prints one object per answer, summary or briefing, one per line.
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { renderText } from './adapters/console/render-text.ts';
import { startBot } from './app.ts';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.ts';
import { readArticleFiles } from './core/articles/files.ts';
import type { Core } from './core/core.ts';
import { createCore, seedStarterCorpus } from './core/create-core.ts';
import { isUserFacing } from './core/errors.ts';
import { createLogger } from './core/log.ts';
import { presentAnswer, presentBriefing, presentSearch, presentSources, presentSummary } from './core/present.ts';
import { SqliteArticleStore } from './core/store/sqlite-store.ts';
import { parseSince } from './core/time.ts';
import type { Answer } from './core/types.ts';

export class CliError extends Error {}

type Out = { write(s: string): unknown };
interface Io {
  stdout: Out;
  stderr: Out;
  stdin: NodeJS.ReadableStream;
}

const USAGE = `Usage: briefbot <verb> [options]
  ingest PATH...                    add articles (.txt .md .html .json .jsonl, directories)
  ask "QUESTION"                    answer with citations (no question: one per line from stdin)
  brief [--since 24h|7d|DATE] [--topic WORDS]
  summary ID|URL|WORDS | --all
  search QUERY
  sources [--limit N] [--topic WORDS]
  serve                             run the bot (same as npm start)
Every verb takes --json (one JSON object per line).`;

const VERBS: Record<string, ParseArgsConfig['options']> = {
  ingest: {},
  ask: {},
  brief: { since: { type: 'string' }, topic: { type: 'string' } },
  summary: { all: { type: 'boolean' } },
  search: { limit: { type: 'string' } },
  sources: { limit: { type: 'string' }, topic: { type: 'string' } },
  serve: {},
};

function parse(verb: string, args: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = { json: { type: 'boolean' as const }, help: { type: 'boolean' as const, short: 'h' }, ...VERBS[verb] };
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new CliError(`${verb}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function positiveInt(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a positive whole number`);
  return n;
}

function answerJson(a: Answer) {
  return {
    question: a.question,
    answer: a.answer,
    ...(a.form ? { form: a.form } : {}),
    abstained: a.abstained,
    ...(a.premise ? { premise: a.premise } : {}),
    confidence: a.confidence,
    citations: a.citations.map((c) => ({ articleId: c.articleId, title: c.title, url: c.url, sentence: c.sentence })),
    ...(a.abstained ? { closest: a.closest.map((c) => ({ articleId: c.articleId, title: c.title, url: c.url, sentence: c.sentence })) } : {}),
  };
}

const line = (out: Out, obj: unknown) => out.write(`${JSON.stringify(obj)}\n`);

async function ingest(core: Core, paths: string[], json: boolean, io: Io): Promise<number> {
  if (!paths.length) throw new CliError('ingest: give at least one file or directory');
  let rejected = 0;
  for await (const item of readArticleFiles(paths)) {
    const outcome = 'rejected' in item ? { status: 'rejected' as const, origin: item.origin, reason: item.rejected } : await core.ingest(item.input);
    if (outcome.status === 'rejected') {
      rejected++;
      io.stderr.write(`rejected ${outcome.origin ?? ''}: ${outcome.reason ?? 'unknown reason'}\n`);
    }
    if (json) line(io.stdout, outcome);
    else if (outcome.status !== 'rejected') {
      const what = outcome.status === 'duplicate' ? `duplicate of ${outcome.articleId ?? '?'}` : `${outcome.status} ${outcome.articleId}`;
      io.stdout.write(`${what}  ${outcome.title ?? ''}  (${outcome.origin ?? ''})\n`);
    }
  }
  return rejected ? 1 : 0;
}

async function ask(core: Core, positionals: string[], json: boolean, io: Io): Promise<number> {
  const answerOne = async (q: string) => {
    const a = await core.ask(q);
    if (json) line(io.stdout, answerJson(a));
    else io.stdout.write(`${renderText(presentAnswer(a, core.timezone))}\n\n`);
  };
  if (positionals.length) {
    // The question goes to the answer path word for word.
    const q = positionals.join(' ');
    if (!q.trim()) throw new CliError('ask: the question is empty');
    await answerOne(q);
    return 0;
  }
  const rl = createInterface({ input: io.stdin, terminal: false });
  let asked = 0;
  for await (const raw of rl) {
    if (!raw.trim()) continue;
    await answerOne(raw);
    asked++;
  }
  if (!asked) throw new CliError('ask: no question given (pass one, or one per line on stdin)');
  return 0;
}

export async function runCli(argv: string[], io: Io, config: Config): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return verb ? 0 : 2;
  }
  if (!(verb in VERBS)) throw new CliError(`unknown verb "${verb}" (verbs: ${Object.keys(VERBS).join(', ')})`);
  const { values, positionals } = parse(verb, rest);
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const json = values.json === true;
  if (verb === 'serve') {
    if (positionals.length) throw new CliError('serve takes no arguments');
    const bot = await startBot(config, { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void bot.stop(signal));
    await bot.stopped;
    return 0;
  }
  const log = createLogger({ level: config.logLevel ?? 'warn', secrets: config.secrets, write: (l) => io.stderr.write(`${l}\n`) });
  const core = createCore({ store: SqliteArticleStore.open(config.dbPath), log, timezone: config.timezone });
  try {
    await seedStarterCorpus(core);
    switch (verb) {
      case 'ingest':
        return await ingest(core, positionals, json, io);
      case 'ask':
        return await ask(core, positionals, json, io);
      case 'brief': {
        if (positionals.length) throw new CliError(`brief: unexpected argument "${positionals[0]}" (use --topic WORDS)`);
        const since = parseSince(typeof values.since === 'string' ? values.since : '24h', core.now());
        const b = await core.brief({ since, topic: typeof values.topic === 'string' ? values.topic : undefined, audience: 'cli' });
        if (json) {
          line(io.stdout, {
            window: b.window,
            fallback: b.fallback,
            stories: b.stories.map((s) => ({ title: s.title, published: s.published, points: s.points, facts: s.facts })),
          });
        } else io.stdout.write(`${renderText(presentBriefing(b, core.timezone))}\n`);
        return 0;
      }
      case 'summary': {
        const ref = positionals.join(' ').trim();
        if (values.all && ref) throw new CliError('summary: give an article or --all, not both');
        if (!values.all && !ref) throw new CliError('summary: give an article id, URL or words of its title, or --all');
        const list = values.all ? await core.summariseAll() : [await core.summarise(ref)];
        for (const s of list) {
          if (json) line(io.stdout, { articleId: s.articleId, title: s.title, url: s.url, sentences: s.sentences, facts: s.facts });
          else io.stdout.write(`${renderText(presentSummary(s, core.timezone))}\n\n`);
        }
        return 0;
      }
      case 'search': {
        const q = positionals.join(' ').trim();
        if (!q) throw new CliError('search: give words to look for');
        const hits = await core.search(q, positiveInt(values.limit, 'limit') ?? 5);
        if (json) for (const h of hits) line(io.stdout, h);
        else io.stdout.write(`${renderText(presentSearch(q, hits, core.timezone))}\n`);
        return 0;
      }
      case 'sources': {
        if (positionals.length) throw new CliError(`sources: unexpected argument "${positionals[0]}" (use --topic WORDS)`);
        const topic = typeof values.topic === 'string' ? values.topic : undefined;
        const list = await core.sources({ topic, limit: positiveInt(values.limit, 'limit') });
        if (json) for (const a of list) line(io.stdout, { id: a.id, title: a.title, source: a.source, url: a.url, published: a.published });
        else io.stdout.write(`${renderText(presentSources(list, topic, core.timezone))}\n`);
        return 0;
      }
    }
    return 0;
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  try {
    loadDotEnv();
    const code = await runCli(process.argv.slice(2), io, loadConfig());
    process.exitCode = code;
  } catch (err) {
    if (err instanceof CliError || isUserFacing(err)) {
      process.stderr.write(`briefbot: ${err.message}\n`);
      process.exitCode = 2;
    } else if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`briefbot: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  }
}

// Run when executed (directly or through bin/briefbot.js), not when imported by tests.
if (process.argv[1] && /(?:cli\.ts|briefbot(?:\.js)?)$/.test(process.argv[1])) await main();
