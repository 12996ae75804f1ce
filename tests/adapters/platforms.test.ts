// One bot process serves the console, Slack and Discord at once, each enabled by its variables; a
// platform that fails to start is reported clearly and does not take the others down.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter.ts';
import { platformAdapters } from '../../src/adapters/platforms.ts';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import { startBot, type RunningBot } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/core/log.ts';
import { APP_ID, chatInputInteraction, FakeDiscord } from '../helpers/fake-discord.ts';
import { FakeSlack, postToBolt, slashCommandBody } from '../helpers/fake-slack.ts';

const SLACK_TOKEN = 'xoxb-1111111111-4444444444-platformstesttoken';
const SLACK_SECRET = 'platforms-signing-secret-0c1d2e';
const DISCORD_TOKEN = 'MTExMTExMTExMTExMTExMTEx.GpLaTf.discord-platforms-token-not-real-4567';

let dir: string;
let slack: FakeSlack;
let discord: FakeDiscord;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-platforms-'));
  slack = await FakeSlack.start();
  discord = await FakeDiscord.start();
  discord.expectedToken = DISCORD_TOKEN;
});
afterAll(async () => {
  await slack?.close();
  await discord?.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    BRIEFBOT_DB: join(dir, `${Math.random().toString(36).slice(2)}.db`),
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_PORT: '0',
    SLACK_API_URL: slack.apiUrl,
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: discord.apiUrl,
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

interface Started {
  bot: RunningBot;
  logLines: string[];
  input: PassThrough;
  output: string[];
}

/** startBot with the adapters platformAdapters builds from the configuration (listening on 127.0.0.1). */
async function start(vars: Record<string, string>): Promise<Started> {
  const config = loadConfig(vars);
  const logLines: string[] = [];
  const write = (l: string) => logLines.push(l);
  const log = createLogger({ level: 'debug', secrets: config.secrets, write });
  const adapters = await platformAdapters(config, log, { slackHost: '127.0.0.1', retries: 0, discordReadyTimeoutMs: 10_000 });
  const input = new PassThrough();
  const output: string[] = [];
  const sink = new PassThrough();
  sink.on('data', (d: Buffer) => output.push(d.toString()));
  const bot = await startBot({ ...config, slack: undefined, discord: undefined }, { input, output: sink, interactive: false, logWrite: write }, adapters);
  return { bot, logLines, input, output };
}

const adapter = <T>(bot: RunningBot, cls: new (...a: never[]) => T): T | undefined => bot.adapters.find((a) => a instanceof cls) as T | undefined;

async function slashAsk(port: number, id: string): Promise<string> {
  const body = slashCommandBody({ command: '/ask', text: 'How many firms were sanctioned?', response_url: slack.responseUrl(id) });
  const http = await postToBolt(port, body, { secret: SLACK_SECRET });
  expect(http.status).toBe(200);
  return JSON.stringify((await slack.waitForResponse(id)).data);
}

async function discordAsk(): Promise<string> {
  const i = chatInputInteraction({ name: 'ask', options: [{ name: 'question', type: 3, value: 'How many firms were sanctioned?' }] });
  discord.dispatch('INTERACTION_CREATE', i);
  const edit = await discord.server.waitFor((r) => r.method === 'PATCH' && r.path.includes(i.token));
  return JSON.stringify(edit.data);
}

describe('platform selection from the environment', () => {
  it('enables exactly the platforms whose variables are set', async () => {
    const log = createLogger({ level: 'silent' });
    const kinds = async (vars: Record<string, string>) => (await platformAdapters(loadConfig(vars), log)).map((a) => a.platform);
    expect(await kinds({})).toEqual([]);
    expect(await kinds(env())).toEqual(['slack', 'discord']);
    expect(await kinds({ DISCORD_TOKEN })).toEqual(['discord']);
    expect(await kinds({ SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A1-123-abc' })).toEqual(['slack']);
  });
});

describe('one process, every platform', () => {
  it('serves the console, Slack and Discord at once', async () => {
    const s = await start(env());
    try {
      expect(s.bot.adapters.map((a) => a.platform)).toEqual(['slack', 'discord', 'console']);
      const port = adapter(s.bot, SlackAdapter)!.port!;
      expect(await slashAsk(port, 'all-1')).toMatch(/398 firms/);
      expect(await discordAsk()).toMatch(/398 firms/);
      s.input.write('/ask How many firms were sanctioned?\n');
      await waitUntil(() => s.output.join('').includes('398 firms'));
    } finally {
      await s.bot.stop('test');
    }
    await s.bot.stopped;
  });

  it('a Slack that fails to start is reported clearly; Discord and the console keep serving', async () => {
    slack.authOk = false;
    const s = await start(env());
    slack.authOk = true;
    try {
      expect(s.bot.adapters.map((a) => a.platform)).toEqual(['discord', 'console']);
      const failure = s.logLines.map((l) => JSON.parse(l) as { msg: string; platform?: string; err?: { message: string } }).find((l) => l.msg.startsWith('platform failed to start'))!;
      expect(failure.platform).toBe('slack');
      expect(failure.err!.message).toBe(`Slack refused auth.test: invalid_auth. Check SLACK_BOT_TOKEN and SLACK_API_URL.`);
      expect(await discordAsk()).toMatch(/398 firms/);
      s.input.write('/sources\n');
      await waitUntil(() => s.output.join('').includes('Sources'));
      expect(s.logLines.join('\n')).not.toContain(SLACK_TOKEN);
    } finally {
      await s.bot.stop('test');
    }
  });

  it('a Discord that fails to start (bad token) is reported clearly; Slack keeps serving', async () => {
    const s = await start(env({ DISCORD_TOKEN: 'MTExMTExMTExMTExMTExMTEx.GwRoNg.wrong-discord-token-not-real-999999' }));
    try {
      expect(s.bot.adapters.map((a) => a.platform)).toEqual(['slack', 'console']);
      expect(adapter(s.bot, DiscordAdapter)).toBeUndefined();
      const failure = s.logLines.find((l) => l.includes('platform failed to start'))!;
      expect(failure).toMatch(/"platform":"discord"/);
      expect(failure).toMatch(/Discord login failed: An invalid token was provided.*Check DISCORD_TOKEN/);
      expect(await slashAsk(adapter(s.bot, SlackAdapter)!.port!, 'dfail-1')).toMatch(/398 firms/);
      expect(s.logLines.join('\n')).not.toContain('wrong-discord-token-not-real');
    } finally {
      await s.bot.stop('test');
    }
  });

  it('stop() stops taking commands on every platform', async () => {
    const s = await start(env());
    const port = adapter(s.bot, SlackAdapter)!.port!;
    const socketsBefore = discord.connections.filter((c) => c.socket.readyState === 1).length;
    await s.bot.stop('test');
    await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '' })).rejects.toThrow();
    await waitUntil(() => discord.connections.filter((c) => c.socket.readyState === 1).length < socketsBefore);
  });
});

describe('npm start (a real process)', () => {
  it('keeps serving Slack and Discord after stdin closes, and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env({ SLACK_PORT: String(port), LOG_LEVEL: 'info' }) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(); // a service manager gives /dev/null
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      await waitUntil(() => /"msg":"ready"/.test(stderr), 20_000);
      expect(stderr).toMatch(/"platforms":\["slack","discord","console"\]/);
      expect(await slashAsk(port, 'proc-1')).toMatch(/398 firms/);
      expect(await discordAsk()).toMatch(/398 firms/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(SLACK_TOKEN);
    expect(stderr).not.toContain(SLACK_SECRET);
    expect(stderr).not.toContain(DISCORD_TOKEN);
  }, 40_000);
});

/** Polls a condition the bot's own output will satisfy (stdout, log lines, sockets); no fixed sleep. */
async function waitUntil(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('waitUntil timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
