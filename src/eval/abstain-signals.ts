// Exploration (dev only): asks every news-QA and SQuAD dev question once, as fit-decide.ts does,
// and writes per question the decide row plus candidate signals for "the sentence holds the asked
// fact" beside "the sentence is about the story". `node --import tsx src/eval/abstain-signals.ts OUT.jsonl [--only news|squad]`.
import { writeFileSync } from 'node:fs';
import type { ScoredSentence } from '../core/answer/answerer.ts';
import type { Candidates } from '../core/answer/passages.ts';
import { decideRow } from './decide-rows.ts';
import type { QuestionAnalysis } from '../core/answer/question.ts';
import { FEATURES, matchTerms } from '../core/answer/features.ts';
import { spanCandidatesOf } from '../core/answer/spans.ts';
import { familyOf, SPAN_FEATURES, spanScore } from '../core/answer/span-model.ts';
import type { StoredEntity } from '../core/store/article-store.ts';
import { stemOf, tokenize } from '../core/language/tokens.ts';
import { synonymsOf } from '../core/language/synonyms.ts';
import type { Core } from '../core/core.ts';
import { ABSTAIN_FEATURES, ANSWER_SPAN_WEIGHTS } from '../core/answer/weights.ts';
import { defaultDataDir, loadSquad } from './data.ts';
import { asksOfArticles, holds, loadNewsQa, NEWS_QA_FILE } from './news-qa.ts';
import { containsAnswer } from './squad-metrics.ts';
import { storeNewsArticles, storeSquadParagraphs, withTempCore } from './stats.ts';

const argv = process.argv.slice(2);
const out = argv[0]!;
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const data = defaultDataDir();
const lines: string[] = [];
const idf = (df: number, total: number) => Math.log(1 + (total - df + 0.5) / (df + 0.5));

/** Token positions of the first and last token of a span in the sentence, if it has any. */
function spanTokens(best: ScoredSentence): { from: number; to: number } | undefined {
  const span = best.span;
  if (!span) return undefined;
  const inside = best.tokens.map((t, i) => (t.start >= span.start && t.end <= span.end ? i : -1)).filter((i) => i >= 0);
  return inside.length ? { from: inside[0]!, to: inside[inside.length - 1]! } : undefined;
}

