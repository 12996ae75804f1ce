import { defineCommand } from '../src/core/command.ts';
import { presentBriefing, presentDraft } from '../src/core/present.ts';
import { parseSince, SINCE_PATTERN } from '../src/core/time.ts';

export const brief = defineCommand({
  name: 'brief',
  description: 'Briefing of the latest stories, with key facts and sources',
  usage: '/brief [topic words] [since:24h|7d|2024-10-30]',
  options: {
    topic: { type: 'string', description: 'Only stories about these words', rest: true, maxLength: 200 },
    since: { type: 'string', description: 'How far back: 24h, 7d or a date', pattern: SINCE_PATTERN, maxLength: 40 },
  },
  run: async ({ options, core, invocation, draft }) => {
    const since = parseSince(options.since ?? '24h', core.now());
    const briefing = await core.brief({
      topic: options.topic,
      since,
      audience: `${invocation.platform}:${invocation.channel.id}`,
      record: true,
    }, { onDraft: draft && ((text) => draft(presentDraft(options.topic ? `Briefing on “${options.topic}”` : 'Briefing', text))) });
    return presentBriefing(briefing, core.timezone);
  },
});
