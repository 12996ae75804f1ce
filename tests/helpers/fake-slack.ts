// A local stand-in for Slack: the Web API methods briefbot calls (auth.test, chat.postMessage,
// conversations.history) and response_url endpoints, all on one recording server; plus a signer
// that builds slash-command requests exactly as Slack signs them.
import { createHmac, randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import { faultAnswer, RecordingServer, type Fault, type RecordedRequest, type RouteResult } from './recording-server.ts';

export const SLACK_TEAM = 'T0TEAM';
export const SLACK_BOT_USER = 'U0BOT';

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> } | undefined;
}

export class FakeSlack {
  /** Messages chat.postMessage accepted, per channel, newest last (what conversations.history returns). */
  readonly posted: PostedMessage[] = [];
  private tsCounter = 0;
  /** How many of the next chat.postMessage calls answer 429 (with Retry-After below). */
  rateLimitNext = 0;
  retryAfterSeconds = 0;
  /** Faults for the next chat.postMessage calls, in order (null: answer normally): each message is stored, then the fault answers. */
  readonly faults: (Fault | null)[] = [];
  /** Channels the bot is not a member of: posting works (chat:write.public), reading history does not. */
  readonly notMember = new Set<string>();
  authOk = true;
  /** What apps.connections.open answers: a URL, or this Slack error code. */
  connectionsError: string | undefined;

