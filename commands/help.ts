import { defineCommand } from '../src/core/command.ts';
import { privately, reply, bullets, paragraph } from '../src/core/reply.ts';

export const help = defineCommand({
  name: 'help',
  description: 'What the bot can do',
  privateReply: true,
  options: {},
  run: ({ commands }) =>
    privately(
      reply(
        'What I can do',
        paragraph('I keep news articles, summarise them, brief this channel and answer questions, always citing the sentences I used.'),
        bullets(commands.map((c) => `${c.usage ?? `/${c.name}`} — ${c.description}${c.adminOnly ? ' (admins)' : ''}`)),
      ),
    ),
});
