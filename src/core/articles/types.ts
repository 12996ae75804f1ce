// What the core knows about an article, from input to stored record.

/** An article as it arrives from a file, URL or feed, before normalisation. */
export interface ArticleInput {
  text: string;
  title?: string | undefined;
  url?: string | undefined;
  source?: string | undefined;
  /** ISO string, Date, or free text ("Oct. 30, 2024"); parsed with chrono-node. */
  published?: string | Date | undefined;
  /** Caller's id (e.g. from a JSON feed); kept as external id, not the store id. */
  externalId?: string | undefined;
  /** Where it came from, for messages ("file.txt", "line 3 of feed.jsonl"). */
  origin?: string | undefined;
  /** Who may see it (ArticleStore scopes); everyone when absent. */
  scope?: string | undefined;
  /** With no publish date: use this (when the bot first saw it), marked as such, instead of none. */
  firstSeen?: string | undefined;
}

export interface ArticleMeta {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  published: string | null; // ISO; null: the publisher gave no date (show it as undated)
  /** `published` is when the bot first saw it (a feed item without a date), not a publisher's date. */
  publishedIsFirstSeen?: boolean | undefined;
  ingestedAt: string; // ISO
  updatedAt: string; // ISO
  storyId: string | null;
}

export interface Sentence {
  id: number;
  articleId: string;
  index: number;
  text: string;
}

export interface Article extends ArticleMeta {
  body: string;
  sentences: Sentence[];
}

export type IngestStatus = 'added' | 'updated' | 'duplicate' | 'rejected';

export interface IngestOutcome {
  status: IngestStatus;
  origin?: string | undefined;
  articleId?: string | undefined;
  title?: string | undefined;
  /** Why it was rejected, or what it duplicates. */
  reason?: string | undefined;
}
