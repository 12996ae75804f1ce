import { defineCommand } from '../src/core/command.ts';
import { presentSources } from '../src/core/present.ts';

export const sources = defineCommand({
  name: 'sources',
  description: 'List the stored articles: title, source, date, link',
  usage: '/sources [topic words]',
  options: { topic: { type: 'string', description: 'Only articles about these words', maxLength: 200 } },
  run: async ({ options, core }) => presentSources(await core.sources({ topic: options.topic, limit: 20 }), options.topic, core.timezone),
});
