// What makes a sentence a likely answer to a question, as numbers: term coverage (IDF-weighted,
// with synonyms and name variants), bm25, answer-type fit, how tightly and in what order the
// question's words appear, and the support the sentence's own article gives it.
import { synonymsOf, synonymWords } from '../language/synonyms.ts';
import { sameName } from '../language/names.ts';
import { aliasWords } from '../language/aliases.ts';
import { stemOf, type Token } from '../language/tokens.ts';
import { TIMES_IN_A_WORD } from '../language/numbers.ts';
import type { SentenceHit } from '../store/article-store.ts';
import type { QuestionAnalysis, QuestionTerm } from './question.ts';
import { words } from '../language/words.ts';

export const FEATURES = [
  'coverage', 'strict', 'verb', 'bm25', 'span', 'typedMiss', 'context', 'articleBm25', 'neighbour', 'previous', 'missingProper', 'missingRare', 'order', 'compact', 'length', 'novel',
  'local', 'typeFit', 'focus', 'lead', 'article', 'headline', 'typeNear', 'rareHit', 'position', 'quote',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export type Features = Record<FeatureName, number>;

export interface TermMatch {
  /** Token positions matched by each question term (empty when unmatched). */
  byTerm: number[][];
  /** Credit per term: 1 exact, 0.8 synonym, 0.5 only in the headline, 0 none. */
  credit: number[];
  matched: boolean[];
}

const isWord = (t: Token) => t.kind !== 'punctuation' && /[\p{L}\p{N}]/u.test(t.norm);

export function matchTerms(q: QuestionAnalysis, tokens: readonly Token[], titleStems: ReadonlySet<string>): TermMatch {
  const matched = tokens.map(() => false);
  // Capitals standing for their countries: "Pyongyang" answers to "North" and "Korea".
  const aliased = tokens.map((t) => aliasWords(t.norm));
  const byTerm: number[][] = [];
  const credit: number[] = [];
  for (const term of q.terms) {
    // Irregular forms find their group through the lemma: "sent" → send → deploy.
    const syn = new Set([...synonymsOf(term.stem), ...synonymsOf(stemOf(term.lemma))]);
    const word = term.word.toLowerCase();
    const at: number[] = [];
    let c = 0;
    tokens.forEach((tok, k) => {
      if (tok.stem === term.stem || tok.norm === word || tok.lemma === term.lemma || (term.proper && sameName(tok.norm, word))) {
        matched[k] = true;
        at.push(k);
        c = 1;
      } else if (syn.has(tok.stem) || syn.has(tok.lemma) || aliased[k]!.includes(word.replace(/\./g, ''))) {
        matched[k] = true;
        at.push(k);
        c = Math.max(c, 0.8);
      }
    });
    // The headline often names the subject a sentence leaves implicit.
    if (!c && titleStems.has(term.stem)) c = 0.5;
    byTerm.push(at);
    credit.push(c);
  }
  return { byTerm, credit, matched };
}

export interface TermPatterns {
  /** The word, its stem and lemma: a text word matches when it starts with one and adds at most four letters. */
  exact: string[];
  synonym: string[];
}

/** How to find a question term in raw text without tokenising it: its forms and its synonyms. */
export function termPatterns(term: QuestionTerm): TermPatterns {
  const exact = [...new Set([term.word.toLowerCase(), term.stem, term.lemma])].filter(Boolean);
  return { exact, synonym: [...new Set([...synonymWords(term.word), ...synonymWords(term.lemma)])].map((w) => w.toLowerCase()) };
}

/** The distinct lower-cased words of a text. */
export function wordsOf(text: string): Set<string> {
  return new Set(words(text));
}

const formMatches = (words: ReadonlySet<string>, forms: readonly string[]) => {
  for (const f of forms) if (words.has(f)) return true;
  for (const w of words) for (const f of forms) if (w.length > f.length && w.length - f.length <= 4 && w.startsWith(f)) return true;
  return false;
};

/** Whether one word matches a term's forms as formMatches() tests each word: a form itself, or a form and at most four more letters. */
export function formMatch(w: string, forms: readonly string[]): boolean {
  for (const f of forms) if (w === f || (w.length > f.length && w.length - f.length <= 4 && w.startsWith(f))) return true;
  return false;
}

export function creditIn(words: ReadonlySet<string>, p: TermPatterns): number {
  if (formMatches(words, p.exact)) return 1;
  return p.synonym.length && formMatches(words, p.synonym) ? 0.8 : 0;
}

/** How often a question term occurs in a text (its forms; synonyms count at 0.8). */
export function countIn(counts: ReadonlyMap<string, number>, p: TermPatterns): number {
  const count = (forms: readonly string[]) => {
    let n = 0;
    for (const [w, c] of counts) if (forms.some((f) => w === f || (w.length > f.length && w.length - f.length <= 4 && w.startsWith(f)))) n += c;
    return n;
  };
  const exact = count(p.exact);
  return exact || (p.synonym.length ? 0.8 * count(p.synonym) : 0);
}

/** BM25 of a whole article for the question's terms, from its word counts. */
export function articleBm25(counts: ReadonlyMap<string, number>, length: number, patterns: readonly TermPatterns[], idf: readonly number[]): number {
  return bm25OfCounts(patterns.map((p) => countIn(counts, p)), length, idf);
}

/** BM25 of a whole article from each term's count in it (countIn()) and its length in words. */
export function bm25OfCounts(tfs: readonly number[], length: number, idf: readonly number[]): number {
  const k1 = 1.2;
  const b = 0.75;
  const avg = 120;
  return tfs.reduce((sum, tf, i) => (tf ? sum + idf[i]! * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / avg))) : sum), 0);
}

