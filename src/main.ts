// `npm start`: the bot. With no tokens it is a terminal console on the embedded store.
import { ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { serve } from './serve.ts';

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
  await serve(config);
}

main().catch((err: unknown) => {
  process.stderr.write(`briefbot failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
