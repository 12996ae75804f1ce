// A real terminal for console tests: the command runs in a tmux pane of a given size, keys are
// typed into it, and the screen is read back as a user sees it (tmux capture-pane).
import { execFileSync } from 'node:child_process';
import { waitFor } from './wait-for.ts';

export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let n = 0;

export class Terminal {
  private constructor(private readonly socket: string) {}

  /** Starts `command` (argv) in a `cols` x `rows` terminal; after it exits the pane shows `[exit N]`. */
  static start(command: string[], env: Record<string, string>, size = { cols: 80, rows: 50 }): Terminal {
    const socket = `briefbot-test-${process.pid}-${++n}`;
    const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const vars = Object.entries({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm-256color', ...env })
      .map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    // `cat` keeps the pane open after the command ends, so its exit status stays readable.
    const script = `env -i ${vars} ${quoted}; echo "[exit $?]"; exec cat`;
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-x', String(size.cols), '-y', String(size.rows), '-c', process.cwd(), 'sh', '-c', script]);
    return new Terminal(socket);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Types a line and presses Enter. */
  type(line: string): void {
    this.tmux('send-keys', '-l', line);
    this.tmux('send-keys', 'Enter');
  }

  /** Sends a key by tmux name, e.g. C-c, C-d. */
  key(name: string): void {
    this.tmux('send-keys', name);
  }

  /** The screen and its scrollback as text; `styles` keeps the ANSI attributes. */
  screen(opts: { styles?: boolean } = {}): string {
    return this.tmux('capture-pane', '-p', '-S', '-', ...(opts.styles ? ['-e'] : [])).replace(/\s+$/, '');
  }

  async waitForScreen(predicate: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    return waitFor(
      () => {
        const s = this.screen();
        return predicate(s) ? s : undefined;
      },
      { timeoutMs, what },
    );
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}
