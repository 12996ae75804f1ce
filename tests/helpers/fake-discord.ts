// A local stand-in for Discord: REST (gateway discovery, interaction callbacks, webhooks,
// channel messages with nonce enforcement, command registration) and a WebSocket gateway
// (HELLO, IDENTIFY → READY, heartbeat ACK, RESUME → RESUMED, dispatches) on one port.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { faultAnswer, RecordingServer, type Fault, type RecordedRequest } from './recording-server.ts';

export const APP_ID = '111111111111111111';
export const BOT_ID = APP_ID; // a bot user shares its application's id
export const GUILD_ID = '222222222222222222';
export const CHANNEL_ID = '333333333333333333';
/** Permission bits as Discord sends them (strings): Manage Server is 1 << 5. */
export const PERMS_MEMBER = String(1n << 10n | 1n << 11n); // view channel, send messages
export const PERMS_MANAGER = String(BigInt(PERMS_MEMBER) | (1n << 5n));

let snowflakeCounter = 0n;
export function snowflake(): string {
  return String(((BigInt(Date.now()) - 1420070400000n) << 22n) + snowflakeCounter++);
}

export interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export class GatewayConnection {
  readonly received: GatewayPayload[] = [];
  readonly sent: GatewayPayload[] = [];
  /** [id, total] from IDENTIFY, when the client sharded. */
  shard: [number, number] | undefined;
  constructor(
    readonly socket: WebSocket,
    readonly path: string,
  ) {}
  send(p: GatewayPayload): void {
    this.sent.push(p);
    this.socket.send(JSON.stringify(p));
  }
}

type Message = Record<string, unknown> & { id: string; channel_id: string; embeds: unknown[]; content: string };

export class FakeDiscord {
  readonly connections: GatewayConnection[] = [];
  readonly sessionId = randomBytes(8).toString('hex');
  private seq = 0;
  private payloadWaiters: (() => void)[] = [];
  /** Messages in channels (POST channels/{id}/messages), oldest first. */
  readonly channelMessages: Message[] = [];
  /** Nonces seen with enforce_nonce → the message created for them. */
  private readonly nonces = new Map<string, Message>();
  /** How many of the next channel-message posts answer 429. */
  rateLimitNext = 0;
  retryAfterSeconds = 0.01;
  /** Faults for the next channel-message posts, in order (null: answer normally): each message is stored, then the fault answers. */
  readonly faults: (Fault | null)[] = [];
  heartbeatIntervalMs = 41_250;
  /** What GET /gateway/bot recommends: more than 1 makes discord.js run several shards. */
  recommendedShards = 1;
  tokenOk = true;
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(readonly server: RecordingServer) {}

