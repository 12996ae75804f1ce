// A local HTTP server on 127.0.0.1 (port 0) that records every request and answers through
// routes. Tests wait on what arrived with waitFor(predicate), never a fixed sleep.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Decoded path without the query, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body parsed as JSON or form data (form fields as an object), when it is either. */
  data: unknown;
}

export interface RouteResult {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON. */
  body?: unknown;
  /** Drop the connection instead of answering (a reset, as a crashed proxy would). */
  reset?: boolean;
  /** Never answer (until the server closes): a platform slower than any client timeout. */
  hang?: boolean;
}

/**
 * What a platform can do to a request it has already acted on (stored the message): answer 500
 * or 503, never answer within the client's timeout, or drop the connection.
 */
export type Fault = '500' | '503' | 'slow' | 'reset';
export const FAULTS: readonly Fault[] = ['500', '503', 'slow', 'reset'];

export function faultAnswer(f: Fault): RouteResult {
  if (f === 'slow') return { hang: true };
  if (f === 'reset') return { reset: true };
  return { status: Number(f), body: f === '500' ? 'Internal Server Error' : 'Service Unavailable' };
}

export type Route = (req: RecordedRequest) => RouteResult | undefined | Promise<RouteResult | undefined>;

function parseBody(body: string, type: string | undefined): unknown {
  if (!body) return undefined;
  try {
    if (type?.includes('application/json')) return JSON.parse(body);
    if (type?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
    if (type?.includes('multipart/form-data')) {
      // discord.js sends message bodies as multipart when files could be involved: take the JSON part.
      const m = /name="payload_json"\r\n(?:Content-Type: [^\r\n]+\r\n)?\r\n([\s\S]*?)\r\n--/.exec(body);
      return m ? JSON.parse(m[1]!) : undefined;
    }
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: { method: string; path: RegExp; route: Route }[] = [];
  private waiters: { predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<RecordingServer> {
    const s = new RecordingServer();
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Answers `method` requests whose decoded path matches. Later routes win over earlier ones. */
  on(method: string, path: RegExp | string, route: Route): this {
    const re = typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
    this.routes.unshift({ method: method.toUpperCase(), path: re, route });
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body,
      data: parseBody(body, req.headers['content-type']),
    };
    let result: RouteResult | undefined;
    try {
      const match = this.routes.find((r) => r.method === rec.method && r.path.test(rec.path));
      result = match ? await match.route(rec) : { status: 404, body: { error: 'no route' } };
    } catch (err) {
      result = { status: 500, body: { error: String(err) } };
    }
    const r = result ?? { status: 204 };
    if (r.reset) req.socket.resetAndDestroy();
    else if (!r.hang) this.answer(res, r);
    // Recorded after the answer is written, so a waiter sees the request with its effects complete.
    this.requests.push(rec);
    this.waiters = this.waiters.filter((w) => {
      if (!w.predicate(rec)) return true;
      w.resolve(rec);
      return false;
    });
  }

  private answer(res: ServerResponse, r: RouteResult): void {
    const isJson = r.body !== undefined && typeof r.body !== 'string';
    res.writeHead(r.status ?? 200, { ...(isJson ? { 'content-type': 'application/json' } : {}), ...r.headers });
    res.end(r.body === undefined ? undefined : isJson ? JSON.stringify(r.body) : (r.body as string));
  }

  /** Resolves with the first recorded request (past or future) matching; rejects after timeoutMs. */
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    const seen = this.requests.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const got = this.requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'nothing';
        reject(new Error(`waitFor timed out after ${timeoutMs} ms; recorded: ${got}`));
      }, timeoutMs);
      const waiter = {
        predicate,
        resolve: (r: RecordedRequest) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits until `count` recorded requests match. */
  async waitForCount(predicate: (r: RecordedRequest) => boolean, count: number, timeoutMs = 10_000): Promise<RecordedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.filter(predicate);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`waitForCount: ${found.length} of ${count} after ${timeoutMs} ms`);
      await this.waitFor((r) => predicate(r) && !found.includes(r), left);
    }
  }

  matching(predicate: (r: RecordedRequest) => boolean): RecordedRequest[] {
    return this.requests.filter(predicate);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
