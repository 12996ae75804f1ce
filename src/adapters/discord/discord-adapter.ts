// Discord: a discord.js gateway client (Guilds intent only) serving the chat-input commands
// registered from commands/. Every command is deferred at once and answered with editReply()
// (plus follow-ups for long replies); private answers are ephemeral. Unprompted posts carry a
// nonce with enforce_nonce and a footer marker, so a retry can find what was already posted.
import { createHash } from 'node:crypto';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  RateLimitError,
  REST,
  Routes,
  Status,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { Logger } from '../../core/log.ts';
import type { Reply } from '../../core/reply.ts';
import { PostError, type ChatAdapter, type CommandHandler, type CommandInvocation, type FindOptions, type MessagePart, type MessageRef, type PostOptions, type Responder } from '../chat-adapter.ts';
import { complete, MAX_HISTORY_PAGES, postParts } from '../post-parts.ts';
import { DEFAULT_POST_RETRY, withRateLimitRetry, type Classified, type RetryPolicy } from '../rate-limit.ts';
import { renderEmbeds, type DiscordMessage } from './render-embeds.ts';

export interface DiscordAdapterOptions {
  token: string;
  applicationId?: string | undefined;
  /** REST base override (DISCORD_API_URL), e.g. `http://127.0.0.1:8080/api`; the version is appended. */
  apiUrl?: string | undefined;
  log: Logger;
  /** How long start() waits for the gateway to be ready. */
  readyTimeoutMs?: number;
  /** Bounded waits on 429 for unprompted posts. */
  postRetry?: RetryPolicy;
  /** REST retries on network and server errors. */
  retries?: number;
  restTimeoutMs?: number;
  /** Least time between two edits of a streaming answer. */
  draftIntervalMs?: number;
  /**
   * Gateway shards: 'auto' (Discord's recommended count, all in this process; one for a small bot)
   * or some of `count` shards, the rest run by other processes. Posts and replies go over REST,
   * which any shard's process can use for any channel.
   */
  shards?: 'auto' | { ids: number[]; count: number };
}

/** Message edits share Discord's per-route budget (about five per five seconds): one a second stays inside it. */
export const DISCORD_DRAFT_INTERVAL_MS = 1_000;

/** A Discord nonce (at most 25 characters) derived from a delivery id; hex, so it reads plainly in a footer. */
export function nonceFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20);
}

const markerFor = (nonce: string) => `ref ${nonce}`;

