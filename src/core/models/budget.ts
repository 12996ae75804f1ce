// Token budgets per request. Counting is an estimate (about four characters per token for English,
// rounded up); the budget keeps a prompt well inside small local context windows (llama.cpp's
// default 4096) with room for the reply. Passages are dropped from the lowest rank up.
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

export interface Budget {
  /** Prompt tokens at most (template, question and passages together). */
  promptTokens: number;
  /** Reply tokens at most (max_tokens). */
  replyTokens: number;
}

export const BUDGETS: Record<'answer' | 'summary' | 'briefing', Budget> = {
  answer: { promptTokens: 2_500, replyTokens: 350 },
  summary: { promptTokens: 2_500, replyTokens: 450 },
  briefing: { promptTokens: 3_000, replyTokens: 800 },
};

/**
 * The longest prefix of `items` (best first) whose rendering fits `budget` tokens on top of `fixed`
 * tokens; at least one item when there is any, so a long top passage is sent rather than nothing.
 */
export function fitByRank<T>(items: readonly T[], render: (kept: readonly T[]) => string, fixedTokens: number, budget: number): T[] {
  let kept = items.length;
  while (kept > 1 && fixedTokens + estimateTokens(render(items.slice(0, kept))) > budget) kept--;
  return items.slice(0, kept);
}
