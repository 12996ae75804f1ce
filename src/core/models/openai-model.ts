// The OpenAI-compatible provider: hosted OpenAI or any server speaking its chat-completions API
// (llama.cpp's llama-server, vLLM, Ollama's /v1, LM Studio, LiteLLM). The `openai` package is
// imported on the first request only, so a bot without a model never loads it.
//
// The SDK's own retries are off (maxRetries: 0): this module makes at most ONE retry, on 429 or
// 5xx, after the server's Retry-After when that is short enough; anything else is a ModelError
// and the core answers extractively. Every attempt has its own deadline (OPENAI_TIMEOUT_MS) that
// also covers reading a streamed reply to its end.
import { setTimeout as delay } from 'node:timers/promises';
// Types only: erased at run time, so nothing of the SDK loads until the first request.
import type * as OpenAISdk from 'openai';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { ModelError, type LanguageModel, type ModelCounters, type ModelReply, type ModelRequest, type TokenUsage } from './language-model.ts';

type OpenAIModule = typeof OpenAISdk;
type OpenAIClient = InstanceType<OpenAIModule['default']>;

export interface OpenAIModelOptions {
  apiKey: string;
  /** Undefined: hosted OpenAI. */
  baseUrl?: string | undefined;
  model: string;
  /** Per attempt, including reading a streamed reply. */
  timeoutMs: number;
  log: Logger;
  /** A Retry-After longer than this is not waited for: the core falls back at once. */
  maxRetryWaitMs?: number;
  /** Wait used before the retry when the server gave no Retry-After. */
  defaultRetryWaitMs?: number;
  /** Injected in tests so a Retry-After is honoured without a real wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Requests and tokens counted in the bot's metrics (briefbot_model_requests_total, briefbot_model_tokens_total). */
  metrics?: Pick<Metrics, 'modelRequest'> | undefined;
}

export const HOSTED_OPENAI = 'https://api.openai.com/v1';
const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;
const DEFAULT_RETRY_WAIT_MS = 500;

let sdk: Promise<OpenAIModule> | undefined;
/** The SDK module, loaded once, on first use. */
const loadSdk = () => (sdk ??= import('openai'));

