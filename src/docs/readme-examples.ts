// The README's examples, regenerated from the current code: every fenced block that follows an
// `<!-- example -->` marker holds `$ command` lines, each followed by what it prints (stdout and
// stderr, as a terminal shows them, at the CLI's default width, without colour). The commands
// run in order against one fresh store, so an `ingest` feeds the examples after it. A block whose
// last line is `...` keeps only as many lines of the last command's output as it shows now. The
// temporary store's folder is shown as /home/you/briefbot/data, so the output is the same every run.
//
//   npm run docs:examples            rewrite README.md with the current output
//   npm run docs:examples -- --check exit 1, showing the first difference, when the README is stale
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MARKER = '<!-- example -->';

/** The README's spelling of a command → what runs it from the project root. */
function runnable(command: string): string {
  return command.replace(/\bnpx briefbot\b/g, 'node bin/briefbot.js').replace(/\bnpm start\b/g, 'node --import tsx src/main.ts');
}

/** Where the examples' store appears to be: a temporary folder would differ on every run. */
const SHOWN_STORE_DIR = '/home/you/briefbot/data';

function run(command: string, env: Record<string, string>, storeDir: string): string {
  // stderr into the same pipe, so error lines sit where a terminal shows them.
  const r = spawnSync('bash', ['-c', `exec 2>&1\n${runnable(command)}`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return r.stdout.split(storeDir).join(SHOWN_STORE_DIR).replace(/\s+$/, '');
}

interface Block {
  /** Line index of the opening fence. */
  start: number;
  end: number;
  commands: { command: string; output: string[] }[];
  truncated: boolean;
}

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== MARKER) continue;
    const start = i + 1;
    if (!lines[start]?.startsWith('```')) throw new Error(`README line ${i + 1}: ${MARKER} must be followed by a fenced block`);
    let end = start + 1;
    while (end < lines.length && !lines[end]!.startsWith('```')) end++;
    const body = lines.slice(start + 1, end);
    const commands: Block['commands'] = [];
    for (const l of body) {
      if (l.startsWith('$ ')) commands.push({ command: l.slice(2), output: [] });
      else commands.at(-1)?.output.push(l);
    }
    const last = commands.at(-1);
    const truncated = last?.output.at(-1) === '...';
    if (truncated) last!.output.pop();
    out.push({ start, end, commands, truncated });
    i = end;
  }
  return out;
}

/** The README with every example's output as the current code prints it. */
export function regenerate(readme: string): string {
  const lines = readme.split('\n');
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-readme-'));
  const env = { BRIEFBOT_DB: join(dir, 'briefbot.db'), NO_COLOR: '1', TZ: 'UTC' };
  try {
    const found = blocks(lines);
    // Replace from the end so earlier line numbers stay valid.
    const rendered = found.map((b) => {
      const body: string[] = [];
      b.commands.forEach((c, i) => {
        if (i > 0) body.push('');
        body.push(`$ ${c.command}`);
        let output = run(c.command, env, dir).split('\n');
        // Blank lines between commands are the block's own; the output's trailing ones are not.
        const shown = c.output.join('\n').replace(/\s+$/, '').split('\n');
        if (b.truncated && i === b.commands.length - 1) output = [...output.slice(0, shown.length), '...'];
        body.push(...output);
      });
      return { b, body };
    });
    for (const { b, body } of rendered.reverse()) lines.splice(b.start + 1, b.end - b.start - 1, ...body);
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `README.md line ${i + 1}:\n  README:  ${x[i] ?? '(end)'}\n  current: ${y[i] ?? '(end)'}`;
  }
  return '';
}

function main(): void {
  const path = join(ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const next = regenerate(readme);
  if (process.argv.includes('--check')) {
    if (next === readme) return void process.stdout.write('README examples match the current code.\n');
    process.stderr.write(`README examples are out of date (npm run docs:examples regenerates them).\n${firstDifference(readme, next)}\n`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(path, next);
  process.stdout.write(next === readme ? 'README examples were already current.\n' : 'README examples regenerated.\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
