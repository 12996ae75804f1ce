// Briefings over many articles: cluster the window's articles into stories, rank the stories,
// and give each its key sentences and key facts, every line cited, new lines marked.
import type { Article, ArticleMeta } from '../articles/types.ts';
import { articlesAbout } from '../articles/lookup.ts';
import { citationOf } from '../answer/answerer.ts';
import { cosine } from '../language/vectors.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { BriefOptions, Briefing, StoryBrief } from '../types.ts';
import { scoreSentences } from './rank.ts';
import { changeSince, disagreements, unitKey } from './story-changes.ts';
import { clusterArticles } from './stories.ts';

const MAX_ARTICLES = 200;
const FALLBACK_ARTICLES = 10;

const time = (a: ArticleMeta) => Date.parse(a.published ?? a.ingestedAt);

export async function buildBriefing(store: ArticleStore, now: Date, opts: BriefOptions = {}): Promise<Briefing> {
  const until = now.toISOString();
  const since = (opts.since ?? new Date(now.getTime() - 86_400_000)).toISOString();
  const topic = opts.topic?.trim() || null;
  const markKey = opts.audience ? `brief:${opts.audience}` : undefined;
  const previousBriefing = markKey ? ((await store.getMark(markKey)) ?? null) : null;

  // Articles dated more than a minute ahead are left out (a feed's clock, a typo).
  const notAfter = now.getTime() + 60_000;
  // Without a topic the newest MAX_ARTICLES of the window come from SQL (the date index, newest
  // first): a week at 100,000 articles is over 2,000 rows, of which only these are read. Stored
  // dates are all toISOString()'s, so the string bound is the time bound.
  let metas = topic
    ? (await articlesAbout(store, topic, { since })).filter((a) => time(a) <= notAfter)
    : await store.listArticles({ since, until: new Date(notAfter + 1).toISOString(), limit: MAX_ARTICLES });
  let fallback = false;
  if (!metas.length) {
    fallback = true;
    metas = await articlesAbout(store, topic ?? undefined, { limit: FALLBACK_ARTICLES });
  }
  const articles = [...(await store.getArticles(metas.slice(0, MAX_ARTICLES).map((m) => m.id))).values()];
  const stories = await Promise.all(clusterArticles(articles).map((group) => storyOf(store, group, previousBriefing)));
  const maxStories = opts.maxStories ?? 5;
  // Bigger and fresher stories first.
  const ranked = stories
    .map((s) => ({ s, rank: s.articleIds.length * 2 + (s.published ? Date.parse(s.published) / 86_400_000 / 1e4 : 0) }))
    .sort((a, b) => b.rank - a.rank || (b.s.published ?? '').localeCompare(a.s.published ?? ''))
    .slice(0, maxStories)
    .map((x) => x.s);
  if (opts.record && markKey) await store.setMark(markKey, until);
  return { window: { since, until, topic }, fallback, stories: ranked, previousBriefing };
}

async function storyOf(store: ArticleStore, group: Article[], previousBriefing: string | null): Promise<StoryBrief> {
  const byTime = [...group].sort((a, b) => time(b) - time(a));
  const entities = await store.entitiesOf(group.flatMap((a) => a.sentences.map((s) => s.id)));
  const changes = new Map(await Promise.all(group.map(async (a) => [a.id, await changeSince(store, a, previousBriefing)] as const)));
  const pool = group.flatMap((a) => a.sentences.map((s) => ({ a, s })));
  const scored = scoreSentences(pool.map(({ s }) => ({ text: s.text, position: s.index, entityCount: entities.get(s.id)?.length ?? 0 })));
  const order = scored.sort((x, y) => y.score - x.score);
  const pointsWanted = Math.min(2 + group.length, 5);
  const chosen: typeof order = [];
  const take = (r: (typeof order)[number]) => {
    if (chosen.length >= pointsWanted || chosen.includes(r) || chosen.some((c) => cosine(c.vector, r.vector) > 0.5)) return;
    chosen.push(r);
  };
  // For a returning channel, the best lines an edit added come first: they are what changed.
  if (previousBriefing) {
    for (const r of order.filter((r) => changes.get(pool[r.index]!.a.id)?.change === 'updated' && changes.get(pool[r.index]!.a.id)!.unseen.has(pool[r.index]!.s.text)).slice(0, 2)) take(r);
  }
  for (const r of order) take(r);
  const points = chosen.map((r) => {
    const { a, s } = pool[r.index]!;
    const c = changes.get(a.id)!;
    const change = c.change && c.unseen.has(s.text) ? c.change : undefined;
    return { text: s.text, citations: [citationOf({ article: a, sentence: s })], isNew: change !== undefined, change };
  });
  // New points first, so a returning reader sees what changed at the top.
  if (previousBriefing) points.sort((x, y) => Number(y.isNew) - Number(x.isNew));
  const facts = await store.factsOf(group.map((a) => a.id));
  const cite = (f: { articleId: string; sentenceId: number }) => {
    const a = group.find((x) => x.id === f.articleId)!;
    const s = a.sentences.find((x) => x.id === f.sentenceId)!;
    return citationOf({ article: a, sentence: s });
  };
  const rankOf = new Map(order.map((r, i) => [pool[r.index]!.s.id, i]));
  const seen = new Set<string>();
  const keyFacts = facts
    .sort((x, y) => (rankOf.get(x.sentenceId) ?? 1e9) - (rankOf.get(y.sentenceId) ?? 1e9))
    .filter((f) => {
      const key = `${f.value}|${unitKey(f.unit)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 4)
    .map((f) => ({ text: f.text, citation: cite(f) }));
  // Oldest article first, so each figure is credited to the source that gave it first.
  const oldestFirst = [...facts].sort((x, y) => time(group.find((a) => a.id === x.articleId)!) - time(group.find((a) => a.id === y.articleId)!));
  const differ = disagreements(oldestFirst.map((f) => ({ text: f.text, value: f.value, unit: f.unit, articleId: f.articleId, citation: cite(f) }))).map((claims) =>
    claims.map(({ text, citation }) => ({ text, citation })),
  );
  const revisedFacts = group.flatMap((a) => {
    const c = changes.get(a.id)!;
    return c.replacedFacts.flatMap((old) => {
      const now = facts.find((f) => f.articleId === a.id && unitKey(f.unit) === unitKey(old.unit) && f.value !== old.value);
      return now ? [{ text: now.text, was: old.text, citation: cite(now) }] : [];
    });
  });
  // The story's date is a publisher's (or a feed's first-seen) date; an undated story says so rather than borrowing the day it was stored.
  const dated = byTime.find((a) => a.published);
  return {
    title: byTime[0]!.title,
    articleIds: byTime.map((a) => a.id),
    points,
    facts: keyFacts,
    disagreements: differ,
    revisedFacts,
    newArticles: previousBriefing ? group.filter((a) => changes.get(a.id)?.change === 'new').length : undefined,
    updatedArticles: previousBriefing ? group.filter((a) => changes.get(a.id)?.change === 'updated').length : undefined,
    published: dated?.published ?? null,
    publishedIsFirstSeen: dated?.publishedIsFirstSeen,
    addedAt: byTime[0]!.ingestedAt,
  };
}