/** A REST error → what a delivery should do about it. */
export function classifyDiscordError(err: unknown): Classified {
  if (err instanceof RateLimitError) return { kind: 'rate_limited', retryAfterMs: err.retryAfter, message: `Discord rate limit on ${err.route}` };
  if (err instanceof DiscordAPIError) {
    if (err.status === 429) return { kind: 'rate_limited', retryAfterMs: 1000, message: 'Discord rate limit' };
    // 4xx: no access, unknown channel, bad payload; retrying the same request cannot succeed.
    const kind = err.status >= 400 && err.status < 500 ? 'permanent' : 'transient';
    return { kind, message: `Discord refused the message: ${err.status} ${err.code} ${err.message}` };
  }
  return { kind: 'transient', message: `Discord request failed: ${err instanceof Error ? err.message : String(err)}` };
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

type MessagePayload = { content?: string; embeds: DiscordMessage['embeds']; allowedMentions: { parse: [] } };
const payload = (m: DiscordMessage): MessagePayload => ({
  ...(m.content ? { content: m.content } : {}),
  embeds: m.embeds,
  // Nothing the bot writes may ping anyone, whatever an article says.
  allowedMentions: { parse: [] },
});

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord';
  private client: Client | undefined;
  private rest: REST | undefined;
  private readonly log: Logger;

  constructor(private readonly opts: DiscordAdapterOptions) {
    this.log = opts.log;
  }

  private restOptions() {
    return {
      ...(this.opts.apiUrl ? { api: this.opts.apiUrl } : {}),
      retries: this.opts.retries ?? 3,
      timeout: this.opts.restTimeoutMs ?? 15_000,
    };
  }

  async start(onCommand: CommandHandler): Promise<void> {
    const shards = this.opts.shards ?? 'auto';
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: this.restOptions(),
      // Past 2,500 servers Discord requires sharding; 'auto' follows its recommendation.
      ...(shards === 'auto' ? { shards: 'auto' as const } : { shards: shards.ids, shardCount: shards.count }),
    });
    this.client = client;
    client.on(Events.InteractionCreate, (interaction) => void this.handle(interaction, onCommand));
    client.on(Events.Error, (err) => this.log.error('discord client error', { err }));
    client.on(Events.ShardDisconnect, (ev, shard) => this.log.warn('discord gateway disconnected for good', { shard, code: ev.code }));
    client.on(Events.ShardReconnecting, (shard) => this.log.info('discord gateway reconnecting', { shard }));
    client.on(Events.ShardResume, (shard, replayed) => this.log.info('discord gateway resumed', { shard, replayed }));

    this.guardPackets(client);
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    try {
      await withTimeout(
        client.login(this.opts.token).then(() => ready),
        this.opts.readyTimeoutMs ?? 30_000,
        'the Discord gateway did not become ready in time',
      );
    } catch (err) {
      await client.destroy().catch(() => {});
      this.client = undefined;
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`Discord login failed: ${why}. Check DISCORD_TOKEN${this.opts.apiUrl ? ' and DISCORD_API_URL' : ''}.`);
    }
    // Posts get their own REST client that hands 429s back to us, so waits are bounded (rate-limit.ts).
    this.rest = new REST({ ...this.restOptions(), rejectOnRateLimit: () => true }).setToken(this.opts.token);
    this.log.info('discord connected', {
      user: client.user?.tag,
      application: client.application?.id,
      shards: [...client.ws.shards.keys()],
      shardCount: client.options.shardCount,
    });
  }

  /**
   * discord.js throws inside its gateway message handler on a malformed event, which surfaces as an
   * unhandled rejection (fatal in Node). Wrapping its (private, stable in v14) packet handler drops
   * such an event with a log line instead, and the client keeps serving.
   */
  private guardPackets(client: Client): void {
    const ws = client.ws as unknown as { handlePacket(packet?: unknown, shard?: unknown): boolean };
    const original = ws.handlePacket.bind(ws);
    ws.handlePacket = (packet?: unknown, shard?: unknown) => {
      try {
        return original(packet, shard);
      } catch (err) {
        this.log.warn('discord gateway event dropped: malformed', { event: (packet as { t?: unknown } | undefined)?.t, err });
        return false;
      }
    };
  }

  private async handle(interaction: Interaction, onCommand: CommandHandler): Promise<void> {
    if (!interaction.isChatInputCommand()) return;
    try {
      await onCommand(this.invocation(interaction), this.responder(interaction));
    } catch (err) {
      this.log.error('discord interaction failed', { err, command: interaction.commandName });
    }
  }

  private invocation(i: ChatInputCommandInteraction): CommandInvocation {
    const options: Record<string, string | number | boolean> = {};
    // A subcommand (`/feed list`) arrives as one option holding the typed ones.
    const subcommand = i.options.getSubcommand(false) ?? undefined;
    const data = subcommand ? (i.options.data[0]?.options ?? []) : i.options.data;
    for (const o of data) if (o.value !== undefined && o.value !== null) options[o.name] = o.value;
    return {
      command: i.commandName,
      options,
      ...(subcommand ? { subcommand } : {}),
      user: { id: i.user.id, name: i.user.username },
      channel: { id: i.channelId },
      ...(i.guildId ? { workspace: { id: i.guildId } } : {}),
      platform: 'discord',
      // Manage Server in this guild makes a Discord admin; in DMs nobody is (BRIEFBOT_ADMINS still applies).
      platformAdmin: i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true,
      raw: i,
    };
  }

  private responder(i: ChatInputCommandInteraction): Responder {
    let answered = false;
    const acknowledge = async (isPrivate: boolean) => {
      if (i.deferred || i.replied) return;
      await i.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    };
    const send = async (reply: Reply, isPrivate: boolean) => {
      await acknowledge(isPrivate);
      let messages = renderEmbeds(reply);
      if (!answered) {
        answered = true;
        if (isPrivate && !i.ephemeral) {
          // A public "thinking…" placeholder cannot turn private: remove it and answer in private follow-ups.
          await i.deleteReply();
        } else {
          await i.editReply(payload(messages[0]!));
          messages = messages.slice(1);
        }
      }
      for (const m of messages) await i.followUp({ ...payload(m), ...(isPrivate ? { flags: MessageFlags.Ephemeral } : {}) });
    };
    return {
      acknowledge: (opts) => acknowledge(opts?.private === true),
      reply: (r) => send(r, r.private === true),
      replyPrivately: (r) => send(r, true),
      // A streaming answer edits the deferred reply as it grows; the final reply edits it once more.
      draft: async (r) => {
        if (answered) return;
        await acknowledge(false);
        await i.editReply(payload(renderEmbeds(r)[0]!));
      },
      draftIntervalMs: this.opts.draftIntervalMs ?? DISCORD_DRAFT_INTERVAL_MS,
    };
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.destroy();
  }

  isConnected(): boolean {
    return this.client?.isReady() === true && this.client.ws.status === Status.Ready;
  }

  private restClient(): REST {
    if (!this.rest) throw new Error('Discord adapter is not started');
    return this.rest;
  }

  async post(channel: string, reply: Reply, opts: PostOptions = {}): Promise<MessageRef> {
    const nonce = opts.idempotencyKey ? nonceFor(opts.idempotencyKey) : undefined;
    const messages = renderEmbeds(reply, nonce ? { marker: markerFor(nonce) } : {});
    return postParts('discord', channel, messages, opts, async (m, i) => {
      const body = {
        ...(m.content ? { content: m.content } : {}),
        embeds: m.embeds,
        allowed_mentions: { parse: [] },
        // On every attempt (discord.js re-sends this same body on 5xx and timeouts): Discord returns
        // the earlier message instead of posting twice for the same nonce (for a few minutes).
        ...(nonce ? { nonce: i === 0 ? nonce : `${nonce}.${i}`, enforce_nonce: true } : {}),
      };
      const res = (await withRateLimitRetry(
        () => this.restClient().post(Routes.channelMessages(channel), { body }),
        classifyDiscordError,
        this.opts.postRetry ?? DEFAULT_POST_RETRY,
        (ms, attempt) => this.log.warn('discord rate limited; waiting', { channel, ms, attempt }),
      )) as { id: string };
      return res.id;
    });
  }

  /**
   * Looks through the channel's recent messages for the bot's messages with this delivery's
   * marker (`ref <nonce>`, and ` <part>/<of>` on a briefing of several messages). Fetched
   * messages carry no nonce on Discord, so the footer is what finds them after the nonce window.
   */
  async findPosted(channel: string, idempotencyKey: string, opts: FindOptions = {}): Promise<MessageRef | undefined> {
    const marker = markerFor(nonceFor(idempotencyKey));
    const self = this.client?.user?.id;
    const parts: MessagePart[] = [];
    const re = new RegExp(`${marker}(?: (\\d+)/(\\d+))?(?:$|\\s)`);
    let before: string | undefined;
    // Newest first, back to the claim: a busy channel may have pushed the briefing off the first page.
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      let messages;
      try {
        const query = new URLSearchParams({ limit: '100', ...(before ? { before } : {}) });
        messages = (await withRateLimitRetry(
          () => this.restClient().get(Routes.channelMessages(channel), { query }),
          classifyDiscordError,
          this.opts.postRetry ?? DEFAULT_POST_RETRY,
        )) as { id: string; author?: { id: string }; embeds?: { footer?: { text?: string } }[] }[];
      } catch (err) {
        const e = err as PostError;
        throw new PostError(`could not read the channel's recent messages (${e.message})`, e.kind, e.retryAfterMs);
      }
      for (const m of messages) {
        if (self && m.author?.id !== self) continue;
        for (const e of m.embeds ?? []) {
          const hit = re.exec(e.footer?.text ?? '');
          if (!hit) continue;
          const part = Number(hit[1] ?? 1);
          if (!parts.some((p) => p.part === part)) parts.push({ part, of: Number(hit[2] ?? 1), id: m.id });
        }
      }
      const last = messages.at(-1);
      if (messages.length < 100 || !last || complete(parts) || (opts.since && snowflakeTime(last.id) < opts.since.getTime())) break;
      before = last.id;
    }
    if (!parts.length) return undefined;
    parts.sort((a, b) => a.part - b.part);
    return { platform: 'discord', channel, id: parts[0]!.id, parts };
  }
}

/** When a Discord id (snowflake) was made: milliseconds since 2015 in its top bits. */
function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + 1_420_070_400_000;
}
