import { defineCommand } from '../src/core/command.ts';
import { presentRemoved } from '../src/core/present.ts';

export const remove = defineCommand({
  name: 'remove',
  description: 'Take a wrongly added article out of answers and briefings here (kept in history)',
  usage: '/remove <article id or URL>',
  adminOnly: true,
  privateReply: true,
  options: { article: { type: 'string', description: 'Article id (see /sources) or URL', required: true, maxLength: 2000 } },
  run: async ({ options, core, invocation }) => presentRemoved(await core.remove(options.article, `${invocation.platform}:${invocation.user.id}`), core.timezone),
});
