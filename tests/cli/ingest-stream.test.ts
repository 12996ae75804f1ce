// `briefbot ingest FILE.jsonl` streams: no size refusal, a bad line rejects only itself, counts
// at the end, and a progress bar when a person watches on a terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { loadConfig } from '../../src/config.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-stream-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const article = (i: number) =>
  JSON.stringify({
    title: `Harbour ${i} reopens`,
    body: `The harbour of town number ${i} reopened on Monday after storms closed it for ${i + 2} days. Fishing crews said ${i * 3 + 5} boats went back to sea within hours.`,
  });

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, stdin: Readable.from(['']) }, loadConfig({ BRIEFBOT_DB: join(dir, 'b.db') }));
  return { code, out, err, lines: out.trim().split('\n').filter(Boolean) };
}

describe('streaming JSON Lines', () => {
  it('reads a file over 50 MB line by line: a line too long is rejected alone, the rest stored, counts last', async () => {
    const file = join(dir, 'big.jsonl');
    const fd = openSync(file, 'w');
    writeSync(fd, `${article(1)}\n`);
    writeSync(fd, Buffer.alloc(52_000_000, 0x20)); // one 52 MB line of spaces
    writeSync(fd, `\n${article(2)}\n${article(3)}`); // the last line has no newline
    closeSync(fd);
    const r = await cli(['ingest', '--json', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/rejected .*big\.jsonl:2: line too long \(over 3200000 bytes\)/);
    const objects = r.lines.map((l) => JSON.parse(l));
    expect(objects.slice(0, -1).map((o) => o.status)).toEqual(['added', 'rejected', 'added', 'added']);
    expect(objects.at(-1)).toMatchObject({ counts: { added: 3, updated: 0, duplicate: 0, rejected: 1 }, seconds: expect.any(Number), perSecond: expect.any(Number) });
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('shows a progress bar on a terminal instead of a line per article, then a summary', () => {
    const file = join(dir, 'feed.jsonl');
    const fd = openSync(file, 'w');
    for (let i = 0; i < 30; i++) writeSync(fd, `${article(i)}\n`);
    closeSync(fd);
    const bin = join(process.cwd(), 'bin/briefbot.js');
    // `script` gives the command a pseudo-terminal, as a person's shell would.
    const out = execFileSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} ingest ${JSON.stringify(file)}`, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BRIEFBOT_DB: join(dir, 'tty.db'), TERM: 'xterm' },
      encoding: 'utf8',
    });
    expect(out).toMatch(/ingest [█░]+ 100% \| 30 read: 30 added, 0 duplicate, 0 rejected/);
    expect(out).toMatch(/ingested 30 in [\d.]+ s \(\d+\/s\): 30 added, 0 updated, 0 duplicate, 0 rejected/);
    expect(out).not.toMatch(/^added a/m);
  });
});
