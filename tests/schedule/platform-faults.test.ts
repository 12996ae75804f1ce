// The platform stores the briefing and then its answer is lost (500, 503, no answer within the
// client's timeout, a reset connection): through the real Bolt WebClient and discord.js REST
// against the local fakes, every delivery id still ends up as exactly one message per part.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/adapters/chat-adapter.ts';
import { deliveryKey, type Poster } from '../../src/core/schedule/scheduler.ts';
import { channelFor, DeliveryRig, expectEveryPartOnce, LONG, perPartCounts, PlatformFakes, SHORT, startAdapter, type Platform } from '../helpers/delivery-rig.ts';
import { FAULTS, type Fault } from '../helpers/recording-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

let fakes: PlatformFakes;
const adapters = new Map<Platform, ChatAdapter>();
const rigs: DeliveryRig[] = [];
let channelNo = 0;

beforeAll(async () => {
  fakes = await PlatformFakes.start();
  for (const p of ['slack', 'discord'] as const) adapters.set(p, await startAdapter(p, fakes));
});
// A fault queued for a post that never came (the briefing finished sooner) must not leak into the next test.
beforeEach(() => {
  fakes.slack.faults.length = 0;
  fakes.discord.faults.length = 0;
});
afterAll(async () => {
  for (const a of adapters.values()) await a.stop();
  await fakes.close();
  for (const r of rigs) r.close();
});

/** Delivers one briefing with `faults` queued for its posts; returns the messages the channel got, by part. */
async function deliver(platform: Platform, reply: typeof SHORT, faults: (Fault | null)[]) {
  const rig = new DeliveryRig();
  rigs.push(rig);
  const channel = channelFor(platform, ++channelNo);
  const sub = await rig.subscribe(platform, channel);
  fakes.fault(platform, ...faults);
  const report = await rig.scheduler(platform, adapters.get(platform)!, reply).tick();
  const [delivery] = await rig.store.deliveriesOf(sub.id);
  const messages = fakes.messages(platform, channel);
  return { report, delivery, messages, perPart: perPartCounts(messages) };
}

// The fault matrix, printed for the closing note: fault × platform → messages seen.
const matrix: string[] = [];
afterAll(() => {
  if (process.env.PRINT_FAULT_MATRIX) console.log(`\n${matrix.join('\n')}\n`);
});

describe.each(['slack', 'discord'] as const)('%s: the message is stored, then the answer is lost', (platform) => {
  it.each(FAULTS)('%s on a one-message briefing: one message, delivery recorded as posted', async (fault) => {
    const { delivery, messages } = await deliver(platform, SHORT, [fault]);
    matrix.push(`${platform} ${fault} one-part: ${messages.length} message(s) for 1 delivery id (${delivery?.state})`);
    expect(messages).toHaveLength(1);
    expect(delivery).toMatchObject({ state: 'posted', messageId: messages[0]!.id });
  });

  it.each(FAULTS)('%s after part 1 of a multi-message briefing: every part exactly once', async (fault) => {
    const { delivery, messages, perPart } = await deliver(platform, LONG, [null, fault]);
    const counts = [...perPart.values()];
    matrix.push(`${platform} ${fault} after part 1: ${messages.length} message(s), ${perPart.size} distinct part(s), counts ${counts.join('/')} (${delivery?.state})`);
    expectEveryPartOnce(messages, delivery);
  });

  it.each(FAULTS)('%s on four posts in a row after part 1 (beyond any client retry): every part exactly once', async (fault) => {
    const { delivery, messages, perPart } = await deliver(platform, LONG, [null, fault, fault, fault, fault]);
    const counts = [...perPart.values()];
    matrix.push(`${platform} ${fault} x4 after part 1: ${messages.length} message(s), ${perPart.size} distinct part(s), counts ${counts.join('/')} (${delivery?.state})`);
    expectEveryPartOnce(messages, delivery);
  });
});

describe('Slack: a channel the bot posts to without being a member (chat:write.public)', () => {
  it('a check that cannot read the channel never marks the channel failing, and never posts twice', async () => {
    const rig = new DeliveryRig();
    rigs.push(rig);
    const channel = 'C0PUBLICNOTMEMBER';
    fakes.slack.notMember.add(channel);
    const sub = await rig.subscribe('slack', channel);
    fakes.fault('slack', '503');
    await rig.scheduler('slack', adapters.get('slack')!, SHORT).tick();

    expect(fakes.messages('slack', channel)).toHaveLength(1);
    const after = await rig.store.getSubscriptionById(sub.id);
    // Still active: tomorrow's briefing goes out as usual.
    expect(after).toMatchObject({ status: 'active', failingReason: null });
    expect(after!.lastError).toMatch(/not confirmed.*not_in_channel: invite the bot/);
    const [d] = await rig.store.deliveriesOf(sub.id);
    expect(d!.error).toMatch(/not posted again, to avoid a duplicate/);
  });

  it('without a fault, posting there works and needs no check', async () => {
    const rig = new DeliveryRig();
    rigs.push(rig);
    const channel = 'C0PUBLICNOTMEMBER2';
    fakes.slack.notMember.add(channel);
    const sub = await rig.subscribe('slack', channel);
    await rig.scheduler('slack', adapters.get('slack')!, LONG).tick();
    const parts = fakes.messages('slack', channel);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect((await rig.store.getSubscriptionById(sub.id))?.status).toBe('active');
    expect((await rig.store.deliveriesOf(sub.id))[0]).toMatchObject({ state: 'posted', messageId: parts[0]!.id });
  });
});

describe.each(['slack', 'discord'] as const)('%s: a busy channel', (platform) => {
  it('a briefing posted before a crash is found behind hundreds of newer messages, and not posted again', async () => {
    const rig = new DeliveryRig();
    rigs.push(rig);
    const channel = channelFor(platform, 900);
    const sub = await rig.subscribe(platform, channel);
    const adapter = adapters.get(platform)!;
    // The first process posts every part, then dies before recording any of them.
    let allPosted = false;
    const dying: Poster = {
      post: async (ch, reply, opts) => {
        await adapter.post(ch, reply, { idempotencyKey: opts.idempotencyKey });
        allPosted = true;
        return new Promise<never>(() => {});
      },
    };
    void rig.scheduler(platform, dying, LONG, { instanceId: 'dead', attemptTimeoutMs: 3_600_000 }).tick();
    await waitFor(() => allPosted, { what: 'every part to be posted' });
    const parts = fakes.messages(platform, channel);
    // Then the channel moves on: 450 messages from people, several history pages.
    (platform === 'slack' ? fakes.slack : fakes.discord).chatter(channel, 450);

    rig.at = Date.parse('2024-10-30T08:15:00Z');
    if (platform === 'discord') fakes.discord.forgetNonces();
    const report = await rig.scheduler(platform, adapter, LONG, { instanceId: 'next' }).tick();
    expect(report.recovered).toBe(1);
    expect(fakes.messages(platform, channel).filter((m) => m.part !== 'undefined#undefined' && m.part !== 'undefined')).toEqual(parts);
    expect(await rig.store.getDelivery(deliveryKey(sub.id, '2024-10-30'))).toMatchObject({ state: 'posted', messageId: parts[0]!.id });
  });
});
