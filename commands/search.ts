import { defineCommand } from '../src/core/command.ts';
import { presentSearch } from '../src/core/present.ts';

export const search = defineCommand({
  name: 'search',
  description: 'Find the stored articles that best match some words',
  usage: '/search sanctions China',
  options: { query: { type: 'string', description: 'Words to look for', required: true, maxLength: 300 } },
  run: async ({ options, core }) => presentSearch(options.query, await core.search(options.query, 5), core.timezone),
});
