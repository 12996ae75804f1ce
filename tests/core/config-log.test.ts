import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger, redact } from '../../src/core/log.ts';

describe('configuration', () => {
  it('defaults to the embedded setup with nothing configured', () => {
    const c = loadConfig({});
    expect(c.dbPath).toBe(fileURLToPath(new URL('../../data/briefbot.db', import.meta.url)));
    expect(c).toMatchObject({ slack: undefined, discord: undefined, openai: undefined, timezone: 'UTC', catchUpHours: 6, allowPrivateUrls: false });
  });

  it('names every bad variable at once and never echoes values', () => {
    let err: ConfigError | undefined;
    try {
      loadConfig({ BRIEFBOT_TIMEZONE: 'Nowhere/Land', LOG_LEVEL: 'loud', SLACK_APP_TOKEN: 'xapp-zzz-secret', DISCORD_APPLICATION_ID: 'abc', OPENAI_BASE_URL: 'ftp://x', BRIEFBOT_ALLOW_PRIVATE_URLS: 'maybe' });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const names = ['BRIEFBOT_TIMEZONE', 'LOG_LEVEL', 'SLACK_BOT_TOKEN', 'DISCORD_APPLICATION_ID', 'OPENAI_BASE_URL', 'BRIEFBOT_ALLOW_PRIVATE_URLS'];
    for (const n of names) expect(err!.message).toContain(n);
    expect(err!.message).not.toContain('xapp-zzz-secret');
  });

  it('enables platforms from their variables and collects secrets for redaction', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'shh-signing', DISCORD_TOKEN: 'disc.tok.en', BRIEFBOT_ADMINS: 'U1, U2 discord:3' });
    expect(c.slack?.port).toBe(3000);
    expect(c.discord?.token).toBe('disc.tok.en');
    expect([...c.admins]).toEqual(['U1', 'U2', 'discord:3']);
    expect(c.secrets).toEqual(expect.arrayContaining(['xoxb-1-2', 'shh-signing', 'disc.tok.en']));
  });
});

describe('logging', () => {
  it('masks registered secrets and token-shaped strings in every line', () => {
    const lines: string[] = [];
    const log = createLogger({ secrets: ['my-signing-secret'], write: (l) => lines.push(l) });
    log.error('failed', { err: new Error('auth with xoxb-123456789-abcdefgh failed; secret my-signing-secret'), url: 'postgres://bot:hunter2@db/x' });
    expect(lines[0]).not.toMatch(/xoxb-123456789|my-signing-secret|hunter2/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', msg: 'failed' });
  });

  it('respects the level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
    expect(redact('Bearer abcdefghijklmnop')).toBe('[redacted]');
  });
});
