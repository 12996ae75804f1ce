// The port the core writes through when a language model is configured. The extractive path needs
// none of it; the OpenAI-compatible provider (openai-model.ts) is the one implementation.

export interface ModelMessage {
  role: 'system' | 'user';
  content: string;
}

export interface TokenUsage {
  prompt: number;
  completion: number;
}

export interface ModelRequest {
  /** What the request is for, in logs and counters: answer, summary, briefing. */
  task: string;
  messages: ModelMessage[];
  /** Upper bound on the reply's tokens. */
  maxTokens: number;
  /** Set: the reply is streamed and this is called with the whole text so far, as it grows. */
  onText?: ((textSoFar: string) => void) | undefined;
}

export interface ModelReply {
  text: string;
  /** Undefined when the server reported none (some local servers do not in streams). */
  usage: TokenUsage | undefined;
  model: string;
  /** Attempts made (2 after one retry). */
  attempts: number;
}

export type ModelFailureKind = 'timeout' | 'rate_limited' | 'server_error' | 'refused' | 'unreachable' | 'empty';

/** Why the model gave no usable reply; the core then falls back to the extractive path. */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** Counters a provider keeps; metrics and tests read them. */
export interface ModelCounters {
  requests: number;
  retries: number;
  failures: Partial<Record<ModelFailureKind, number>>;
  promptTokens: number;
  completionTokens: number;
}

export interface LanguageModel {
  /** The model's name as configured (OPENAI_MODEL), for logs and footers. */
  readonly name: string;
  readonly counters: ModelCounters;
  complete(req: ModelRequest): Promise<ModelReply>;
}
