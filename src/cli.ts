// `npx briefbot <verb>`: the core from a shell. Text output is the same rendering the console
// shows; --json prints one object per answer, summary or briefing, one per line.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { renderText, wantsColor } from './adapters/console/render-text.ts';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.ts';
import { readArticleFiles, type FileItem } from './core/articles/files.ts';
import type { AnalysisPool } from './core/articles/analysis-pool.ts';
import { ingestStream } from './core/articles/ingest-stream.ts';
import type { Core } from './core/core.ts';
import { createCore, seedStarterCorpus } from './core/create-core.ts';
import { isUserFacing } from './core/errors.ts';
import { createLogger } from './core/log.ts';
import { presentAnswer, presentBriefing, presentSearch, presentSources, presentSummary } from './core/present.ts';
import { describeStore, openStores } from './open-store.ts';
import { liveNewsOptions } from './live-news-options.ts';
import { presentFeedList } from './core/present-feeds.ts';
import { parseSince } from './core/time.ts';
import { modelFromConfig } from './model-config.ts';
import type { Answer } from './core/types.ts';
import type { IngestOutcome } from './core/articles/types.ts';

export class CliError extends Error {}

type Out = { write(s: string): unknown; isTTY?: boolean; columns?: number };
interface Io {
  stdout: Out;
  stderr: Out;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** NO_COLOR, TERM (default: none, so no colour). */
  env?: Record<string, string | undefined>;
}

/** Text output as a terminal shows it: its width and, unless NO_COLOR, bold/dim for marks. */
function textStyle(io: Io) {
  const tty = io.stdout.isTTY === true;
  return { width: tty && io.stdout.columns ? io.stdout.columns - 1 : undefined, color: wantsColor(io.stdout, io.env ?? {}) };
}