/** Retry-After as milliseconds: OpenAI's retry-after-ms, or Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (headers?.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class OpenAIModel implements LanguageModel {
  readonly name: string;
  readonly counters: ModelCounters = { requests: 0, retries: 0, failures: {}, promptTokens: 0, completionTokens: 0 };
  private client: Promise<{ client: OpenAIClient; sdk: OpenAIModule }> | undefined;
  /** Set when the server refused `stream_options` (older local servers): streams are then asked for without usage. */
  private streamUsageRefused = false;

  constructor(private readonly opts: OpenAIModelOptions) {
    this.name = opts.model;
  }

  private connect() {
    this.client ??= loadSdk().then((mod) => ({
      sdk: mod,
      client: new mod.default({
        apiKey: this.opts.apiKey,
        baseURL: this.opts.baseUrl ?? HOSTED_OPENAI,
        // Everything explicit, so the SDK takes nothing from the environment (config.ts reads it).
        organization: null,
        project: null,
        webhookSecret: null,
        maxRetries: 0,
        timeout: this.opts.timeoutMs,
        logLevel: 'off',
      }),
    }));
    return this.client;
  }

  async complete(req: ModelRequest): Promise<ModelReply> {
    const started = performance.now();
    const log = this.opts.log.child({ task: req.task, model: this.name });
    this.counters.requests++;
    let attempts = 0;
    try {
      const { client, sdk: mod } = await this.connect();
      for (;;) {
        attempts++;
        try {
          const reply = await this.attempt(client, req);
          if (!reply.text.trim()) throw new ModelError('empty', 'the model returned an empty reply');
          if (reply.usage) {
            this.counters.promptTokens += reply.usage.prompt;
            this.counters.completionTokens += reply.usage.completion;
          }
          this.opts.metrics?.modelRequest('ok', reply.usage);
          log.info('model request', {
            ms: Math.round(performance.now() - started),
            attempts,
            streamed: !!req.onText,
            promptTokens: reply.usage?.prompt ?? null,
            completionTokens: reply.usage?.completion ?? null,
          });
          return { ...reply, attempts };
        } catch (err) {
          const failure = this.classify(err, mod);
          // A server that refuses stream_options gets the same request without it, once, at once.
          if (req.onText && failure.error.kind === 'refused' && failure.error.status === 400 && !this.streamUsageRefused) {
            this.streamUsageRefused = true;
            log.warn('model server refused stream_options; streaming without usage reports', { reason: failure.error.message });
            attempts--;
            continue;
          }
          const wait = failure.retryable ? (failure.retryAfterMs ?? this.opts.defaultRetryWaitMs ?? DEFAULT_RETRY_WAIT_MS) : undefined;
          const maxWait = this.opts.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
          if (attempts === 1 && wait !== undefined && wait <= maxWait) {
            this.counters.retries++;
            log.warn('model request failed; retrying once', { kind: failure.error.kind, status: failure.error.status, waitMs: wait });
            await (this.opts.sleep ?? ((ms: number) => delay(ms)))(wait);
            continue;
          }
          throw failure.error;
        }
      }
    } catch (err) {
      const e = err instanceof ModelError ? err : new ModelError('unreachable', err instanceof Error ? err.message : String(err));
      this.counters.failures[e.kind] = (this.counters.failures[e.kind] ?? 0) + 1;
      this.opts.metrics?.modelRequest(e.kind);
      log.warn('model request failed', { kind: e.kind, status: e.status, attempts, ms: Math.round(performance.now() - started), reason: e.message });
      throw e;
    }
  }

  /** One request with its own deadline; streamed when the caller wants the text as it grows. */
  private async attempt(client: OpenAIClient, req: ModelRequest): Promise<Omit<ModelReply, 'attempts'>> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.opts.timeoutMs);
    const base = { model: this.name, messages: req.messages, max_tokens: req.maxTokens, temperature: 0 };
    const options = { signal: deadline.signal, timeout: this.opts.timeoutMs };
    try {
      if (!req.onText) {
        const res = await client.chat.completions.create({ ...base, stream: false }, options);
        const usage = res.usage ? { prompt: res.usage.prompt_tokens, completion: res.usage.completion_tokens } : undefined;
        return { text: res.choices[0]?.message?.content ?? '', usage, model: res.model || this.name };
      }
      const wantUsage = this.streamUsageRefused ? {} : { stream_options: { include_usage: true } };
      const stream = await client.chat.completions.create({ ...base, stream: true, ...wantUsage }, options);
      let text = '';
      let usage: TokenUsage | undefined;
      let model = this.name;
      for await (const chunk of stream) {
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = { prompt: chunk.usage.prompt_tokens, completion: chunk.usage.completion_tokens };
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          text += delta;
          req.onText(text);
        }
      }
      return { text, usage, model };
    } catch (err) {
      // Our own deadline surfaces as an abort; say what it was.
      if (deadline.signal.aborted) throw new ModelError('timeout', `no complete reply within ${this.opts.timeoutMs} ms`);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private classify(err: unknown, mod: OpenAIModule): { error: ModelError; retryable: boolean; retryAfterMs?: number | undefined } {
    if (err instanceof ModelError) return { error: err, retryable: false };
    if (err instanceof mod.APIConnectionTimeoutError) return { error: new ModelError('timeout', `no reply within ${this.opts.timeoutMs} ms`), retryable: false };
    if (err instanceof mod.APIConnectionError) return { error: new ModelError('unreachable', `the model server could not be reached (${err.message})`), retryable: false };
    if (err instanceof mod.APIError && typeof err.status === 'number') {
      const after = retryAfterMs(err.headers as { get(name: string): string | null } | undefined);
      if (err.status === 429) return { error: new ModelError('rate_limited', 'the model server is rate limiting requests (429)', 429), retryable: true, retryAfterMs: after };
      if (err.status >= 500) return { error: new ModelError('server_error', `the model server failed (${err.status})`, err.status), retryable: true, retryAfterMs: after };
      return { error: new ModelError('refused', `the model server refused the request (${err.status}: ${err.message})`, err.status), retryable: false };
    }
    return { error: new ModelError('unreachable', err instanceof Error ? err.message : String(err)), retryable: false };
  }
}

/** Where requests go, for logs: scheme and host only (a URL may carry credentials). */
export function describeServer(baseUrl: string | undefined): string {
  try {
    const u = new URL(baseUrl ?? HOSTED_OPENAI);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'unknown';
  }
}
