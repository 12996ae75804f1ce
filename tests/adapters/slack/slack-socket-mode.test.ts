// Slack in Socket Mode (SLACK_APP_TOKEN): no public URL; the real Bolt Socket Mode client opens a
// WebSocket from apps.connections.open, acknowledges each slash-command envelope at once and
// answers through the response URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { commandMap, dispatch } from '../../../src/core/dispatch.ts';
import { createLogger } from '../../../src/core/log.ts';
import { SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { makeTestCore, type TestCore } from '../../helpers/core.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';

const BOT_TOKEN = 'xoxb-1111111111-5555555555-socketmodebottoken';
const APP_TOKEN = 'xapp-1-A0APP-1234567890-socketmodeapptoken0123456789';
let t: TestCore;
let fake: FakeSlack;
let adapter: SlackAdapter;
const logLines: string[] = [];

beforeAll(async () => {
  t = await makeTestCore();
  fake = await FakeSlack.start();
  const log = createLogger({ level: 'debug', secrets: [BOT_TOKEN, APP_TOKEN], write: (l) => logLines.push(l) });
  adapter = new SlackAdapter({ botToken: BOT_TOKEN, appToken: APP_TOKEN, port: 0, apiUrl: fake.apiUrl, log, retries: 0 });
  await adapter.start((inv, responder) => dispatch(inv, responder, { commands: commandMap(commands), core: t.core, log, admins: new Set() }));
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await t?.cleanup();
});

describe('Slack Socket Mode', () => {
  it('connects with the app-level token and opens no HTTP port', () => {
    const open = fake.server.matching((r) => r.path === '/api/apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(adapter.port).toBeUndefined();
  });

  it('acknowledges the envelope, then answers /ask at the response URL', async () => {
    const envelope = fake.sendSlashCommand({ command: '/ask', text: 'How many troops did North Korea send?', response_url: fake.responseUrl('sm-1') });
    await fake.waitForAck(envelope);
    const answer = (await fake.waitForResponse('sm-1')).data as { response_type: string; blocks: unknown[] };
    expect(answer.response_type).toBe('in_channel');
    expect(JSON.stringify(answer.blocks)).toMatch(/12,000 troops/);
  });

  it('a rejected app-level token fails start-up with a clear reason', async () => {
    fake.connectionsError = 'invalid_auth';
    const other = new SlackAdapter({ botToken: BOT_TOKEN, appToken: 'xapp-1-A0APP-1-revokedtoken', port: 0, apiUrl: fake.apiUrl, log: createLogger({ level: 'silent' }), retries: 0 });
    await expect(other.start(async () => {})).rejects.toThrow('Slack refused apps.connections.open: invalid_auth. Check SLACK_APP_TOKEN and SLACK_API_URL.');
  });

  it('a Socket Mode start that keeps failing gives up in time instead of blocking start-up', async () => {
    fake.connectionsError = 'internal_error'; // retried by the client
    const other = new SlackAdapter({ botToken: BOT_TOKEN, appToken: APP_TOKEN, port: 0, apiUrl: fake.apiUrl, log: createLogger({ level: 'silent' }), retries: 0, startTimeoutMs: 300 });
    await expect(other.start(async () => {})).rejects.toThrow(/no Socket Mode connection in time\)\. Check SLACK_APP_TOKEN/);
    fake.connectionsError = undefined;
  });

  it('never writes either token to the log', () => {
    const all = logLines.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(APP_TOKEN);
  });
});
