// Numbered source passages for the model, and the interim way to get them: until the answers
// work lands its passage retrieval (src/core/answer/passages.ts), passages are built from the
// extractive answerer's ranked sentences, each with its neighbours in the article.
import type { ArticleMeta } from '../articles/types.ts';
import type { ScoredSentence } from '../answer/answerer.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { Citation } from '../types.ts';

export interface Passage {
  /** 1-based, in rank order: the number the model cites. */
  n: number;
  article: ArticleMeta;
  sentences: { id: number; index: number; text: string }[];
  /** 0 for the best. */
  rank: number;
}

/** What retrieval hands the model path: passages best first. */
export interface PassageSource {
  passagesFor(ranked: readonly ScoredSentence[]): Promise<Passage[]>;
}

export const MAX_PASSAGES = 8;
export const MAX_PASSAGE_CHARS = 8_000;

export const passageText = (p: Passage): string => p.sentences.map((s) => s.text).join(' ');

/** A passage as a citation: the quoted text is the passage's stored sentences. */
export function passageCitation(p: Passage): Citation {
  const a = p.article;
  return { articleId: a.id, title: a.title, url: a.url, source: a.source, published: a.published, sentence: passageText(p) };
}

/** The best sentences with one neighbour each side, overlapping ones merged, at most MAX_PASSAGES and MAX_PASSAGE_CHARS. */
export function neighbourPassages(store: ArticleStore): PassageSource {
  return {
    async passagesFor(ranked) {
      const out: Passage[] = [];
      let chars = 0;
      const articles = new Map<string, Awaited<ReturnType<ArticleStore['getArticle']>>>();
      for (const r of ranked) {
        if (out.length >= MAX_PASSAGES) break;
        const id = r.hit.article.id;
        if (out.some((p) => p.article.id === id && p.sentences.some((s) => s.id === r.hit.sentence.id))) continue;
        if (!articles.has(id)) articles.set(id, await store.getArticle(id));
        const article = articles.get(id);
        if (!article) continue;
        const at = r.hit.sentence.index;
        const taken = new Set(out.filter((p) => p.article.id === id).flatMap((p) => p.sentences.map((s) => s.index)));
        const sentences = article.sentences.filter((s) => s.index >= at - 1 && s.index <= at + 1 && !taken.has(s.index)).map((s) => ({ id: s.id, index: s.index, text: s.text }));
        const size = sentences.reduce((n, s) => n + s.text.length + 1, 0);
        if (chars + size > MAX_PASSAGE_CHARS) continue;
        chars += size;
        out.push({ n: out.length + 1, article: r.hit.article, sentences, rank: out.length });
      }
      return out;
    },
  };
}
