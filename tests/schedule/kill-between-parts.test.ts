// A bot process is killed (SIGKILL) in the middle of a briefing of several messages, through the
// real Slack and Discord adapters against the local fakes. The next process recovers the claim
// and sends exactly the parts that are missing: every part once, none lost.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/adapters/chat-adapter.ts';
import { deliveryKey } from '../../src/core/schedule/scheduler.ts';
import { channelFor, DeliveryRig, expectEveryPartOnce, LONG, PlatformFakes, startAdapter, type Platform } from '../helpers/delivery-rig.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/deliver-process.ts', import.meta.url));
let fakes: PlatformFakes;
let rig: DeliveryRig | undefined;
const adapters: ChatAdapter[] = [];

beforeAll(async () => {
  fakes = await PlatformFakes.start();
});
afterEach(() => rig?.close());
afterAll(async () => {
  for (const a of adapters) await a.stop();
  await fakes.close();
});

/** Starts the delivering process; resolves its stdout lines as they come. */
function deliveringProcess(rigPath: string, platform: Platform, mode: string) {
  const apiUrl = platform === 'slack' ? fakes.slack.apiUrl : fakes.discord.apiUrl;
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, rigPath, '2024-10-30T08:00:30.000Z', platform, apiUrl, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    waiters.splice(0).forEach((w) => w());
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const saw = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (out.split('\n').includes(line) ? resolve() : waiters.push(check));
      child.once('exit', () => (out.split('\n').includes(line) ? resolve() : reject(new Error(`process exited before "${line}"`))));
      check();
    });
  return { child, saw, exited };
}

describe.each(['slack', 'discord'] as const)('%s: killed between the parts of a briefing', (platform) => {
  const postsTo = (channel: string) => (r: { method: string; path: string; data: unknown }) =>
    r.method === 'POST' &&
    (platform === 'slack' ? r.path === '/api/chat.postMessage' && (r.data as { channel?: string }).channel === channel : r.path.endsWith(`/channels/${channel}/messages`));

  async function recoverAndCount(channel: string, subId: string) {
    // The next process starts after the dead one's lease ran out, past Discord's nonce window too.
    if (platform === 'discord') fakes.discord.forgetNonces();
    rig!.at = Date.parse('2024-10-30T08:15:00Z');
    const adapter = await startAdapter(platform, fakes);
    adapters.push(adapter);
    const report = await rig!.scheduler(platform, adapter, LONG).tick();
    const delivery = await rig!.store.getDelivery(deliveryKey(subId, '2024-10-30'));
    return { report, messages: fakes.messages(platform, channel), delivery };
  }

  it('after part 1 was recorded: the recovery sends parts 2.. once each', async () => {
    rig = new DeliveryRig();
    const channel = channelFor(platform, 101);
    const sub = await rig.subscribe(platform, channel);
    const bot = deliveringProcess(rig.dbPath, platform, 'hang-after-part-1');
    await bot.saw('part 1');
    bot.child.kill('SIGKILL');
    await bot.exited;
    expect(fakes.messages(platform, channel)).toHaveLength(1);

    const { report, messages, delivery } = await recoverAndCount(channel, sub.id);
    expect(report.recovered).toBe(1);
    expectEveryPartOnce(messages, delivery);
  }, 90_000);

  it('after part 2 reached the platform but its answer did not: found, not sent again; the rest sent once', async () => {
    rig = new DeliveryRig();
    const channel = channelFor(platform, 102);
    const sub = await rig.subscribe(platform, channel);
    fakes.fault(platform, null, 'slow');
    const bot = deliveringProcess(rig.dbPath, platform, 'run');
    // A child process starting tsx, Bolt or discord.js can take a while on a loaded machine.
    await fakes[platform].server.waitForCount(postsTo(channel), 2, 60_000);
    bot.child.kill('SIGKILL');
    await bot.exited;
    fakes[platform].faults.length = 0;
    expect(fakes.messages(platform, channel)).toHaveLength(2);

    const { report, messages, delivery } = await recoverAndCount(channel, sub.id);
    expect(report.recovered).toBe(1);
    expectEveryPartOnce(messages, delivery);
  }, 90_000);
});
