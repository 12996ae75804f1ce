// The terminal chat: reads `/command text` lines, runs them through the same dispatcher as Slack
// and Discord, prints the rendered replies. Lines are handled one at a time, in order.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Reply } from '../../core/reply.ts';
import type { ChatAdapter, CommandHandler, MessageRef, Responder } from '../chat-adapter.ts';
import { renderText } from './render-text.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting (when input is a terminal). */
  interactive: boolean;
  user?: string;
  /** Called when input ends, after the last reply. */
  onEnd?: () => void;
}

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console';
  private rl: ReturnType<typeof createInterface> | undefined;
  private posted = 0;

  constructor(private readonly opts: ConsoleOptions) {}

  private write(text: string): void {
    this.opts.output.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  async start(onCommand: CommandHandler): Promise<void> {
    const { input, output, interactive } = this.opts;
    const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: 'briefbot> ' });
    this.rl = rl;
    if (interactive) {
      this.write('briefbot console. Type /help for commands, /quit to leave.');
      rl.prompt();
    }
    // Serialise lines: piped input arrives all at once, answers must come out in order.
    let queue = Promise.resolve();
    let closed = false;
    rl.on('line', (line) => {
      queue = queue
        .then(() => this.handleLine(line, onCommand))
        .catch((err: unknown) => this.write(`Sorry, that failed: ${err instanceof Error ? err.message : String(err)}`))
        .then(() => {
          if (interactive && !closed) rl.prompt();
        });
    });
    // In a terminal, readline swallows Ctrl-C; treat it as leaving, like Ctrl-D.
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      closed = true;
      void queue.finally(() => this.opts.onEnd?.());
    });
  }

  private async handleLine(raw: string, onCommand: CommandHandler): Promise<void> {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line === '/quit' || line === '/exit') {
      this.rl?.close();
      return;
    }
    // A line without a slash is a question: the console's shortcut for /ask.
    const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
    const [command, text] = m ? [m[1]!, m[2]!] : ['ask', line];
    const responder: Responder = {
      acknowledge: async () => {},
      reply: async (r: Reply) => this.write(`${renderText(r)}\n`),
      replyPrivately: async (r: Reply) => this.write(`${renderText(r)}\n`),
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
    this.write(`${renderText(reply)}\n`);
    return { platform: 'console', channel, id: String(++this.posted) };
  }
}
