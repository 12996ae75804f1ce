// /ask with a language model: the question's numbered passages (answer/passages.ts, the same the
// extractive path reads) fill the answer prompt, the model writes an answer citing them, and the
// grounding checks decide whether anyone sees it. Any failure (timeout, rate limit, server error, a
// check) gives the extractive answer instead, with a note saying so; the reason goes to the log.
import type { Answerer } from '../answer/answerer.ts';
import { checkPremise, publisherDate, type PremiseEvidence } from '../answer/premise.ts';
import { analyseQuestion } from '../answer/question.ts';
import type { Logger } from '../log.ts';
import type { ArticleStore } from '../store/article-store.ts';
import { formatDate } from '../time.ts';
import type { Answer } from '../types.ts';
import { BUDGETS, estimateTokens, fitByRank } from './budget.ts';
import { checkGrounding, DECLINE_SENTINEL, stripMarkers, type Verdict } from './grounding.ts';
import { ModelError, type LanguageModel } from './language-model.ts';
import { retrievePassages } from '../answer/passages.ts';
import { passageCitation, passageSentences, type Passage } from './passages.ts';
import { loadPrompt, quoted, renderPrompt } from './prompts.ts';

export interface ModelPathDeps {
  model: LanguageModel;
  store: ArticleStore;
  log: Logger;
  now: () => Date;
  timezone: string;
  promptsDir?: string | undefined;
}

export interface AskOptions {
  /** Called with the model's unchecked text as it grows (streaming into chat); the answer returned is the checked one. */
  onDraft?: ((text: string) => void) | undefined;
}

/** Why the extractive answer is shown, in words for the reader. */
export function fallbackNote(why: ModelError | Verdict): string {
  if (why instanceof ModelError) {
    const what = why.kind === 'timeout' ? 'did not answer in time' : why.kind === 'rate_limited' ? 'was busy (rate limited)' : 'was unavailable';
    return `The language model ${what}, so this answer was taken from the sources directly.`;
  }
  return 'The language model’s answer did not pass the source check, so this answer was taken from the sources directly.';
}

/** Numbered sources as the prompt shows them: number, quoted title, source and date, quoted text. */
export function formatPassages(passages: readonly Passage[], timeZone: string): string {
  return passages
    .map((p) => {
      const meta = [p.article.source, formatDate(p.article.published, timeZone)].filter(Boolean).join(', ');
      return `[${p.n}] title: ${quoted(p.article.title)}${meta ? ` (${meta})` : ''}\n    text: ${quoted(passageSentences(p))}`;
    })
    .join('\n');
}

/**
 * The answer path's premise check (answer/premise.ts) on what the model cited: who did what to whom,
 * where and when, numbers and opposites, as the question takes them for granted. Returns why it fails.
 */
export function premiseProblem(question: string, cited: readonly PremiseEvidence[]): string | undefined {
  const check = checkPremise(question, cited);
  if (check.ok) return undefined;
  return check.conflicts.map((c) => `${c.kind}: the question takes “${c.asked}” for granted${c.found ? `, the sources have “${c.found}”` : ''}`).join('; ');
}

/** "[3][1]" in the model's numbering → "[1][2]" in the order the answer cites. */
function renumber(text: string, order: readonly number[]): string {
  return text.replace(/\[(\d+(?:\s*,\s*\d+)*)\]/g, (_, list: string) =>
    list
      .split(',')
      .map((n) => `[${order.indexOf(Number(n)) + 1}]`)
      .join(''),
  );
}

export class GroundedAnswerer {
  constructor(
    private readonly answerer: Answerer,
    private readonly deps: ModelPathDeps,
  ) {}

  async ask(question: string, opts: AskOptions = {}): Promise<Answer> {
    const { model, log, timezone } = this.deps;
    const q = analyseQuestion(question);
    const ranked = await this.answerer.rank(q, undefined, { all: false });
    const extractive = this.answerer.decide(q, ranked);
    // The same numbered passages the extractive path retrieves (answer/passages.ts).
    const found = (await retrievePassages(this.deps.store, q)).passages;
    // Nothing retrieved: there is nothing to ground an answer in, and nothing for a model to add.
    if (!found.length) return extractive;

    const template = loadPrompt('answer', this.deps.promptsDir);
    const today = formatDate(this.deps.now().toISOString(), timezone);
    const render = (list: readonly Passage[]) => renderPrompt(template, { question: quoted(question), sources: formatPassages(list, timezone), today });
    const fixed = estimateTokens(render([]).map((m) => m.content).join('\n'));
    const passages = fitByRank(found, (list) => formatPassages(list, timezone), fixed, BUDGETS.answer.promptTokens);

    let reply;
    try {
      reply = await model.complete({
        task: 'answer',
        messages: render(passages),
        maxTokens: BUDGETS.answer.replyTokens,
        onText: opts.onDraft && ((text) => shownDraft(text, opts.onDraft!)),
      });
    } catch (err) {
      if (!(err instanceof ModelError)) throw err;
      log.warn('model answer unavailable; extractive fallback', { kind: err.kind, reason: err.message });
      return { ...extractive, note: fallbackNote(err) };
    }

    let verdict = checkGrounding(reply.text, passages.map((p) => ({ n: p.n, text: `${p.article.title}. ${formatDate(p.article.published, timezone)}. ${passageSentences(p)}` })));
    if (verdict.kind === 'grounded') {
      const cited = verdict.cited.map((n) => passages.find((p) => p.n === n)!);
      const articles = await Promise.all([...new Set(cited.map((p) => p.article.id))].map((id) => this.deps.store.getArticle(id)));
      const bodies = new Map(articles.map((a) => [a?.id, `${a?.title ?? ''}\n${a?.body ?? ''}`]));
      // Each cited passage's focus sentence (the one that matched the question) is the evidence, as on the extractive path.
      const focus = (p: Passage) => p.sentences.find((x) => x.id === p.focus)?.text ?? passageSentences(p);
      const problem = premiseProblem(question, cited.map((p) => ({ sentence: focus(p), article: bodies.get(p.article.id) ?? '', published: publisherDate(p.article) })));
      if (problem) verdict = { kind: 'failed', check: 'premise', reason: problem };
    }
    if (verdict.kind === 'decline') {
      log.info('model answer: the sources do not say', { model: model.name });
      const closest = extractive.abstained && extractive.closest.length ? extractive.closest : passages.slice(0, 3).map(passageCitation);
      return { question, answer: null, abstained: true, confidence: extractive.confidence, citations: [], closest, via: 'model' };
    }
    if (verdict.kind === 'failed') {
      log.warn('model answer failed the source check; extractive fallback', { check: verdict.check, reason: verdict.reason, model: model.name });
      return { ...extractive, note: fallbackNote(verdict) };
    }
    const cited = verdict.cited.map((n) => passages.find((p) => p.n === n)!);
    return {
      question,
      answer: renumber(reply.text.trim(), verdict.cited),
      abstained: false,
      confidence: extractive.confidence,
      citations: cited.map(passageCitation),
      closest: [],
      via: 'model',
    };
  }
}

/** Drafts show the text without its (not yet checked) markers, and nothing of a decline in the making. */
export function shownDraft(text: string, onDraft: (text: string) => void): void {
  const t = text.trimStart();
  if (DECLINE_SENTINEL.startsWith(t.slice(0, DECLINE_SENTINEL.length)) && t.length <= DECLINE_SENTINEL.length + 2) return;
  const shown = stripMarkers(t.replace(/\[\d*$/, ''));
  if (shown) onDraft(shown);
}
