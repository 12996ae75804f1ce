// The committed Slack manifest lists exactly the commands in commands/, as the generator writes it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { manifestJson, slackManifest, SLACK_BOT_SCOPES } from '../../../src/adapters/slack/manifest.ts';

describe('Slack app manifest', () => {
  it('the committed slack-manifest.json is what `npm run slack:manifest` generates (run it after changing commands/)', () => {
    expect(readFileSync('slack-manifest.json', 'utf8')).toBe(manifestJson(commands));
  });

  it('has one slash command per command, with description, usage hint and the events URL', () => {
    const m = slackManifest(commands, { url: 'https://bot.example.org/' });
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    const brief = m.features.slash_commands.find((c) => c.command === '/brief')!;
    expect(brief).toEqual({
      command: '/brief',
      url: 'https://bot.example.org/slack/events',
      description: 'Briefing of the latest stories, with key facts and sources',
      usage_hint: '[topic words] [since:24h|7d|2024-10-30]',
      should_escape: false,
    });
    expect(m.oauth_config.scopes.bot).toEqual([...SLACK_BOT_SCOPES]);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('in Socket Mode needs no public URL', () => {
    const m = slackManifest(commands, { socketMode: true });
    expect(m.settings.socket_mode_enabled).toBe(true);
    for (const c of m.features.slash_commands) expect(c).not.toHaveProperty('url');
  });
});