/** Share of adjacent question-term pairs that appear in the same order, close together. */
function orderFit(m: TermMatch): number {
  let pairs = 0;
  let kept = 0;
  for (let i = 0; i + 1 < m.byTerm.length; i++) {
    const a = m.byTerm[i]!;
    const b = m.byTerm[i + 1]!;
    if (!a.length && !b.length) continue;
    pairs++;
    if (a.some((x) => b.some((y) => y > x && y - x <= 3))) kept++;
  }
  return pairs ? kept / pairs : 0;
}

/** Matched words over the width of the stretch they span: 1 when they sit together. */
function compactness(tokens: readonly Token[], m: TermMatch): number {
  const idx = tokens.map((t, i) => (m.matched[i] ? i : -1)).filter((i) => i >= 0);
  if (idx.length < 2) return idx.length ? 1 : 0;
  const width = tokens.slice(idx[0]!, idx[idx.length - 1]! + 1).filter(isWord).length;
  return Math.min(1, idx.length / Math.max(1, width));
}

function verbCredit(q: QuestionAnalysis, m: TermMatch): number {
  const verbs = q.terms.map((t, i) => (t.pos === 'VERB' ? m.credit[i]! : -1)).filter((c) => c >= 0);
  return verbs.length ? verbs.reduce((a, b) => a + b, 0) / verbs.length : 0.5;
}

/**
 * BM25 of the sentence for the question's terms, counting paraphrases and name variants at their
 * match credit (full-text search counts a synonym as much as the word, and misses "Korean" for "Korea").
 */
export function softBm25(tokens: readonly Token[], m: TermMatch, idf: readonly number[]): number {
  const k1 = 1.2;
  const b = 0.75;
  const avg = 25;
  const len = tokens.filter(isWord).length;
  let score = 0;
  m.byTerm.forEach((at, i) => {
    if (!at.length) return;
    const tf = at.length;
    score += idf[i]! * m.credit[i]! * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avg)));
  });
  return score;
}

export interface FeatureInput {
  q: QuestionAnalysis;
  hit: SentenceHit;
  tokens: readonly Token[];
  match: TermMatch;
  weights: readonly number[];
  /** The best softBm25 among the candidates, to scale this one to 0..1. */
  bestBm25: number;
  spanFit: number | undefined;
  typed: boolean;
  /** Term credit of the sentence's whole article, headline included. */
  articleCredit: readonly number[];
  /** The article's BM25 for the question, scaled by the best among the candidates' articles. */
  articleBm25: number;
  /** Term credit of the sentences right before and after it. */
  neighbourCredit: readonly number[];
  /** Term credit of the sentence before it alone: what "he", "it", "this" refer back to. */
  previousCredit: readonly number[];
  /**
   * How specific each question term is inside the sentence's article (log of sentences over the
   * sentences holding it): the story's name is in every sentence and picks out none of them.
   */
  localWeights: readonly number[];
  /** 1 when the sentence has a span of the kind the question asks for that the question does not name (0.5 a second-best kind). */
  typeFit: number;
  /** The article-first retrieval's score of the sentence's article, 1 = the best article. */
  article: number;
  /** The sentence's best span is a number the headline also gives. */
  headline: boolean;
  /** 1 when a span of the asked kind sits within a few words of a matched question word that is not a name. */
  typeNear: number;
  /** Position of the sentence in its article, 0 = first, 1 = last. */
  position: number;
}

