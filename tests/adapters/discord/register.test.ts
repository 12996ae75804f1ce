// `npm run discord:register`: bulk-overwrites the commands from commands/, globally or for one guild,
// and says clearly what is missing when it cannot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { commandSchemas } from '../../../src/adapters/discord/command-schema.ts';
import { registerCommands } from '../../../src/adapters/discord/register.ts';
import { APP_ID, FakeDiscord, GUILD_ID } from '../../helpers/fake-discord.ts';
import { runNode } from '../../helpers/spawn.ts';

const TOKEN = 'MTExMTExMTExMTExMTExMTEx.GrEgSt.discord-register-token-not-real-98765';
let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(() => fake.close());

describe('Discord command registration', () => {
  it('registers every command globally with one bulk overwrite', async () => {
    const { registered } = await registerCommands({ token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, commands });
    expect(registered).toEqual(commands.map((c) => c.name));
    const put = fake.server.matching((r) => r.method === 'PUT').at(-1)!;
    expect(put.path).toBe(`/api/v10/applications/${APP_ID}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.data).toEqual(commandSchemas(commands));
  });

  it('npm run discord:register -- --guild ID registers for that guild (a real process)', async () => {
    const r = await runNode(['--import', 'tsx', 'src/adapters/discord/register-main.ts', '--guild', GUILD_ID], {
      env: { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Registered ${commands.length} commands for guild ${GUILD_ID}: ${commands.map((c) => `/${c.name}`).join(' ')}\n`);
    const put = fake.server.matching((x) => x.method === 'PUT').at(-1)!;
    expect(put.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
  });

  it('says which variable is missing, and never prints the token', async () => {
    const noApp = await runNode(['--import', 'tsx', 'src/adapters/discord/register-main.ts'], { env: { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl } });
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toMatch(/DISCORD_APPLICATION_ID is not set/);
    const noToken = await runNode(['--import', 'tsx', 'src/adapters/discord/register-main.ts'], { env: { DISCORD_APPLICATION_ID: APP_ID } });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/DISCORD_TOKEN is not set/);
    const rejected = await runNode(['--import', 'tsx', 'src/adapters/discord/register-main.ts'], {
      env: { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '999999999999999999', DISCORD_API_URL: `${fake.server.url}/nowhere` },
    });
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/Could not register Discord commands/);
    for (const r of [noApp, noToken, rejected]) expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });
});
