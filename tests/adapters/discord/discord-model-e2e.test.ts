// Discord with a language model, end to end: the real discord.js client against the local gateway
// and REST fake, the real `openai` client against a local OpenAI-compatible server. A model's answer
// streams into the deferred reply (edits of @original as it grows); the final edit is the checked
// answer, and a draft that fails the check is replaced by the extractive answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import type { DiscordEmbed } from '../../../src/adapters/discord/render-embeds.ts';
import { dispatch } from '../../../src/core/dispatch.ts';
import { capture } from '../../helpers/capture.ts';
import { APP_ID, chatInputInteraction, FakeDiscord } from '../../helpers/fake-discord.ts';
import { passageNumber, sentenceNumber, type FakeOpenAI } from '../../helpers/fake-openai.ts';
import { startModelRig, type ModelRig } from '../../helpers/model-rig.ts';
import type { RecordedRequest } from '../../helpers/recording-server.ts';

const TOKEN = 'MTExMTExMTExMTExMTExMTEx.GfAkEt.discord-model-test-token-0123456789';
const TROOPS = 'How many troops did North Korea send?';

let rig: ModelRig;
let discord: FakeDiscord;
let openai: FakeOpenAI;
let adapter: DiscordAdapter;

beforeAll(async () => {
  rig = await startModelRig([TOKEN]);
  openai = rig.openai;
  discord = await FakeDiscord.start();
  discord.expectedToken = TOKEN;
  adapter = new DiscordAdapter({ token: TOKEN, applicationId: APP_ID, apiUrl: discord.apiUrl, log: rig.log, retries: 0, readyTimeoutMs: 10_000, draftIntervalMs: 0 });
  await adapter.start((inv, responder) => dispatch(inv, responder, rig.deps));
});

afterAll(async () => {
  await adapter?.stop();
  await discord?.close();
  await rig?.close();
});

const embedsOf = (r: RecordedRequest) => ((r.data as { embeds?: DiscordEmbed[] }).embeds ?? []) as DiscordEmbed[];
const embedText = (r: RecordedRequest) => JSON.stringify(embedsOf(r));
const editsOf = (token: string) => discord.interactionRequests(token).edits;
/** An edit of this interaction's reply whose embeds include `text`. */
const edited = (token: string, text: string) => discord.server.waitFor((r) => r.method === 'PATCH' && r.path.includes(`/${token}/`) && embedText(r).includes(text));

describe('Discord: a model answer streams into the deferred reply', () => {
  it('the deferred reply is edited as the answer grows; the last edit is the checked answer', async () => {
    const i = chatInputInteraction({ name: 'ask', options: [{ name: 'question', type: 3, value: TROOPS }] });
    openai.reply = (req) => ({
      kind: 'stream',
      chunks: ['North Korea has sent', ' as many as 12,000 troops', ` to Russia [${passageNumber(req, /12,000 troops/)}].`],
      holdAfter: 2,
      until: () => edited(i.token, '12,000 troops …'),
    });
    discord.dispatch('INTERACTION_CREATE', i);
    await edited(i.token, 'Written by a language model');
    const r = discord.interactionRequests(i.token);
    expect(r.callback).toHaveLength(1);
    expect(r.callback[0]!.data).toMatchObject({ type: 5, data: { flags: 0 } });
    const drafts = r.edits.filter((e) => embedText(e).includes('Writing…'));
    expect(drafts.length).toBeGreaterThan(0);
    expect(embedsOf(drafts[0]!)[0]!.description).toMatch(/^North Korea has sent …/);
    const final = r.edits.at(-1)!;
    const [embed] = embedsOf(final);
    expect(embed!.title).toBe(TROOPS);
    expect(embed!.description).toMatch(/^North Korea has sent as many as 12,000 troops to Russia \[1\]\.\n\n> .*12,000 troops to Russia\..* \[1\]$/m);
    expect(embed!.description).toMatch(/\*\*Sources\*\*\n\[1\] North Korean troops in Russian uniforms/);
    expect(embedText(final)).not.toMatch(/Writing…/);
    expect(r.followUps).toHaveLength(0);
    await capture('discord-model-streamed.json', { draft: drafts.at(-1)!.data, final: final.data });
  });

  it('a draft that fails the check is replaced by the extractive answer, saying it fell back', async () => {
    const i = chatInputInteraction({ name: 'ask', options: [{ name: 'question', type: 3, value: TROOPS }] });
    openai.reply = (req) => ({
      kind: 'stream',
      chunks: ['North Korea has sent', ' 15,000 troops', ` to Russia [${passageNumber(req, /12,000 troops/)}].`],
      holdAfter: 2,
      until: () => edited(i.token, '15,000 troops …'),
    });
    discord.dispatch('INTERACTION_CREATE', i);
    await edited(i.token, 'did not pass the source check');
    const edits = editsOf(i.token);
    const final = edits.at(-1)!;
    expect(embedText(final)).not.toMatch(/15,000/);
    expect(embedText(final)).toMatch(/as many as 12,000 troops/);
    expect(embedText(final)).toMatch(/did not pass the source check, so this answer was taken from the sources directly/);
    await capture('discord-model-fallback.json', { draft: edits.find((e) => embedText(e).includes('15,000'))!.data, final: final.data });
  });

  it('/summary streams too: drafts while the model writes, then the checked summary', async () => {
    const i = chatInputInteraction({ name: 'summary', options: [{ name: 'article', type: 3, value: 'North Korean troops' }] });
    openai.reply = (req) => ({
      kind: 'stream',
      chunks: ['The U.S. imposed sanctions', ` on 398 firms [${sentenceNumber(req, /398 firms/)}].`],
      holdAfter: 1,
      until: () => edited(i.token, 'The U.S. imposed sanctions …'),
    });
    discord.dispatch('INTERACTION_CREATE', i);
    await edited(i.token, 'Written by a language model');
    const edits = editsOf(i.token);
    expect(embedText(edits.find((e) => embedText(e).includes('The U.S. imposed sanctions …'))!)).toMatch(/Writing…/);
    const [embed] = embedsOf(edits.at(-1)!);
    expect(embed!.title).toMatch(/^Summary: North Korean troops in Russian uniforms/);
    expect(embed!.description).toMatch(/^The U\.S\. imposed sanctions on 398 firms\. \[1\]/);
  });

  it('a grounded JSON answer: one edit with the answer, its source quoted', async () => {
    const i = chatInputInteraction({ name: 'ask', options: [{ name: 'question', type: 3, value: 'How many companies did the Treasury sanction?' }] });
    openai.reply = (req) => ({ kind: 'json', text: `The Treasury sanctioned 274 companies accused of supplying Russia with advanced technology [${passageNumber(req, /274 companies/)}].` });
    discord.dispatch('INTERACTION_CREATE', i);
    await edited(i.token, 'Written by a language model');
    const final = editsOf(i.token).at(-1)!;
    expect(embedsOf(final)[0]!.description).toMatch(/^The Treasury sanctioned 274 companies accused of supplying Russia with advanced technology \[1\]\./);
    await capture('discord-model-grounded.json', final.data);
  });
});
