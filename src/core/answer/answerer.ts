// Extractive question answering: analyse the question, retrieve sentences from the whole store,
// rank them by a fitted linear model of answer features, take the answer span from the best one,
// or abstain when a second fitted model says the support is too thin.
import type { Article, ArticleMeta } from '../articles/types.ts';
import { stemOf, tokenize, tokenStems, type Token } from '../language/tokens.ts';
import { synonymsOf } from '../language/synonyms.ts';
import type { ArticleStore, SentenceHit, StoredEntity } from '../store/article-store.ts';
import type { Answer, Citation } from '../types.ts';
import { analyseQuestion, asksAmount, countedEvent, subjectNoun, TYPE_ENTITIES, type QuestionAnalysis, type QuestionTerm } from './question.ts';
import { retrieveSentences } from './retrieve.ts';
import { articleTerms, likelyCredit, sentenceCredit, type ArticleTerms } from './article-terms.ts';
import { gatherCandidates, type Candidates } from './passages.ts';
import { checkPremise, opposesQuestion, publisherDate, type PremiseConflict, type PremiseEvidence } from './premise.ts';
import { broadSummary, isBroadQuestion } from './broad.ts';
import { findSpans, type Span, type SpanWeights } from './spans.ts';
import { resolveDate } from './dates.ts';
import { answerEdges, asksKind } from './edges.ts';
import { answerSpanOf, asksName, isProperName, kindWord, listAsked, namesAnswer, numbersTheFocus } from './naming.ts';
import { amountAsWritten, numericFacts } from '../language/entities.ts';
import { isNumberWord, NUMBER_IN_WORDS } from '../language/numbers.ts';
import { FEATURES, bm25OfCounts, featuresOf, softBm25, linear, matchTerms, termPatterns, type FeatureInput, type Features, type FeatureName, type TermMatch } from './features.ts';
import { ABSTAIN_BELOW, ABSTAIN_FEATURES, DECIDE, ABSTAIN_WEIGHTS, RANK_WEIGHTS, SPAN_WEIGHTS, ANSWER_SPAN_WEIGHTS, GATE_SPAN_WEIGHTS, SHORT, SHORT_FEATURES, SHORT_LIKELY, type AbstainFeature, type ShortFeature } from './weights.ts';
import { agreementOf, type Agreement } from './agreement.ts';
import { timesWords } from './span-model.ts';
import { formChecked, kindFormAbsent, kindUnnamed, nameAbsent, onlySupposed, resultAbsent } from './asserts.ts';
import { creditNameParts, namePairs, namesInArticle } from './name-parts.ts';
import { OPENS_UPPER } from '../language/words.ts';

export interface AnswererTuning {
  /** Candidate sentences fetched from full-text search. */
  retrieve: number;
  /** The span gate applies below this confidence (the abstention model's); above it the sentence is trusted. */
  gateBelow: number;
  /** Span fit below which the best sentence is taken not to answer a typed ("how many", "who") question. */
  spanGateTyped: number;
  /** ... and a "what"/"which" question. Chosen on the news dev set (docs/evaluation.md). */
  spanGateOther: number;
  /** The short-answer model's probability (shortProbability) from which the best span is the answer rather than the quoted sentence. */
  shortLikely: number;
  /** The short-answer model's weights. */
  short: Readonly<Record<ShortFeature | 'bias', number>>;
  /** A passage answer quotes further sentences scoring at least this share of the best one's. */
  passageSupport: number;
  /** Best articles (title and body bm25) whose every sentence is a candidate. */
  articles: number;
  /** Below this confidence (0..1, the abstention model's probability) the answerer says the sources do not say. */
  abstainBelow: number;
  /** Span fit as the sentence ranking reads it. */
  span: SpanWeights;
  /** The answer span within the best sentence (a richer model than the ranking's). */
  answerSpan: SpanWeights;
  /** The span the gate reads in the best sentence (the model the gate's fits were chosen with). */
  gateSpan: SpanWeights;
  rank: Readonly<Record<FeatureName | 'bias', number>>;
  abstain: Readonly<Record<AbstainFeature | 'bias', number>>;
}

export const DEFAULT_TUNING: AnswererTuning = {
  retrieve: 30,
  gateBelow: DECIDE.gateBelow,
  spanGateTyped: DECIDE.spanGateTyped,
  spanGateOther: DECIDE.spanGateOther,
  shortLikely: SHORT_LIKELY,
  short: SHORT,
  passageSupport: 0.6,
  articles: 3,
  abstainBelow: ABSTAIN_BELOW,
  span: SPAN_WEIGHTS,
  answerSpan: ANSWER_SPAN_WEIGHTS,
  gateSpan: GATE_SPAN_WEIGHTS,
  rank: RANK_WEIGHTS,
  abstain: ABSTAIN_WEIGHTS,
};

export interface ScoredSentence {
  hit: SentenceHit;
  entities: StoredEntity[];
  tokens: Token[];
  match: TermMatch;
  features: Features;
  span: Span | undefined;
  /** The best sentence only: the fit of its next-best span (0 when it has one span or none), and how many spans it has. */
  runnerUp?: number;
  spanCount?: number;
  /** The best sentence only: its span as the span gate reads it (AnswererTuning.gateSpan). */
  gateSpan?: Span | undefined;
  /** Ranking model's probability that the sentence holds the answer. */
  score: number;
  /** Title and body of the sentence's article (the best sentence only: its premise is checked against it). */
  articleText?: string;
  /** Whether the sentence says what the question asks rather than its opposite or a neighbour (the best sentence only: the abstention model reads no other). */
  agreement?: Agreement;
}

/** How much of the ranking a caller reads. */
export interface RankOptions {
  /**
   * false: only the sentences ask() can quote or cite are in the result (see scoreNeeded), each
   * scored as in the whole ranking. Fitting reads every row (the default).
   */
  all?: boolean;
}

/** decide() quotes or cites the best three sentences, and backs a short answer with any scoring this share of the best's. */
const NEEDED_TOP = 3;
const SUPPORT_SHARE = 0.85;

