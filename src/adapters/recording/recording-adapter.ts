// A real ChatAdapter that keeps everything it is asked to send (Hubot-style test double).
// It behaves like a strict platform: an idempotency key is honoured like Discord's nonce with
// enforce_nonce (the same key returns the message already posted, never a second one), posts can
// be told to fail like the platform would (PostError), and commands typed into it go through the
// same handler every adapter gets.
import type { CommandInvocation } from '../../core/command.ts';
import type { Reply } from '../../core/reply.ts';
import type { ChatAdapter, CommandHandler, MessageRef, PostOptions, Responder } from '../chat-adapter.ts';

export interface RecordedMessage {
  id: string;
  channel: string;
  reply: Reply;
  idempotencyKey?: string | undefined;
  at: Date;
}

export interface PostAttempt {
  channel: string;
  idempotencyKey?: string | undefined;
  at: Date;
  /** posted: a new message; deduplicated: the key was known, the earlier message was returned. */
  outcome: 'posted' | 'deduplicated' | 'failed';
  error?: Error | undefined;
}

export interface CommandExchange {
  invocation: CommandInvocation;
  /** How many times the command was acknowledged (a platform accepts exactly one). */
  acknowledgements: number;
  replies: { reply: Reply; private: boolean }[];
}

export interface RecordingAdapterOptions {
  platform?: string;
  /** The clock stamped on recorded posts (inject the test's clock). */
  now?: () => Date;
  /** Simulated platform latency per post, on an injected sleep (virtual time in tests). */
  latency?: { ms: number; sleep: (ms: number) => Promise<void> };
  /** Whether findPosted is offered (Slack-like lookup); without it only the key dedupes (Discord-like). */
  lookup?: boolean;
}

export class RecordingAdapter implements ChatAdapter {
  readonly platform: string;
  /** Messages that exist in channels, in order. */
  readonly messages: RecordedMessage[] = [];
  /** Every post() call, including refused and deduplicated ones. */
  readonly attempts: PostAttempt[] = [];
  readonly exchanges: CommandExchange[] = [];
  inFlight = 0;
  maxInFlight = 0;
  findPosted?: (channel: string, idempotencyKey: string) => Promise<MessageRef | undefined>;
  private handler: CommandHandler | undefined;
  private readonly failures: { remaining: number; error: () => Error }[] = [];
  private readonly channelFailures = new Map<string, () => Error>();
  private readonly now: () => Date;
  private started = false;

  constructor(private readonly opts: RecordingAdapterOptions = {}) {
    this.platform = opts.platform ?? 'recording';
    this.now = opts.now ?? (() => new Date());
    if (opts.lookup !== false) {
      this.findPosted = async (channel, key) => {
        const m = this.messages.find((x) => x.channel === channel && x.idempotencyKey === key);
        return m && { platform: this.platform, channel, id: m.id };
      };
    }
  }

  async start(onCommand: CommandHandler): Promise<void> {
    this.handler = onCommand;
    this.started = true;
  }

  async stop(): Promise<void> {
    this.started = false;
  }

  /** The next `count` posts fail with this error (a PostError, or anything a client might throw). */
  failNext(count: number, error: Error | (() => Error)): void {
    this.failures.push({ remaining: count, error: typeof error === 'function' ? error : () => error });
  }

  /** Every post to this channel fails (kicked, archived) until cleared with `undefined`. */
  failChannel(channel: string, error: Error | (() => Error) | undefined): void {
    if (!error) this.channelFailures.delete(channel);
    else this.channelFailures.set(channel, typeof error === 'function' ? error : () => error);
  }

  messagesIn(channel: string): RecordedMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  async post(channel: string, reply: Reply, opts: PostOptions = {}): Promise<MessageRef> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const attempt: PostAttempt = { channel, idempotencyKey: opts.idempotencyKey, at: this.now(), outcome: 'failed' };
    this.attempts.push(attempt);
    try {
      if (this.opts.latency) await this.opts.latency.sleep(this.opts.latency.ms);
      const failure = this.channelFailures.get(channel) ?? this.takeFailure();
      if (failure) {
        attempt.error = failure();
        throw attempt.error;
      }
      const known = opts.idempotencyKey ? this.messages.find((m) => m.channel === channel && m.idempotencyKey === opts.idempotencyKey) : undefined;
      if (known) {
        attempt.outcome = 'deduplicated';
        await opts.onPart?.({ part: 1, of: 1, id: known.id });
        return { platform: this.platform, channel, id: known.id };
      }
      const message: RecordedMessage = { id: `m${this.messages.length + 1}`, channel, reply, idempotencyKey: opts.idempotencyKey, at: this.now() };
      this.messages.push(message);
      attempt.outcome = 'posted';
      // One message per reply here: it is part 1 of 1.
      await opts.onPart?.({ part: 1, of: 1, id: message.id });
      return { platform: this.platform, channel, id: message.id };
    } finally {
      this.inFlight--;
    }
  }

  private takeFailure(): (() => Error) | undefined {
    const f = this.failures[0];
    if (!f) return undefined;
    if (--f.remaining <= 0) this.failures.shift();
    return f.error;
  }

  /**
   * Types a command as a user would ("/subscribe 08:00 Europe/Berlin") and returns what the bot
   * answered. `admin` sets the platform's admin flag (Discord's Manage Server).
   */
  async command(
    line: string,
    where: { channel?: string; user?: string; admin?: boolean; workspace?: string; options?: Record<string, string | number | boolean> } = {},
  ): Promise<CommandExchange> {
    if (!this.handler || !this.started) throw new Error('RecordingAdapter: start() it before typing commands');
    const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(line.trim());
    if (!m) throw new Error(`not a command: ${line}`);
    const invocation: CommandInvocation = {
      command: m[1]!,
      ...(where.options ? { options: where.options } : { text: m[2]! }),
      user: { id: where.user ?? 'U1' },
      channel: { id: where.channel ?? 'C1' },
      ...(where.workspace ? { workspace: { id: where.workspace } } : {}),
      platform: this.platform,
      platformAdmin: where.admin ?? false,
      raw: line,
    };
    const exchange: CommandExchange = { invocation, acknowledgements: 0, replies: [] };
    this.exchanges.push(exchange);
    await this.handler(invocation, recordingResponder(exchange));
    return exchange;
  }
}

/** A Responder that keeps the replies in an exchange (usable on its own with dispatch). */
export function recordingResponder(exchange: Pick<CommandExchange, 'acknowledgements' | 'replies'>): Responder {
  return {
    acknowledge: async () => {
      exchange.acknowledgements++;
    },
    reply: async (reply) => {
      exchange.replies.push({ reply, private: reply.private === true });
    },
    replyPrivately: async (reply) => {
      exchange.replies.push({ reply, private: true });
    },
  };
}
