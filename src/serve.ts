// The bot as a process (npm start, `briefbot serve`): stdin/stdout console, signals, exit status.
import { startBot, type RunningBot } from './app.ts';
import type { Config } from './config.ts';

/** Runs the bot until it stops; exit status 130 after Ctrl-C/SIGINT, as shells expect. */
export async function serve(config: Config): Promise<number> {
  // Signals are taken from the start: one arriving while the bot starts stops it once started.
  const started: { bot?: RunningBot; early?: string } = {};
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (started.bot) void started.bot.stop(signal);
      else started.early ??= signal;
    });
  }
  const bot = (started.bot = await startBot(config, { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true && process.stdout.isTTY === true }));
  if (started.early) void bot.stop(started.early);
  await bot.stopped;
  const interrupted = bot.stopReason() === 'SIGINT';
  if (interrupted) process.stderr.write('briefbot: interrupted (Ctrl-C); exit status 130\n');
  const code = interrupted ? 130 : 0;
  process.exitCode = code;
  return code;
}