export function citationOf(hit: { article: ArticleMeta; sentence: { text: string } }): Citation {
  const a = hit.article;
  return { articleId: a.id, title: a.title, url: a.url, source: a.source, published: a.published, publishedIsFirstSeen: a.publishedIsFirstSeen, addedAt: a.ingestedAt, sentence: hit.sentence.text };
}

const idf = (df: number, total: number) => Math.log(1 + (total - df + 0.5) / (df + 0.5));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** Articles whose hits' neighbours become candidates too. */
const NEIGHBOUR_ARTICLES = 3;

export class Answerer {
  constructor(
    private readonly store: ArticleStore,
    private readonly tuning: AnswererTuning = DEFAULT_TUNING,
  ) {}

  async ask(question: string): Promise<Answer> {
    if (isBroadQuestion(question)) {
      const summary = await broadSummary(this.store, question);
      if (summary.sentences.length) {
        return { question: question.trim(), answer: summary.sentences.map((c) => c.sentence).join(' '), form: 'summary', abstained: false, confidence: 1, citations: summary.sentences, closest: [], via: 'extractive' };
      }
    }
    const q = analyseQuestion(question);
    // Gathered while rank() retrieves sentences (see there).
    const candidates = gatherCandidates(this.store, q, this.tuning.articles);
    const ranked = await this.rank(q, candidates, { all: false });
    return this.decide(q, ranked, await candidates);
  }

