// Does the best sentence state what the question asks as a fact? Term coverage takes "If Spieth
// wins he would tie the record" for an answer to "who won the masters?", and "was hospitalized for
// dehydration" for one to "which hospital was he taken to?". These checks read the sentence's own
// words around the question's.
import type { Token } from '../language/tokens.ts';
import { stemOf } from '../language/tokens.ts';
import { synonymsOf } from '../language/synonyms.ts';
import type { TermMatch } from './features.ts';
import { LIGHT, type QuestionAnalysis } from './question.ts';
import { isProperName } from './naming.ts';
import type { Span } from './spans.ts';

/** Words that open a condition: what follows is not said to have happened. */
const CONDITION = /^(?:if|unless)$/;
/** Where a conditional clause ends, looking back from its verb. */
const CLAUSE_EDGE = /^(?:[,;:.!?]|and|but|then)$/;
/** A question that supposes or asks about what might be ("who would win if ...?"). */
const ASKS_HYPOTHETICAL = /\b(?:if|unless|would|could|might|should)\b/i;

/**
 * Whether every word of the sentence that stands for one of the question's verbs sits in a
 * condition ("If Spieth wins ..."), so that the sentence does not say it happened. False when the
 * question has no verb the sentence matches, or supposes a condition itself.
 */
export function onlySupposed(q: QuestionAnalysis, tokens: readonly Token[], match: TermMatch): boolean {
  if (ASKS_HYPOTHETICAL.test(q.text)) return false;
  // A past event ("who won ...?", "what did they buy?"); a rule stated in a condition answers a
  // question in the present ("how many days does the Parliament have to nominate ...?" against
  // "if it fails to nominate within 28 days").
  const past = /\b(?:did|was|were|had)\b/i.test(q.text);
  // Not a light verb ("where's the store going?" against "if that's anything to go by").
  const verbs = q.terms.map((t) => t.pos === 'VERB' && !LIGHT.test(t.lemma) && (past || (t.word.toLowerCase() !== t.lemma && !/(?:s|ing)$/i.test(t.word))));
  if (!verbs.some(Boolean)) return false;
  const at = q.terms.flatMap((_, i) => (verbs[i] ? (match.byTerm[i] ?? []) : []));
  if (!at.length) return false;
  return at.every((p) => {
    for (let k = p - 1; k >= Math.max(0, p - 6); k--) {
      const norm = tokens[k]!.norm;
      if (CONDITION.test(norm)) return true;
      if (CLAUSE_EDGE.test(norm)) return false;
    }
    return false;
  });
}

/**
 * "Which hospital ...?" asks for a hospital: a sentence that has no such noun ("was hospitalized
 * for dehydration") names none, unless its answer is a name ("Christie's sold the manuscript" for
 * "which auction house ...?").
 */
export function kindUnnamed(q: QuestionAnalysis, tokens: readonly Token[], span: Span | undefined): boolean {
  // Not "what sentence did he get?", which a verb answers as well ("was sentenced to three years' probation").
  if (!q.focus || !/^which\s/i.test(q.text) || !['other', 'organization', 'place'].includes(q.type)) return false;
  const words = q.text.toLowerCase().split(/\s+/);
  if (words[1]?.replace(/[^a-z'-]/g, '') !== q.focus) return false;
  if (span && isProperName(span.text)) return false;
  const stem = stemOf(q.focus);
  const kin = synonymsOf(stem);
  return !tokens.some((t) => t.pos !== 'VERB' && (t.stem === stem || kin.has(t.stem)));
}
