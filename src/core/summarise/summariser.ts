// Single-article summaries: the best sentences in article order, and the article's numeric facts.
import type { Article } from '../articles/types.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { Summary } from '../types.ts';
import { selectSentences, summaryLength, type RankTuning, DEFAULT_RANK_TUNING } from './rank.ts';

export async function summariseArticle(store: ArticleStore, article: Article, tuning: RankTuning = DEFAULT_RANK_TUNING, count?: number): Promise<Summary> {
  const entities = await store.entitiesOf(article.sentences.map((s) => s.id));
  const items = article.sentences.map((s) => ({ text: s.text, position: s.index, entityCount: entities.get(s.id)?.length ?? 0 }));
  const picked = selectSentences(items, count ?? summaryLength(items.length), tuning);
  const facts = await store.factsOf([article.id]);
  const seen = new Set<string>();
  const factTexts = facts
    .map((f) => f.text)
    .filter((t) => {
      const key = t.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return {
    articleId: article.id,
    title: article.title,
    url: article.url,
    source: article.source,
    published: article.published,
    publishedIsFirstSeen: article.publishedIsFirstSeen,
    addedAt: article.ingestedAt,
    sentences: picked.map((i) => article.sentences[i]!.text),
    facts: factTexts,
  };
}
