// The console in a real 80-column terminal (tmux), as a new user meets it: a clean prompt, a
// blank line between replies, text wrapped to the terminal, bold instead of ** marks, bare
// `help`/`quit`, `/quit please`, Ctrl-C with status 130.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hasTmux, Terminal } from '../helpers/terminal.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefbot-tty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let term: Terminal | undefined;
afterEach(() => term?.close());

const PROMPT = 'briefbot> ';
const promptCount = (s: string) => s.split('\n').filter((l) => l.startsWith(PROMPT.trimEnd())).length;
/** Waits until the console is back at an empty prompt after `n` prompts in all. */
const atPrompt = (t: Terminal, n: number) => t.waitForScreen((s) => promptCount(s) >= n && s.endsWith(PROMPT.trimEnd()), `prompt ${n}`);

function startConsole(env: Record<string, string> = {}): Terminal {
  term = Terminal.start([process.execPath, '--import', 'tsx', 'src/main.ts'], { BRIEFBOT_DB: join(dir, `${Math.random().toString(36).slice(2)}.db`), ...env });
  return term;
}

describe.skipIf(!hasTmux)('console in a terminal', { timeout: 90_000 }, () => {
  it('a new user at 80 columns: store path, wrapped replies, bold for marks, a blank line before the next prompt', async () => {
    const t = startConsole();
    const first = await atPrompt(t, 1);
    expect(first).toMatch(/^briefbot console: type a question, or \/help for commands, \/quit to leave\.$/m);
    expect(first).toMatch(/^Store: .*\.db$/m);
    t.type('how many troops did north korea send?');
    await atPrompt(t, 2);
    t.type('/search troops');
    const screen = await atPrompt(t, 3);
    // Wrapped by the bot at the terminal's width, not by the terminal: no line reaches column 80.
    for (const line of screen.split('\n')) expect(line.length, line).toBeLessThan(80);
    expect(screen).toMatch(/as many as 12,000 troops/);
    // A blank line ends every reply, before the next prompt.
    expect(screen).toMatch(/\n\nbriefbot> \/search troops/);
    expect(screen).not.toContain('**');
    expect(screen).not.toContain('{"time"');
    // The search highlight is bold on the screen (SGR 1), not ** marks.
    expect(t.screen({ styles: true })).toMatch(/\u001b\[1m[Tt]roops/);
  });

  it('NO_COLOR: no styles, and still no raw marks', async () => {
    const t = startConsole({ NO_COLOR: '1' });
    await atPrompt(t, 1);
    t.type('/search troops');
    const screen = await atPrompt(t, 2);
    expect(screen).not.toContain('**');
    expect(t.screen({ styles: true })).not.toMatch(/\u001b\[1m/);
  });

  it('log lines go above the prompt, which stays clean', async () => {
    const t = startConsole({ LOG_LEVEL: 'info' });
    const screen = await t.waitForScreen((s) => s.includes('"msg":"ready"') && s.endsWith(PROMPT.trimEnd()), 'ready log and prompt');
    const lines = screen.split('\n');
    expect(lines.at(-1)).toBe(PROMPT.trimEnd());
    expect(lines.filter((l) => l.startsWith(PROMPT) && l.includes('{'))).toEqual([]);
  });

  it('bare `help` is /help and bare `quit` quits', async () => {
    const t = startConsole();
    await atPrompt(t, 1);
    t.type('help');
    const help = await atPrompt(t, 2);
    expect(help).toMatch(/\/ask/);
    expect(help).toMatch(/\/sources/);
    expect(help).not.toMatch(/couldn't find that/i);
    t.type('quit');
    await t.waitForScreen((s) => s.includes('[exit 0]'), 'exit 0');
  });

  it('`/quit please` quits', async () => {
    const t = startConsole();
    await atPrompt(t, 1);
    t.type('/quit please');
    await t.waitForScreen((s) => s.includes('[exit 0]'), 'exit 0');
  });

  it('Ctrl-C exits with status 130 and says so', async () => {
    const t = startConsole();
    await atPrompt(t, 1);
    t.key('C-c');
    const screen = await t.waitForScreen((s) => s.includes('[exit 130]'), 'exit 130');
    expect(screen).toMatch(/interrupted \(Ctrl-C\); exit status 130/);
  });

  it('`briefbot ask` with no question in a terminal prompts for one, and answers it', async () => {
    term = Terminal.start([process.execPath, 'bin/briefbot.js', 'ask'], { BRIEFBOT_DB: join(dir, 'ask.db') });
    const t = term;
    await t.waitForScreen((s) => s.includes('Type a question and press Enter') && s.endsWith('question>'), 'the question prompt');
    t.type('how many firms were sanctioned?');
    await t.waitForScreen((s) => s.includes('398 firms') && s.endsWith('question>'), 'the answer and the next prompt');
    t.key('C-d');
    await t.waitForScreen((s) => s.includes('[exit 0]'), 'exit 0');
  });
});
