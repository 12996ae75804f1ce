// Results the core returns. Commands present them as Replies; the CLI prints them as JSON.

/** One stored sentence a result rests on. */
export interface Citation {
  articleId: string;
  title: string;
  url: string | null;
  source: string | null;
  published: string | null;
  /** `published` is when the bot first saw it, not the publisher's date. */
  publishedIsFirstSeen?: boolean | undefined;
  /** When the article was stored: shown for undated articles ("undated, added 26 Nov"). */
  addedAt?: string | undefined;
  sentence: string;
}

export interface Answer {
  question: string;
  /**
   * What answers the question, or null when declining: a short span as its sentence words it,
   * hedge and unit included ("as many as 12,000 troops"); for a passage answer or a summary,
   * the quoted sentences themselves.
   */
  answer: string | null;
  /**
   * 'short': a span of the cited sentence answers the question's type; 'passage': the cited
   * sentences are the answer; 'summary': a broad question, answered by the most relevant sentences.
   */
  form?: 'short' | 'passage' | 'summary' | undefined;
  /** The answer as its sentence words it, when that says more ("as many as 12,000 troops" for "12,000"). */
  phrase?: string | undefined;
  abstained: boolean;
  /** 0..1: how well the best sentence supports the answer. */
  confidence: number;
  /** Supporting sentences, best first (empty when abstaining). */
  citations: Citation[];
  /** When abstaining: the closest sources, so the user can look for themselves. */
  closest: Citation[];
  /** 'extractive' by default; 'model' when a language model wrote it; a note when it fell back. */
  via: 'extractive' | 'model';
  note?: string | undefined;
  /**
   * Set when the answer is declined because the question takes for granted something the sources
   * contradict or never say ("How many firms did India sanction?"): `closest` then holds what they do say.
   */
  premise?: PremiseNote | undefined;
}

export interface PremiseNote {
  /** The question's statement ("India sanctioned any firms"), when it could be put as one. */
  claim?: string | undefined;
  conflicts: { kind: string; asked: string; found?: string | undefined; sentence?: string | undefined }[];
}

export interface Summary {
  articleId: string;
  title: string;
  url: string | null;
  source: string | null;
  published: string | null;
  publishedIsFirstSeen?: boolean | undefined;
  addedAt?: string | undefined;
  /** Chosen sentences, in article order. */
  sentences: string[];
  /** Numeric facts of the article ("398 firms"). */
  facts: string[];
  /** Set when a language model wrote `sentences`: the stored sentences each one rests on. */
  support?: string[][] | undefined;
  /** 'model' when a language model wrote the sentences (unset: extracted). */
  via?: 'extractive' | 'model' | undefined;
  /** Why the model's version is not shown, when it fell back. */
  note?: string | undefined;
}

export interface BriefPoint {
  text: string;
  citations: Citation[];
  /** From an article stored after this channel's previous briefing. */
  isNew: boolean;
  /** Since this channel's previous briefing: from a new article, or a sentence an edit added. */
  change?: 'new' | 'updated' | undefined;
}

export interface StoryBrief {
  title: string;
  articleIds: string[];
  points: BriefPoint[];
  facts: { text: string; citation: Citation }[];
  /** Figures the sources give differently (398 firms vs nearly 400 companies), each with its source. */
  disagreements?: { text: string; citation: Citation }[][] | undefined;
  /** Figures an edit since the previous briefing replaced ("about 12,000 soldiers", was "about 11,000 soldiers"). */
  revisedFacts?: { text: string; was: string; citation: Citation }[] | undefined;
  /** How many of its articles are new, or updated, since this channel's previous briefing. */
  newArticles?: number | undefined;
  updatedArticles?: number | undefined;
  /** The newest publisher's date among its articles; null when none of them is dated. */
  published: string | null;
  publishedIsFirstSeen?: boolean | undefined;
  /** When its newest article was stored (shown when it is undated). */
  addedAt?: string | undefined;
}

export interface Briefing {
  window: { since: string; until: string; topic: string | null };
  /** True when nothing was published in the window and the most recent stories are shown instead. */
  fallback: boolean;
  stories: StoryBrief[];
  /** When this channel was last briefed, if ever. */
  previousBriefing: string | null;
  /** 'model' when a language model wrote the points (unset: extracted). */
  via?: 'extractive' | 'model' | undefined;
  /** Why the model's version is not shown, when it fell back. */
  note?: string | undefined;
}

export interface BriefOptions {
  topic?: string | undefined;
  since?: Date | undefined;
  /** Whose "new since last briefing" to use, and record (e.g. "console", "slack:C123"). */
  audience?: string | undefined;
  /** Record this briefing as the audience's latest. */
  record?: boolean | undefined;
  maxStories?: number | undefined;
}

export interface SearchHit {
  articleId: string;
  title: string;
  url: string | null;
  source: string | null;
  published: string | null;
  /** The best-matching sentence with matches wrapped in ** **. */
  snippet: string;
  score: number;
}