async function signals(core: Core, q: QuestionAnalysis, ranked: ScoredSentence[], candidates: Candidates): Promise<Record<string, number>> {
  const best = ranked[0];
  if (!best) return {};
  const { total, df } = await core.store.documentFrequencies(q.terms.map((t) => t.word));
  const w = q.terms.map((t) => idf(df.get(t.word) ?? 0, Math.max(total, 1)));
  const credit = best.match.credit;
  const sum = (f: (i: number) => number) => q.terms.reduce((s, _, i) => s + f(i), 0);
  const fact = q.terms.map((t) => !t.proper);
  const factW = sum((i) => (fact[i] ? w[i]! : 0));
  const factCov = factW ? sum((i) => (fact[i] ? w[i]! * credit[i]! : 0)) / factW : 1;
  // The article's sentences: how many hold each term (story words are in most of them).
  const article = candidates.articles.find((a) => a.article.id === best.hit.article.id)?.article ?? (await core.store.getArticle(best.hit.article.id));
  const sentences = article?.sentences ?? [];
  const titleStems = new Set(tokenize(best.hit.article.title).map((t) => t.stem));
  const matches = sentences.map((s) => matchTerms(q, tokenize(s.text), titleStems));
  const n = Math.max(1, sentences.length);
  const holding = q.terms.map((_, i) => matches.filter((m) => m.byTerm[i]!.length > 0).length);
  const local = q.terms.map((_, i) => Math.log((n + 1) / (holding[i]! + 0.5)));
  const lw = q.terms.map((_, i) => local[i]! * w[i]!);
  const lwSum = lw.reduce((a, b) => a + Math.max(0, b), 0);
  const localCov = lwSum ? sum((i) => (credit[i]! >= 0.8 ? credit[i]! * Math.max(0, lw[i]!) : 0)) / lwSum : 0;
  // Terms the article has: the sentence's share of them, weighted by specificity.
  const inArticle = q.terms.map((_, i) => holding[i]! > 0 || titleStems.has(q.terms[i]!.stem));
  const specific = q.terms.map((_, i) => inArticle[i] && holding[i]! <= Math.max(1, n / 4));
  const specW = sum((i) => (specific[i] ? w[i]! : 0));
  const specCov = specW ? sum((i) => (specific[i] ? w[i]! * (credit[i]! >= 0.8 ? 1 : 0) : 0)) / specW : 0.5;
  // A non-name question word absent from the whole article (and headline): the article never speaks of it.
  const maxW = Math.max(1e-9, ...w);
  const absentFact = sum((i) => (fact[i] && !inArticle[i] ? 1 : 0));
  const absentFactRare = q.terms.reduce((m, t, i) => (!t.proper && !inArticle[i] ? Math.max(m, w[i]! / maxW) : m), 0);
  // How the best sentence's coverage compares with the article's other sentences.
  const cov = (m: { credit: number[] }) => (sum((i) => w[i]! * m.credit[i]!) / Math.max(1e-9, sum((i) => w[i]!)));
  const covs = matches.map(cov).filter((_, k) => sentences[k]!.id !== best.hit.sentence.id).sort((a, b) => b - a);
  const bestCov = cov(best.match);
  const covLead = bestCov - (covs[0] ?? 0);
  const covOverMean = bestCov - (covs.length ? covs.reduce((a, b) => a + b, 0) / covs.length : 0);
  // The ranking's concentration within the best article.
  const same = ranked.filter((r) => r.hit.article.id === best.hit.article.id);
  const scoreShare = best.score / Math.max(1e-9, same.reduce((s, r) => s + r.score, 0));
  const second = same[1]?.score ?? 0;
  const scoreLead = best.score - second;
  const scoreRatio = second / Math.max(1e-9, best.score);
  // Focus noun in the article, and gap words in the sentence.
  let focusInArticle = 0;
  if (q.focus) {
    const stem = stemOf(q.focus);
    const syn = synonymsOf(stem);
    focusInArticle = sentences.some((s) => tokenize(s.text).some((t) => t.stem === stem || syn.has(t.stem))) ? 1 : 0;
  }
  const termIndex = (t: { stem: string } | undefined) => (t ? q.terms.findIndex((x) => x.stem === t.stem) : -1);
  const ga = termIndex(q.gap.after);
  const gb = termIndex(q.gap.before);
  const gapMatched = ga < 0 && gb < 0 ? 0.5 : [ga, gb].some((i) => i >= 0 && credit[i]! > 0) ? 1 : 0;
  // The answer span: its distance to the nearest matched word, and whether it is made of question words.
  const span = best.span;
  let spanDist = 10;
  let spanQ = 0;
  const range = spanTokens(best);
  if (range) {
    const { from, to } = range;
    best.tokens.forEach((_, i) => {
      if (!best.match.matched[i] || (i >= from && i <= to)) return;
      spanDist = Math.min(spanDist, i < from ? from - i : i - to);
    });
    spanQ = best.match.matched.slice(from, to + 1).filter(Boolean).length / (to - from + 1);
  }
  const nonNameMatched = best.tokens.filter((t, i) => best.match.matched[i] && !/^\p{Lu}/u.test(t.text)).length;
  const fp = best.features;
  // The answer span's own features (the answer-span model's), and how clearly it beats the sentence's other spans.
  const spanFeatures: Record<string, number> = {};
  let spanMargin = 0;
  let spanCount = 0;
  if (span) {
    const cands = spanCandidatesOf(best.hit.sentence.text, best.tokens, best.match.matched, best.entities as StoredEntity[], q);
    spanCount = Math.min(20, cands.length) / 20;
    const fam = familyOf(q);
    const c = cands.find((x) => x.start === span.start && x.end === span.end);
    if (c) for (const f of SPAN_FEATURES) spanFeatures[`sp_${f}`] = c.features[f];
    if (fam) {
      const fits = cands.map((x) => spanScore(x, ANSWER_SPAN_WEIGHTS[fam])).sort((a, b) => b - a);
      spanMargin = fits.length > 1 ? fits[0]! - fits[1]! : 1;
    }
  }
  // The words that state the asked fact: neither names, nor the focus noun, nor the headline's words.
  const focusStem = q.focus ? stemOf(q.focus) : undefined;
  const pred = q.terms.map((t) => !t.proper && t.stem !== focusStem && !titleStems.has(t.stem));
  const predW = sum((i) => (pred[i] ? w[i]! : 0));
  const predCov = predW ? sum((i) => (pred[i] ? w[i]! * credit[i]! : 0)) / predW : 1;
  const predNone = predW ? 0 : 1;
  const predAll = q.terms.every((_, i) => !pred[i] || credit[i]! > 0) ? 1 : 0;
  let predNear = 0;
  if (range) {
    const { from, to } = range;
    q.terms.forEach((_, i) => {
      if (!pred[i]) return;
      for (const at of best.match.byTerm[i]!) if ((at < from && from - at <= 4) || (at > to && at - to <= 4)) predNear = 1;
    });
  }
  const rankFeatures = Object.fromEntries(FEATURES.map((f) => [`f_${f}`, fp[f]]));
  return {
    ...spanFeatures, ...rankFeatures, predCov, predNone, predAll, predNear, spanMargin, spanCount, artLen: Math.min(1, n / 40),
    sameArticle2: ranked[1]?.hit.article.id === best.hit.article.id ? 1 : 0,
    factCov, localCov, specCov, absentFact: Math.min(2, absentFact), absentFactRare, covLead, covOverMean, scoreShare, scoreLead, scoreRatio,
    focusInArticle, focusQ: q.focus ? 1 : 0, gapMatched, spanDist: Math.min(10, spanDist) / 10, spanQ, nonNameMatched: Math.min(5, nonNameMatched) / 5,
    rFocus: fp.focus, rTypeNear: fp.typeNear, rTypeFit: fp.typeFit, rVerb: fp.verb, rStrict: fp.strict, rCompact: fp.compact, rOrder: fp.order,
    rArticle: fp.article, rArticleBm25: fp.articleBm25, rBm25: fp.bm25, rNeighbour: fp.neighbour, answerFit: span?.fit ?? 0,
  };
}

