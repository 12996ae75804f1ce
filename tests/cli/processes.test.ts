// The README's commands as real processes: `npm start` fed through stdin, and `npx briefbot`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode } from '../helpers/spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefbot-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('processes', () => {
  it('console: piped commands are answered in order and the process exits at end of input', async () => {
    const r = await runNode(['--import', 'tsx', 'src/main.ts'], {
      input: '/ask How many firms were sanctioned?\n/sources\nwhere are the troops heading?\n/nonsense\n',
      env: { BRIEFBOT_DB: join(dir, 'console.db'), LOG_LEVEL: 'warn' },
    });
    expect(r.code).toBe(0);
    const askAt = r.stdout.indexOf('398 firms');
    const sourcesAt = r.stdout.indexOf('Sources\n');
    const kursk = r.stdout.indexOf('Kursk');
    expect(askAt).toBeGreaterThan(-1);
    expect(sourcesAt).toBeGreaterThan(askAt);
    expect(kursk).toBeGreaterThan(sourcesAt);
    expect(r.stdout).toMatch(/I don't know \/nonsense/);
    expect(r.stderr).toBe('');
  });

  it('start-up fails fast naming every bad variable, without their values', async () => {
    const r = await runNode(['--import', 'tsx', 'src/main.ts'], {
      env: { BRIEFBOT_DB: join(dir, 'bad.db'), BRIEFBOT_TIMEZONE: 'Mars/Olympus', SLACK_BOT_TOKEN: 'xoxb-secret-value-123', SLACK_PORT: 'eighty' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/BRIEFBOT_TIMEZONE/);
    expect(r.stderr).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(r.stderr).toMatch(/SLACK_PORT/);
    expect(r.stderr).not.toMatch(/xoxb-secret-value-123/);
  });

  it('bin/briefbot.js runs the CLI from any directory', async () => {
    const r = await runNode([join(process.cwd(), 'bin/briefbot.js'), 'ask', '--json', 'How many companies did the Treasury sanction?'], {
      env: { BRIEFBOT_DB: join(dir, 'bin.db') },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim()).answer).toMatch(/274/);
  });

  it('bin exits non-zero with a one-line error on an unknown verb', async () => {
    const r = await runNode(['bin/briefbot.js', 'explode'], { env: { BRIEFBOT_DB: join(dir, 'bin2.db') } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
