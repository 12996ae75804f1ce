// Slack: a Bolt app serving every command from commands/ through one handler. Slash commands are
// acknowledged at once and answered through respond() (in channel or ephemeral, as the command
// decides); unprompted posts go through chat.postMessage with the delivery id as message metadata,
// so a retry after a crash can find what was already posted.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, webApi, type Logger as BoltLogger, type RespondFn, type SlashCommand } from '@slack/bolt';
import type { Logger } from '../../core/log.ts';
import type { Reply } from '../../core/reply.ts';
import { PostError, type ChatAdapter, type CommandHandler, type CommandInvocation, type FindOptions, type MessagePart, type MessageRef, type PostOptions, type Responder } from '../chat-adapter.ts';
import { complete, MAX_HISTORY_PAGES, postParts } from '../post-parts.ts';
import { DEFAULT_POST_RETRY, withRateLimitRetry, type Classified, type RetryPolicy } from '../rate-limit.ts';
import { renderBlocks, SLACK_LIMITS, type SlackMessage } from './render-blocks.ts';
import { SlackRequestGuard } from './request-guard.ts';

export interface SlackAdapterOptions {
  botToken: string;
  signingSecret?: string | undefined;
  /** Set: Socket Mode (no public URL needed). Unset: the HTTP receiver on `port`. */
  appToken?: string | undefined;
  port: number;
  /** Listen address for the HTTP receiver (default: all interfaces). */
  host?: string | undefined;
  /** Web API base URL override (SLACK_API_URL), with a trailing slash. */
  apiUrl?: string | undefined;
  log: Logger;
  /** Web API retries on network and server errors for command replies (never for posts: see start()). */
  retries?: number;
  /** Bounded waits on 429 for unprompted posts. */
  postRetry?: RetryPolicy;
  /** Web API request timeout. */
  timeoutMs?: number;
  /** How long a Socket Mode start may take. */
  startTimeoutMs?: number;
  /** Extra GET routes served on the HTTP receiver's server (health and metrics); returns false for other paths. */
  routes?: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  /** Least time between two edits of a streaming answer (chat.update is Tier 3: about 50 a minute). */
  draftIntervalMs?: number;
  /** The clock request timestamps are checked against (tests). */
  now?: () => number;
}

/** chat.update is a Tier 3 method (50+ a minute per workspace): one edit every 1.5 s stays well inside it. */
export const SLACK_DRAFT_INTERVAL_MS = 1_500;

/** The metadata event type that marks briefbot's unprompted posts (scheduled briefings). */
export const DELIVERY_EVENT = 'briefbot_delivery';
/** Slack's HTTP payloads are a few KiB; anything far bigger is refused before it is read whole. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Slack accepts at most five messages per response_url. */
const MAX_RESPONSES = 5;

/** Bolt's logger interface onto the structured (redacting) log. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => log.debug(`bolt: ${text(msg)}`),
    info: (...msg: unknown[]) => log.info(`bolt: ${text(msg)}`),
    warn: (...msg: unknown[]) => log.warn(`bolt: ${text(msg)}`),
    error: (...msg: unknown[]) => log.error(`bolt: ${text(msg)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'restricted_action',
  'team_access_not_granted',
  'ekm_access_denied',
  'invalid_blocks',
  'msg_too_long',
]);

/** A Web API error → what a delivery should do about it. Never includes a token. */
export function classifySlackError(err: unknown): Classified {
  const e = err as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (e?.code === 'slack_webapi_rate_limited_error') return { kind: 'rate_limited', retryAfterMs: (e.retryAfter ?? 1) * 1000, message: 'Slack rate limit' };
  if (e?.code === 'slack_webapi_platform_error') {
    const code = e.data?.error ?? 'unknown_error';
    if (code === 'ratelimited') return { kind: 'rate_limited', retryAfterMs: 1000, message: 'Slack rate limit' };
    return { kind: PERMANENT_ERRORS.has(code) ? 'permanent' : 'transient', message: `Slack refused the message: ${code}` };
  }
  return { kind: 'transient', message: `Slack request failed: ${e?.message ?? String(err)}` };
}

