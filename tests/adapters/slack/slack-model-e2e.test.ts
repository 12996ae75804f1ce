// Slack with a language model, end to end: the real Bolt app, the real `openai` client against a
// local OpenAI-compatible server, and the fake Web API. A model's answer streams into the channel
// (chat.postMessage, then chat.update as it grows); the final edit is the checked answer, and a
// draft that fails the check is replaced by the extractive answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import type { SlackBlock } from '../../../src/adapters/slack/render-blocks.ts';
import { dispatch } from '../../../src/core/dispatch.ts';
import { capture } from '../../helpers/capture.ts';
import { passageNumber, type FakeOpenAI } from '../../helpers/fake-openai.ts';
import { startModelRig, type ModelRig } from '../../helpers/model-rig.ts';
import { FakeSlack, postToBolt, slashCommandBody, webApiArgs } from '../../helpers/fake-slack.ts';
import type { RecordedRequest } from '../../helpers/recording-server.ts';

const BOT_TOKEN = 'xoxb-1111111111-2222222222-slackmodeltesttoken';
const SECRET = 'slack-signing-secret-model-tests-5e1c';
const TROOPS = 'How many troops did North Korea send?';

let rig: ModelRig;
let slack: FakeSlack;
let openai: FakeOpenAI;
let adapter: SlackAdapter;
let n = 0;

beforeAll(async () => {
  rig = await startModelRig([BOT_TOKEN, SECRET]);
  openai = rig.openai;
  slack = await FakeSlack.start();
  adapter = new SlackAdapter({ botToken: BOT_TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: slack.apiUrl, log: rig.log, retries: 0, draftIntervalMs: 0 });
  await adapter.start((inv, responder) => dispatch(inv, responder, rig.deps));
});

afterAll(async () => {
  await adapter?.stop();
  await slack?.close();
  await rig?.close();
});

async function ask(question: string, channel = 'C0NEWS') {
  const id = `m${++n}`;
  const body = slashCommandBody({ command: '/ask', text: question, channel_id: channel, response_url: slack.responseUrl(id) });
  const http = await postToBolt(adapter.port!, body, { secret: SECRET });
  return { id, http };
}

type Sent = { channel: string; ts?: string; text: string; blocks: SlackBlock[] };
const sent = (r: RecordedRequest) => webApiArgs(r) as unknown as Sent;
const calls = (method: string, channel: string) => slack.server.matching((r) => r.path === `/api/${method}` && sent(r).channel === channel).map(sent);
/** A draft (the first post or an edit) in the channel whose text includes `text`. */
const drafted = (channel: string, text: string) =>
  slack.server.waitFor((r) => (r.path === '/api/chat.postMessage' || r.path === '/api/chat.update') && sent(r).channel === channel && sent(r).text.includes(text));
const blockText = (m: Sent) => m.blocks.map((b) => JSON.stringify(b)).join('\n');

describe('Slack: a model answer streams into the channel', () => {
  it('drafts appear while the model writes; the final edit is the checked answer with its quoted source', async () => {
    const channel = 'C0STREAM';
    openai.reply = (req) => ({
      kind: 'stream',
      chunks: ['North Korea has sent', ' as many as 12,000 troops', ` to Russia [${passageNumber(req, /12,000 troops/)}].`],
      // Hold the rest until a draft with the text so far is in the channel: drafts really are shown mid-stream.
      holdAfter: 2,
      until: () => drafted(channel, '12,000 troops …'),
    });
    const { id, http } = await ask(TROOPS, channel);
    expect(http.status).toBe(200);
    await slack.server.waitFor((r) => r.path === '/api/chat.update' && sent(r).channel === channel && !sent(r).text.includes('Writing'));

    const [first] = calls('chat.postMessage', channel);
    expect(first!.text).toMatch(/^How many troops did North Korea send\?\nNorth Korea has sent …/);
    expect(blockText(first!)).toMatch(/Writing… \(a draft: it is checked against the sources before it is final\)/);
    const updates = calls('chat.update', channel);
    const draft = updates.find((u) => u.text.includes('12,000 troops …'))!;
    expect(blockText(draft)).toMatch(/Writing…/);
    const final = updates.at(-1)!;
    expect(final.ts).toBe(slack.posted.find((p) => p.channel === channel)!.ts);
    expect(blockText(final)).toMatch(/North Korea has sent as many as 12,000 troops to Russia \[1\]\./);
    expect(blockText(final)).toMatch(/"> [^"]*12,000 troops to Russia\.[^"]* \[1\]"/);
    expect(blockText(final)).toMatch(/Written by a language model/);
    expect(blockText(final)).not.toMatch(/Writing…/);
    // One message in the channel, edited; nothing through response_url.
    expect(slack.posted.filter((p) => p.channel === channel)).toHaveLength(1);
    expect(slack.responses(id)).toHaveLength(0);
    await capture('slack-model-streamed.json', { first, draft, final });
  });

  it('a draft that fails the check is replaced by the extractive answer, saying it fell back', async () => {
    const channel = 'C0FALLBACK';
    openai.reply = (req) => ({
      kind: 'stream',
      chunks: ['North Korea has sent', ' 15,000 troops', ` to Russia [${passageNumber(req, /12,000 troops/)}].`],
      holdAfter: 2,
      until: () => drafted(channel, '15,000 troops …'),
    });
    await ask(TROOPS, channel);
    await slack.server.waitFor((r) => r.path === '/api/chat.update' && sent(r).channel === channel && sent(r).text.includes('as many as 12,000'));
    const final = calls('chat.update', channel).at(-1)!;
    const draft = [...calls('chat.postMessage', channel), ...calls('chat.update', channel)].find((m) => m.text.includes('15,000'))!;
    expect(blockText(draft)).toMatch(/Writing…/);
    expect(final.text).not.toMatch(/15,000/);
    expect(blockText(final)).toMatch(/as many as 12,000 troops/);
    expect(blockText(final)).toMatch(/did not pass the source check, so this answer was taken from the sources directly/);
    expect(slack.posted.find((p) => p.channel === channel)!.text).not.toMatch(/15,000/);
    await capture('slack-model-fallback.json', { draft, final });
  });

  it('the model never holds up the acknowledgement: Slack gets its 200 while the model is still writing', async () => {
    const channel = 'C0SLOWMODEL';
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const before = openai.requests.length;
    openai.reply = (req) => ({ kind: 'stream', chunks: ['As many as', ` 12,000 troops [${passageNumber(req, /12,000 troops/)}].`], holdAfter: 0, until: () => released });
    const { http } = await ask(TROOPS, channel);
    expect(http.status).toBe(200);
    // Acknowledged, and the model has been asked but has not said a word yet.
    await openai.waitForRequests(before + 1);
    expect(calls('chat.postMessage', channel)).toHaveLength(0);
    release();
    await slack.server.waitFor((r) => r.path === '/api/chat.update' && sent(r).channel === channel && sent(r).text.includes('Written by a language model'));
  });

  it('where the bot cannot post (not in the channel), the checked answer still arrives through response_url', async () => {
    openai.reply = (req) => ({ kind: 'json', text: `As many as 12,000 North Korean troops are in Russia [${passageNumber(req, /12,000 troops/)}].` });
    const { id } = await ask(TROOPS, 'C_GONE');
    const answer = (await slack.waitForResponse(id)).data as { response_type: string; blocks: SlackBlock[] };
    expect(answer.response_type).toBe('in_channel');
    expect(JSON.stringify(answer.blocks)).toMatch(/As many as 12,000 North Korean troops are in Russia \[1\]\./);
    await capture('slack-model-grounded.json', answer);
  });
});
