// Every command through the one dispatcher, as any platform would invoke it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { RecordingAdapter, recordingResponder, type CommandExchange } from '../../src/adapters/recording/recording-adapter.ts';
import { defineCommand } from '../../src/core/command.ts';
import { APOLOGY, commandMap, dispatch, type DispatchDeps } from '../../src/core/dispatch.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { paragraph, replyText, type Reply } from '../../src/core/reply.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

const secretCmd = defineCommand({
  name: 'purge',
  description: 'Admin-only test command',
  adminOnly: true,
  options: {},
  run: () => ({ sections: [paragraph('purged')] }),
});
const brokenCmd = defineCommand({
  name: 'broken',
  description: 'Fails unexpectedly',
  options: {},
  run: () => {
    throw new Error('database exploded at xoxb-1234567890-abcdefghij');
  },
});
const countCmd = defineCommand({
  name: 'count',
  description: 'Typed options',
  usage: '/count n:3 label:words',
  options: { n: { type: 'integer', description: 'How many', required: true }, label: { type: 'string', description: 'Label', choices: ['a', 'b'] } },
  run: ({ options }) => ({ sections: [paragraph(`n=${options.n} label=${options.label ?? '-'}`)] }),
});

let t: TestCore;
let deps: DispatchDeps;
const adapter = new RecordingAdapter({ platform: 'test' });
beforeAll(async () => {
  t = await makeTestCore();
  deps = { commands: commandMap([...commands, secretCmd, brokenCmd, countCmd]), core: t.core, log: t.log, admins: new Set(['U_ADMIN']) };
  await adapter.start((inv, responder) => dispatch(inv, responder, deps));
});
afterAll(async () => {
  await adapter.stop();
  await t.cleanup();
});

interface Seen {
  acknowledged: number;
  sent: { reply: Reply; private: boolean; text: string }[];
}
const seen = (x: CommandExchange): Seen => ({
  acknowledged: x.acknowledgements,
  sent: x.replies.map((r) => ({ ...r, text: replyText(r.reply) })),
});

/** Types `/command text` into the recording adapter, as a user on a platform would. */
async function run(command: string, text = '', where: { user?: string; admin?: boolean; options?: Record<string, string | number | boolean> } = {}) {
  return seen(await adapter.command(`/${command} ${text}`, { user: 'U_1', ...where }));
}

describe('dispatch', () => {
  it('acknowledges, then answers /ask in the channel with the cited sentence', async () => {
    const r = await run('ask', 'How many firms were sanctioned?');
    expect(r.acknowledged).toBe(1);
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]!.private).toBe(false);
    expect(r.sent[0]!.text).toMatch(/398 firms/);
    expect(r.sent[0]!.reply.sections.some((s) => s.kind === 'citations')).toBe(true);
  });

  it('says "not in my sources" with the closest sources when unsupported', async () => {
    const r = await run('ask', 'Who won the 2022 World Cup?');
    expect(r.sent[0]!.text).toMatch(/couldn't find that in my sources/);
  });

  it('answers /brief, /summary, /search, /sources and /help', async () => {
    expect((await run('brief', 'since:3650d')).sent[0]!.text).toMatch(/North Korean troops/);
    expect((await run('summary', 'north korean troops')).sent[0]!.text).toMatch(/^Summary: /);
    expect((await run('search', 'sanctions')).sent[0]!.text).toMatch(/\*\*sanctions\*\*/);
    expect((await run('sources')).sent[0]!.text).toMatch(/starter corpus/);
    const help = await run('help');
    expect(help.sent[0]!.private).toBe(true);
    for (const c of commands) expect(help.sent[0]!.text).toContain(`/${c.name}`);
  });

  it('refuses unknown commands privately', async () => {
    const r = await run('frobnicate', 'x');
    expect(r.sent).toEqual([expect.objectContaining({ private: true, text: expect.stringMatching(/don't know \/frobnicate/) })]);
  });

  it('refuses missing, unknown and malformed options privately, with usage', async () => {
    expect((await run('ask', '   ')).sent[0]).toMatchObject({ private: true, text: expect.stringMatching(/needs question/) });
    expect((await run('brief', 'since:forever-ish')).sent[0]).toMatchObject({ private: true, text: expect.stringMatching(/can't read "forever-ish"/) });
    expect((await run('brief', 'colour:red sanctions')).sent[0]).toMatchObject({ private: true, text: expect.stringMatching(/Unknown option `colour`/) });
    expect((await run('count', 'n:abc')).sent[0]).toMatchObject({ private: true, text: expect.stringMatching(/whole number.*Usage/) });
    expect((await run('count', 'n:2 label:z')).sent[0]).toMatchObject({ private: true, text: expect.stringMatching(/one of: a, b/) });
    expect((await run('count', 'n:2 label:b')).sent[0]!.text).toBe('n=2 label=b');
  });

  it('takes typed options as given (Discord)', async () => {
    const r = await run('count', '', { options: { n: 5 } });
    expect(r.sent[0]!.text).toBe('n=5 label=-');
  });

  it('refuses oversized input and control characters', async () => {
    expect((await run('ask', `${'why '.repeat(200)}?`)).sent[0]).toMatchObject({ private: true, text: expect.stringMatching(/too long/) });
    expect((await run('ask', 'what\u0000is this')).sent[0]).toMatchObject({ private: true, text: expect.stringMatching(/control characters/) });
  });

  it('lets admins run admin commands and refuses everyone else privately', async () => {
    expect((await run('purge')).sent[0]).toMatchObject({ private: true, text: expect.stringMatching(/for admins/) });
    expect((await run('purge', '', { user: 'U_ADMIN' })).sent[0]!.text).toBe('purged');
    expect((await run('purge', '', { admin: true })).sent[0]!.text).toBe('purged');
  });

  it('answers unexpected failures with a short apology and logs details without secrets', async () => {
    const r = await run('broken');
    expect(r.sent[0]).toMatchObject({ private: true, text: APOLOGY });
    const logged = t.logLines.find((l) => l.includes('command failed'));
    expect(logged).toMatch(/database exploded/);
    expect(logged).not.toMatch(/xoxb-1234567890/);
  });

  it('user-facing errors keep their message', async () => {
    const cmd = defineCommand({ name: 'nope', description: 'x', options: {}, run: () => { throw new UserFacingError('nope', 'Not today.'); } });
    const x: CommandExchange = { invocation: { command: 'nope', user: { id: 'U_1' }, channel: { id: 'C_1' }, platform: 'test' }, acknowledgements: 0, replies: [] };
    await dispatch(x.invocation, recordingResponder(x), { ...deps, commands: commandMap([cmd]) });
    expect(seen(x).sent[0]).toMatchObject({ private: true, text: 'Not today.' });
  });
});
