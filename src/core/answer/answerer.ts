// Extractive question answering: analyse the question, retrieve sentences from the whole store,
// rerank them, take the answer span from the best one, or abstain when support is too thin.
import type { ArticleMeta } from '../articles/types.ts';
import { synonymsOf } from '../language/synonyms.ts';
import { tokenize, type Token } from '../language/tokens.ts';
import type { ArticleStore, SentenceHit, StoredEntity } from '../store/article-store.ts';
import type { Answer, Citation } from '../types.ts';
import { analyseQuestion, TYPE_ENTITIES, type QuestionAnalysis } from './question.ts';
import { retrieveSentences } from './retrieve.ts';
import { findSpans, type Span } from './spans.ts';
import { resolveDate } from './dates.ts';

export interface AnswererTuning {
  /** Candidate sentences fetched from full-text search. */
  retrieve: number;
  /** Below this confidence the answerer says the sources do not say. */
  abstainBelow: number;
  weights: { coverage: number; span: number; bm25: number };
}

export const DEFAULT_TUNING: AnswererTuning = {
  retrieve: 60,
  abstainBelow: 0.5,
  weights: { coverage: 0.65, span: 0.25, bm25: 0.1 },
};

export interface ScoredSentence {
  hit: SentenceHit;
  tokens: Token[];
  matched: boolean[];
  coverage: number;
  missingProper: number;
  span: Span | undefined;
  score: number;
}

export function citationOf(hit: { article: ArticleMeta; sentence: { text: string } }): Citation {
  const a = hit.article;
  return { articleId: a.id, title: a.title, url: a.url, source: a.source, published: a.published, sentence: hit.sentence.text };
}

/** "Korea" and "Korean", "Ukraine" and "Ukrainian": a name and its adjective. */
function sameName(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  const root = short.replace(/[aeiouy]$/, '');
  return long.startsWith(root) && long.length - root.length <= 4;
}

const idf = (df: number, total: number) => Math.log(1 + (total - df + 0.5) / (df + 0.5));

export class Answerer {
  constructor(
    private readonly store: ArticleStore,
    private readonly tuning: AnswererTuning = DEFAULT_TUNING,
  ) {}

  async ask(question: string): Promise<Answer> {
    const q = analyseQuestion(question);
    const ranked = await this.rank(q);
    return this.decide(q, ranked);
  }

  /** Reranked candidate sentences for a question, best first. */
  async rank(q: QuestionAnalysis, articleIds?: readonly string[]): Promise<ScoredSentence[]> {
    if (!q.terms.length) return [];
    const hits = await retrieveSentences(this.store, q.terms, this.tuning.retrieve, articleIds);
    if (!hits.length) return [];
    const { total, df } = await this.store.documentFrequencies(q.terms.map((t) => t.word));
    const weights = q.terms.map((t) => idf(df.get(t.word) ?? 0, Math.max(total, 1)));
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    const entities = await this.store.entitiesOf(hits.map((h) => h.sentence.id));
    const bestBm25 = Math.min(...hits.map((h) => h.bm25));

    const scored = hits.map((hit) => {
      const tokens = tokenize(hit.sentence.text);
      const titleStems = new Set(tokenize(hit.article.title).map((t) => t.stem));
      const matched = tokens.map(() => false);
      let covered = 0;
      let missingProper = 0;
      q.terms.forEach((term, i) => {
        const syn = synonymsOf(term.stem);
        let credit = 0;
        tokens.forEach((tok, k) => {
          if (tok.stem === term.stem || tok.norm === term.word.toLowerCase() || (term.proper && sameName(tok.norm, term.word.toLowerCase()))) {
            matched[k] = true;
            credit = 1;
          } else if (syn.has(tok.stem)) {
            matched[k] = true;
            credit = Math.max(credit, 0.8);
          }
        });
        // The headline often names the subject a sentence leaves implicit.
        if (!credit && titleStems.has(term.stem)) credit = 0.5;
        if (!credit && term.proper) missingProper++;
        covered += credit * weights[i]!;
      });
      const coverage = covered / totalWeight;
      const spans = findSpans(hit.sentence.text, tokens, matched, (entities.get(hit.sentence.id) ?? []) as StoredEntity[], q);
      const span = spans.sort((a, b) => b.fit - a.fit)[0];
      const bm25 = bestBm25 < 0 ? hit.bm25 / bestBm25 : 0; // 1 for the best hit, less for the rest
      const spanScore = span ? span.fit : q.type === 'other' || q.type === 'yesno' ? 0.4 : 0;
      const w = this.tuning.weights;
      const score = (w.coverage * coverage + w.span * spanScore + w.bm25 * bm25) * Math.pow(0.6, missingProper);
      return { hit, tokens, matched, coverage, missingProper, span, score } satisfies ScoredSentence;
    });
    return scored.sort((a, b) => b.score - a.score);
  }

  decide(q: QuestionAnalysis, ranked: ScoredSentence[]): Answer {
    const closest = dedupeCitations(ranked.slice(0, 3).map((r) => citationOf(r.hit)));
    const best = ranked[0];
    const typed = TYPE_ENTITIES[q.type].length > 0;
    let confidence = 0;
    if (best) {
      confidence = best.coverage * Math.pow(0.5, best.missingProper);
      if (typed && !best.span) confidence *= 0.5;
      if (q.type === 'reason' && !best.span) confidence *= 0.8;
    }
    confidence = Math.round(Math.min(1, confidence) * 1000) / 1000;
    if (!best || confidence < this.tuning.abstainBelow) {
      return { question: q.text, answer: null, abstained: true, confidence, citations: [], closest, via: 'extractive' };
    }
    const answerText = best.span ? withResolvedDate(best.span.text, q, best.hit.article.published) : best.hit.sentence.text;
    // Other sentences that carry the same answer, or nearly as strong support, back it up.
    const support = ranked
      .slice(1)
      .filter((r) => r.score >= best.score * 0.85 && (!best.span || r.span?.text.toLowerCase() === best.span.text.toLowerCase()))
      .slice(0, 2);
    const cites = dedupeCitations([best, ...support].map((r) => citationOf(r.hit)));
    return { question: q.text, answer: answerText, abstained: false, confidence, citations: cites, closest: [], via: 'extractive' };
  }
}

function withResolvedDate(span: string, q: QuestionAnalysis, published: string | null): string {
  if (q.type !== 'date' || !published) return span;
  const resolved = resolveDate(span, new Date(published));
  return resolved ? `${span} (${resolved})` : span;
}

function dedupeCitations(list: Citation[]): Citation[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = `${c.articleId}\u0000${c.sentence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
