// The console adapter over in-memory streams: order, shortcuts, failures and the end of input.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/console-adapter.ts';
import type { CommandInvocation } from '../../src/core/command.ts';
import { paragraph } from '../../src/core/reply.ts';

function harness(handler: (inv: CommandInvocation) => Promise<string>) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  let ended!: () => void;
  const done = new Promise<void>((r) => (ended = r));
  const adapter = new ConsoleAdapter({ input, output, interactive: false, onEnd: () => ended() });
  const seen: CommandInvocation[] = [];
  void adapter.start(async (inv, responder) => {
    seen.push(inv);
    await responder.reply({ sections: [paragraph(await handler(inv))] });
  });
  return { input, done, seen, text: () => text };
}

describe('console adapter', () => {
  it('answers lines in order, treats plain lines as /ask, skips blanks and comments, ends with input', async () => {
    const h = harness(async (inv) => `${inv.command}:${inv.text}`);
    h.input.end('/brief since:7d\n\n# a comment\nwhat happened?\n/help\n');
    await h.done;
    expect(h.text().trim().split('\n').filter(Boolean)).toEqual(['brief:since:7d', 'ask:what happened?', 'help:']);
    expect(h.seen.every((i) => i.platform === 'console' && i.channel.id === 'console')).toBe(true);
  });

  it('keeps going after a handler throws, and /quit ends the session', async () => {
    const h = harness(async (inv) => {
      if (inv.text === 'boom') throw new Error('kaput');
      return `ok ${inv.text}`;
    });
    h.input.write('/ask boom\n/ask fine\n/quit\n');
    await h.done;
    expect(h.text()).toMatch(/Sorry, that failed: kaput/);
    expect(h.text()).toMatch(/ok fine/);
  });

  it('lines read after /quit are not run, and it says how many', async () => {
    const h = harness(async (inv) => `ok ${inv.text}`);
    h.input.write('/ask first\n/quit please\n/ask second\n# a comment\n/ask third\n');
    await h.done;
    expect(h.text()).toMatch(/ok first/);
    expect(h.text()).not.toMatch(/ok second|ok third/);
    expect(h.text()).toMatch(/\(2 lines after \/quit not run\)/);
  });

  it('bare help, quit and exit are commands, not questions', async () => {
    const h = harness(async (inv) => `${inv.command}:${inv.text}`);
    h.input.write('help\nHELP\nexit\n');
    await h.done;
    expect(h.seen.map((i) => i.command)).toEqual(['help', 'help']);
  });
});