  /**
   * Reranked candidate sentences for a question, best first: every sentence of the best articles
   * (article-first retrieval, as the passages a model reads) and the best-matching sentences of
   * the whole store (full-text search over sentences).
   */
  async rank(q: QuestionAnalysis, candidates?: Candidates | Promise<Candidates>, opts: RankOptions = {}): Promise<ScoredSentence[]> {
    if (!q.terms.length) return [];
    // The article-first candidates and the sentence search at once: on PostgreSQL each is a chain
    // of round trips, and the two run on two connections (SQLite runs them one after the other).
    const [c, found] = await Promise.all([candidates ?? gatherCandidates(this.store, q, this.tuning.articles), retrieveSentences(this.store, q.terms, this.tuning.retrieve)]);
    const seen = new Set(found.map((h) => h.sentence.id));
    const topArticles = new Set(c.articles.slice(0, this.tuning.articles).map((a) => a.article.id));
    for (const s of c.sentences) {
      if (!topArticles.has(s.article.id) || seen.has(s.sentence.id)) continue;
      seen.add(s.sentence.id);
      found.push({ sentence: { ...s.sentence, articleId: s.article.id }, article: s.article, bm25: 0 });
    }
    if (!found.length) return [];
    const articleRank = new Map(c.articles.map((a) => [a.article.id, a.relative]));
    // The counts the candidates were gathered with, when they were for this question (a round trip less on PostgreSQL).
    const { total, df } = c.q === q && c.counts ? c.counts : await this.store.documentFrequencies(q.terms.map((t) => t.word));
    const weights = q.terms.map((t) => idf(df.get(t.word) ?? 0, Math.max(total, 1)));
    const typed = TYPE_ENTITIES[q.type].length > 0;

    // What each article says about the question's terms as a whole, and sentence by sentence.
    const patterns = q.terms.map(termPatterns);
    const questionWords = q.terms.map((t) => ({ word: t.word.toLowerCase(), proper: t.proper }));
    const articles = new Map<string, { whole: number[]; bm25: number; terms: ArticleTerms; local: number[]; article: Article }>();
    const loaded = new Map(c.articles.map((a) => [a.article.id, a.article]));
    // The article-first retrieval's term credits, when it read this question's terms.
    const termsKnown = new Map(c.q === q ? c.articles.map((a) => [a.article.id, a.terms]) : []);
    const ids = [...new Set(found.map((h) => h.article.id))];
    const fetched = await this.store.getArticles(ids.filter((id) => !loaded.has(id)));
    for (const id of ids) {
      const a = loaded.get(id) ?? fetched.get(id);
      if (!a) continue;
      const terms = termsKnown.get(id) ?? articleTerms(a, patterns);
      const n = a.sentences.length;
      const local = this.tuning.rank.local || this.tuning.rank.rareHit ? terms.sentencesWith.map((k) => Math.log((n + 1) / (k + 0.5))) : patterns.map(() => 1);
      articles.set(id, { whole: terms.whole, bm25: bm25OfCounts(terms.counts, terms.length, weights), terms, local, article: a });
    }
    // The answer can sit in a sentence that repeats none of the question's words ("Isaac Komnenos
    // ruled ..." after a sentence about Cyprus): the neighbours of hits in the best articles join in.
    const hits = [...found];
    const have = new Set(found.map((h) => h.sentence.id));
    const bestArticles = [...articles.values()].sort((a, b) => b.bm25 - a.bm25).slice(0, NEIGHBOUR_ARTICLES);
    for (const a of bestArticles) {
      for (const h of found.filter((x) => x.article.id === a.article.id)) {
        for (const d of [-1, 1]) {
          const s = a.article.sentences[h.sentence.index + d];
          if (!s || have.has(s.id)) continue;
          have.add(s.id);
          hits.push({ sentence: s, article: h.article, bm25: 0 });
        }
      }
    }
    const entities = await this.store.entitiesOf(hits.map((h) => h.sentence.id));
    const titleStems = new Map<string, Set<string>>();
    // Sentences the article-first retrieval already tokenised are not tokenised again.
    const known = new Map(c.sentences.map((x) => [x.sentence.id, x.tokens]));
    // The full names the question gives, as each article writes them ("Kim Yong-hyun"), so that "Kim said" mentions them.
    const pairs = namePairs(q);
    const fullNames = new Map<string, number[][]>();
    const namesOf = (id: string) => {
      let n = fullNames.get(id);
      if (!n) {
        const a = articles.get(id)?.article;
        fullNames.set(id, (n = pairs.length && a ? namesInArticle(q, pairs, `${a.title}\n${a.body}`) : []));
      }
      return n;
    };
    const prepare = (hit: SentenceHit) => {
      const tokens = known.get(hit.sentence.id) ?? tokenize(hit.sentence.text);
      let stems = titleStems.get(hit.article.id);
      if (!stems) titleStems.set(hit.article.id, (stems = new Set(tokenStems(hit.article.title))));
      const match = matchTerms(q, tokens, stems);
      const full = namesOf(hit.article.id);
      return { hit, tokens, match: full.length ? creditNameParts(full, tokens, match) : match };
    };
    const bestArticle = Math.max(1e-9, ...[...articles.values()].map((a) => a.bm25));
    const w = this.tuning.rank;
    // Only the sentences ask() reads, and no bm25 feature (relative to the best of every
    // candidate's): candidates are tagged in order of what they could score at best (below).
    const lazy = opts.all === false && w.bm25 === 0;
    const prepared = lazy ? [] : hits.map(prepare);
    let bestBm25 = Math.max(0, ...prepared.map((p) => softBm25(p.tokens, p.match, weights)));
    // Everything a sentence's features read but its span: the span is the costly part to find.
    const inputOf = ({ hit, tokens, match }: ReturnType<typeof prepare>) => {
      const article = articles.get(hit.article.id);
      const previousCredit = sentenceCredit(article?.terms, hit.sentence.index - 1, patterns);
      const afterCredit = sentenceCredit(article?.terms, hit.sentence.index + 1, patterns);
      const neighbourCredit = patterns.map((_, i) => Math.max(previousCredit[i]!, afterCredit[i]!));
      const sentenceEntities = (entities.get(hit.sentence.id) ?? []) as StoredEntity[];
      return {
        q,
        hit,
        tokens,
        match,
        weights,
        bestBm25,
        typed,
        articleCredit: article?.whole ?? match.credit,
        articleBm25: (article?.bm25 ?? 0) / bestArticle,
        neighbourCredit,
        previousCredit,
        localWeights: article?.local ?? patterns.map(() => 1),
        typeFit: typeFitOf(q, hit.sentence.text, tokens, match.matched, sentenceEntities),
        typeNear: typeNearOf(q, hit.sentence.text, tokens, match.matched, sentenceEntities),
        position: article && article.terms.credit.length > 1 ? hit.sentence.index / (article.terms.credit.length - 1) : 0,
        article: articleRank.get(hit.article.id) ?? 0,
      } satisfies Omit<FeatureInput, 'spanFit' | 'headline'>;
    };
    type Input = ReturnType<typeof inputOf>;
    const score = (input: Input): ScoredSentence => {
      const { hit, tokens, match } = input;
      const sentenceEntities = entities.get(hit.sentence.id) ?? [];
      const spans = findSpans(hit.sentence.text, tokens, match.matched, sentenceEntities as StoredEntity[], q, this.tuning.span).sort((a, b) => b.fit - a.fit);
      // The span the answer would read: a name for "what's X's name?" (answerSpanOf).
      const span = asksName(q) ? spans.find((x) => namesAnswer(q, x.text)) : spans[0];
      // A number the headline also gives is the story's key figure.
      const headline = !!span && /\d/.test(span.text) && hit.article.title.includes(span.text);
      const features = featuresOf({ ...input, spanFit: span?.fit, headline });
      return { hit, entities: sentenceEntities, tokens, match, features, span, score: sigmoid(linear(features, w)) };
    };
    const spanless = (input: Input) => spanlessBound(featuresOf({ ...input, spanFit: undefined, headline: false }), typed, w);
    let scored: ScoredSentence[];
    if (lazy) {
      // What a sentence's features read of its article, known before its words are tagged.
      const untagged = (hit: SentenceHit): Partial<Features> => {
        const article = articles.get(hit.article.id);
        const total = weights.reduce((a, b) => a + b, 0) || 1;
        const likely = article && likelyCredit(article.terms, hit.sentence.index, questionWords);
        return {
          ...(article && {
            context: article.whole.reduce((sum, x, i) => sum + x * weights[i]!, 0) / total,
            articleBm25: article.bm25 / bestArticle,
            position: article.terms.credit.length > 1 ? hit.sentence.index / (article.terms.credit.length - 1) : 0,
          }),
          // The question's terms as the sentence's words hold them (an estimate: see likelyCredit()).
          ...(likely && {
            coverage: likely.reduce((sum, x, i) => sum + x * weights[i]!, 0) / total,
            missingProper: Math.min(3, q.terms.filter((t, i) => t.proper && !likely[i]).length),
          }),
          // No kind asked for, no focus noun, no number in both the sentence and its headline.
          ...(!typed && { typeNear: 0 }),
          ...(!q.focus && { focus: 0 }),
          ...(!(/\d/.test(hit.sentence.text) && /\d/.test(hit.article.title)) && { headline: 0 }),
          lead: hit.sentence.index === 0 ? 1 : 0,
          article: articleRank.get(hit.article.id) ?? 0,
          quote: /^["“'‘]/.test(hit.sentence.text.trim()) ? 1 : 0,
        };
      };
      const tagged: Input[] = [];
      scored = scoreNeededTagging(
        hits,
        (hit) => untaggedBound(untagged(hit), w),
        (hit) => {
          const input = inputOf(prepare(hit));
          tagged.push(input);
          return input;
        },
        spanless,
        score,
      );
      // The bm25 feature (no weight here) against the best of the sentences tagged.
      bestBm25 = Math.max(0, ...tagged.map((x) => softBm25(x.tokens, x.match, weights)));
      for (const s of scored) s.features.bm25 = bestBm25 > 0 ? softBm25(s.tokens, s.match, weights) / bestBm25 : 0;
    } else {
      const inputs = prepared.map(inputOf);
      scored = opts.all === false ? scoreNeeded(inputs, score, spanless) : inputs.map(score);
    }
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (best) {
      // The answer span: the best sentence's spans scored again by the answer-span model (the ranking's feature keeps its own).
      // The answer's edges (names and dates whole) are the answer model's; the gate reads the
      // candidates its weights were fitted on (spanCandidatesOf).
      const spans = findSpans(best.hit.sentence.text, best.tokens, best.match.matched, best.entities as StoredEntity[], q, this.tuning.answerSpan, true);
      const picked = answerSpanOf(q, spans, best.hit.sentence.text);
      best.runnerUp = Math.max(0, ...spans.filter((s) => s !== picked).map((s) => s.fit));
      // "What naval battles ...?": the whole list of names the span stands in.
      best.span = listAsked(q, picked, best.hit.sentence.text);
      best.spanCount = spans.length;
      best.gateSpan = this.tuning.gateSpan === this.tuning.answerSpan ? best.span : answerSpanOf(q, findSpans(best.hit.sentence.text, best.tokens, best.match.matched, best.entities as StoredEntity[], q, this.tuning.gateSpan), best.hit.sentence.text);
      best.articleText = `${best.hit.article.title}\n${articles.get(best.hit.article.id)?.article.body ?? ''}`;
      best.agreement = agreementOf(q.text, best.hit.sentence.text, () => best.articleText!);
    }
    return scored;
  }

  /**
   * What the abstention model looks at: the best sentence, whether it agrees with the question, and
   * the question's size. Not the best
   * sentence's lead over the next: in news, a follow-up article that agrees with the first would
   * then make the bot decline.
   */
  abstainInput(q: QuestionAnalysis, ranked: readonly ScoredSentence[]): Record<AbstainFeature, number> {
    const best = ranked[0];
    const f = best?.features;
    return {
      score: best?.score ?? 0,
      coverage: f?.coverage ?? 0,
      span: f?.span ?? 0,
      typedMiss: f?.typedMiss ?? 0,
      missingProper: f?.missingProper ?? 0,
      missingRare: f?.missingRare ?? 0,
      context: f?.context ?? 0,
      novel: f?.novel ?? 0,
      terms: Math.min(1, q.terms.length / 8),
      negation: best?.agreement?.negation ? 1 : 0,
      opposite: best?.agreement?.opposite ? 1 : 0,
      numberMissing: best?.agreement?.numberMissing ? 1 : 0,
      numberMissingInArticle: best?.agreement?.numberMissingInArticle ? 1 : 0,
    };
  }

  /** The abstention model's probability that the best sentence answers the question. */
  confidenceOf(q: QuestionAnalysis, ranked: readonly ScoredSentence[]): number {
    if (!ranked.length) return 0;
    const w = this.tuning.abstain;
    const x = this.abstainInput(q, ranked);
    return sigmoid(ABSTAIN_FEATURES.reduce((z, k) => z + w[k] * x[k], w.bias));
  }

  /** The best sentence has no span that fits the question's type well enough to answer it (below the gate's confidence, a decline). */
  spanGated(q: QuestionAnalysis, best: ScoredSentence): boolean {
    const span = best.gateSpan ?? best.span;
    // A name or a match's result: nameAbsent() and resultAbsent() test the sentence for it instead.
    return !wantsStatement(q) && !formChecked(q) && (span?.fit ?? 0) < spanGate(q, this.tuning) && !namesTheFocus(q, span, best.hit.sentence.text);
  }

  decide(q: QuestionAnalysis, ranked: ScoredSentence[], candidates?: Candidates): Answer {
    const closest = dedupeCitations(ranked.slice(0, 3).map((r) => citationOf(r.hit)));
    const best = ranked[0];
    const confidence = Math.round(this.confidenceOf(q, ranked) * 1000) / 1000;
    const declined = (extra: Partial<Answer> = {}): Answer => ({ question: q.text, answer: null, abstained: true, confidence, citations: [], closest, via: 'extractive', ...extra });
    if (!best) return declined();
    // Who did what to whom, where and when, as the question takes it, must agree with the sentence.
    const premise = checkPremise(q.text, evidenceFor(best, candidates));
    if (!premise.ok) return declined({ closest: dedupeCitations([...conflictCitations(premise.conflicts, candidates), citationOf(best.hit), ...closest]), premise: { claim: premise.claim, conflicts: premise.conflicts } });
    if (confidence < this.tuning.abstainBelow) return declined();
    // A sentence with no span that fits the question's type does not answer it: on news, the
    // best sentence of the right article is then usually about the story but not the fact asked.
    if (confidence < this.tuning.gateBelow && this.spanGated(q, best)) return declined();
    // "when will the troops go home?" against "... forced residents to flee their homes on
    // Thursday": a story that never mentions what the question asks about does not answer it, and
    // a sentence that does not (while its story does) is quoted, not cut into a short answer.
    const topic = topicHeld(q, best, candidates);
    if (topic === 'absent') return declined();
    // "how many people died in the wildfire?": a story that tells no deaths gives no count of them.
    if (!eventToldIn(q, best, candidates)) return declined();
    // "If Spieth wins ..." says no one won; "was hospitalized for dehydration" names no hospital.
    if (onlySupposed(q, best.tokens, best.match) || kindUnnamed(q, best.tokens, best.span)) return declined();
    // "what was the name of louis jordan's sailboat?" against a sentence naming only South Carolina;
    // "what was the final score of barca v valencia?" against one with no result.
    // "what religion was janet gray?" against one that names no faith.
    if (nameAbsent(q, best.hit.sentence.text, best.tokens, best.entities, best.span) || resultAbsent(q, best.hit.sentence.text) || kindFormAbsent(q, best.tokens, best.entities)) return declined();
    const likely = shortProbability(shortInput(ranked, confidence), this.tuning.short) >= this.tuning.shortLikely;
    const short = topic === 'article' ? undefined : shortAnswer(q, best, likely);
    if (short) {
      // Other sentences that give the same answer back it up.
      const support = ranked
        .slice(1)
        .filter((r) => r.score >= best.score * SUPPORT_SHARE && r.span?.text.toLowerCase() === best.span!.text.toLowerCase())
        .slice(0, 2);
      const cites = dedupeCitations([best, ...support].map((r) => citationOf(r.hit)));
      return { question: q.text, answer: short, form: 'short', abstained: false, confidence, citations: cites, closest: [], via: 'extractive' };
    }
    // A passage answer: the best sentence, and up to two more that the ranking finds nearly as good.
    const passage = [best, ...ranked.slice(1).filter((r) => r.score >= best.score * this.tuning.passageSupport).slice(0, 2)];
    // A quoted sentence that says the opposite of the question ("left ... unchanged" for "raise") is a conflict too.
    for (const r of passage.slice(1)) {
      if (!opposesQuestion(q.text, r.hit.sentence.text)) continue;
      const check = checkPremise(q.text, evidenceFor(r, candidates));
      if (!check.ok && check.conflicts.some((c) => c.kind === 'event' || c.kind === 'negation')) {
        return declined({ closest: dedupeCitations([citationOf(r.hit), ...closest]), premise: { claim: check.claim, conflicts: check.conflicts } });
      }
    }
    const cites = dedupeCitations(passage.map((r) => citationOf(r.hit)));
    return { question: q.text, answer: cites.map((c) => c.sentence).join(' '), form: 'passage', abstained: false, confidence, citations: cites, closest: [], via: 'extractive' };
  }
}

/**
 * Where the question's subject noun (subjectNoun()) is told, with its synonyms: in the best sentence
 * (or, as the features credit it, its headline), only elsewhere in its article, or nowhere in it.
 * Undefined when the question has no such noun, or asks for it ("what is the capital of ...").
 */
export function topicHeld(q: QuestionAnalysis, best: ScoredSentence, candidates?: Candidates): 'sentence' | 'article' | 'absent' | undefined {
  const subject = subjectNoun(q);
  const noun = subject?.noun;
  if (!subject || !noun || noun === q.focus) return undefined;
  const i = q.terms.findIndex((t) => t.word.toLowerCase() === noun);
  if (i < 0) return undefined;
  // As a noun: "forced" is no mention of "forces", a synonym of "troops".
  const at = best.match.byTerm[i] ?? [];
  if (at.some((k) => best.tokens[k]?.pos !== 'VERB') || (!at.length && (best.match.credit[i] ?? 0) > 0)) return 'sentence';
  // The subject in other words, one of its qualifiers kept: "capitalistic countries" as "capitalist economies".
  const close = (a: string, b: string) => a.length >= 5 && b.length >= 5 && a.slice(0, 6) === b.slice(0, 6);
  if (subject.modifiers.some((m) => best.tokens.some((t) => close(t.norm, m)))) return 'sentence';
  // Elsewhere in the story's text, as a noun too (a pronoun's antecedent, a sentence before). Not
  // the headline: the tagger reads "Wildfire forces evacuations" as forces the noun.
  const own = ownArticle(best, candidates);
  const texts = own ? own.sentences.map((x) => x.text) : (best.articleText ?? '').split(/(?<=[.!?])\s+|\n+/).slice(1);
  const holds = (text: string) => {
    const { tokens, at } = termIn(q, q.terms[i]!, text);
    return at.some((k) => tokens[k]?.pos !== 'VERB');
  };
  // "This likely would have happened about 4.5 billion years ago" after the sentence about the collision.
  const previous = own?.sentences.find((x) => x.index === best.hit.sentence.index - 1)?.text;
  if (previous && best.tokens.some((t) => t.pos === 'PRON' || /^(this|that|these|those)$/.test(t.norm)) && holds(previous)) return 'sentence';
  return texts.some(holds) ? 'article' : 'absent';
}
const NO_STEMS: ReadonlySet<string> = new Set();

/** The best sentence's article as retrieved with the candidates (its title and every sentence), if it was. */
function ownArticle(best: ScoredSentence, candidates: Candidates | undefined): Article | undefined {
  return candidates?.articles.find((a) => a.article.id === best.hit.article.id)?.article;
}

/** A text's tokens and where one question term (or a synonym) is in them. */
function termIn(q: QuestionAnalysis, term: QuestionTerm, text: string): { tokens: readonly Token[]; at: number[] } {
  const tokens = tokenize(text);
  return { tokens, at: matchTerms({ ...q, terms: [term] }, tokens, NO_STEMS).byTerm[0] ?? [] };
}

/** Whether the best sentence's story tells the event a count question asks about (countedEvent()), in any form or a synonym. */
export function eventToldIn(q: QuestionAnalysis, best: ScoredSentence, candidates?: Candidates): boolean {
  const event = countedEvent(q);
  if (!event) return true;
  const i = q.terms.indexOf(event);
  if ((best.match.byTerm[i] ?? []).length) return true;
  const own = ownArticle(best, candidates);
  const texts = own ? [own.title, ...own.sentences.map((x) => x.text)] : [best.articleText ?? best.hit.sentence.text];
  return texts.some((text) => termIn(q, event, text).at.length > 0);
}

/**
 * The values each feature can take (featuresOf()): every one is a share or a 0/1 flag but
 * missingProper, a count of up to three.
 */
const FEATURE_RANGE: Readonly<Record<FeatureName, readonly [number, number]>> = {
  ...(Object.fromEntries(FEATURES.map((k) => [k, [0, 1]])) as Record<FeatureName, [number, number]>),
  missingProper: [0, 3],
};

/**
 * The highest score a sentence can reach before its words are tagged: the features known from its
 * article and position as they are, every other at whichever end of its range its weight favours.
 */
function untaggedBound(known: Partial<Features>, w: AnswererTuning['rank']): number {
  let z = w.bias;
  for (const k of FEATURES) {
    const v = known[k];
    if (v !== undefined) z += w[k] * v;
    else z += Math.max(w[k] * FEATURE_RANGE[k][0], w[k] * FEATURE_RANGE[k][1]);
  }
  return sigmoid(z);
}

/**
 * scoreNeeded() with tagging deferred as well: tagging a candidate's words (and matching the
 * question's terms in them) was a quarter of ranking, and most candidates, sentences of articles
 * far below the best, cannot reach the head whatever their words say. Each candidate is taken in
 * order of its highest possible score: first its untagged bound (its article's features known,
 * every other feature at its best), then once tagged its spanless bound, then its score. It stops
 * when no bound left reaches the third score or the support share of the best, so every sentence
 * scoring at least that is scored: the same rows, scores and order as tagging every candidate and
 * scoreNeeded().
 */
function scoreNeededTagging<H, T>(hits: readonly H[], untagged: (h: H) => number, tag: (h: H) => T, spanless: (x: T) => number, score: (x: T) => ScoredSentence): ScoredSentence[] {
  const open: { i: number; key: number; hit: H; input?: T }[] = hits.map((hit, i) => ({ i, key: untagged(hit), hit }));
  const done: { i: number; s: ScoredSentence }[] = [];
  const top: number[] = [];
  const floor = () => (top.length < NEEDED_TOP ? -Infinity : Math.min(top[NEEDED_TOP - 1]!, SUPPORT_SHARE * top[0]!));
  while (open.length) {
    // The highest bound left (the first of equals: scoreNeeded's stable order).
    let at = 0;
    for (let k = 1; k < open.length; k++) if (open[k]!.key > open[at]!.key) at = k;
    const o = open[at]!;
    // A margin for rounding: a bound and the score sum the same terms in another order.
    if (o.key < floor() - 1e-9) break;
    if (o.input === undefined) {
      o.input = tag(o.hit);
      o.key = spanless(o.input);
      continue;
    }
    open.splice(at, 1);
    const s = score(o.input);
    done.push({ i: o.i, s });
    top.push(s.score);
    top.sort((a, b) => b - a);
    if (top.length > NEEDED_TOP) top.length = NEEDED_TOP;
  }
  const end = floor();
  return done
    .filter((d) => d.s.score >= end)
    .sort((a, b) => a.i - b.i)
    .map((d) => d.s);
}

/**
 * The highest score a sentence can reach whatever span it has: its features found without a span
 * (span 0, headline 0, typedMiss 1 when the question is typed), plus the most the span, headline and
 * typedMiss terms can add.
 */
function spanlessBound(f: Features, typed: boolean, w: AnswererTuning['rank']): number {
  const z = linear(f, w) - w.span * f.span - w.headline * f.headline - w.typedMiss * f.typedMiss;
  return sigmoid(z + Math.max(0, w.span) + Math.max(0, w.headline) + (typed ? Math.max(0, w.typedMiss) : 0));
}

/**
 * The sentences decide() reads, scored in full, in their given order: the best three and every one
 * within SUPPORT_SHARE of the best, and no others. Finding a sentence's spans was half of ranking
 * it, and most candidates (other stories, other articles) cannot reach the top whatever their span:
 * sentences are scored in order of their bound until no bound left reaches the third score or the
 * support share of the best, so the result is the head of the whole ranking, in the same order.
 */
function scoreNeeded<T>(inputs: readonly T[], score: (x: T) => ScoredSentence, bound: (x: T) => number): ScoredSentence[] {
  const order = inputs.map((x, i) => ({ x, i, bound: bound(x) })).sort((a, b) => b.bound - a.bound);
  const done: { i: number; s: ScoredSentence }[] = [];
  const top: number[] = [];
  for (const o of order) {
    if (top.length >= NEEDED_TOP) {
      // A margin for rounding: the bound and the score sum the same terms in another order.
      const floor = Math.min(top[NEEDED_TOP - 1]!, SUPPORT_SHARE * top[0]!);
      if (o.bound < floor - 1e-9) break;
    }
    const s = score(o.x);
    done.push({ i: o.i, s });
    top.push(s.score);
    top.sort((a, b) => b - a);
    if (top.length > NEEDED_TOP) top.length = NEEDED_TOP;
  }
  // Scored rows below the floor are dropped: a row left unscored may outrank them.
  const floor = top.length < NEEDED_TOP ? -Infinity : Math.min(top[NEEDED_TOP - 1]!, SUPPORT_SHARE * top[0]!);
  return done
    .filter((d) => d.s.score >= floor)
    .sort((a, b) => a.i - b.i)
    .map((d) => d.s);
}

/**
 * Whether the sentence holds something of the kind the question asks for that the question does
 * not itself name: a person other than the question's people for "who", an amount for "how many",
 * a date for "when". 1 for the best kind, 0.5 for a second-best one, 0 for none or an untyped question.
 */
export function typeFitOf(q: QuestionAnalysis, sentence: string, tokens: readonly Token[], matched: readonly boolean[], entities: readonly StoredEntity[]): number {
  const kinds = TYPE_ENTITIES[q.type];
  if (!kinds.length) return 0;
  // An entity whose every content word is a question word is the question's own ("Klopp" for "how old is Klopp").
  const fromQuestion = (start: number, end: number) => {
    const inside = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.start >= start && t.end <= end && t.kind !== 'punctuation' && !t.stop);
    return inside.length > 0 && inside.every(({ i }) => matched[i]);
  };
  let best = 0;
  for (const e of entities) {
    const k = kinds.indexOf(e.kind);
    if (k < 0 || fromQuestion(e.start, e.end)) continue;
    best = Math.max(best, k === 0 ? 1 : 0.5);
  }
  if (best < 1 && asksAmount(q)) {
    for (const f of numericFacts(sentence)) {
      const fits = q.type === 'number' ? f.unit !== 'money' && f.unit !== 'percent' : f.unit === q.type;
      if (fits) return 1;
    }
  }
  if (best < 1 && timesWords(sentence, q).length) return 1;
  if (best < 1 && q.type === 'date' && /\b(1[0-9]{3}|20[0-9]{2})\b|\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight)\b/i.test(sentence)) return 1;
  return best;
}

