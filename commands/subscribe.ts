import { defineCommand } from '../src/core/command.ts';
import { UserFacingError } from '../src/core/errors.ts';
import { presentSubscribed, presentSubscriptionStatus } from '../src/core/schedule/present-schedule.ts';
import { TIME_EXAMPLE, TIME_PATTERN, ZONE_PATTERN } from '../src/core/schedule/parse-time.ts';

export const subscribe = defineCommand({
  name: 'subscribe',
  description: 'Daily briefing in this channel at a local time; on its own, shows the current one',
  privateReply: true,
  usage: '/subscribe 08:00 Europe/Berlin [topic words]',
  adminOnly: true,
  options: {
    time: { type: 'string', description: 'Local time of day, 24-hour HH:MM (or 8am, 8:30pm)', pattern: TIME_PATTERN, maxLength: 10 },
    timezone: { type: 'string', description: 'IANA time zone such as Europe/Berlin (default: the bot’s zone)', pattern: ZONE_PATTERN, maxLength: 64 },
    topic: { type: 'string', description: 'Only stories about these words', rest: true, maxLength: 200 },
  },
  run: async ({ options, core, invocation }) => {
    const where = { platform: invocation.platform, channelId: invocation.channel.id };
    if (!options.time) {
      // A zone or words without a time is most likely a mistyped time: refuse rather than guess.
      if (options.timezone || options.topic) {
        const typed = [options.topic, options.timezone].filter(Boolean).join(' ');
        throw new UserFacingError('missing_time', `I can't find a time of day in “${typed}”. For example: ${TIME_EXAMPLE}`);
      }
      return presentSubscriptionStatus(await core.subscriptions.status(where.platform, where.channelId));
    }
    const view = await core.subscriptions.subscribe({
      ...where,
      workspaceId: invocation.workspace?.id,
      time: options.time,
      timeZone: options.timezone,
      topic: options.topic,
      by: `${invocation.platform}:${invocation.user.id}`,
    });
    return presentSubscribed(view);
  },
});
