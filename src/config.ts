// The only module that reads the environment. It reads it once, validates everything, and
// fails fast naming every bad variable (never its value: some are secrets).
import { existsSync } from 'node:fs';
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
}

export interface OpenAIConfig {
  apiKey: string;
  baseUrl: string | undefined;
  model: string;
  timeoutMs: number;
}

export interface Config {
  dbPath: string;
  databaseUrl: string | undefined;
  slack: SlackConfig | undefined;
  discord: DiscordConfig | undefined;
  openai: OpenAIConfig | undefined;
  timezone: string;
  admins: Set<string>;
  allowPrivateUrls: boolean;
  catchUpHours: number;
  /** Undefined when LOG_LEVEL is unset: each entry point picks its own default. */
  logLevel: LogLevel | undefined;
  /** Values that must never appear in a log line or a reply. */
  secrets: string[];
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

/** Reads `.env` from the working directory into process.env (existing variables win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: Env = process.env): Config {
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

  const logLevel = get('LOG_LEVEL')?.toLowerCase() as LogLevel | undefined;
  if (logLevel && !['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) problems.push('LOG_LEVEL must be one of debug, info, warn, error, silent');

  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');

  let slack: SlackConfig | undefined;
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

  let discord: DiscordConfig | undefined;
  const discordToken = get('DISCORD_TOKEN');
  const applicationId = get('DISCORD_APPLICATION_ID');
  const discordApiUrl = url('DISCORD_API_URL');
  if (applicationId && !/^\d{5,25}$/.test(applicationId)) problems.push('DISCORD_APPLICATION_ID must be a numeric application id');
  if (discordToken) discord = { token: discordToken, applicationId, apiUrl: discordApiUrl };

  let openai: OpenAIConfig | undefined;
  const openaiKey = get('OPENAI_API_KEY');
  const openaiBase = url('OPENAI_BASE_URL');
  const openaiTimeout = int('OPENAI_TIMEOUT_MS', 20_000, 100, 600_000);
  if (openaiKey || openaiBase) {
    openai = { apiKey: openaiKey ?? 'not-needed', baseUrl: openaiBase, model: get('OPENAI_MODEL') ?? 'gpt-4o-mini', timeoutMs: openaiTimeout };
  }

  const admins = new Set((get('BRIEFBOT_ADMINS') ?? '').split(/[\s,]+/).filter(Boolean));
  const catchUpHours = int('BRIEFBOT_CATCHUP_HOURS', 6, 0, 48);
  const allowPrivateUrls = bool('BRIEFBOT_ALLOW_PRIVATE_URLS');

  if (problems.length) throw new ConfigError(problems);
  const secrets = [slackToken, signingSecret, appToken, discordToken, openaiKey, databaseUrl].filter((s): s is string => !!s);
  return {
    dbPath: get('BRIEFBOT_DB') ?? './data/briefbot.db',
    databaseUrl,
    slack,
    discord,
    openai,
    timezone,
    admins,
    allowPrivateUrls,
    catchUpHours,
    logLevel,
    secrets,
  };
}
