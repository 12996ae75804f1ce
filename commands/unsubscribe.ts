import { defineCommand } from '../src/core/command.ts';
import { presentUnsubscribed } from '../src/core/schedule/present-schedule.ts';

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  description: 'Stop this channel’s daily briefing',
  privateReply: true,
  adminOnly: true,
  options: {},
  run: async ({ core, invocation }) => presentUnsubscribed(await core.subscriptions.unsubscribe(invocation.platform, invocation.channel.id)),
});