/** Whether a span of the asked kind (not the question's own words) sits within four words of a matched question word that is not a name. */
export function typeNearOf(q: QuestionAnalysis, sentence: string, tokens: readonly Token[], matched: readonly boolean[], entities: readonly StoredEntity[]): number {
  const kinds = TYPE_ENTITIES[q.type];
  if (!kinds.length) return 0;
  const ranges: [number, number][] = entities.filter((e) => kinds.includes(e.kind)).map((e) => [e.start, e.end]);
  if (asksAmount(q)) for (const f of numericFacts(sentence)) {
    const at = sentence.indexOf(f.text);
    if (at >= 0) ranges.push([at, at + f.text.length]);
  }
  for (const m of timesWords(sentence, q)) ranges.push([m.start, m.end]);
  const anchors = tokens.map((t, i) => (matched[i] && !OPENS_UPPER.test(t.text) ? i : -1)).filter((i) => i >= 0);
  for (const [start, end] of ranges) {
    const inside = tokens.map((t, i) => (t.start >= start && t.end <= end ? i : -1)).filter((i) => i >= 0);
    if (!inside.length || inside.every((i) => matched[i])) continue;
    const from = inside[0]!;
    const to = inside[inside.length - 1]!;
    if (anchors.some((i) => (i < from && from - i <= 4) || (i > to && i - to <= 4))) return 1;
  }
  return 0;
}

