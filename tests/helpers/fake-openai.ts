// A local OpenAI-compatible server (POST /v1/chat/completions) on 127.0.0.1, port 0, for the real
// `openai` client: chat.completion JSON, `text/event-stream` chunks ending in `data: [DONE]`, errors
// with Retry-After, and replies that never come (timeouts). Each request takes the next scripted
// reply (or the fallback `reply` function); every request is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  max_tokens?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
}

export interface OpenAIRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatBody;
}

export type Scripted =
  | { kind: 'json'; text: string; usage?: { prompt: number; completion: number } }
  /** Streams `chunks`; after `holdAfter` of them, waits for `until()` before sending the rest. */
  | { kind: 'stream'; chunks: string[]; holdAfter?: number; until?: () => Promise<unknown>; usage?: { prompt: number; completion: number } }
  | { kind: 'error'; status: number; headers?: Record<string, string>; message?: string }
  /** Accepts the request and never answers (until the server closes). */
  | { kind: 'hang' };

export class FakeOpenAI {
  readonly requests: OpenAIRequest[] = [];
  private readonly script: Scripted[] = [];
  /** Used when the script is empty. */
  reply: (req: OpenAIRequest) => Scripted = () => ({ kind: 'error', status: 500, message: 'nothing scripted' });
  private readonly open = new Set<ServerResponse>();
  private waiters: (() => void)[] = [];

  private constructor(readonly server: Server) {}

  static async start(): Promise<FakeOpenAI> {
    const server = createServer();
    const fake = new FakeOpenAI(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The base URL to give the client (OPENAI_BASE_URL). */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  queue(...replies: Scripted[]): this {
    this.script.push(...replies);
    return this;
  }

  /** Resolves once `count` requests have arrived. */
  async waitForRequests(count: number, timeoutMs = 10_000): Promise<OpenAIRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`waitForRequests: ${this.requests.length} of ${count}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.requests.slice(0, count);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rec: OpenAIRequest = { path: req.url ?? '/', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ChatBody };
    this.requests.push(rec);
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
    if (req.method !== 'POST' || !rec.path.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    let s: Scripted;
    try {
      s = this.script.shift() ?? this.reply(rec);
    } catch (err) {
      // A test's reply function that throws is a 500 with its message, not a crash of the suite.
      s = { kind: 'error', status: 500, message: `fake reply failed: ${String(err)}` };
    }
    // A streamed request gets a JSON reply's text as one chunk, as a real server would stream it.
    if (s.kind === 'json' && rec.body.stream) s = { kind: 'stream', chunks: [s.text], usage: s.usage };
    const id = `chatcmpl-${this.requests.length}`;
    const created = 1_730_000_000;
    const model = rec.body.model;
    switch (s.kind) {
      case 'hang':
        this.open.add(res);
        res.on('close', () => this.open.delete(res));
        return;
      case 'error':
        res.writeHead(s.status, { 'content-type': 'application/json', ...s.headers });
        res.end(JSON.stringify({ error: { message: s.message ?? `error ${s.status}`, type: 'server_error', code: null } }));
        return;
      case 'json': {
        const usage = s.usage ?? { prompt: 100, completion: 20 };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id,
            object: 'chat.completion',
            created,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: s.text, refusal: null }, finish_reason: 'stop', logprobs: null }],
            usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
          }),
        );
        return;
      }
      case 'stream': {
        this.open.add(res);
        res.on('close', () => this.open.delete(res));
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
        const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
          send({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
        chunk({ role: 'assistant', content: '' });
        for (const [i, c] of s.chunks.entries()) {
          if (s.holdAfter !== undefined && i === s.holdAfter && s.until) await s.until();
          if (res.destroyed) return;
          chunk({ content: c });
        }
        chunk({}, 'stop');
        if (rec.body.stream_options?.include_usage) {
          const usage = s.usage ?? { prompt: 100, completion: s.chunks.length };
          send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion } });
        }
        res.end('data: [DONE]\n\n');
        return;
      }
    }
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The number an answer prompt gave the passage matching `re` (so a scripted reply can cite it). */
export function passageNumber(req: OpenAIRequest, re: RegExp): number {
  const user = req.body.messages.find((m) => m.role === 'user')!.content;
  const block = user.split(/\n(?=\[\d+\] title:)/).find((b) => re.test(b));
  if (!block) throw new Error(`no passage matches ${re}`);
  return Number(/^\[(\d+)\]/.exec(block.trim())![1]);
}

/** The number a summary or briefing prompt gave the quoted sentence matching `re` (lines like `[3] "..."`). */
export function sentenceNumber(req: OpenAIRequest, re: RegExp): number {
  const user = req.body.messages.find((m) => m.role === 'user')!.content;
  const line = user.split('\n').find((l) => /^\[\d+\] "/.test(l) && re.test(l));
  if (!line) throw new Error(`no sentence matches ${re}`);
  return Number(/^\[(\d+)\]/.exec(line)![1]);
}