  static async start(): Promise<FakeDiscord> {
    const server = await RecordingServer.start();
    const fake = new FakeDiscord(server);
    fake.routes();
    server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.onConnection(ws, new URL(req.url ?? '/', 'http://x').pathname));
    });
    return fake;
  }

  /** The REST base to give discord.js (`rest.api`); it appends /v10. */
  get apiUrl(): string {
    return `${this.server.url}/api`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.server.port}`;
  }

  private routes(): void {
    const s = this.server;
    const v = '/api/v10';
    s.on('GET', `${v}/gateway/bot`, (req) => {
      if (!this.tokenOk || req.headers.authorization !== `Bot ${this.expectedToken}`) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      // max_concurrency lets every shard identify at once (discord.js waits 5 s per bucket otherwise).
      return { body: { url: `${this.wsUrl}/gateway`, shards: this.recommendedShards, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 16 } } };
    });
    s.on('POST', new RegExp(`^${v}/interactions/\\d+/[^/]+/callback$`), () => ({ status: 204 }));
    s.on('PATCH', new RegExp(`^${v}/webhooks/\\d+/[^/]+/messages/@original$`), (req) => ({ body: this.message(CHANNEL_ID, req.data, true) }));
    s.on('DELETE', new RegExp(`^${v}/webhooks/\\d+/[^/]+/messages/@original$`), () => ({ status: 204 }));
    s.on('POST', new RegExp(`^${v}/webhooks/\\d+/[^/]+$`), (req) => ({ body: this.message(CHANNEL_ID, req.data, true) }));
    s.on('POST', new RegExp(`^${v}/channels/\\d+/messages$`), (req) => {
      if (this.rateLimitNext > 0) {
        this.rateLimitNext--;
        return {
          status: 429,
          headers: { 'retry-after': String(this.retryAfterSeconds), 'x-ratelimit-scope': 'user' },
          body: { message: 'You are being rate limited.', retry_after: this.retryAfterSeconds, global: false },
        };
      }
      const channel = req.path.split('/')[4]!;
      if (channel === '999999999999999999') return { status: 403, body: { message: 'Missing Access', code: 50001 } };
      const d = (req.data ?? {}) as { nonce?: string; enforce_nonce?: boolean };
      // Like Discord: with enforce_nonce, a nonce seen recently returns the message it created.
      if (d.enforce_nonce && d.nonce !== undefined && this.nonces.has(String(d.nonce))) return { body: this.nonces.get(String(d.nonce)) };
      const msg = this.message(channel, req.data, false);
      this.channelMessages.push(msg);
      if (d.enforce_nonce && d.nonce !== undefined) this.nonces.set(String(d.nonce), msg);
      const fault = this.faults.shift();
      if (fault) return faultAnswer(fault);
      return { body: msg };
    });
    // Like Discord: newest first, and no nonce on fetched messages.
    s.on('GET', new RegExp(`^${v}/channels/\\d+/messages$`), (req) => {
      const channel = req.path.split('/')[4]!;
      const limit = Math.min(100, Number(req.query.get('limit') ?? 50));
      const before = req.query.get('before');
      const list = this.channelMessages
        .filter((m) => m.channel_id === channel && (!before || BigInt(m.id) < BigInt(before)))
        .reverse()
        .slice(0, limit)
        .map(({ nonce: _n, ...m }) => m);
      return { body: list };
    });
    s.on('PUT', new RegExp(`^${v}/applications/\\d+(/guilds/\\d+)?/commands$`), (req) => {
      const cmds = (req.data ?? []) as Record<string, unknown>[];
      return { body: cmds.map((c) => ({ id: snowflake(), application_id: APP_ID, version: snowflake(), ...c })) };
    });
  }

  /** Someone else's messages in a channel (busy channels push a briefing off the first page). */
  chatter(channel: string, count: number): void {
    for (let i = 0; i < count; i++) {
      const m = this.message(channel, { content: `chatter ${i}` }, false);
      this.channelMessages.push({ ...m, author: { id: '555555555555555555', username: 'someone', discriminator: '0', avatar: null, bot: false, global_name: null } });
    }
  }

  /** Discord remembers a nonce for a few minutes only: a recovery after that gets no help from it. */
  forgetNonces(): void {
    this.nonces.clear();
  }

  /** The token discord.js must present; set by the test. */
  expectedToken = '';

  private message(channel: string, data: unknown, fromWebhook: boolean): Message {
    const d = (data ?? {}) as { content?: string; embeds?: unknown[]; flags?: number; nonce?: string };
    return {
      id: snowflake(),
      type: fromWebhook ? 20 : 0,
      channel_id: channel,
      author: { id: BOT_ID, username: 'briefbot', discriminator: '0000', avatar: null, bot: true, global_name: null },
      content: d.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: d.embeds ?? [],
      pinned: false,
      flags: d.flags ?? 0,
      components: [],
      ...(fromWebhook ? { webhook_id: APP_ID, application_id: APP_ID } : {}),
      ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    };
  }

  private onConnection(ws: WebSocket, path: string): void {
    const conn = new GatewayConnection(ws, path);
    this.connections.push(conn);
    ws.on('message', (raw) => {
      let p: GatewayPayload;
      try {
        p = JSON.parse(String(raw)) as GatewayPayload;
      } catch {
        ws.close(4002, 'decode error');
        return;
      }
      conn.received.push(p);
      this.onPayload(conn, p);
      const waiters = this.payloadWaiters;
      this.payloadWaiters = [];
      waiters.forEach((w) => w());
    });
    conn.send({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  private onPayload(conn: GatewayConnection, p: GatewayPayload): void {
    switch (p.op) {
      case 1: // heartbeat
        conn.send({ op: 11 });
        break;
      case 2: // identify
        conn.shard = (p.d as { shard?: [number, number] } | undefined)?.shard;
        conn.send({
          op: 0,
          t: 'READY',
          s: ++this.seq,
          d: {
            v: 10,
            user: { id: BOT_ID, username: 'briefbot', discriminator: '0000', avatar: null, bot: true, global_name: null, flags: 0 },
            guilds: [],
            session_id: this.sessionId,
            resume_gateway_url: `${this.wsUrl}/resume`,
            shard: conn.shard ?? [0, 1],
            application: { id: APP_ID, flags: 0 },
            private_channels: [],
            relationships: [],
            user_settings: {},
            presences: [],
            guild_join_requests: [],
            geo_ordered_rtc_regions: [],
          },
        });
        break;
      case 6: {
        // resume
        const d = p.d as { session_id?: string };
        if (d.session_id === this.sessionId) conn.send({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} });
        else conn.send({ op: 9, d: false });
        break;
      }
    }
  }

  /** The newest open gateway connection. */
  get current(): GatewayConnection | undefined {
    return [...this.connections].reverse().find((c) => c.socket.readyState === WebSocket.OPEN);
  }

  /** Waits until some connection has received a payload matching. */
  async waitForPayload(predicate: (p: GatewayPayload, c: GatewayConnection) => boolean, timeoutMs = 10_000): Promise<GatewayConnection> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.connections.find((c) => c.received.some((p) => predicate(p, c)));
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('waitForPayload timed out');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.payloadWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The open connection that identified as shard `id`. */
  shardConnection(id: number): GatewayConnection | undefined {
    return [...this.connections].reverse().find((c) => c.socket.readyState === WebSocket.OPEN && c.shard?.[0] === id);
  }

  /** Sends a dispatch event on the current connection, or on shard `shard`'s. */
  dispatch(t: string, d: unknown, shard?: number): void {
    const conn = shard === undefined ? this.current : this.shardConnection(shard);
    if (!conn) throw new Error('no open gateway connection');
    conn.send({ op: 0, t, s: ++this.seq, d });
  }

  /** Closes the current connection the way Discord drops a session that may be resumed. */
  dropConnection(code = 4000): void {
    this.current?.socket.close(code, 'test drop');
  }

  /** Requests the bot made for one interaction token, by kind. */
  interactionRequests(token: string): { callback: RecordedRequest[]; edits: RecordedRequest[]; followUps: RecordedRequest[]; deletes: RecordedRequest[] } {
    const reqs = this.server.requests.filter((r) => r.path.includes(`/${token}`));
    return {
      callback: reqs.filter((r) => r.path.endsWith('/callback')),
      edits: reqs.filter((r) => r.method === 'PATCH'),
      followUps: reqs.filter((r) => r.method === 'POST' && r.path.endsWith(`/webhooks/${APP_ID}/${token}`)),
      deletes: reqs.filter((r) => r.method === 'DELETE'),
    };
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.terminate();
    this.wss.close();
    await this.server.close();
  }
}

export interface InteractionSpec {
  name: string;
  options?: { name: string; type: 3 | 4 | 5; value: string | number | boolean }[];
  userId?: string;
  permissions?: string;
  guildId?: string;
  channelId?: string;
}

/** The shard Discord routes a guild's events to: (guild_id >> 22) % shard count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A guild id whose events arrive on `shard` of `count`. */
export function guildOnShard(shard: number, count: number): string {
  for (let i = 1n; ; i++) {
    const id = String((i << 22n) + 7n);
    if (shardOf(id, count) === shard) return id;
  }
}

/** An INTERACTION_CREATE payload for a chat-input command in a guild text channel. */
export function chatInputInteraction(spec: InteractionSpec): { id: string; token: string } & Record<string, unknown> {
  const user = { id: spec.userId ?? '444444444444444444', username: 'alice', discriminator: '0', avatar: null, global_name: 'Alice', public_flags: 0 };
  return {
    id: snowflake(),
    application_id: APP_ID,
    type: 2,
    token: `itok_${randomBytes(12).toString('hex')}`,
    version: 1,
    data: { id: snowflake(), name: spec.name, type: 1, ...(spec.options ? { options: spec.options } : {}) },
    guild_id: spec.guildId ?? GUILD_ID,
    channel_id: spec.channelId ?? CHANNEL_ID,
    channel: { id: spec.channelId ?? CHANNEL_ID, type: 0, guild_id: spec.guildId ?? GUILD_ID, name: 'general', position: 0, permission_overwrites: [], nsfw: false, parent_id: null, flags: 0 },
    member: {
      user,
      roles: [],
      premium_since: null,
      permissions: spec.permissions ?? PERMS_MEMBER,
      pending: false,
      nick: null,
      mute: false,
      deaf: false,
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      flags: 0,
      avatar: null,
      communication_disabled_until: null,
    },
    app_permissions: PERMS_MEMBER,
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': spec.guildId ?? GUILD_ID },
    context: 0,
    attachment_size_limit: 8_388_608,
  };
}