async function describe(core: Core, set: 'news' | 'squad', id: string, group: string, question: string, golds: string[], holdsIn: (s: string | undefined) => boolean): Promise<void> {
  const { row, q, ranked, candidates, answerer } = await decideRow(core, set, group, question, golds);
  const input = answerer.abstainInput(q, ranked);
  lines.push(JSON.stringify({
    id,
    ...row,
    type: q.type,
    topHolds: !!ranked[0] && holdsIn(ranked[0].hit.sentence.text),
    x: Object.fromEntries(ABSTAIN_FEATURES.map((f) => [f, input[f]])),
    sig: await signals(core, q, ranked, candidates),
  }));
}

if (only !== 'squad') {
  await withTempCore(async (core) => {
    await storeNewsArticles(core, data);
    for (const item of loadNewsQa(NEWS_QA_FILE).filter(asksOfArticles)) {
      await describe(core, 'news', item.id, item.article ?? item.id, item.question, item.answers, (s) => holds(s, item.answers));
    }
  });
  process.stderr.write('news done\n');
}
if (only !== 'news') {
  await withTempCore(async (core) => {
    const squad = loadSquad(data, 'dev');
    await storeSquadParagraphs(core, squad.paragraphs);
    let k = 0;
    for (const item of squad.questions) {
      await describe(core, 'squad', `squad-${k++}`, item.title, item.question, item.answers, (s) => !!s && item.answers.length > 0 && containsAnswer(s, item.answers));
      if (k % 500 === 0) process.stderr.write(`squad ${k}\n`);
    }
  });
}
writeFileSync(out, lines.join('\n') + '\n');
