import { defineCommand } from '../src/core/command.ts';
import { presentAdded } from '../src/core/present.ts';

export const add = defineCommand({
  name: 'add',
  description: 'Fetch a web article and store it for this workspace',
  usage: '/add https://example.com/news/story',
  adminOnly: true,
  options: { url: { type: 'string', description: 'The article’s http(s) URL', required: true, maxLength: 2000 } },
  run: async ({ options, core }) => presentAdded(await core.addUrl(options.url), core.timezone),
});
