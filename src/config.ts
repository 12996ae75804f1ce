// The only module that reads the environment. It reads it once, validates everything, and
// fails fast naming every bad variable (never its value: some are secrets).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from './core/project-root.ts';
import type { LogLevel } from './core/log.ts';

export interface SlackConfig {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  port: number;
  apiUrl: string | undefined;
}

export interface DiscordConfig {
  token: string;
  applicationId: string | undefined;
  apiUrl: string | undefined;
  /** Gateway shards this process runs: Discord's recommended count, or some of `count` shards. */
  shards: DiscordShards;
}

export type DiscordShards = 'auto' | { ids: number[]; count: number };

export interface OpenAIConfig {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  timeoutMs: number;
}

export interface HttpConfig {
  /** BRIEFBOT_HTTP_PORT: /healthz, /readyz and /metrics. */
  port: number;
  host: string;
}

export interface Config {
  /** Absolute path of the SQLite store. */
  dbPath: string;
  databaseUrl: string | undefined;
  slack: SlackConfig | undefined;
  discord: DiscordConfig | undefined;
  openai: OpenAIConfig | undefined;
  timezone: string;
  admins: Set<string>;
  allowPrivateUrls: boolean;
  /** /add and feeds: response size cap, whole-fetch deadline, default feed poll interval. */
  fetch: { maxBytes: number; timeoutMs: number; feedIntervalMinutes: number };
  catchUpHours: number;
  /** The health and metrics server; undefined when BRIEFBOT_HTTP_PORT is unset (off). */
  http: HttpConfig | undefined;
  /** LOG_FILE: log lines go to this file instead of stderr. */
  logFile: string | undefined;
  /** How long a process owns a claimed delivery before another may recover it (several processes). */
  deliveryLeaseSeconds: number;
  /** How often due briefings are looked for (and expired claims recovered). */
  tickSeconds: number;
  /** Undefined when LOG_LEVEL is unset: each entry point picks its own default. */
  logLevel: LogLevel | undefined;
  /** Values that must never appear in a log line or a reply. */
  secrets: string[];
  /** Worker threads analysing a bulk `briefbot ingest` (BRIEFBOT_INGEST_WORKERS, default cores − 1; 0: on the main thread); the bot uses one for /add and feeds unless 0. */
  ingestWorkers: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A URL the pg driver can connect with (the value itself is never echoed: it may hold a password). */
function isPostgresUrl(v: string): boolean {
  try {
    const u = new URL(v);
    // libpq allows an empty host with ?host=/path/to/socket.
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && (u.hostname !== '' || u.searchParams.has('host'));
  } catch {
    return false;
  }
}

/**
 * DISCORD_SHARDS: "auto" (default: as many shards as Discord recommends, all in this process) or
 * the shard ids this process runs ("0,1"), with DISCORD_SHARD_COUNT the total across processes.
 */
function discordShards(ids: string | undefined, count: string | undefined, problems: string[]): DiscordShards {
  if (ids === undefined || ids.toLowerCase() === 'auto') {
    if (count !== undefined) problems.push('DISCORD_SHARD_COUNT needs DISCORD_SHARDS (the shard ids this process runs, e.g. 0,1)');
    return 'auto';
  }
  const total = Number(count);
  if (count === undefined || !Number.isInteger(total) || total < 1 || total > 10_000) {
    problems.push('DISCORD_SHARD_COUNT must be the total number of shards (1 to 10000) when DISCORD_SHARDS lists shard ids');
    return 'auto';
  }
  const list = ids.split(',').map((x) => x.trim());
  const parsed = list.map(Number);
  if (!list.length || list.some((x) => !/^\d+$/.test(x)) || parsed.some((n) => n >= total) || new Set(parsed).size !== parsed.length) {
    problems.push(`DISCORD_SHARDS must be auto or distinct shard ids from 0 to ${total - 1}, comma separated`);
    return 'auto';
  }
  return { ids: parsed, count: total };
}

/** The project's root folder (where package.json is), whatever the working directory. */
export { PROJECT_ROOT };

/** The store when BRIEFBOT_DB is unset: in the project, not the working directory, so every
 * directory a command is run from sees the same articles. */
export const DEFAULT_DB_PATH = join(PROJECT_ROOT, 'data', 'briefbot.db');

/** Reads `.env` (the working directory's, else the project's) into process.env (existing variables win). */
export function loadDotEnv(path?: string): void {
  const file = path ?? ['.env', join(PROJECT_ROOT, '.env')].find((f) => existsSync(f));
  if (file && existsSync(file)) process.loadEnvFile(file);
}

/**
 * What to read: `bot` (npm start, `briefbot serve`) checks everything; `cli` (every other verb)
 * skips the chat platforms' and the HTTP server's variables, so a bad SLACK_PORT cannot break
 * `briefbot sources`.
 */
/** BRIEFBOT_DB as an absolute path (relative to the working directory, as typed), or the default. */
function dbPathOf(value: string | undefined): string {
  if (!value) return DEFAULT_DB_PATH;
  return value === ':memory:' ? value : resolve(value);
}

export type ConfigScope = 'bot' | 'cli';

export function loadConfig(env: Env = process.env, scope: ConfigScope = 'bot'): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const int = (name: string, def: number, min: number, max: number): number => {
    const v = get(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}`);
      return def;
    }
    return n;
  };
  const url = (name: string): string | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    try {
      const u = new URL(v);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      return v.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} must be an http(s) URL`);
      return undefined;
    }
  };
  const bool = (name: string): boolean => {
    const v = get(name)?.toLowerCase();
    if (v === undefined) return false;
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    problems.push(`${name} must be true or false`);
    return false;
  };

  const timezone = get('BRIEFBOT_TIMEZONE') ?? 'UTC';
  if (!isValidTimeZone(timezone)) problems.push('BRIEFBOT_TIMEZONE must be an IANA time zone such as Europe/Berlin');

  const logFile = get('LOG_FILE');
  const logLevel = get('LOG_LEVEL')?.toLowerCase() as LogLevel | undefined;
  if (logLevel && !['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) problems.push('LOG_LEVEL must be one of debug, info, warn, error, silent');

  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl && !isPostgresUrl(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://user:password@host:5432/briefbot');

  let slack: SlackConfig | undefined;
  let discord: DiscordConfig | undefined;
  let http: HttpConfig | undefined;
  if (scope === 'bot') {
    const slackToken = get('SLACK_BOT_TOKEN');
    const signingSecret = get('SLACK_SIGNING_SECRET');
    const appToken = get('SLACK_APP_TOKEN');
    const slackPort = int('SLACK_PORT', 3000, 0, 65535);
    const slackApiUrl = url('SLACK_API_URL');
    if (slackToken) {
      if (!signingSecret && !appToken) problems.push('SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or SLACK_APP_TOKEN for Socket Mode)');
      if (appToken && !appToken.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN must be an app-level token (xapp-...)');
      slack = { botToken: slackToken, signingSecret, appToken, port: slackPort, apiUrl: slackApiUrl ? `${slackApiUrl}/` : undefined };
    } else if (signingSecret || appToken) {
      problems.push('SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
    }

    const discordToken = get('DISCORD_TOKEN');
    const applicationId = get('DISCORD_APPLICATION_ID');
    const discordApiUrl = url('DISCORD_API_URL');
    if (applicationId && !/^\d{5,25}$/.test(applicationId)) problems.push('DISCORD_APPLICATION_ID must be a numeric application id');
    const shards = discordShards(get('DISCORD_SHARDS'), get('DISCORD_SHARD_COUNT'), problems);
    if (discordToken) discord = { token: discordToken, applicationId, apiUrl: discordApiUrl, shards };

    const httpPort = get('BRIEFBOT_HTTP_PORT');
    if (httpPort !== undefined) http = { port: int('BRIEFBOT_HTTP_PORT', 0, 0, 65535), host: get('BRIEFBOT_HTTP_HOST') ?? '127.0.0.1' };
    else if (get('BRIEFBOT_HTTP_HOST')) problems.push('BRIEFBOT_HTTP_HOST needs BRIEFBOT_HTTP_PORT');
  }

  let openai: OpenAIConfig | undefined;
  const openaiKey = get('OPENAI_API_KEY');
  const openaiBase = url('OPENAI_BASE_URL');
  const openaiTimeout = int('OPENAI_TIMEOUT_MS', 20_000, 100, 600_000);
  if (openaiKey || openaiBase) {
    openai = { apiKey: openaiKey ?? 'not-needed', baseUrl: openaiBase, model: get('OPENAI_MODEL') ?? 'gpt-4o-mini', timeoutMs: openaiTimeout };
  }

  const admins = new Set((get('BRIEFBOT_ADMINS') ?? '').split(/[\s,]+/).filter(Boolean));
  const catchUpHours = int('BRIEFBOT_CATCHUP_HOURS', 6, 0, 48);
  const deliveryLeaseSeconds = int('BRIEFBOT_DELIVERY_LEASE_SECONDS', 600, 10, 86_400);
  const tickSeconds = int('BRIEFBOT_TICK_SECONDS', 60, 1, 60);
  const allowPrivateUrls = bool('BRIEFBOT_ALLOW_PRIVATE_URLS');
  const fetch = {
    maxBytes: int('BRIEFBOT_FETCH_MAX_MB', 5, 1, 100) * 1024 * 1024,
    timeoutMs: int('BRIEFBOT_FETCH_TIMEOUT_MS', 20_000, 1_000, 120_000),
    feedIntervalMinutes: int('BRIEFBOT_FEED_INTERVAL_MINUTES', 15, 5, 1440),
  };

  // One per core but the writer's: each worker holds its own language models (about 130 MB at
  // 100k articles), and on two cores a second worker bought about a fifth more speed for that.
  const ingestWorkers = int('BRIEFBOT_INGEST_WORKERS', Math.max(1, Math.min(8, availableParallelism() - 1)), 0, 64);

  if (problems.length) throw new ConfigError(problems);
  // Registered whatever the scope: a CLI verb must not log a Slack token either.
  const secrets = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'OPENAI_API_KEY', 'DATABASE_URL'].map(get).filter((s): s is string => !!s);
  return {
    dbPath: dbPathOf(get('BRIEFBOT_DB')),
    databaseUrl,
    slack,
    discord,
    openai,
    timezone,
    admins,
    allowPrivateUrls,
    fetch,
    catchUpHours,
    http,
    logFile: logFile && (isAbsolute(logFile) ? logFile : resolve(logFile)),
    deliveryLeaseSeconds,
    tickSeconds,
    logLevel,
    secrets,
    ingestWorkers,
  };
}