/** Why a start-up call failed, in words for the operator (never a token). */
function describeFailure(err: unknown, call: string): string {
  const e = err as { code?: string; data?: { error?: string }; message?: string };
  if (e?.code === 'slack_webapi_platform_error') return `Slack refused ${call}: ${e.data?.error ?? 'unknown error'}`;
  return `Slack could not be reached (${call}: ${e?.message ?? String(err)})`;
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Reads a request body up to `limit` bytes; rejects (without reading on) when it is bigger. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new Error('too large'));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too large'));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Whether Bolt will parse this body to an object, the only shape it can handle. Mirrors Bolt's own
 * parser (HTTPModuleFunctions.parseHTTPRequestBody): exactly this content type is a form, whose
 * `payload` field (when there is one) is JSON; anything else is JSON.
 */
export function isObjectBody(body: Buffer, contentType: string | undefined): boolean {
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  try {
    const text = body.toString();
    if (contentType === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(text).getAll('payload');
      return payload.length !== 1 || isObject(JSON.parse(payload[0]!));
    }
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Keeps the first `keep` messages and says, in the last one, that the rest was left out. */
export function shortened(messages: SlackMessage[], keep: number): SlackMessage[] {
  const out = messages.slice(0, keep).map((m) => ({ ...m, blocks: [...m.blocks] }));
  const last = out[out.length - 1]!;
  if (last.blocks.length >= SLACK_LIMITS.blocksPerMessage) last.blocks.pop();
  last.blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: '_The rest of this reply is too long for Slack. Narrow it down, e.g. with a topic._' }] });
  return out;
}

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack';
  private app: App | undefined;
  private server: Server | undefined;
  private poster: InstanceType<typeof webApi.WebClient> | undefined;
  private socketModeStarted = false;
  private readonly log: Logger;

  constructor(private readonly opts: SlackAdapterOptions) {
    this.log = opts.log;
  }

  /** The HTTP receiver's port once started (useful with port 0). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  private clientOptions(): webApi.WebClientOptions {
    return {
      slackApiUrl: this.opts.apiUrl,
      retryConfig: { retries: this.opts.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
      timeout: this.opts.timeoutMs ?? 10_000,
      logger: boltLogger(this.log),
    };
  }

  async start(onCommand: CommandHandler): Promise<void> {
    const { botToken, signingSecret, appToken } = this.opts;
    const socketMode = !!appToken;
    if (!socketMode && !signingSecret) throw new Error('Slack needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)');
    const logger = boltLogger(this.log);
    const receiver = socketMode ? undefined : new HTTPReceiver({ signingSecret: signingSecret!, logger, endpoints: ['/slack/events'] });
    const app = new App({
      token: botToken,
      ...(socketMode ? { appToken, socketMode: true, installerOptions: { clientOptions: { slackApiUrl: this.opts.apiUrl } } } : { receiver }),
      logger,
      clientOptions: this.clientOptions(),
      // auth.test runs in start(), so a bad token fails start() instead of an unhandled rejection.
      deferInitialization: true,
    });
    this.app = app;
    // The posting client never re-sends by itself: a re-sent chat.postMessage whose first answer was
    // lost (5xx after storing, timeout, reset) is a second message. The scheduler retries instead,
    // after looking for the delivery id in the channel (findPosted).
    this.poster = new webApi.WebClient(botToken, { ...this.clientOptions(), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });

    app.command(/^\/.+/, async ({ command, ack, respond }) => {
      // Acknowledge before anything else: Slack gives three seconds.
      await ack();
      // Signed but incomplete (no one to answer, or no user/channel): nothing to do but note it.
      if (!respond || !command.user_id || !command.channel_id) {
        this.log.warn('slack slash command dropped: missing fields', { command: command.command });
        return;
      }
      await onCommand(this.invocation(command), this.responder(respond, command.channel_id));
    });
    app.error(async (err) => {
      this.log.error('slack handler failed', { err });
    });

    const api = this.opts.apiUrl ? ' and SLACK_API_URL' : '';
    try {
      await app.init();
    } catch (err) {
      throw new Error(`${describeFailure(err, 'auth.test')}. Check SLACK_BOT_TOKEN${api}.`);
    }
    if (socketMode) {
      try {
        // The Socket Mode client retries some failures forever; start-up must end, one way or the other.
        await withTimeout(app.start(), this.opts.startTimeoutMs ?? 30_000, 'no Socket Mode connection in time');
      } catch (err) {
        await app.stop().catch(() => {});
        throw new Error(`${describeFailure(err, 'apps.connections.open')}. Check SLACK_APP_TOKEN${api}.`);
      }
      this.socketModeStarted = true;
      this.log.info('slack connected (Socket Mode)');
      return;
    }
    this.server = await this.listen(receiver!);
    this.log.info('slack listening', { port: this.port, path: '/slack/events' });
  }

  /**
   * Our own HTTP server in front of Bolt's receiver: oversized bodies are refused unread, and
   * signatures are checked first (future timestamps and replays, which Bolt lets through).
   */
  private listen(receiver: HTTPReceiver): Promise<Server> {
    const guard = new SlackRequestGuard(this.opts.signingSecret!, this.opts.now);
    const server = createServer((req, res) => {
      if (this.opts.routes?.(req, res)) return;
      readBody(req, MAX_BODY_BYTES).then(
        (body) => {
          // Slack only POSTs; anything else is Bolt's to refuse.
          const verdict = req.method === 'POST' ? guard.check(req.headers, body) : ({ ok: true } as const);
          if (!verdict.ok) {
            this.log.warn('slack request refused', { reason: verdict.reason, path: req.url });
            res.writeHead(401).end();
            return;
          }
          if (!isObjectBody(body, req.headers['content-type'])) {
            // Bolt reads fields of whatever the body parses to; `null` would throw inside it, unhandled.
            this.log.warn('slack request refused: the body is not an object', { path: req.url });
            res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request\n');
            return;
          }
          (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body; // Bolt uses a pre-read body as is
          try {
            receiver.requestListener(req, res);
          } catch (err) {
            this.log.warn('slack request not handled', { err, path: req.url });
            if (!res.headersSent) res.writeHead(404).end();
          }
        },
        () => {
          this.log.warn('slack request refused: body too large', { path: req.url });
          res.writeHead(413, { connection: 'close' }).end();
        },
      );
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: this.opts.port, host: this.opts.host }, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  isConnected(): boolean {
    if (this.server) return this.server.listening;
    const receiver = (this.app as unknown as { receiver?: { client?: { websocket?: { isActive(): boolean } } } } | undefined)?.receiver;
    return this.socketModeStarted && receiver?.client?.websocket?.isActive() === true;
  }

  private invocation(c: SlashCommand): CommandInvocation {
    return {
      command: c.command.replace(/^\//, ''),
      text: c.text ?? '',
      user: { id: c.user_id, name: c.user_name },
      channel: { id: c.channel_id, name: c.channel_name },
      workspace: { id: c.team_id, name: c.team_domain },
      platform: 'slack',
      raw: c,
    };
  }

  private responder(respond: RespondFn, channel: string): Responder {
    let sent = 0;
    // A streaming answer is a message of the bot's own (chat.postMessage), edited as it grows
    // (chat.update); response_url messages cannot be edited by ts. The final reply replaces it.
    let draftTs: string | undefined;
    const draft = async (reply: Reply) => {
      const m = renderBlocks(reply)[0]!;
      if (!draftTs) {
        const res = await this.client().chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false });
        draftTs = res.ts;
      } else await this.client().chat.update({ channel, ts: draftTs, text: m.text, blocks: m.blocks });
    };
    const replaceDraft = async (reply: Reply): Promise<boolean> => {
      const ts = draftTs;
      if (!ts) return false;
      draftTs = undefined;
      const [first, ...rest] = renderBlocks(reply);
      try {
        await this.client().chat.update({ channel, ts, text: first!.text, blocks: first!.blocks });
        for (const m of rest) await this.client().chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false });
        return true;
      } catch (err) {
        // The draft could not be replaced: take it down and answer through response_url instead.
        this.log.warn('slack draft not replaced; answering with a new message', { err });
        await this.client().chat.delete({ channel, ts }).catch((e: unknown) => this.log.warn('slack draft not deleted', { err: e }));
        return false;
      }
    };
    const send = async (reply: Reply, isPrivate: boolean) => {
      if (!isPrivate && (await replaceDraft(reply))) return;
      let messages = renderBlocks(reply);
      if (sent + messages.length > MAX_RESPONSES) {
        this.log.warn('slack reply too long for one response_url; the end is cut', { messages: messages.length });
        messages = shortened(messages, Math.max(1, MAX_RESPONSES - sent));
      }
      for (const m of messages) {
        await respond({ response_type: isPrivate ? 'ephemeral' : 'in_channel', replace_original: false, text: m.text, blocks: m.blocks });
        sent++;
      }
    };
    return {
      acknowledge: async () => {}, // done before dispatch
      reply: (r) => send(r, r.private === true),
      replyPrivately: (r) => send(r, true),
      draft,
      draftIntervalMs: this.opts.draftIntervalMs ?? SLACK_DRAFT_INTERVAL_MS,
    };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      // Stop taking requests; idle keep-alive sockets would otherwise hold close() open.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
    if (this.socketModeStarted && this.app) {
      this.socketModeStarted = false;
      await this.app.stop().catch((err: unknown) => this.log.warn('slack stop failed', { err }));
    }
  }

  private client(): InstanceType<typeof webApi.WebClient> {
    if (!this.poster) throw new Error('Slack adapter is not started');
    return this.poster;
  }

  async post(channel: string, reply: Reply, opts: PostOptions = {}): Promise<MessageRef> {
    const messages = renderBlocks(reply);
    const policy = this.opts.postRetry ?? DEFAULT_POST_RETRY;
    return postParts('slack', channel, messages, opts, async (m, i) => {
      const res = await withRateLimitRetry(
        () =>
          this.client().chat.postMessage({
            channel,
            text: m.text,
            blocks: m.blocks,
            unfurl_links: false,
            unfurl_media: false,
            ...(opts.idempotencyKey
              ? { metadata: { event_type: DELIVERY_EVENT, event_payload: { delivery_id: opts.idempotencyKey, part: i + 1, parts: messages.length } } }
              : {}),
          }),
        classifySlackError,
        policy,
        (ms, attempt) => this.log.warn('slack rate limited; waiting', { channel, ms, attempt }),
      );
      return res.ts ?? '';
    });
  }

  /**
   * Looks through the channel's recent history for the messages carrying this delivery id, each
   * with its part number. Needs the bot in the channel (conversations.history answers
   * not_in_channel otherwise, even where chat:write.public lets it post).
   */
  async findPosted(channel: string, idempotencyKey: string, opts: FindOptions = {}): Promise<MessageRef | undefined> {
    const parts: MessagePart[] = [];
    const oldest = opts.since ? String(Math.floor(opts.since.getTime() / 1000)) : undefined;
    let cursor: string | undefined;
    // Newest first, back to the claim: a busy channel may have pushed the briefing off the first page.
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      let res;
      try {
        res = await withRateLimitRetry(
          () => this.client().conversations.history({ channel, limit: 200, include_all_metadata: true, ...(oldest ? { oldest } : {}), ...(cursor ? { cursor } : {}) }),
          classifySlackError,
          this.opts.postRetry ?? DEFAULT_POST_RETRY,
        );
      } catch (err) {
        const e = err as PostError;
        const code = /: (\w+)$/.exec(e.message)?.[1];
        const why = code === 'not_in_channel' ? 'not_in_channel: invite the bot to the channel so it can check' : e.message;
        throw new PostError(`could not read the channel's recent messages (${why})`, e.kind, e.retryAfterMs);
      }
      for (const m of res.messages ?? []) {
        const md = m.metadata as { event_type?: string; event_payload?: { delivery_id?: unknown; part?: unknown; parts?: unknown } } | undefined;
        if (md?.event_type !== DELIVERY_EVENT || md.event_payload?.delivery_id !== idempotencyKey || !m.ts) continue;
        const part = Number(md.event_payload.part ?? 1);
        if (!parts.some((p) => p.part === part)) parts.push({ part, of: Number(md.event_payload.parts ?? 1), id: m.ts });
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor || complete(parts)) break;
    }
    if (!parts.length) return undefined;
    parts.sort((a, b) => a.part - b.part);
    return { platform: 'slack', channel, id: parts[0]!.id, parts };
  }
}
