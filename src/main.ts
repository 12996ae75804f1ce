// `npm start`: the bot. With no tokens it is a terminal console on the embedded store.
import { startBot } from './app.ts';
import { ConfigError, loadConfig, loadDotEnv } from './config.ts';

async function main(): Promise<void> {
  let config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const bot = await startBot(config, { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void bot.stop(signal));
  await bot.stopped;
}

main().catch((err: unknown) => {
  process.stderr.write(`briefbot failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
