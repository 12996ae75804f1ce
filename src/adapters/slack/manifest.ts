// commands/ → the Slack app manifest: one slash command per command, the bot scopes briefbot needs,
// and either a public Request URL (HTTP receiver) or Socket Mode. Paste it into
// api.slack.com/apps → Create New App → From an app manifest.
import type { AnyCommand } from '../../core/command.ts';
import { truncate } from '../text-split.ts';

export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'channels:history', 'groups:history'] as const;

/** The Request URL in the committed manifest; `npm run slack:manifest -- --url https://your.host` replaces it. */
export const PLACEHOLDER_URL = 'https://briefbot.example.com';

export interface ManifestOptions {
  /** Public base URL of the bot (Bolt serves `/slack/events` under it). Ignored with Socket Mode. */
  url?: string;
  socketMode?: boolean;
  name?: string;
}

export interface SlackSlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  url?: string;
  should_escape: boolean;
}

/** `/brief [topic words]` → `[topic words]`; Slack shows the hint after the command name. */
function usageHint(cmd: AnyCommand): string | undefined {
  const hint = cmd.usage?.replace(new RegExp(`^/${cmd.name}\\b\\s*`), '').trim();
  return hint ? truncate(hint, 100) : undefined;
}

export function slackManifest(commands: readonly AnyCommand[], opts: ManifestOptions = {}) {
  const socketMode = opts.socketMode === true;
  const base = (opts.url ?? PLACEHOLDER_URL).replace(/\/+$/, '');
  const eventsUrl = `${base}/slack/events`;
  const name = opts.name ?? 'briefbot';
  const slashCommands: SlackSlashCommand[] = commands.map((cmd) => {
    const hint = usageHint(cmd);
    return {
      command: `/${cmd.name.toLowerCase()}`,
      ...(socketMode ? {} : { url: eventsUrl }),
      description: truncate(cmd.description, 100),
      ...(hint ? { usage_hint: hint } : {}),
      should_escape: false,
    };
  });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'News briefings and cited answers about stored articles',
      long_description:
        'briefbot keeps news articles, summarises them, posts a daily briefing to channels that ask for one, and answers questions about the stories, citing the sentences it used. Type /help to see every command.',
      background_color: '#2f6fab',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: slashCommands,
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: { org_deploy_enabled: false, socket_mode_enabled: socketMode, token_rotation_enabled: false },
  };
}

/** The manifest as committed: stable formatting, one trailing newline. */
export function manifestJson(commands: readonly AnyCommand[], opts: ManifestOptions = {}): string {
  return `${JSON.stringify(slackManifest(commands, opts), null, 2)}\n`;
}
