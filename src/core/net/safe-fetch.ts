// Fetching a URL someone typed in a chat, safely. undici (the HTTP client inside Node's fetch)
// does the HTTP work with connect, header and body timeouts; its connector takes our `lookup`, so
// every address a name resolves to is checked after DNS resolution, on the socket that is about
// to be opened — no gap for a name that resolves differently on a second lookup. Redirects are
// followed by hand (at most 5), each hop checked again (scheme, IP literal, then DNS on connect).
// The body is read as a stream and cut off at the size cap; the whole fetch has a deadline.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import type { Agent, Dispatcher } from 'undici';
import { UserFacingError } from '../errors.ts';
import { ipLiteral, refusedRange } from './address-policy.ts';

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface FetchPolicy {
  /** BRIEFBOT_ALLOW_PRIVATE_URLS: private and loopback addresses allowed (a lab, or tests). */
  allowPrivate: boolean;
  maxBytes: number;
  connectTimeoutMs: number;
  /** From the request to the last byte of the body, redirects included. */
  totalTimeoutMs: number;
  maxRedirects: number;
  userAgent: string;
  /** Name → addresses; the system resolver by default. Tests map names to 127.0.0.1. */
  resolve?: Resolver | undefined;
  /**
   * Address → the name of its refused range, or undefined when fetching from it is fine
   * (refusedRange by default). Tests stand a local server in for a public site with it, to check
   * that a redirect from there to a private address is still refused.
   */
  addressCheck?: ((address: string) => string | undefined) | undefined;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  allowPrivate: false,
  maxBytes: 5 * 1024 * 1024,
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 20_000,
  maxRedirects: 5,
  userAgent: 'briefbot/0.1 (+news briefing bot)',
};

/** What the caller expects; `any` is a page or a feed (`briefbot ingest URL` reads either). */
export type ContentKind = 'article' | 'feed' | 'any';

const ACCEPT: Record<ContentKind, string> = {
  article: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5',
  feed: 'application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8',
  any: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,text/plain;q=0.5',
};

const TYPES: Record<ContentKind, RegExp> = {
  article: /^(text\/html|application\/xhtml\+xml|text\/plain)$/,
  // Feeds are served with every XML type there is, and sometimes as text/html or text/plain.
  feed: /^(application\/(rss|atom|rdf)\+xml|application\/xml|text\/xml|application\/x-rss\+xml|text\/html|text\/plain)$/,
  any: /^(text\/html|application\/xhtml\+xml|text\/plain|application\/(rss|atom|rdf)\+xml|application\/xml|text\/xml|application\/x-rss\+xml)$/,
};

export interface FetchOptions {
  kind: ContentKind;
  /** Conditional GET: the validators of the last successful fetch. */
  etag?: string | undefined;
  lastModified?: string | undefined;
}

export interface Fetched {
  /** After redirects. */
  url: string;
  status: number;
  /** Undefined on 304 Not Modified. */
  text?: string | undefined;
  contentType?: string | undefined;
  etag?: string | undefined;
  lastModified?: string | undefined;
  notModified: boolean;
}

/** Why a fetch failed, worded for the person who asked; nothing was stored. */
export class FetchError extends UserFacingError {}

const refuse = (code: string, message: string) => new FetchError(code, message);

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

const require = createRequire(import.meta.url);
let undiciModule: typeof Undici | undefined;
const undici = () => (undiciModule ??= require('undici') as typeof Undici);

export class SafeFetcher {
  readonly policy: FetchPolicy;
  /** Made on the first fetch: undici is a tenth of start-up's CPU, and most runs fetch nothing. */
  private agent: Agent | undefined;
  private readonly agentOptions: Agent.Options;
  /** Set by the lookup when it refuses an address, so the request's error can say why. */
  private readonly refusals = new Map<string, FetchError>();

