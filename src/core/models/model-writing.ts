// Article summaries and briefings written by a language model from numbered stored sentences. Each
// sentence (or bullet) the model writes must cite the sentences it rests on and state no number or
// name they lack; otherwise the extractive summary or briefing is shown, with a note saying so.
import type { Article } from '../articles/types.ts';
import type { Logger } from '../log.ts';
import { scoreSentences } from '../summarise/rank.ts';
import { formatDate } from '../time.ts';
import type { Briefing, BriefPoint, Citation, Summary } from '../types.ts';
import { BUDGETS, estimateTokens, fitByRank } from './budget.ts';
import { checkGrounding, type GivenSource, type Verdict } from './grounding.ts';
import { fallbackNote, shownDraft, type AskOptions } from './grounded-answerer.ts';
import { ModelError, type LanguageModel } from './language-model.ts';
import { loadPrompt, quoted, renderPrompt } from './prompts.ts';

export interface WritingDeps {
  model: LanguageModel;
  log: Logger;
  timezone: string;
  promptsDir?: string | undefined;
}

/** Asks the model and checks the reply; the verdict, or the ModelError that stopped it. */
async function writeChecked(
  deps: WritingDeps,
  task: string,
  messages: ReturnType<typeof renderPrompt>,
  maxTokens: number,
  given: GivenSource[],
  draft: AskOptions | undefined,
): Promise<Verdict | ModelError> {
  try {
    const onDraft = draft?.onDraft;
    const reply = await deps.model.complete({ task, messages, maxTokens, onText: onDraft && ((text) => shownDraft(text, onDraft)) });
    return checkGrounding(reply.text, given, { everyUnitCites: true });
  } catch (err) {
    if (err instanceof ModelError) return err;
    throw err;
  }
}

function logFallback(deps: WritingDeps, task: string, why: Verdict | ModelError): void {
  if (why instanceof ModelError) deps.log.warn(`model ${task} unavailable; extractive fallback`, { kind: why.kind, reason: why.message });
  else if (why.kind === 'failed') deps.log.warn(`model ${task} failed the source check; extractive fallback`, { check: why.check, reason: why.reason, model: deps.model.name });
  else deps.log.warn(`model ${task} declined; extractive fallback`, { model: deps.model.name });
}

/** The article's sentences, numbered by position (n = index + 1), the best kept within the budget, shown in article order. */
export async function modelSummary(deps: WritingDeps, article: Article, extractive: Summary, draft?: AskOptions): Promise<Summary> {
  const template = loadPrompt('article-summary', deps.promptsDir);
  const scored = scoreSentences(article.sentences.map((s) => ({ text: s.text, position: s.index, entityCount: 0 })));
  const byRank = [...scored].sort((a, b) => b.score - a.score).map((r) => article.sentences[r.index]!);
  const list = (kept: readonly { index: number; text: string }[]) =>
    [...kept]
      .sort((a, b) => a.index - b.index)
      .map((s) => `[${s.index + 1}] ${quoted(s.text)}`)
      .join('\n');
  const values = (sentences: string) => ({ title: quoted(article.title), source: article.source ?? 'unknown', published: formatDate(article.published, deps.timezone) || 'unknown', sentences });
  const fixed = estimateTokens(renderPrompt(template, values('')).map((m) => m.content).join('\n'));
  const kept = fitByRank(byRank, list, fixed, BUDGETS.summary.promptTokens);
  const given = kept.map((s) => ({ n: s.index + 1, text: `${article.title}. ${formatDate(article.published, deps.timezone)}. ${s.text}` }));
  const verdict = await writeChecked(deps, 'summary', renderPrompt(template, values(list(kept))), BUDGETS.summary.replyTokens, given, draft);
  if (verdict instanceof ModelError || verdict.kind !== 'grounded') {
    logFallback(deps, 'summary', verdict);
    return { ...extractive, note: verdict instanceof ModelError ? fallbackNote(verdict) : 'The language model’s summary did not pass the source check, so these are the article’s own sentences.' };
  }
  const sentenceOf = (n: number) => article.sentences[n - 1]!.text;
  return {
    ...extractive,
    sentences: verdict.units.map((u) => u.text),
    support: verdict.units.map((u) => u.cites.map(sentenceOf)),
    via: 'model',
  };
}

/** The briefing's stories with their key sentences as numbered passages; the model writes the bullets. */
export async function modelBriefing(deps: WritingDeps, extractive: Briefing, draft?: AskOptions): Promise<Briefing> {
  if (!extractive.stories.length) return extractive;
  const template = loadPrompt('daily-briefing', deps.promptsDir);
  // Passages numbered across the stories, in story order; whole stories are dropped from the end to fit the budget.
  let n = 0;
  const stories = extractive.stories.map((story, s) => ({ s, story, points: story.points.map((point) => ({ n: ++n, point })) }));
  const render = (kept: readonly (typeof stories)[number][]) =>
    kept
      .map(({ s, story, points }) => {
        const date = formatDate(story.published, deps.timezone);
        const lines = points.map(({ n: k, point }) => `[${k}] ${quoted(point.text)}`);
        return [`Story ${s + 1}: ${quoted(story.title)}${date ? ` (${date})` : ''}`, ...lines].join('\n');
      })
      .join('\n\n');
  const period = `${formatDate(extractive.window.since, deps.timezone)} to ${formatDate(extractive.window.until, deps.timezone)}`;
  const values = (text: string) => ({ period, topic: extractive.window.topic ? quoted(extractive.window.topic) : 'all stories', stories: text });
  const fixed = estimateTokens(renderPrompt(template, values('')).map((m) => m.content).join('\n'));
  const kept = fitByRank(stories, render, fixed, BUDGETS.briefing.promptTokens);
  const passages = new Map(kept.flatMap(({ s, story, points }) => points.map(({ n: k, point }) => [k, { s, story, point }] as const)));
  const given = [...passages].map(([k, { story, point }]) => ({ n: k, text: `${story.title}. ${point.citations.map((c) => c.title).join('. ')}. ${point.text}` }));
  const verdict = await writeChecked(deps, 'briefing', renderPrompt(template, values(render(kept))), BUDGETS.briefing.replyTokens, given, draft);
  if (verdict instanceof ModelError || verdict.kind !== 'grounded') {
    logFallback(deps, 'briefing', verdict);
    return { ...extractive, note: verdict instanceof ModelError ? fallbackNote(verdict) : 'The language model’s briefing did not pass the source check, so these are the articles’ own sentences.' };
  }
  // Each bullet goes to the story of the first passage it cites; stories it wrote nothing for keep their sentences.
  const written = new Map<number, BriefPoint[]>();
  for (const unit of verdict.units) {
    const cited = unit.cites.map((k) => passages.get(k)!);
    const citations: Citation[] = [];
    for (const c of cited.flatMap((x) => x.point.citations)) if (!citations.some((y) => y.articleId === c.articleId && y.sentence === c.sentence)) citations.push(c);
    const s = cited[0]!.s;
    written.set(s, [...(written.get(s) ?? []), { text: unit.text, citations, isNew: cited.some((x) => x.point.isNew) }]);
  }
  return {
    ...extractive,
    stories: extractive.stories.map((story, s) => (written.has(s) ? { ...story, points: written.get(s)! } : story)),
    via: 'model',
  };
}
