// The chat platforms enabled by configuration. Each is independent: one failing to start does
// not stop the others (startBot starts them one by one and logs a failure).
import type { Config } from '../config.ts';
import type { Logger } from '../core/log.ts';
import type { ChatAdapter } from './chat-adapter.ts';
import { DiscordAdapter } from './discord/discord-adapter.ts';
import { SlackAdapter } from './slack/slack-adapter.ts';

export interface PlatformTuning {
  /** Listen address of Slack's HTTP receiver (tests: 127.0.0.1). */
  slackHost?: string;
  /** SDK retries on network/server errors (tests: 0). */
  retries?: number;
  /** How long Discord may take to become ready. */
  discordReadyTimeoutMs?: number;
}

export function platformAdapters(config: Config, log: Logger, tuning: PlatformTuning = {}): ChatAdapter[] {
  const adapters: ChatAdapter[] = [];
  if (config.slack) {
    adapters.push(new SlackAdapter({ ...config.slack, host: tuning.slackHost, retries: tuning.retries, log: log.child({ platform: 'slack' }) }));
  }
  if (config.discord) {
    adapters.push(
      new DiscordAdapter({ ...config.discord, retries: tuning.retries, readyTimeoutMs: tuning.discordReadyTimeoutMs, log: log.child({ platform: 'discord' }) }),
    );
  }
  return adapters;
}
