import { defineCommand } from '../src/core/command.ts';
import { presentDraft, presentSummary } from '../src/core/present.ts';

export const summary = defineCommand({
  name: 'summary',
  description: 'Summary of one article with its key facts',
  usage: '/summary <article id, URL or words of its title>',
  options: { article: { type: 'string', description: 'Article id, URL or words of its title', required: true, maxLength: 500 } },
  run: async ({ options, core, draft }) => {
    // With a model and a platform that edits messages, the summary streams in as drafts; what is returned is the checked one.
    const onDraft = draft && ((text: string) => draft(presentDraft(`Summary of “${options.article}”`, text)));
    return presentSummary(await core.summarise(options.article, { onDraft }), core.timezone);
  },
});
