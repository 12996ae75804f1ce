// The terminal chat: reads `/command text` lines, runs them through the same dispatcher as Slack
// and Discord, prints the rendered replies. Lines are handled one at a time, in order.
import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Reply } from '../../core/reply.ts';
import type { ChatAdapter, CommandHandler, MessageRef, Responder } from '../chat-adapter.ts';
import { DEFAULT_WIDTH, renderText, wantsColor } from './render-text.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting (when input is a terminal). */
  interactive: boolean;
  user?: string;
  /** The store's path, shown in the greeting. */
  storePath?: string;
  /** Environment bits for colour (NO_COLOR, TERM); default process.env. */
  env?: Record<string, string | undefined>;
  /** Called when input ends (end of input, /quit, Ctrl-C), after the last reply. */
  onEnd?: (reason: ConsoleEnd) => void;
}

export type ConsoleEnd = 'end of input' | 'quit' | 'interrupt';

/** Words typed without a slash that are commands, not questions. */
const BARE_COMMANDS: Record<string, string> = { help: '/help', quit: '/quit', exit: '/exit' };
const isQuit = (line: string) => /^\/(quit|exit)(\s|$)/i.test(line);

type Tty = Writable & { isTTY?: boolean; columns?: number };

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console';
  private rl: Interface | undefined;
  private posted = 0;
  /** The prompt is on screen, waiting for a line (log lines must go above it). */
  private prompting = false;
  private ending: ConsoleEnd | undefined;

  constructor(private readonly opts: ConsoleOptions) {}

  private get out(): Tty {
    return this.opts.output as Tty;
  }

  private write(text: string): void {
    this.opts.output.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** A reply as the terminal shows it: wrapped to its width, styled when colour is on; a blank line after. */
  private show(reply: Reply): void {
    const tty = this.out.isTTY === true;
    const width = tty && this.out.columns ? this.out.columns - 1 : DEFAULT_WIDTH;
    this.write(`${renderText(reply, { width, color: wantsColor(this.out, this.opts.env ?? process.env) })}\n\n`);
  }

  /** Writes a line (a log line) without breaking the prompt: above it, then the prompt again. */
  printAbovePrompt(line: string, stream: Writable): void {
    if (!this.prompting || !this.rl) {
      stream.write(`${line}\n`);
      return;
    }
    clearLine(this.opts.output, 0);
    cursorTo(this.opts.output, 0);
    stream.write(`${line}\n`);
    this.rl.prompt(true);
  }

  async start(onCommand: CommandHandler): Promise<void> {
    const { input, output, interactive } = this.opts;
    const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: 'briefbot> ' });
    this.rl = rl;
    const prompt = () => {
      this.prompting = true;
      rl.prompt();
    };
    if (interactive) {
      const store = this.opts.storePath ? `Store: ${this.opts.storePath}\n` : '';
      this.write(`briefbot console: type a question, or /help for commands, /quit to leave.\n${store}`);
      prompt();
    }
    // Serialise lines: piped input arrives all at once, answers must come out in order.
    let queue = Promise.resolve();
    let closed = false;
    let ignored = 0;
    rl.on('line', (line) => {
      this.prompting = false;
      // Lines that arrive after /quit (piped input is read ahead) are not run: say so rather than
      // run some of them while the bot is shutting down.
      if (this.ending) {
        if (line.trim() && !line.trim().startsWith('#')) ignored++;
        return;
      }
      const typed = BARE_COMMANDS[line.trim().toLowerCase()] ?? line;
      if (isQuit(typed.trim())) {
        this.ending = 'quit';
        queue = queue.then(() => rl.close());
        return;
      }
      queue = queue
        .then(() => this.handleLine(typed, onCommand))
        .catch((err: unknown) => this.write(`Sorry, that failed: ${err instanceof Error ? err.message : String(err)}`))
        .then(() => {
          if (interactive && !closed) prompt();
        });
    });
    // In a terminal, readline turns Ctrl-C into this event instead of a signal.
    rl.on('SIGINT', () => {
      this.ending ??= 'interrupt';
      rl.close();
    });
    rl.on('close', () => {
      closed = true;
      this.prompting = false;
      const reason = this.ending ?? 'end of input';
      if (interactive) this.write(''); // leave the prompt's line
      void queue.finally(() => {
        if (ignored) this.write(`(${ignored} line${ignored === 1 ? '' : 's'} after /quit not run)`);
        this.opts.onEnd?.(reason);
      });
    });
  }

  private async handleLine(raw: string, onCommand: CommandHandler): Promise<void> {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    // A line without a slash is a question: the console's shortcut for /ask.
    const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
    const [command, text] = m ? [m[1]!, m[2]!] : ['ask', line];
    const responder: Responder = {
      acknowledge: async () => {},
      reply: async (r: Reply) => this.show(r),
      replyPrivately: async (r: Reply) => this.show(r),
    };
    await onCommand(
      { command, text, user: { id: this.opts.user ?? 'console' }, channel: { id: 'console' }, platform: 'console', platformAdmin: true, raw: line },
      responder,
    );
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }

  async post(channel: string, reply: Reply): Promise<MessageRef> {
    this.show(reply);
    return { platform: 'console', channel, id: String(++this.posted) };
  }
}