/** The source sentences a premise conflict names (what the sources say instead), as citations to quote first. */
function conflictCitations(conflicts: readonly PremiseConflict[], candidates: Candidates | undefined): Citation[] {
  const out: Citation[] = [];
  for (const c of conflicts) {
    if (!c.sentence) continue;
    for (const a of candidates?.articles ?? []) {
      const s = a.article.sentences.find((x) => x.text.trim() === c.sentence || c.sentence!.includes(x.text.trim()));
      if (s) {
        out.push(citationOf({ article: a.article, sentence: s }));
        break;
      }
    }
  }
  return out;
}

/** The best sentence and its article first, then the other retrieved articles (names may sit in any of them). */
function evidenceFor(best: ScoredSentence, candidates: Candidates | undefined): PremiseEvidence[] {
  const articles = candidates?.articles.map((a) => a.article) ?? [];
  const own = articles.find((a) => a.id === best.hit.article.id);
  const text = (a: Article) => `${a.title}\n${a.body}`;
  return [
    { sentence: best.hit.sentence.text, article: own ? text(own) : (best.articleText ?? best.hit.article.title), published: publisherDate(best.hit.article) },
    ...articles.filter((a) => a !== own).slice(0, 2).map((a) => ({ sentence: '', article: text(a), published: publisherDate(a) })),
  ];
}

