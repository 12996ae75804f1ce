import { defineCommand } from '../src/core/command.ts';
import { presentAnswer, presentDraft } from '../src/core/present.ts';

export const ask = defineCommand({
  name: 'ask',
  description: 'Answer a question from the stored articles, citing them',
  usage: '/ask how many troops did North Korea send?',
  options: { question: { type: 'string', description: 'Your question', required: true, maxLength: 500 } },
  run: async ({ options, core, draft }) => {
    // With a model and a platform that edits messages, the answer streams in as drafts; what is returned is the checked answer.
    const onDraft = draft && ((text: string) => draft(presentDraft(options.question, text)));
    return presentAnswer(await core.ask(options.question, { onDraft }), core.timezone);
  },
});