  /** Socket Mode: open connections and the acknowledgements received, by envelope id. */
  readonly sockets: WebSocket[] = [];
  readonly acks = new Map<string, unknown>();
  private ackWaiters: (() => void)[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(readonly server: RecordingServer) {}

  static async start(): Promise<FakeSlack> {
    const server = await RecordingServer.start();
    const fake = new FakeSlack(server);
    server.on('POST', '/api/auth.test', () =>
      fake.authOk
        ? { body: { ok: true, url: 'https://fake.slack.test/', team: 'Fake team', user: 'briefbot', team_id: SLACK_TEAM, user_id: SLACK_BOT_USER, bot_id: 'B0BOT' } }
        : { body: { ok: false, error: 'invalid_auth' } },
    );
    server.on('POST', '/api/chat.postMessage', (req) => {
      if (fake.rateLimitNext > 0) {
        fake.rateLimitNext--;
        return { status: 429, headers: { 'retry-after': String(fake.retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } };
      }
      const d = webApiArgs(req);
      const answer = fake.acceptPost(d);
      if (d.channel === 'C_GONE') return answer;
      // A fault after Slack kept the message: the answer is lost, the post is not.
      const fault = fake.faults.shift();
      return fault ? faultAnswer(fault) : answer;
    });
    // Edits and deletions of the bot's own messages (streaming answers), by channel and ts.
    server.on('POST', '/api/chat.update', (req) => {
      const d = webApiArgs(req);
      const m = fake.posted.find((x) => x.channel === d.channel && x.ts === d.ts);
      if (!m) return { body: { ok: false, error: 'message_not_found' } };
      m.text = String(d.text ?? '');
      m.blocks = (d.blocks as unknown[]) ?? [];
      return { body: { ok: true, channel: d.channel, ts: d.ts, text: d.text } };
    });
    server.on('POST', '/api/chat.delete', (req) => {
      const d = webApiArgs(req);
      const at = fake.posted.findIndex((x) => x.channel === d.channel && x.ts === d.ts);
      if (at < 0) return { body: { ok: false, error: 'message_not_found' } };
      fake.posted.splice(at, 1);
      return { body: { ok: true, channel: d.channel, ts: d.ts } };
    });
    server.on('POST', '/api/conversations.history', (req) => {
      const d = webApiArgs(req);
      if (fake.notMember.has(String(d.channel))) return { body: { ok: false, error: 'not_in_channel' } };
      const withMetadata = d.include_all_metadata === true || d.include_all_metadata === 'true';
      // Like Slack: newest first, at most `limit` per page (default 100), from `oldest`, paged by cursor.
      const limit = Number(d.limit ?? 100);
      const from = Number(d.cursor ?? 0);
      const all = fake.posted.filter((m) => m.channel === d.channel && (d.oldest === undefined || Number(m.ts) >= Number(d.oldest))).reverse();
      const messages = all
        .slice(from, from + limit)
        .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'B0BOT', ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
      const more = from + limit < all.length;
      return { body: { ok: true, messages, has_more: more, ...(more ? { response_metadata: { next_cursor: String(from + limit) } } : {}) } };
    });
    // response_url: Slack accepts the message and answers 200 "ok".
    server.on('POST', /^\/respond\//, () => ({ body: 'ok' }));
    // Socket Mode: the app-level token opens a WebSocket URL; Slack then says hello over it.
    server.on('POST', '/api/apps.connections.open', (req) => {
      if (fake.connectionsError) return { body: { ok: false, error: fake.connectionsError } };
      if (!String(req.headers.authorization).startsWith('Bearer xapp-')) return { body: { ok: false, error: 'not_allowed_token_type' } };
      return { body: { ok: true, url: `ws://127.0.0.1:${server.port}/link/?ticket=${randomUUID()}` } };
    });
    server.server.on('upgrade', (req, socket, head) => {
      fake.wss.handleUpgrade(req, socket, head, (ws) => {
        fake.sockets.push(ws);
        ws.on('message', (raw) => {
          const m = JSON.parse(String(raw)) as { envelope_id?: string; payload?: unknown };
          if (m.envelope_id) fake.acks.set(m.envelope_id, m.payload ?? null);
          const waiters = fake.ackWaiters;
          fake.ackWaiters = [];
          waiters.forEach((w) => w());
        });
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0APP' } }));
      });
    });
    return fake;
  }

  /** What chat.postMessage does with a message Slack takes: keeps it and answers with its ts. */
  acceptPost(d: Record<string, unknown>): RouteResult {
    if (d.channel === 'C_GONE') return { body: { ok: false, error: 'channel_not_found' } };
    const ts = this.nextTs();
    this.posted.push({ channel: String(d.channel), ts, text: String(d.text ?? ''), blocks: (d.blocks as unknown[]) ?? [], metadata: d.metadata as PostedMessage['metadata'] });
    return { body: { ok: true, channel: d.channel, ts, message: { ts, text: d.text } } };
  }

  /** Sends a slash command over the newest Socket Mode connection; returns its envelope id. */
  sendSlashCommand(fields: SlashCommandFields): string {
    const ws = [...this.sockets].reverse().find((s) => s.readyState === WebSocket.OPEN);
    if (!ws) throw new Error('no Socket Mode connection');
    const envelope_id = randomUUID();
    const payload = Object.fromEntries(new URLSearchParams(slashCommandBody(fields)));
    ws.send(JSON.stringify({ envelope_id, type: 'slash_commands', payload, accepts_response_payload: true }));
    return envelope_id;
  }

  async waitForAck(envelopeId: string, timeoutMs = 10_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    while (!this.acks.has(envelopeId)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no Socket Mode acknowledgement');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.ackWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.acks.get(envelopeId);
  }

  /** Like Slack: the message's time in epoch seconds, made unique by a counter after the point. */
  nextTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.tsCounter).padStart(6, '0')}`;
  }

  /** Someone else's message in a channel (busy channels push a briefing off the first history page). */
  chatter(channel: string, count: number): void {
    for (let i = 0; i < count; i++) this.posted.push({ channel, ts: this.nextTs(), text: `chatter ${i}`, blocks: [] });
  }

  get apiUrl(): string {
    return `${this.server.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.server.url}/respond/${id}`;
  }

  /** Messages sent to one response_url, in order. */
  responses(id: string): RecordedRequest[] {
    return this.server.matching((r) => r.path === `/respond/${id}`);
  }

  waitForResponse(id: string, timeoutMs?: number): Promise<RecordedRequest> {
    return this.server.waitFor((r) => r.path === `/respond/${id}`, timeoutMs);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await this.server.close();
  }
}

/** Web API arguments arrive form-encoded with JSON-encoded nested values (blocks, metadata). */
export function webApiArgs(req: RecordedRequest): Record<string, unknown> {
  const raw = (req.data ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // not JSON: keep the string
      }
    }
    out[k] = v === 'true' ? true : v === 'false' ? false : v;
  }
  return out;
}

export interface SlashCommandFields {
  command: string;
  text?: string;
  user_id?: string;
  channel_id?: string;
  response_url: string;
}

/** A slash-command form body as Slack sends it. */
export function slashCommandBody(f: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: SLACK_TEAM,
    team_domain: 'fake',
    channel_id: f.channel_id ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: f.user_id ?? 'U0ALICE',
    user_name: 'alice',
    command: f.command,
    text: f.text ?? '',
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: f.response_url,
    trigger_id: '1.2.3',
  }).toString();
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:timestamp:body"). */
export function sign(secret: string, body: string, timestampSec: number): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestampSec), 'x-slack-signature': signature };
}

/** POSTs a body to the bot's /slack/events, signed (or not), and returns the HTTP answer. */
export async function postToBolt(
  port: number,
  body: string,
  opts: { secret?: string; timestampSec?: number; headers?: Record<string, string>; contentType?: string } = {},
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const ts = opts.timestampSec ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
      ...(opts.secret ? sign(opts.secret, body, ts) : {}),
      ...opts.headers,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}
