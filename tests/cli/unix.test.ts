// The CLI as a Unix tool, run as real processes with pipes: closed pipes, option errors, empty
// results, bad stores and bad input each get a plain answer, never a stack trace.
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode, runProcess } from '../helpers/spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefbot-unix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bin = join(process.cwd(), 'bin/briefbot.js');
const db = join(dir, 'store.db');

const briefbot = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) =>
  runNode([bin, ...args], { input: opts.input, env: { BRIEFBOT_DB: db, ...opts.env } });

/** Runs a shell pipeline; PIPESTATUS gives briefbot's own exit status. */
const pipeline = (script: string, env: Record<string, string> = {}) => runProcess('bash', ['-c', script], { env: { BRIEFBOT_DB: db, BIN: bin, ...env } });

describe('closed pipes', () => {
  it.each([['sources --json'], ['summary --all']])('`%s` into a reader that has gone: quiet, exit 0', async (args) => {
    // `true` exits before briefbot writes a byte: every write meets a closed pipe.
    const r = await pipeline(`node "$BIN" ${args} | true; echo "status \${PIPESTATUS[0]}"`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status 0\n');
  });

  it('`sources --json | head -1` prints one line and exits 0', async () => {
    const r = await pipeline(`node "$BIN" sources --json | head -1; echo "status \${PIPESTATUS[0]}"`);
    const [first, status] = r.stdout.trim().split('\n');
    expect(JSON.parse(first!)).toMatchObject({ title: expect.stringMatching(/North Korean troops/) });
    expect(status).toBe('status 0');
    expect(r.stderr).toBe('');
  });
});

describe('configuration per verb', () => {
  it('a bad Slack variable does not break `sources`; `serve` names it', async () => {
    const env = { SLACK_PORT: '99999', SLACK_BOT_TOKEN: 'xoxb-never-shown-123456' };
    const sources = await briefbot(['sources', '--json'], { env });
    expect(sources.code).toBe(0);
    expect(sources.stderr).toBe('');
    const serve = await briefbot(['serve'], { env });
    expect(serve.code).toBe(2);
    expect(serve.stderr).toMatch(/SLACK_PORT must be a whole number from 0 to 65535/);
    expect(serve.stderr).not.toMatch(/xoxb-never-shown/);
  });

  it('the default store is the project’s, whatever the working directory; `sources` names it', async () => {
    const home = join(dir, 'home');
    mkdirSync(home);
    // No BRIEFBOT_DB, run from another directory: the store must not appear there.
    const r = await runNode([bin, 'sources', '--limit', '1'], { cwd: home, env: { HOME: home } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Store: ${join(process.cwd(), 'data', 'briefbot.db')}`);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(home)).toEqual([]);
  });
});

describe('options and empty results', () => {
  it.each([
    [['sources', '--limit', '-1'], /--limit must be a positive whole number \(got "-1"\)/],
    [['brief', '--since', '2099-01-01'], /"2099-01-01" is in the future/],
    [['brief', '--since', '2024-02-30'], /can't read "2024-02-30" as a time/],
    [['serve', '--json'], /serve: --json does not apply/],
    [['summary', 'no such article at all'], /Try `briefbot sources` to see what I have/],
  ])('%j: one clear line, exit 2', async (args, message) => {
    const r = await briefbot(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/ambiguous|unexpected error|\/sources/);
  });

  it('search --json with no hits prints an empty result', async () => {
    const r = await briefbot(['search', '--json', 'zebra', 'quartz']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ query: 'zebra quartz', hits: [] });
  });
});

describe('bad stores and bad input', () => {
  it('a corrupt database names BRIEFBOT_DB', async () => {
    const bad = join(dir, 'corrupt.db');
    writeFileSync(bad, 'this is not a database, just some text that is long enough to have a header'.repeat(20));
    const r = await briefbot(['sources'], { env: { BRIEFBOT_DB: bad } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/BRIEFBOT_DB: .*corrupt\.db is not a briefbot store \(file is not a database\)/);
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });

  it('a file too large says the limit; garbage HTML is rejected for that file only', async () => {
    const files = join(dir, 'files');
    mkdirSync(files);
    const big = join(files, 'huge.txt');
    writeFileSync(big, '');
    truncateSync(big, 52_428_821); // sparse: the size is what counts
    writeFileSync(join(files, 'garbage.html'), '\u0001<<<>>>]]><!-- ');
    writeFileSync(join(files, 'ok.md'), '---\ntitle: Rail strike ends\n---\nThe national rail strike ended on Monday after unions accepted a pay offer of 5 percent over two years.\n');
    const r = await briefbot(['ingest', files]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/huge\.txt: file too large \(52428821 bytes; the limit is 1600000 bytes\)/);
    expect(r.stderr).toMatch(/garbage\.html: /);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(r.stdout).toMatch(/added \w+ +Rail strike ends/);
  });

  it('a fuzzed line in batch `ask` is answered or refused on its own; the batch goes on', async () => {
    const r = await briefbot(['ask', '--json'], { input: 'AND^AND"(\u0000日本troops\n\nHow many firms were sanctioned?\n' });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ question: 'How many firms were sanctioned?', answer: expect.stringMatching(/398/) });
    expect(r.stderr).not.toMatch(/unexpected error/);
  });
});
