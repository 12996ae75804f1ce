// Bounds on the work one article may cause. Hostile or broken input (a page of 50,000 nested
// elements, 300,000 words of "the", a 50,000-word "sentence", an encoded blob) is rejected with a
// reason before or while it costs seconds of CPU, so a bad page cannot stall the bot.
import { UserFacingError } from '../errors.ts';

/** Real pages nest a few dozen elements deep; the HTML parser and Readability slow down quadratically with depth. */
export const MAX_HTML_DEPTH = 500;
/** Long news sentences run to 80 words; 400 is prose no longer, and name tagging slows down quadratically with length. */
export const MAX_SENTENCE_WORDS = 400;
/** CPU time one article's analysis may take (a 400,000-character article needs about a second). */
export const ANALYSIS_BUDGET_MS = 5_000;

// Elements that never nest (void) or whose end tag is optional (closed by their next sibling).
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp html head body'.split(' '),
);

/** How deep the page's elements nest, from its tags (before any parser spends time on it). */
export function htmlNestingDepth(html: string): number {
  const text = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|textarea|template)\b[\s\S]*?<\/\1\s*>/gi, '');
  let depth = 0;
  let max = 0;
  for (const m of text.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
    const name = m[2]!.toLowerCase();
    if (NOT_NESTING.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

export function checkHtmlDepth(html: string): void {
  const depth = htmlNestingDepth(html);
  if (depth > MAX_HTML_DEPTH) {
    throw new UserFacingError('too_deep', `the page nests its elements ${depth} levels deep (the limit is ${MAX_HTML_DEPTH}); not an article`);
  }
}

/** Rejects text made of a handful of words repeated (a "the the the…" page). */
export function checkRepetition(words: readonly string[]): void {
  if (words.length < 1_000) return;
  const distinct = new Set(words).size;
  if (distinct < words.length * 0.02) {
    throw new UserFacingError('repetitive', `the text repeats ${distinct} distinct words ${words.length} times; not an article`);
  }
}

export function checkSentenceLength(sentence: string): void {
  const words = sentence.split(/\s+/).length;
  if (words > MAX_SENTENCE_WORDS) {
    throw new UserFacingError('sentence_too_long', `a sentence of ${words} words (the limit is ${MAX_SENTENCE_WORDS}); not readable prose`);
  }
}

/**
 * Time spent on one article's analysis, counted only inside its own synchronous steps (commands
 * served in between do not count, and the thread is busy throughout each step, so this is its CPU
 * time; process.cpuUsage() per step cost 7% of ingest), with a reason when the budget runs out.
 */
export class WorkBudget {
  private usedMs = 0;

  constructor(private readonly limitMs = ANALYSIS_BUDGET_MS) {}

  run<T>(work: () => T): T {
    const start = performance.now();
    const result = work();
    this.usedMs += performance.now() - start;
    if (this.usedMs > this.limitMs) {
      throw new UserFacingError('too_slow', `analysing this article took over ${this.limitMs / 1000} s of CPU time (the limit per article); not stored`);
    }
    return result;
  }
}