/** The core's messages name chat commands ("Try /sources"); on the command line the verb is what works. */
function cliWording(message: string): string {
  return message.replace(/(^|[\s(])\/([a-z]+)\b/g, (m, pre: string, verb: string) => (verb in VERBS ? `${pre}\`briefbot ${verb}\`` : m));
}

const USAGE = `Usage: briefbot <verb> [options]
  ingest PATH|URL...                add articles (.txt .md .html .json .jsonl, directories, web pages; a feed URL: its items, once)
  feeds                             the feeds every workspace follows, with their state
  remove ID|URL                     take an article out of answers and briefings everywhere (kept in history)
  ask "QUESTION"                    answer with citations (no question: one per line from stdin)
  brief [--since 24h|7d|DATE] [--topic WORDS]
  summary ID|URL|WORDS | --all
  search QUERY
  sources [--limit N] [--topic WORDS]
  serve                             run the bot (same as npm start)
Every verb takes --json (one JSON object per line).`;

const VERBS: Record<string, ParseArgsConfig['options']> = {
  ingest: {},
  remove: {},
  feeds: {},
  ask: {},
  brief: { since: { type: 'string' }, topic: { type: 'string' } },
  summary: { all: { type: 'boolean' } },
  search: { limit: { type: 'string' } },
  sources: { limit: { type: 'string' }, topic: { type: 'string' } },
  serve: {},
};

/** `--limit -1`: util.parseArgs takes "-1" for an option ("ambiguous"); a value that looks like a
 * negative number is joined to its option, so the option's own check can say what is wrong. */
function joinNegativeValues(args: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function parse(verb: string, args: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = { json: { type: 'boolean' as const }, help: { type: 'boolean' as const, short: 'h' }, ...VERBS[verb] };
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new CliError(`${verb}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function positiveInt(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\s*-?\d+\s*$/.test(v) || !Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a positive whole number (got "${String(v)}")`);
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
    // Only with a language model configured: who wrote it, and why it fell back if it did.
    ...(a.via === 'model' ? { via: a.via } : {}),
    ...(a.note ? { note: a.note } : {}),
  };
}

const line = (out: Out, obj: unknown) => out.write(`${JSON.stringify(obj)}\n`);

/** Imports smaller than this (about 400 articles) are analysed on the main thread. */
const WORKERS_FROM_BYTES = 1_000_000;

/** Whether the files and directories given hold at least `limit` bytes (counting stops there). */
async function bytesAtLeast(paths: readonly string[], limit: number): Promise<boolean> {
  let total = 0;
  const visit = async (path: string, depth: number): Promise<boolean> => {
    const info = await stat(path).catch(() => undefined);
    if (!info) return false;
    if (info.isFile()) total += info.size;
    else if (info.isDirectory() && depth < 32) {
      const names = await readdir(path).catch(() => [] as string[]);
      for (const name of names) if (!name.startsWith('.') && (await visit(join(path, name), depth + 1))) return true;
    }
    return total >= limit;
  };
  for (const p of paths) if (await visit(p, 0)) return true;
  return false;
}

/** An empty stream of files (only URLs were given). */
async function* noFiles(): AsyncGenerator<FileItem> {}

async function ingest(core: Core, paths: string[], json: boolean, io: Io, pool: AnalysisPool | undefined): Promise<number> {
  if (!paths.length) throw new CliError('ingest: give at least one file, directory or URL');
  let rejected = 0;
  const urls = paths.filter((p) => /^https?:\/\//i.test(p));
  for (const url of urls) {
    let outcomes: IngestOutcome[];
    try {
      const read = await core.ingestUrl(url);
      outcomes = read.kind === 'article' ? [{ ...read.result.outcome, origin: url }] : read.outcomes;
      if (read.kind === 'feed' && read.skipped) io.stderr.write(`${url}: ${read.skipped} unreadable item(s) skipped\n`);
    } catch (err) {
      if (!isUserFacing(err)) throw err;
      outcomes = [{ status: 'rejected', origin: url, reason: err.message }];
    }
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        rejected++;
        io.stderr.write(`rejected ${outcome.origin ?? url}: ${outcome.reason ?? 'unknown reason'}\n`);
      }
      if (json) line(io.stdout, outcome);
      else if (outcome.status !== 'rejected') io.stdout.write(`${outcomeWords(outcome)}  ${outcome.title ?? ''}  (${outcome.origin ?? url})\n`);
    }
  }
  const files = paths.filter((p) => !urls.includes(p));
  const skipped = new Map<string, number>();
  const onSkipped = (_origin: string, reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  // On a terminal a progress bar replaces the line per article; pipes and --json get every line.
  const progress = files.length && io.stderr.isTTY === true ? new (await import('./adapters/console/progress.ts')).IngestProgressBar(io.stderr as NodeJS.WriteStream) : undefined;
  const perArticle = json || io.stdout.isTTY !== true || !progress;
  const started = performance.now();
  const counts = await ingestStream(core, files.length ? readArticleFiles(files, { onSkipped }) : noFiles(), (outcome, at) => {
    if (outcome.status === 'rejected') {
      const text = `rejected ${outcome.origin ?? ''}: ${outcome.reason ?? 'unknown reason'}`;
      if (progress) progress.log(text);
      else io.stderr.write(`${text}\n`);
    }
    if (json) line(io.stdout, outcome);
    else if (perArticle && outcome.status !== 'rejected') io.stdout.write(`${outcomeWords(outcome)}  ${outcome.title ?? ''}  (${outcome.origin ?? ''})\n`);
    progress?.update(at);
    // Bulk import: longer transactions (FTS5 writes fewer, larger segments); a bot on the same store waits at most about a second to write.
  }, { pool, batchArticles: 1000, batchMs: 1000, whenStored: () => pool?.close() ?? Promise.resolve() });
  progress?.stop();
  rejected += counts.rejected;
  // One line for what the directory walk left out on purpose, instead of one per file.
  if (skipped.size) {
    const total = [...skipped.values()].reduce((a, b) => a + b, 0);
    io.stderr.write(`skipped ${total} file${total === 1 ? '' : 's'}: ${[...skipped].map(([reason, n]) => `${n} × ${reason}`).join('; ')}\n`);
  }
  if (files.length) {
    const seconds = (performance.now() - started) / 1000;
    const total = counts.added + counts.updated + counts.duplicate + counts.rejected;
    const perSecond = Math.round(total / Math.max(seconds, 1e-3));
    if (json) line(io.stdout, { counts, seconds: Math.round(seconds * 10) / 10, perSecond });
    else if (progress) {
      const parts = (['added', 'updated', 'duplicate', 'rejected'] as const).map((k) => `${counts[k]} ${k}`);
      io.stderr.write(`ingested ${total} in ${seconds.toFixed(1)} s (${perSecond}/s): ${parts.join(', ')}\n`);
    }
  }
  return rejected ? 1 : 0;
}

function outcomeWords(o: IngestOutcome): string {
  return o.status === 'duplicate' ? `duplicate of ${o.articleId ?? '?'}` : `${o.status} ${o.articleId}`;
}

async function ask(core: Core, positionals: string[], json: boolean, io: Io): Promise<number> {
  const answerOne = async (q: string) => {
    const a = await core.ask(q);
    if (json) line(io.stdout, answerJson(a));
    else io.stdout.write(`${renderText(presentAnswer(a, core.timezone), textStyle(io))}\n\n`);
  };
  if (positionals.length) {
    // The question goes to the answer path word for word.
    const q = positionals.join(' ');
    if (!q.trim()) throw new CliError('ask: the question is empty');
    await answerOne(q);
    return 0;
  }
  // Batch: one question per line. In a terminal, a prompt says what is expected.
  const tty = io.stdin.isTTY === true;
  if (tty) io.stderr.write('Type a question and press Enter (Ctrl-D to finish).\n');
  const rl = createInterface({ input: io.stdin, output: tty ? (io.stderr as NodeJS.WritableStream) : undefined, terminal: tty, prompt: 'question> ' });
  if (tty) rl.prompt();
  let asked = 0;
  let failed = 0;
  for await (const raw of rl) {
    if (raw.trim()) {
      asked++;
      // One bad line is that line's problem: say so and go on with the batch.
      try {
        await answerOne(raw);
      } catch (err) {
        failed++;
        const message = isUserFacing(err) ? err.message : `could not answer (${err instanceof Error ? err.message : String(err)})`;
        if (json) line(io.stdout, { question: raw, error: cliWording(message) });
        io.stderr.write(`briefbot: ask: line ${asked}: ${cliWording(message)}\n`);
      }
    }
    if (tty) rl.prompt();
  }
  if (!asked) throw new CliError('ask: no question given (pass one, or one per line on stdin)');
  return failed ? 1 : 0;
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
    if (json) throw new CliError('serve: --json does not apply (the bot talks in text; set LOG_LEVEL for its JSON log lines on stderr)');
    // Loaded here, not at the top: the bot pulls in the chat SDKs the other verbs never need.
    const { serve } = await import('./serve.ts');
    return serve(config);
  }
  const log = createLogger({ level: config.logLevel ?? 'warn', secrets: config.secrets, write: (l) => io.stderr.write(`${l}\n`) });
  const stores = await openStores(config);
  const core = createCore({ store: stores.articles, scheduleStore: stores.schedule, feedStore: stores.feeds, log, timezone: config.timezone, ...liveNewsOptions(config), model: modelFromConfig(config, log) });
  const style = textStyle(io);
  // Importing files: worker threads analyse the articles ahead of the one being stored (the
  // starter article too, so this thread never loads the language models).
  // A few articles are analysed sooner here than a worker starts (it loads the models too).
  const files = verb === 'ingest' ? positionals.filter((p) => !/^https?:\/\//i.test(p)) : [];
  const pool =
    files.length && config.ingestWorkers > 0 && (await bytesAtLeast(files, WORKERS_FROM_BYTES))
      ? new (await import('./core/articles/analysis-pool.ts')).AnalysisPool({ workers: config.ingestWorkers, now: core.now, log })
      : undefined;
  try {
    await seedStarterCorpus(core, undefined, pool);
    switch (verb) {
      case 'ingest':
        return await ingest(core, positionals, json, io, pool);
      case 'ask':
        return await ask(core, positionals, json, io);
      case 'feeds': {
        if (positionals.length) throw new CliError('feeds takes no arguments');
        const feeds = await core.feedService.list(null);
        if (json) for (const f of feeds) line(io.stdout, { ...f, scope: f.scope || 'shared' });
        else io.stdout.write(`${renderText(presentFeedList(feeds, null, core.timezone, core.now()), style)}\n`);
        return 0;
      }
      case 'remove': {
        if (positionals.length !== 1) throw new CliError('remove: give one article id or URL');
        const a = await core.remove(positionals[0]!, 'cli');
        if (json) line(io.stdout, { removed: a.id, title: a.title, url: a.url });
        else io.stdout.write(`removed ${a.id}  ${a.title}\n`);
        return 0;
      }
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
        } else io.stdout.write(`${renderText(presentBriefing(b, core.timezone), style)}\n`);
        return 0;
      }
      case 'summary': {
        const ref = positionals.join(' ').trim();
        if (values.all && ref) throw new CliError('summary: give an article or --all, not both');
        if (!values.all && !ref) throw new CliError('summary: give an article id, URL or words of its title, or --all');
        const list = values.all ? await core.summariseAll() : [await core.summarise(ref)];
        for (const s of list) {
          if (json) {
            const model = s.via === 'model' ? { via: s.via, support: s.support } : {};
            line(io.stdout, { articleId: s.articleId, title: s.title, url: s.url, sentences: s.sentences, facts: s.facts, ...model, ...(s.note ? { note: s.note } : {}) });
          } else io.stdout.write(`${renderText(presentSummary(s, core.timezone), style)}\n\n`);
        }
        return 0;
      }
      case 'search': {
        const q = positionals.join(' ').trim();
        if (!q) throw new CliError('search: give words to look for');
        const hits = await core.search(q, positiveInt(values.limit, 'limit') ?? 5);
        // One object per search, so "no hits" is an answer too, not silence.
        if (json) line(io.stdout, { query: q, hits });
        else io.stdout.write(`${renderText(presentSearch(q, hits, core.timezone), style)}\n`);
        return 0;
      }
      case 'sources': {
        if (positionals.length) throw new CliError(`sources: unexpected argument "${positionals[0]}" (use --topic WORDS)`);
        const topic = typeof values.topic === 'string' ? values.topic : undefined;
        const list = await core.sources({ topic, limit: positiveInt(values.limit, 'limit') });
        if (json) for (const a of list) line(io.stdout, { id: a.id, title: a.title, source: a.source, url: a.url, published: a.published });
        else {
          io.stdout.write(`${renderText(presentSources(list, topic, core.timezone), style)}\n`);
          // Which store this is: a second, empty store by mistake shows at once.
          io.stdout.write(`\nStore: ${describeStore(config)} (${await core.store.countArticles()} articles)\n`);
        }
        return 0;
      }
    }
    return 0;
  } finally {
    await pool?.close();
    await core.close();
  }
}

/** `briefbot sources | head -1`: a reader that stops early ends the command quietly, like `ls | head`. */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

async function main(): Promise<void> {
  exitQuietlyOnClosedPipe(process.stdout);
  const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
  try {
    loadDotEnv();
    const argv = process.argv.slice(2);
    // Only the verb that starts the platforms checks their variables.
    const code = await runCli(argv, io, loadConfig(process.env, argv[0] === 'serve' ? 'bot' : 'cli'));
    process.exitCode = code;
  } catch (err) {
    if (err instanceof CliError || isUserFacing(err)) {
      process.stderr.write(`briefbot: ${cliWording(err.message)}\n`);
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

// Run when executed (directly, compiled, or through bin/briefbot.js), not when imported by tests.
if (process.argv[1] && /(?:cli\.[tj]s|briefbot(?:\.js)?)$/.test(process.argv[1])) await main();
