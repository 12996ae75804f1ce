// DATABASE_URL: validated at start-up without echoing it; with it, the bot and the CLI run on
// PostgreSQL and the password never reaches a log line or the terminal.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { runNode } from '../helpers/spawn.ts';
import { createTestSchema, pgSkipReason, type TestSchema } from '../helpers/postgres.ts';

const PASSWORD = 'pw-Sup3r-s3cret';

describe('DATABASE_URL', () => {
  it.each(['mysql://u:pw-Sup3r-s3cret@db/briefbot', 'postgres://', 'pw-Sup3r-s3cret', 'postgres://u:pw-Sup3r-s3cret@/briefbot'])('refuses %s, naming the variable and not its value', (value) => {
    let err: unknown;
    try {
      loadConfig({ DATABASE_URL: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/DATABASE_URL must be a postgres:\/\//);
    expect((err as ConfigError).message).not.toContain(PASSWORD);
  });

  it.each(['postgres://u:pw@db.internal:5432/briefbot', 'postgresql://db/briefbot?sslmode=require', 'postgres:///briefbot?host=/var/run/postgresql'])('accepts %s', (value) => {
    const config = loadConfig({ DATABASE_URL: value });
    expect(config.databaseUrl).toBe(value);
    expect(config.secrets).toContain(value);
  });
});

describe.skipIf(!!pgSkipReason)(`the bot on PostgreSQL${pgSkipReason ? ` (${pgSkipReason})` : ''}`, () => {
  let schema: TestSchema | undefined;
  afterEach(async () => {
    await schema?.drop();
    schema = undefined;
  });

  it('npm start answers from PostgreSQL and the CLI sees the same store; the password is never printed', async () => {
    schema = await createTestSchema();
    // The server trusts loopback, so any password is accepted: it only has to stay out of the output.
    const url = new URL(schema.url);
    url.username = 'postgres';
    url.password = PASSWORD;
    const env = { DATABASE_URL: url.toString(), LOG_LEVEL: 'debug', BRIEFBOT_DB: '/nonexistent/never-used.db' };
    const bot = await runNode(['--import', 'tsx', 'src/main.ts'], { input: '/ask How many firms were sanctioned?\n', env });
    expect(bot.code).toBe(0);
    expect(bot.stdout).toContain('398 firms');
    expect(bot.stderr).toContain('"store":"postgres"');
    const cli = await runNode(['--import', 'tsx', 'src/cli.ts', 'sources', '--json'], { env });
    expect(cli.code).toBe(0);
    expect(cli.stdout.trim().split('\n')).toHaveLength(1); // the starter article, seeded once
    for (const out of [bot.stdout, bot.stderr, cli.stdout, cli.stderr]) expect(out).not.toContain(PASSWORD);
  }, 60_000);

  it('a server that does not answer stops start-up with a short error and no password', async () => {
    const r = await runNode(['--import', 'tsx', 'src/main.ts'], { env: { DATABASE_URL: `postgres://bot:${PASSWORD}@127.0.0.1:1/briefbot` } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/briefbot failed to start: .*ECONNREFUSED/);
    expect(r.stderr).not.toContain(PASSWORD);
  });
});
