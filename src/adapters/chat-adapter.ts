// The port every chat platform implements. Adapters translate platform events into a
// CommandInvocation plus a Responder, and a Reply into platform messages; nothing else.
import type { CommandInvocation } from '../core/command.ts';
import type { Responder } from '../core/dispatch.ts';
import type { Reply } from '../core/reply.ts';

export type { CommandInvocation, Responder };

export type CommandHandler = (inv: CommandInvocation, responder: Responder) => Promise<void>;

export interface PostOptions {
  /** Idempotency key: the platform must not post twice for the same key (Discord nonce, Slack metadata). */
  idempotencyKey?: string;
  /** Parts (1-based) of a long reply that are already on the platform: not sent again. */
  skipParts?: ReadonlySet<number>;
  /** Called after each part is accepted, before the next goes out, so the caller can record it. */
  onPart?: (part: MessagePart) => void | Promise<void>;
  /** Aborted: send no further part (the caller's attempt timed out). */
  signal?: AbortSignal;
}

/** One message of a reply the platform's limits split into several. */
export interface MessagePart {
  part: number;
  of: number;
  id: string;
}

export interface FindOptions {
  /** Nothing of the delivery can be older than this (its claim): the search pages back to here. */
  since?: Date;
}

export interface MessageRef {
  platform: string;
  channel: string;
  /** The first message posted by this call (or found). */
  id: string;
  /** findPosted: every part of the delivery found on the platform (each carries its own idempotency mark). */
  parts?: MessagePart[];
}

export interface ChatAdapter {
  readonly platform: string;
  start(onCommand: CommandHandler): Promise<void>;
  stop(): Promise<void>;
  /** Posts a reply to a channel unprompted (scheduled briefings). Long replies become several messages. */
  post(channel: string, reply: Reply, opts?: PostOptions): Promise<MessageRef>;
  /** Optional: whether the platform connection is up right now (GET /readyz). */
  isConnected?(): boolean;
  /** Optional: finds the messages already posted with this idempotency key (used before retrying). */
  findPosted?(channel: string, idempotencyKey: string, opts?: FindOptions): Promise<MessageRef | undefined>;
}

/**
 * Why a post failed, so delivery can decide: retry later (transient), wait (rate_limited, with
 * the platform's Retry-After), or stop trying this channel (permanent: kicked, archived, no access).
 */
export class PostError extends Error {
  constructor(
    message: string,
    readonly kind: 'permanent' | 'rate_limited' | 'transient',
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PostError';
  }
}
