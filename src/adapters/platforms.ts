// The chat platforms enabled by configuration. Each is independent: one failing to start does
// not stop the others (startBot starts them side by side and logs a failure). A platform's SDK is
// imported only when that platform is enabled: @slack/bolt and discord.js take seconds of CPU to
// load, which every CLI call and a console-only bot would otherwise pay.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.ts';
import type { Logger } from '../core/log.ts';
import type { ChatAdapter } from './chat-adapter.ts';

export interface PlatformTuning {
  /** Listen address of Slack's HTTP receiver (tests: 127.0.0.1). */
  slackHost?: string;
  /** SDK retries on network/server errors (tests: 0). */
  retries?: number;
  /** How long Discord may take to become ready. */
  discordReadyTimeoutMs?: number;
  /** Health and metrics routes, served on Slack's HTTP receiver too. */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export async function platformAdapters(config: Config, log: Logger, tuning: PlatformTuning = {}): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (config.slack) {
    const { SlackAdapter } = await import('./slack/slack-adapter.ts');
    adapters.push(new SlackAdapter({ ...config.slack, host: tuning.slackHost, retries: tuning.retries, routes: tuning.routes, log: log.child({ platform: 'slack' }) }));
  }
  if (config.discord) {
    const { DiscordAdapter } = await import('./discord/discord-adapter.ts');
    adapters.push(
      new DiscordAdapter({ ...config.discord, retries: tuning.retries, readyTimeoutMs: tuning.discordReadyTimeoutMs, log: log.child({ platform: 'discord' }) }),
    );
  }
  return adapters;
}