export function featuresOf(x: FeatureInput): Features {
  const total = x.weights.reduce((a, b) => a + b, 0) || 1;
  const weighted = (credit: readonly number[]) => credit.reduce((sum, c, i) => sum + c * x.weights[i]!, 0) / total;
  const words = x.tokens.filter(isWord);
  const content = x.tokens.map((t, i) => ({ t, i })).filter(({ t }) => isWord(t) && !t.stop);
  const unmatched = content.filter(({ i }) => !x.match.matched[i]).length;
  let missingProper = 0;
  x.q.terms.forEach((t, i) => {
    if (t.proper && !x.match.credit[i]) missingProper++;
  });
  // The rarest question word the sentence lacks: one specific word missing often means another fact.
  const maxIdf = Math.max(...x.weights, 1e-9);
  const missingRare = x.q.terms.reduce((m, _, i) => (x.match.credit[i]! < 0.8 ? Math.max(m, x.weights[i]! / maxIdf) : m), 0);
  const extra = x.neighbourCredit.map((c, i) => Math.max(0, c - x.match.credit[i]!));
  const refersBack = /^(he|she|it|they|this|these|that|those|his|her|its|their)$/i.test(x.tokens[0]?.norm ?? '');
  const previous = refersBack ? x.previousCredit.map((c, i) => Math.max(0, c - x.match.credit[i]!)) : [];
  return {
    coverage: weighted(x.match.credit),
    // The question's verbs name the event asked about.
    strict: weighted(x.match.credit.map((c) => (c === 1 ? 1 : 0))),
    verb: verbCredit(x.q, x.match),
    bm25: x.bestBm25 > 0 ? softBm25(x.tokens, x.match, x.weights) / x.bestBm25 : 0,
    span: x.spanFit ?? 0,
    typedMiss: x.typed && x.spanFit === undefined ? 1 : 0,
    context: weighted(x.articleCredit),
    articleBm25: x.articleBm25,
    neighbour: weighted(extra),
    previous: weighted(previous),
    missingProper: Math.min(3, missingProper),
    missingRare,
    order: orderFit(x.match),
    compact: compactness(x.tokens, x.match),
    length: Math.min(1, words.length / 50),
    novel: content.length ? unmatched / content.length : 0,
    local: localCoverage(x),
    typeFit: x.typeFit,
    focus: focusIn(x.q, x.tokens),
    lead: x.hit.sentence.index === 0 ? 1 : 0,
    article: x.article,
    headline: x.headline ? 1 : 0,
    typeNear: x.typeNear,
    rareHit: rareHit(x),
    position: x.position,
    quote: /^["“'‘]/.test(x.hit.sentence.text.trim()) ? 1 : 0,
  };
}

/** Term coverage weighted by how specific each term is within the article (and in the store). */
function localCoverage(x: FeatureInput): number {
  const w = x.localWeights.map((l, i) => l * x.weights[i]!);
  const total = w.reduce((a, b) => a + b, 0);
  return total > 0 ? x.match.credit.reduce((s, c, i) => s + (c >= 0.8 ? c : 0) * w[i]!, 0) / total : 0;
}

/** The question word most specific to one part of the article (that the article has) is in the sentence. */
function rareHit(x: FeatureInput): number {
  let best = -1;
  let hit = 0;
  x.localWeights.forEach((l, i) => {
    if (x.articleCredit[i]! < 0.8) return;
    if (l > best) {
      best = l;
      hit = x.match.credit[i]! >= 0.8 ? 1 : 0;
    }
  });
  return hit;
}

const ONE_WORD_TIMES: ReadonlySet<string> = new Set(TIMES_IN_A_WORD);

/** The question's focus noun ("tons" of "how many tons", "guitars" of "what does he name his guitars"), or a synonym, is in the sentence. */
function focusIn(q: QuestionAnalysis, tokens: readonly Token[]): number {
  if (!q.focus) return 0;
  const stem = stemOf(q.focus);
  const syn = synonymsOf(stem);
  // "twice" says "two times".
  if (q.focus === 'times' && tokens.some((t) => ONE_WORD_TIMES.has(t.norm))) return 1;
  // "Which auction house ...?" is not about the "coffee houses" of a sentence: when the question
  // names the kind with a noun before it, another noun there tells a different kind.
  const modifier = q.focusModifier;
  return tokens.some((t, i) => {
    if (t.stem !== stem && !syn.has(t.stem)) return false;
    const before = tokens[i - 1];
    return !modifier || !before || before.stem === modifier || !/^(?:NOUN|PROPN)$/.test(before.pos);
  })
    ? 1
    : 0;
}

export function linear(f: Features, w: Readonly<Record<FeatureName | 'bias', number>>): number {
  let s = w.bias;
  for (const k of FEATURES) s += w[k] * f[k];
  return s;
}
