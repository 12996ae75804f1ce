import { defineCommand } from '../src/core/command.ts';
import { presentAnswer } from '../src/core/present.ts';

export const ask = defineCommand({
  name: 'ask',
  description: 'Answer a question from the stored articles, citing them',
  usage: '/ask how many troops did North Korea send?',
  options: { question: { type: 'string', description: 'Your question', required: true, maxLength: 500 } },
  run: async ({ options, core }) => presentAnswer(await core.ask(options.question), core.timezone),
});
