// The bot as a real process: graceful SIGTERM (health endpoint up while serving, gone after a
// clean exit 0) and Ctrl-C/SIGINT (exit status 130, said on stderr).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefbot-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startBotProcess(name: string) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BRIEFBOT_DB: join(dir, `${name}.db`), BRIEFBOT_HTTP_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // stdin stays open: a service keeps running until it is told to stop.
  return { child, exited, stderr: () => stderr };
}

async function healthPort(stderr: () => string): Promise<number> {
  const line = await waitFor(() => stderr().split('\n').find((l) => l.includes('health and metrics listening')), { timeoutMs: 30_000, what: 'the health server' });
  return JSON.parse(line).port as number;
}

describe('shutdown', () => {
  it('SIGTERM: /healthz answers while serving; the process then stops cleanly with status 0', async () => {
    const bot = startBotProcess('term');
    const port = await healthPort(bot.stderr);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stderr()).toMatch(/"msg":"stopping","reason":"SIGTERM"/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('SIGINT (Ctrl-C): exits with status 130 and says so', async () => {
    const bot = startBotProcess('int');
    await healthPort(bot.stderr);
    bot.child.kill('SIGINT');
    expect(await bot.exited).toBe(130);
    expect(bot.stderr()).toMatch(/interrupted \(Ctrl-C\); exit status 130/);
  });
});
