// A local web server on 127.0.0.1 (port 0) standing in for news sites and feeds: pages, feeds,
// redirects, a huge body, a server that never answers. Records every request (with its
// conditional-GET headers) so tests can assert what was asked, and when nothing was.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

export class WebServer {
  readonly requests: SeenRequest[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();

  private constructor() {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      this.requests.push({ path, headers: req.headers });
      const handler = this.routes.get(path);
      if (handler) handler(req, res);
      else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    });
  }

  static async start(): Promise<WebServer> {
    const s = new WebServer();
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** http://127.0.0.1:PORT, or the same port under another host name. */
  url(path = '/', host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  on(path: string, handler: Handler): this {
    this.routes.set(path, handler);
    return this;
  }

  page(path: string, body: string | (() => string), type = 'text/html; charset=utf-8', headers: Record<string, string> = {}): this {
    return this.on(path, (_req, res) => {
      res.writeHead(200, { 'content-type': type, ...headers });
      res.end(typeof body === 'function' ? body() : body);
    });
  }

  redirect(path: string, to: string, status = 302): this {
    return this.on(path, (_req, res) => {
      res.writeHead(status, { location: to });
      res.end();
    });
  }

  /** Answers headers, then never finishes the body (or never answers at all). */
  hang(path: string, sendHeaders = false): this {
    return this.on(path, (_req, res) => {
      this.hanging.add(res);
      if (sendHeaders) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body><p>Loading');
      }
    });
  }

  /** A body of `bytes` bytes of HTML, streamed without a Content-Length (or with it declared). */
  huge(path: string, bytes: number, declare = false): this {
    return this.on(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', ...(declare ? { 'content-length': String(bytes) } : {}) });
      const chunk = Buffer.from(`<p>${'word '.repeat(2000)}</p>`);
      let sent = 0;
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
  }

  hits(path: string): SeenRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function fixture(html: string, base: string): string {
  return html.replaceAll('{{BASE}}', base);
}
