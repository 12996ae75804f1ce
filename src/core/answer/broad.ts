// Broad questions ("what is happening in Kursk?", "why does it matter?", "summarise the
// sanctions", "tl;dr") ask for the gist, not a fact: they get a short extractive summary of the
// most relevant passages, every sentence quoted and cited, instead of a refusal.
import type { Article } from '../articles/types.ts';
import { cosine, stemsOf, termCounts } from '../language/vectors.ts';
import type { ArticleStore } from '../store/article-store.ts';
import { clusterArticles } from '../summarise/stories.ts';
import { summariseArticle } from '../summarise/summariser.ts';
import type { Citation } from '../types.ts';
import { gatherCandidates } from './passages.ts';
import { analyseQuestion, type QuestionAnalysis } from './question.ts';

/** Framing that is never the topic: cut from the question before its words are searched. */
const FRAMING = [
  /^\s*(?:tl;?\s*dr|tldr)\b/i,
  /\b(?:summar(?:ise|ize|y)|recap|rundown|run-down|gist|overview|brief me|catch me up|fill me in|bring me up to speed)\b/i,
  // "whats" and "wats" as typed in chat, without the apostrophe.
  /\bwh?at(?:'s|’s|s| is| was| has been)\s+(?:happening|going on|new|the (?:latest|story|deal|situation|background|context|upshot))\b/i,
  /\bwh?at(?:'s|’s|s| is) up with\b/i,
  /\b(?:what do we know about|tell me about|any news (?:on|about)|update on|latest on|explain)\b/i,
];

/** "Why does it matter?", "why does uber hiring joe sullivan matter?": the stakes of a story, whose words sit in between. */
const WHY_IT_MATTERS = [
  /\bwhy (?:does|do|did|would|should|will) (?:it|this|that|these|those|any of (?:it|this)) (?:matter|count|be important)\b/i,
  /\bwhy (?:does|do|did|would|should|will) (?:\S+ ){1,8}?(?:matter|be important|be significant)\b/i,
  /\bwhy (?:is|are|was|were) (?:\S+ ){1,8}?(?:important|significant|a big deal)\b/i,
];

/** Words that only frame a broad question, not its topic ("summarise", "happening", "tl;dr"). */
const FRAME = /^(tl|dr|tldr|summar(ise|ize|y)|recap|rundown|gist|overview|brief|catch|fill|bring|speed|happen(ing)?|going|latest|story|deal|situation|background|context|upshot|matter|count|important|significant|big|know|tell|news|update|explain|new|up|please|pls|quick(ly)?)$/i;

export function isBroadQuestion(text: string): boolean {
  return FRAMING.some((re) => re.test(text)) || WHY_IT_MATTERS.some((re) => re.test(text));
}

/** Words that make a sentence say why something matters: consequences, worries, stakes. */
const STAKES = /\b(could|may|might|would|risk|threat|concern|concerns|worr(y|ies|ied)|alarm|fear|potential|broaden|lengthen|escalat\w*|implication|impact|consequence|means|aimed at|in order to|because|so that|warn\w*|danger\w*|destabiliz\w*)\b/i;

export interface BroadSummary {
  sentences: Citation[];
}

const citation = (a: Pick<Article, 'id' | 'title' | 'url' | 'source' | 'published'>, sentence: string): Citation => ({
  articleId: a.id,
  title: a.title,
  url: a.url,
  source: a.source,
  published: a.published,
  sentence,
});

/**
 * The gist of the story the question is about: the first sentence the story's summary would give,
 * then the sentences most relevant to the question, from the best article and any other telling
 * the same story (at most `max`, no two saying the same), in story order. A question with no topic words
 * ("tl;dr", "why does it matter?") is about the newest story. "Why does it matter" prefers
 * sentences about stakes and consequences.
 */
export async function broadSummary(store: ArticleStore, question: string, max = 3): Promise<BroadSummary> {
  // The framing ("tl;dr", "what is happening", "summarise") is not the topic.
  const topic = FRAMING.reduce((t, re) => t.replace(new RegExp(re.source, `${re.flags}g`), ' '), question);
  const full = analyseQuestion(topic.trim() || 'x');
  const terms = topic.trim() ? full.terms.filter((t) => t.word.length > 1 && !FRAME.test(t.word.replace(/[^\p{L}]/gu, ''))) : [];
  const q: QuestionAnalysis = { ...full, text: question.trim(), terms };
  const why = /\bwhy\b/i.test(question);
  if (!q.terms.length) {
    const [latest] = await store.listArticles({ limit: 1 });
    const article = latest && (await store.getArticle(latest.id));
    if (!article) return { sentences: [] };
    if (why) {
      const stakes = article.sentences.filter((s) => STAKES.test(s.text)).slice(0, max);
      if (stakes.length) return { sentences: stakes.map((s) => citation(article, s.text)) };
    }
    const summary = await summariseArticle(store, article, undefined, max);
    return { sentences: summary.sentences.map((s) => citation(article, s)) };
  }
  const c = await gatherCandidates(store, q, 3);
  // The gist of one story: the best article and those a briefing would file under the same story,
  // never a sentence of another story that happens to share a word with the question.
  const story = new Set((clusterArticles(c.articles.map((a) => a.article))[0] ?? []).map((a) => a.id));
  const perStory = story.size > 1 ? 2 : max;
  const picked: { citation: Citation; rank: number; index: number; stems: Map<string, number> }[] = [];
  const perArticle = new Map<string, number>();
  const take = (article: Pick<Article, 'id' | 'title' | 'url' | 'source' | 'published'>, rank: number, index: number, text: string, stems = termCounts(stemsOf(text))) => {
    perArticle.set(article.id, (perArticle.get(article.id) ?? 0) + 1);
    picked.push({ citation: citation(article, text), rank, index, stems });
  };
  // The gist starts where the story's own summary does (its lead, as a rule); "why does it
  // matter" asks for the stakes instead.
  const top = c.articles[0]?.article;
  if (top && !why) {
    const lead = (await summariseArticle(store, top, undefined, 1)).sentences[0];
    const s = lead === undefined ? undefined : top.sentences.find((x) => x.text === lead);
    if (s) take(top, 0, s.index, s.text);
  }
  const scored = c.sentences
    .filter((s) => s.bm25 > 0 && story.has(s.article.id))
    .map((s) => ({ s, score: s.score + (why && STAKES.test(s.sentence.text) ? 0.5 : 0) }))
    .sort((a, b) => b.score - a.score);
  for (const { s } of scored) {
    if (picked.length >= max) break;
    // At most two sentences from one article when several tell the story, so each gets a say.
    if ((perArticle.get(s.article.id) ?? 0) >= perStory) continue;
    const stems = termCounts(stemsOf(s.sentence.text));
    if (picked.some((p) => cosine(p.stems, stems) > 0.5)) continue;
    take(s.article, s.articleRank, s.sentence.index, s.sentence.text, stems);
  }
  picked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return { sentences: picked.map((p) => p.citation) };
}
