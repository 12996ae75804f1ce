import { defineCommand } from '../src/core/command.ts';
import { presentSummary } from '../src/core/present.ts';

export const summary = defineCommand({
  name: 'summary',
  description: 'Summary of one article with its key facts',
  usage: '/summary <article id, URL or words of its title>',
  options: { article: { type: 'string', description: 'Article id, URL or words of its title', required: true, maxLength: 500 } },
  run: async ({ options, core }) => presentSummary(await core.summarise(options.article), core.timezone),
});