/**
 * "What did Austin say (about the deployment)?", "What is the Pentagon saying?", "Who is Lloyd
 * Austin?", "What's the shadow fleet?", "How strong is the storm?": the answer is what the sentence
 * says, not a span of it.
 * A thing asked after by its name alone is defined by a sentence; not "what is X's nationality" nor
 * "what are stators attached to", which ask for a span.
 */
const WANTS_STATEMENT = new RegExp(
  [
    /what (?:did|does|do|has|have|will|would) .+ (?:say|said|tell|told|think|announce|claim|warn|argue|write|mean|do)(?: (?:about|on|of|regarding|to) [^?]+)?/u.source,
    /what(?:'s|’s| is| are| was| were) .+ (?:saying|telling|thinking|claiming|announcing|warning|arguing|doing)(?: (?:about|on|of|regarding|to) [^?]+)?/u.source,
    /what(?:'s|’s| is| are) (?:the |a |an )?(?:so-called )?(?![^?]*\b(?:of|to|in|on|at|for|from|with|by|into|about)\b)(?:\p{L}[\p{L}\p{N}-]*\s?){1,3}/u.source,
    /who (?:is|was|are|were) (?:\p{Lu}|the )?[^?]*/u.source,
    // "How strong is Hurricane Rafael?", "how bad was the fire?": a degree the sentence describes
    // ("strengthened to a Category 3 storm"); the measured ones ("how long", "how old") take a span.
    /how (?!many\b|much\b|long\b|old\b|far\b|big\b|large\b|tall\b|high\b|deep\b|often\b|fast\b|heavy\b|wide\b|soon\b|come\b)\p{L}+ (?:is|are|was|were) [^?]+/u.source,
  ]
    .map((s) => `(?:${s})`)
    .join('|')
    .replace(/^/, '^(?:')
    .concat(')\\??$'),
  'iu',
);

/**
 * A short answer when a span of the sentence answers the question's type and the sentence says
 * what the question asks (no denial, opposite or missing number): an amount as the sentence words
 * it, hedge and unit included ("as many as 12,000 troops"); a date with its resolved day.
 */
export function shortAnswer(q: QuestionAnalysis, best: ScoredSentence, likely: boolean): string | undefined {
  const span = best.span;
  if (!span || q.type === 'reason' || q.type === 'yesno') return undefined;
  if (WANTS_STATEMENT.test(q.text) && (q.type === 'other' || !q.terms.some((t) => !t.proper))) return undefined;
  const a = best.agreement;
  if (a && (a.negation || a.opposite || a.numberMissing)) return undefined;
  // "Who will replace Austin?" is not answered "Lloyd Austin": a person the question names is not the one it asks for.
  if (q.type === 'person' && namesAskedPerson(q, span.text)) return undefined;
  if (!likely && !namesTheFocus(q, span, best.hit.sentence.text)) return undefined;
  if (isBareNoun(span.text) && !fillsTheBlank(q)) return undefined;
  // "What type of sanctions did the US impose?" is not answered "398 firms": a kind is no amount.
  if (asksKind(q) && startsAsAmount(span.text)) return undefined;
  const sentence = best.hit.sentence.text;
  // The edges as read out (edges.ts): after every decision above, which read the span as it is.
  const mend = (text: string) => answerEdges(q, text, sentence, best.tokens, span.start);
  if (asksAmount(q)) return mend(numberRange(span, quantityPhrase(span.text, sentence, q) ?? span.text, sentence));
  return withResolvedDate(mend(span.text), q, best.hit.article.published);
}

/**
 * One lower-case word that is no number ("return" for "what will pyongyang get from moscow?",
 * "services", "days"): on its own it names no thing the reader can check, and on the news dev set no
 * such short answer was right; the quoted sentence answers instead.
 */
const LOWER_CASE_WORD = /^\p{Ll}[\p{Ll}'’]*$/u;
function isBareNoun(span: string): boolean {
  const w = span.trim();
  return LOWER_CASE_WORD.test(w) && !isNumberWord(w);
}

/** "398 firms", "$40", "twelve ships", "thousands of ...": the span opens with an amount. */
const startsAsAmount = (span: string) => /^[$€£]?\d/.test(span) || isNumberWord(span.split(/\s+/)[0]!.toLowerCase());

/**
 * "Hobson argued that imperialism was an international what?": the question is its sentence with a
 * blank at the end, and one word of the sentence fills it; such a word names the thing asked.
 */
const ENDS_IN_BLANK = /\S\s+what\s*\?*\s*$/i;
function fillsTheBlank(q: QuestionAnalysis): boolean {
  return ENDS_IN_BLANK.test(q.text) && !/^\s*what\b/i.test(q.text);
}

/** What the short-answer model reads of the ranked sentences (the best one's span) and the abstention model's confidence. */
export function shortInput(ranked: readonly ScoredSentence[], confidence: number): Record<ShortFeature, number> {
  const best = ranked[0];
  const span = best?.span;
  const fit = Math.min(1 - 1e-4, Math.max(1e-4, span?.fit ?? 0));
  return {
    spanLogit: Math.log(fit / (1 - fit)),
    spanLead: (span?.fit ?? 0) - (best?.runnerUp ?? 0),
    confidence,
    secondSentence: best && ranked[1] ? ranked[1].score / Math.max(best.score, 1e-9) : 0,
    spans: Math.min(best?.spanCount ?? 0, 30) / 30,
    capital: span && OPENS_UPPER.test(span.text) ? 1 : 0,
    digit: span && /\d/.test(span.text) ? 1 : 0,
  };
}

/** The short-answer model's probability that the best span, given as the answer, is right. */
export function shortProbability(x: Record<ShortFeature, number>, w: Readonly<Record<ShortFeature | 'bias', number>> = SHORT): number {
  return sigmoid(SHORT_FEATURES.reduce((z, k) => z + w[k] * x[k], w.bias));
}

const CAPITALISED_WORD = /\p{Lu}[\p{L}'’-]+/gu;
/** Whether a name of the span is a word the question itself uses ("Lloyd Austin" for "who will replace austin"). */
function namesAskedPerson(q: QuestionAnalysis, span: string): boolean {
  const asked = new Set(q.terms.map((t) => t.word.toLowerCase()));
  return (span.match(CAPITALISED_WORD) ?? []).some((w) => asked.has(w.toLowerCase()));
}

/** "What did Austin say?": a question answered by a statement, never held back for want of a span. */
export function wantsStatement(q: QuestionAnalysis): boolean {
  return WANTS_STATEMENT.test(q.text);
}

/**
 * "which county ...?" against "Ventura County": a name of more than one word whose last word is the
 * question's focus noun is the kind of thing asked for, however low the span model puts it (its
 * features read a span made of question words as the question's own); so is "Category 3" for
 * "what category ...?".
 */
export function namesTheFocus(q: QuestionAnalysis, span: Span | undefined, sentence?: string): boolean {
  if (numbersTheFocus(q, span)) return true;
  // "what's his dog called?" against "his dog Sam": the name the sentence gives the thing asked (namedBy).
  if (span?.tied) return true;
  if (!span || !q.focus || q.focus.length < 4) return false;
  const words = span.text.split(/\s+/);
  if (words.length >= 2 && OPENS_UPPER.test(words[0]!) && words[words.length - 1]!.toLowerCase() === q.focus) return true;
  // "which jupiter moon ...?" against "(Jupiter's moon) Ganymede", "the camera company Minolta", "the
  // universities of Sheffield and Sussex": a name right after the asked noun is one of that kind.
  return sentence !== undefined && isProperName(span.text) && focusBefore(q.focus).test(sentence.slice(0, span.start));
}

/** The question's focus noun (or its plural) ending a text, with a closing bracket or "of" after it. */
const focusBefore = (focus: string) => new RegExp(`\\b${kindWord(focus)}\\)?\\s+(?:of\\s+(?:the\\s+)?)?$`, 'i');

/** The span fit a best sentence needs for the answerer not to decline; reasons and yes/no questions have no span. */
export function spanGate(q: QuestionAnalysis, t: AnswererTuning): number {
  if (q.type === 'reason' || q.type === 'yesno') return 0;
  return q.type === 'other' ? t.spanGateOther : t.spanGateTyped;
}


/**
 * A bare amount as the sentence puts it, with its qualifier and unit: "12,000" → "as many as 12,000
 * troops", "a dozen" → "more than a dozen other nations".
 */
function quantityPhrase(span: string, sentence: string, q: QuestionAnalysis): string | undefined {
  if (!/^[$€£]?\d[\d,.]*%?$/.test(span)) {
    // Words for what is counted: the question's own ("countries") and their paraphrases ("nations").
    const asked = new Set(q.terms.flatMap((t) => [t.stem, ...synonymsOf(t.stem)]));
    return /\d/.test(span) ? undefined : amountAsWritten(span, sentence, (w) => asked.has(stemOf(w)));
  }
  const fact = numericFacts(sentence).find((f) => f.text !== span && new RegExp(`(^|\\s)${span.replace(/[$.]/g, '\\$&')}(\\s|$)`).test(f.text));
  return fact?.text;
}

/** A number as a range's end may be written: "35,000", "ten", "$40". A dash is left out: "3-1" is a score. */
const RANGE_NUMBER = String.raw`(?:[$€£]?\d(?:[\d,.]*\d)?|${NUMBER_IN_WORDS})`;
const RANGE_BEFORE = new RegExp(String.raw`(?:\bbetween\s+)?\b${RANGE_NUMBER}\s+(?:to|and)\s+$`, 'i');
const RANGE_AFTER = new RegExp(String.raw`^\s+to\s+${RANGE_NUMBER}(?![\w,.]*\d)`, 'i');

/**
 * "How many ...?" against "from 16,000 to 35,000", "five to ten years": the amount is the whole
 * range, not one end of it, with the unit and hedge the amount has (`phrase`, quantityPhrase()).
 * The phrase as it is when the span's number is no end of a range.
 */
function numberRange(span: Span, phrase: string, sentence: string): string {
  if (!new RegExp(String.raw`^${RANGE_NUMBER}\b`, 'i').test(span.text) || !phrase.startsWith(span.text)) return phrase;
  const before = RANGE_BEFORE.exec(sentence.slice(0, span.start));
  // "between 16 and 20": an "and" joins a range only after "between"; a year is no end of an amount's range ("in 2004 to 60%").
  const joined = before && (!/\band\s*$/i.test(before[0]) || /^between\b/i.test(before[0])) && !/\b(?:1\d{3}|20\d{2})\s+\w+\s*$/.test(before[0]) ? before[0] : '';
  // The far end after the span only when nothing (a unit) follows the span's number: "16,000 to 35,000".
  const after = phrase === span.text && !/\s/.test(span.text) ? (RANGE_AFTER.exec(sentence.slice(span.end))?.[0] ?? '') : '';
  if (/^\s+to\s+(?:1\d{3}|20\d{2})$/.test(after)) return phrase;
  return joined + phrase + after;
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
