// `npm run discord:register [-- --guild ID]`: registers the commands with Discord using
// DISCORD_TOKEN and DISCORD_APPLICATION_ID (from the environment or .env).
import { commands } from '../../../commands/index.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../../config.ts';
import { registerCommands } from './register.ts';

function guildArg(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--guild' || a.startsWith('--guild='));
  if (i < 0) return undefined;
  const value = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  if (!value) throw new Error('--guild needs a guild id');
  return value;
}

async function main(): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  if (!config.discord) throw new Error('DISCORD_TOKEN is not set: create a bot in the Discord developer portal and put its token in DISCORD_TOKEN.');
  if (!config.discord.applicationId) throw new Error('DISCORD_APPLICATION_ID is not set: copy the Application ID from the developer portal (General Information).');
  const guildId = guildArg(process.argv.slice(2));
  const { registered } = await registerCommands({ token: config.discord.token, applicationId: config.discord.applicationId, guildId, apiUrl: config.discord.apiUrl, commands });
  process.stdout.write(`Registered ${registered.length} commands ${guildId ? `for guild ${guildId}` : 'globally'}: ${registered.map((n) => `/${n}`).join(' ')}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Messages from config and Discord never contain the token; the REST client's errors name only the route.
    const message = err instanceof ConfigError ? err.message : `Could not register Discord commands: ${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`${message}\n`);
    process.exit(2);
  },
);
