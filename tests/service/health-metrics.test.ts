// GET /healthz, /readyz and /metrics: on BRIEFBOT_HTTP_PORT (127.0.0.1 by default), and on Slack's
// HTTP receiver when Slack runs in HTTP mode; commands and store size show up in Prometheus text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/adapters/chat-adapter.ts';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import { startBot, type RunningBot } from '../../src/app.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { waitFor } from '../helpers/wait-for.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-health-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(vars: Record<string, string>, extra: ChatAdapter[] = []) {
  const config = loadConfig({ BRIEFBOT_DB: join(dir, `${Math.random().toString(36).slice(2)}.db`), LOG_LEVEL: 'silent', ...vars });
  const input = new PassThrough();
  const output: string[] = [];
  const sink = new PassThrough();
  sink.on('data', (d: Buffer) => output.push(d.toString()));
  const bot = await startBot(config, { input, output: sink, interactive: false, schedule: { cron: false } }, extra);
  return { bot, input, output };
}

const get = async (port: number, path: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

/** A platform whose connection the test controls. */
function fakePlatform(): ChatAdapter & { connected: boolean } {
  return {
    platform: 'fake',
    connected: true,
    start: async () => {},
    stop: async () => {},
    post: async (channel) => ({ platform: 'fake', channel, id: '1' }),
    isConnected() {
      return this.connected;
    },
  };
}

describe('health and metrics server', () => {
  it('is off unless BRIEFBOT_HTTP_PORT is set', async () => {
    const { bot } = await start({});
    try {
      expect(bot.http).toBeUndefined();
    } finally {
      await bot.stop();
    }
  });

  it('refuses a bad BRIEFBOT_HTTP_PORT by name', () => {
    expect(() => loadConfig({ BRIEFBOT_HTTP_PORT: 'http' })).toThrow(ConfigError);
    expect(() => loadConfig({ BRIEFBOT_HTTP_PORT: 'http' })).toThrow(/BRIEFBOT_HTTP_PORT/);
    expect(loadConfig({ BRIEFBOT_HTTP_PORT: '9464' }).http).toEqual({ port: 9464, host: '127.0.0.1' });
  });

  it('answers /healthz, /readyz and /metrics with commands counted by name and outcome', async () => {
    const platform = fakePlatform();
    const { bot, input, output } = await start({ BRIEFBOT_HTTP_PORT: '0' }, [platform]);
    try {
      const port = bot.http!.port;
      expect(await get(port, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
      const ready = await get(port, '/readyz');
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toEqual({ ready: true, checks: { store: 'ok', fake: 'ok' } });

      input.write('/ask How many firms were sanctioned?\n/summary nothing-like-this-exists\n/nonsense\n');
      await waitFor(() => output.join('').includes("I don't know /nonsense"));
      const metrics = await get(port, '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(metrics.body).toMatch(/^briefbot_commands_total\{command="ask",outcome="ok"\} 1$/m);
      expect(metrics.body).toMatch(/^briefbot_commands_total\{command="summary",outcome="refused"\} 1$/m);
      // A typed-in unknown name is not a label value of its own.
      expect(metrics.body).toMatch(/^briefbot_commands_total\{command="unknown",outcome="refused"\} 1$/m);
      expect(metrics.body).not.toMatch(/nonsense/);
      expect(metrics.body).toMatch(/^briefbot_command_duration_seconds_count\{command="ask"\} 1$/m);
      expect(metrics.body).toMatch(/^briefbot_store_articles 1$/m);
      expect(metrics.body).toMatch(/^briefbot_store_bytes [1-9]\d+$/m);
      expect(metrics.body).toMatch(/^process_cpu_user_seconds_total /m);
      // The port other parts count into (deliveries, feed polls, model requests) reaches the same text.
      bot.core.metrics.delivery('slack', 'posted');
      bot.core.metrics.feedPoll('failed');
      bot.core.metrics.modelRequest('ok', { prompt: 120, completion: 30 });
      const after = (await get(port, '/metrics')).body;
      expect(after).toMatch(/^briefbot_deliveries_total\{platform="slack",outcome="posted"\} 1$/m);
      expect(after).toMatch(/^briefbot_feed_polls_total\{outcome="failed"\} 1$/m);
      expect(after).toMatch(/^briefbot_model_requests_total\{outcome="ok"\} 1$/m);
      expect(after).toMatch(/^briefbot_model_tokens_total\{kind="prompt"\} 120$/m);

      platform.connected = false;
      const notReady = await get(port, '/readyz');
      expect(notReady.status).toBe(503);
      expect(JSON.parse(notReady.body).checks).toEqual({ store: 'ok', fake: 'disconnected' });
      expect((await get(port, '/other')).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      await bot.stop();
    }
  });

  it('is served on the Slack HTTP receiver when Slack runs in HTTP mode', async () => {
    const slack = await FakeSlack.start();
    let bot: RunningBot | undefined;
    try {
      ({ bot } = await start({ SLACK_BOT_TOKEN: 'xoxb-1-2-healthtest', SLACK_SIGNING_SECRET: 'health-secret', SLACK_PORT: '0', SLACK_API_URL: slack.apiUrl }));
      const slackAdapter = bot.adapters.find((a): a is SlackAdapter => a instanceof SlackAdapter)!;
      const port = slackAdapter.port!;
      expect(await get(port, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
      expect(JSON.parse((await get(port, '/readyz')).body)).toEqual({ ready: true, checks: { store: 'ok', slack: 'ok' } });
      expect((await get(port, '/metrics')).body).toMatch(/briefbot_store_articles 1/);
    } finally {
      await bot?.stop();
      await slack.close();
    }
  });
});