  constructor(policy: Partial<FetchPolicy> = {}) {
    this.policy = { ...DEFAULT_FETCH_POLICY, ...policy };
    const resolve = this.policy.resolve ?? systemResolver;
    const check = this.policy.addressCheck ?? refusedRange;
    const lookup = (hostname: string, options: { all?: boolean; family?: number } | number, callback: LookupCallback) => {
      const all = typeof options === 'object' && options.all === true;
      resolve(hostname).then(
        (addresses) => {
          if (!addresses.length) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), all ? [] : '', 4);
          if (!this.policy.allowPrivate) {
            // One refused address refuses the name: a public and a private answer together is how rebinding starts.
            const bad = addresses.find((a) => check(a.address));
            if (bad) {
              const err = refuse('private_address', `${hostname} resolves to a ${check(bad.address)} address (${bad.address}); I only fetch from public addresses.`);
              this.refusals.set(hostname, err);
              return callback(Object.assign(new Error(err.message), { code: 'EBRIEFBOT_REFUSED' }), all ? [] : '', 4);
            }
          }
          if (all) callback(null, addresses);
          else callback(null, addresses[0]!.address, addresses[0]!.family);
        },
        (err: NodeJS.ErrnoException) => callback(err, all ? [] : '', 4),
      );
    };
    this.agentOptions = {
      connect: { timeout: this.policy.connectTimeoutMs, lookup } as Agent.Options['connect'],
      headersTimeout: this.policy.totalTimeoutMs,
      bodyTimeout: this.policy.totalTimeoutMs,
      // A fetch is a one-off; do not keep sockets to arbitrary hosts open.
      pipelining: 0,
    };
  }

  async fetch(rawUrl: string, opts: FetchOptions): Promise<Fetched> {
    let url = this.checkUrl(rawUrl);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.policy.totalTimeoutMs);
    try {
      for (let hop = 0; ; hop++) {
        const res = await this.requestOnce(url, opts, controller.signal);
        if (res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304) {
          discard(res);
          const location = header(res.headers, 'location');
          if (!location) throw refuse('bad_redirect', `${url.host} answered ${res.statusCode} without saying where to.`);
          if (hop + 1 > this.policy.maxRedirects) throw refuse('too_many_redirects', `more than ${this.policy.maxRedirects} redirects from ${rawUrl}.`);
          url = this.checkUrl(new URL(location, url).toString());
          continue;
        }
        return await this.readResponse(url, res, opts, controller.signal);
      }
    } catch (err) {
      throw this.explain(err, url, controller.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }

  /** http(s) only; an IP literal is checked here, since no DNS lookup happens for it. */
  private checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw refuse('bad_url', `“${raw}” is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('bad_scheme', `I only fetch http and https URLs, not ${url.protocol.replace(/:$/, '')}.`);
    if (url.username || url.password) throw refuse('bad_url', 'URLs with a user name or password are not fetched.');
    const ip = ipLiteral(url.hostname);
    const range = ip && (this.policy.addressCheck ?? refusedRange)(ip);
    if (range && !this.policy.allowPrivate) throw refuse('private_address', `${url.hostname} is a ${range} address; I only fetch from public addresses.`);
    return url;
  }

  private async requestOnce(url: URL, opts: FetchOptions, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = { 'user-agent': this.policy.userAgent, accept: ACCEPT[opts.kind], 'accept-encoding': 'identity' };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    const { Agent, request } = undici();
    this.agent ??= new Agent(this.agentOptions);
    return request(url, { method: 'GET', headers, signal, dispatcher: this.agent, maxRedirections: 0 });
  }

  private async readResponse(url: URL, res: Dispatcher.ResponseData, opts: FetchOptions, signal: AbortSignal): Promise<Fetched> {
    const etag = header(res.headers, 'etag');
    const lastModified = header(res.headers, 'last-modified');
    if (res.statusCode === 304) {
      discard(res);
      return { url: url.toString(), status: 304, notModified: true, etag: etag ?? opts.etag, lastModified: lastModified ?? opts.lastModified };
    }
    if (res.statusCode >= 400) {
      discard(res);
      throw refuse('http_error', `${url.host} answered HTTP ${res.statusCode}.`);
    }
    const typeHeader = header(res.headers, 'content-type') ?? '';
    const mime = typeHeader.split(';')[0]!.trim().toLowerCase();
    if (mime && !TYPES[opts.kind].test(mime)) {
      discard(res);
      throw refuse('bad_content_type', `${url.toString()} is ${mime}, not ${opts.kind === 'feed' ? 'an RSS or Atom feed' : opts.kind === 'any' ? 'a web page or a feed' : 'a web page'}.`);
    }
    const declared = Number(header(res.headers, 'content-length'));
    if (Number.isFinite(declared) && declared > this.policy.maxBytes) {
      discard(res);
      throw refuse('too_large', `${url.host} sent ${mb(declared)}; the limit is ${mb(this.policy.maxBytes)}.`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      if (signal.aborted) break;
      size += (chunk as Buffer).length;
      if (size > this.policy.maxBytes) {
        discard(res);
        throw refuse('too_large', `the response from ${url.host} is larger than ${mb(this.policy.maxBytes)}.`);
      }
      chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks);
    // NUL bytes in the first kilobytes: an image, a PDF, an archive, whatever the server called it.
    if (bytes.subarray(0, 4096).includes(0)) throw refuse('binary', `${url.toString()} is a binary file, not ${opts.kind === 'feed' ? 'a feed' : 'an article'}.`);
    return { url: url.toString(), status: res.statusCode, text: decode(bytes, typeHeader), contentType: mime || undefined, etag, lastModified, notModified: false };
  }

  private explain(err: unknown, url: URL, timedOut: boolean): Error {
    if (err instanceof FetchError) return err;
    const refusal = this.refusals.get(url.hostname);
    if (refusal) {
      this.refusals.delete(url.hostname);
      return refusal;
    }
    const code = (err as { code?: string } | undefined)?.code ?? '';
    if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return refuse('timeout', `${url.host} took longer than ${Math.round(this.policy.totalTimeoutMs / 1000)} s to answer.`);
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return refuse('timeout', `could not connect to ${url.host} within ${Math.round(this.policy.connectTimeoutMs / 1000)} s.`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return refuse('not_found', `${url.hostname} does not resolve.`);
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return refuse('unreachable', `could not reach ${url.host} (${code}).`);
    return refuse('fetch_failed', `could not fetch ${url.toString()} (${code || (err instanceof Error ? err.message : 'error')}).`);
  }
}

/** Drops a body we will not read; destroying it emits an abort error nobody needs to hear. */
function discard(res: Dispatcher.ResponseData): void {
  res.body.on('error', () => undefined);
  res.body.destroy();
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function decode(bytes: Buffer, contentType: string): string {
  const label = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(label ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
