// No request to the Slack endpoint, signed or not, may end the bot: a real bot process gets every
// malformed body shape, correctly signed, and then still answers a real command.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isObjectBody } from '../../../src/adapters/slack/slack-adapter.ts';
import { FakeSlack, postToBolt, slashCommandBody } from '../../helpers/fake-slack.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const SECRET = 'malformed-signing-secret-51a7';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Body shapes that parse to something other than the object Bolt expects, or to odd objects. */
const SHAPES: [body: string, contentType: string | undefined][] = [
  ['null', JSON_TYPE],
  ['[]', JSON_TYPE],
  ['"text"', JSON_TYPE],
  ['123', JSON_TYPE],
  ['true', JSON_TYPE],
  ['', JSON_TYPE],
  ['{not json', JSON_TYPE],
  ['\u00ff\u00fe', JSON_TYPE],
  ['null', 'text/plain'],
  ['null', undefined],
  ['null', `${FORM}; charset=utf-8`], // Bolt reads only the exact form type as a form
  ['{}', JSON_TYPE],
  ['{"type":null}', JSON_TYPE],
  ['{"type":"event_callback"}', JSON_TYPE],
  ['{"type":"event_callback","event":null}', JSON_TYPE],
  ['{"type":"url_verification"}', JSON_TYPE],
  ['{"type":"block_actions"}', JSON_TYPE],
  ['{"type":"view_submission","view":null}', JSON_TYPE],
  ['{"type":"shortcut"}', JSON_TYPE],
  ['{"__proto__":{"polluted":1}}', JSON_TYPE],
  ['{"command":null}', JSON_TYPE],
  ['{"command":"/ask","text":null}', JSON_TYPE],
  ['{"command":123}', JSON_TYPE],
  ['payload=null', FORM],
  ['payload=%5B%5D', FORM],
  ['payload=123', FORM],
  ['payload=%22x%22', FORM],
  ['payload=%7B%7D', FORM],
  ['payload=%7Bbroken', FORM],
  ['payload=null&payload=null', FORM],
  ['', FORM],
  ['ssl_check=1', FORM],
  ['command=%2Fask&command=%2Fbrief&text=x', FORM],
  ['command=%2Fask&text=hi&user_id=U1&channel_id=C1&response_url=not-a-url', FORM],
];

let fake: FakeSlack;
const dir = mkdtempSync(join(tmpdir(), 'briefbot-malformed-'));
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('malformed Slack requests', () => {
  it('only an object body is handed to Bolt', () => {
    expect(isObjectBody(Buffer.from('null'), JSON_TYPE)).toBe(false);
    expect(isObjectBody(Buffer.from('payload=null'), FORM)).toBe(false);
    expect(isObjectBody(Buffer.from('null'), `${FORM}; charset=utf-8`)).toBe(false);
    expect(isObjectBody(Buffer.from('command=%2Fask&text=hi'), FORM)).toBe(true);
    expect(isObjectBody(Buffer.from('{"type":"event_callback"}'), JSON_TYPE)).toBe(true);
  });

  it('a bot process survives every shape, signed, and answers the next real command', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        BRIEFBOT_DB: join(dir, 'bot.db'),
        SLACK_BOT_TOKEN: 'xoxb-1-2-malformedtest',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_PORT: '0',
        SLACK_API_URL: fake.apiUrl,
        LOG_LEVEL: 'info',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let exited: number | null | undefined;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve((exited = code))));
    try {
      const listening = await waitFor(() => stderr.split('\n').find((l) => l.includes('slack listening')), { timeoutMs: 30_000, what: 'Slack to listen' });
      const port = JSON.parse(listening).port as number;
      // All at once: Bolt holds events it has no listener for up to three seconds each.
      const answers = await Promise.all(SHAPES.map(([body, contentType]) => postToBolt(port, body, { secret: SECRET, ...(contentType ? { contentType } : {}) })));
      for (const [i, a] of answers.entries()) expect(a.status, `${SHAPES[i]![1]} ${SHAPES[i]![0]}`).toBeLessThan(600);
      expect(answers[0]!.status).toBe(400); // `null`, the one that used to end the process
      expect(exited).toBeUndefined();

      const body = slashCommandBody({ command: '/ask', text: 'How many firms were sanctioned?', response_url: fake.responseUrl('after') });
      expect((await postToBolt(port, body, { secret: SECRET })).status).toBe(200);
      expect(JSON.stringify((await fake.waitForResponse('after')).data)).toMatch(/398 firms/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await closed).toBe(0);
  });
});
