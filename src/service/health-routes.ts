// GET /healthz (the process is up), /readyz (the store answers and every enabled platform is
// connected) and /metrics (Prometheus text). One request handler, mounted on its own server
// (BRIEFBOT_HTTP_PORT) and on Slack's HTTP receiver when Slack runs in HTTP mode.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Readiness {
  ready: boolean;
  /** One entry per check: `ok`, or why not. */
  checks: Record<string, string>;
}

export interface HealthSources {
  readiness(): Promise<Readiness>;
  /** Prometheus text exposition. */
  metrics(): Promise<string>;
}

export const HEALTH_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** A request handler for the three paths; returns false (and answers nothing) for any other path. */
export function healthRoutes(sources: HealthSources): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!HEALTH_PATHS.has(path)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return true;
    }
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const fail = () => send(500, 'text/plain', 'error\n');
    if (path === '/healthz') send(200, 'text/plain', 'ok\n');
    else if (path === '/readyz') {
      sources.readiness().then((r) => send(r.ready ? 200 : 503, 'application/json', `${JSON.stringify(r)}\n`), fail);
    } else sources.metrics().then((text) => send(200, 'text/plain; version=0.0.4; charset=utf-8', text), fail);
    return true;
  };
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** A server of its own for the health routes (BRIEFBOT_HTTP_PORT); every other path is 404. */
export function startHealthServer(port: number, host: string, sources: HealthSources): Promise<HealthServer> {
  const routes = healthRoutes(sources);
  const server: Server = createServer((req, res) => {
    if (!routes(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
