// The model path reads the same numbered passages as the extractive path (answer/passages.ts);
// here only what the model path adds: a passage's plain sentences and a passage as a citation.
import type { Passage } from '../answer/passages.ts';
import type { Citation } from '../types.ts';

export type { Passage };

/** The passage's stored sentences, joined: what the model is shown and what a citation quotes. */
export const passageSentences = (p: Passage): string => p.sentences.map((s) => s.text).join(' ');

/** A passage as a citation: the quoted text is the passage's stored sentences. */
export function passageCitation(p: Passage): Citation {
  const a = p.article;
  return { articleId: a.id, title: a.title, url: a.url, source: a.source, published: a.published, publishedIsFirstSeen: a.publishedIsFirstSeen, addedAt: a.ingestedAt, sentence: passageSentences(p) };
}
