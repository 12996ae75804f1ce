// Where a "what" question's answer stands to the question's verb, read in the sentence: "What did
// Henry renounce ...?" wants the object right after "renounced"; "What hit the keeper?" wants the
// subject before "hit", past an aside ("A flare, hurled from the stands, hit the keeper"). The answer
// span model reads these (span-model.ts); the ranking's and the gate's span models do not.
import { synonymsOf } from '../language/synonyms.ts';
import type { Token } from '../language/tokens.ts';
import type { QuestionAnalysis } from './question.ts';

/** Where the answer stands to the verb, as the question asks it in the active voice. */
export interface AskedRole {
  /** The question's verb. */
  verb: Token;
  /**
   * 'subject': "What abolished X?"; 'object': "What did X renounce?", "What lands were reserved for
   * natives?"; 'complement': "What was he charged with?" (after the verb in either voice).
   */
  role: 'subject' | 'object' | 'complement';
}

const WH = /^(?:what|which|who|whom)$/;
const DO_SUPPORT = /^(?:do|does|did|will|would|can|could|should|shall|may|might|must|has|have|had)$/;
const BE = /^(?:is|are|was|were|be|been|being|am)$/;
/** A verb like "is", "has", "become" that links rather than acts: no role to read. */
const LIGHT = /^(?:be|have|do|become|seem|get)$/;

/** The question's verb and whether the answer is its subject or its object; undefined when the question is no such clause. */
export function askedRole(q: QuestionAnalysis): AskedRole | undefined {
  const words = q.tokens.filter((t) => t.kind !== 'punctuation');
  const whAt = words.findIndex((t) => WH.test(t.norm));
  // Only a question that starts with its wh-phrase ("In what borough ..." and "... to what?" have the gap in place).
  if (whAt !== 0) return undefined;
  let at = whAt + 1;
  while (words[at] && /^(?:DET|ADJ|NOUN|PROPN|NUM)$/.test(words[at]!.pos) && !DO_SUPPORT.test(words[at]!.norm) && !BE.test(words[at]!.norm)) at++;
  const next = words[at];
  if (!next) return undefined;
  if (next.pos === 'VERB' && !LIGHT.test(next.lemma)) return { verb: mainVerb(words, at), role: 'subject' };
  if (!DO_SUPPORT.test(next.norm) && !BE.test(next.norm)) return undefined;
  // "did Henry renounce", "was he charged": a subject, then the verb; "were (not) reserved": the verb.
  let k = at + 1;
  let subject = 0;
  while (words[k] && /^(?:DET|ADJ|NOUN|PROPN|NUM|PRON|PART)$/.test(words[k]!.pos) && !/^(?:not|n't)$/.test(words[k]!.norm)) {
    k++;
    subject++;
  }
  while (words[k] && (words[k]!.pos === 'ADV' || /^(?:not|n't)$/.test(words[k]!.norm))) k++;
  const verb = words[k];
  if (!verb || verb.pos !== 'VERB' || LIGHT.test(verb.lemma)) return undefined;
  if (!BE.test(next.norm)) return subject ? { verb: mainVerb(words, k), role: 'object' } : undefined;
  // After "was", a participle: "What was he charged with?" asks for what follows it; "What lands
  // were reserved?" for what was reserved, the object of the active verb.
  if (!/(?:ed|en|wn|ld|ght|un|id)$/.test(verb.norm)) return undefined;
  return { verb, role: subject ? 'complement' : 'object' };
}

/** The verb a chain ends in: "helped establish", "try to unify". */
function mainVerb(words: readonly Token[], k: number): Token {
  while (words[k + 1]?.pos === 'VERB' || (words[k + 1]?.norm === 'to' && words[k + 2]?.pos === 'VERB')) k += words[k + 1]!.pos === 'VERB' ? 1 : 2;
  return words[k]!;
}

/**
 * The token positions where the answer would stand in the sentence: the first content word after
 * each occurrence of the verb (its object) and the last word of what precedes it (its subject),
 * swapped where the sentence puts the verb in the passive ("X was abolished by [the Edict]").
 */
export function rolePositions(tokens: readonly Token[], asked: AskedRole): { after: Set<number>; before: Set<number> } {
  const after = new Set<number>();
  const before = new Set<number>();
  const syn = synonymsOf(asked.verb.stem);
  tokens.forEach((t, v) => {
    if (!(t.lemma === asked.verb.lemma || t.stem === asked.verb.stem || syn.has(t.stem))) return;
    const passive = BE.test(tokens[v - 1]?.norm ?? '') || (tokens[v - 1]?.pos === 'ADV' && BE.test(tokens[v - 2]?.norm ?? ''));
    const object = objectAt(tokens, v);
    const subject = subjectEnd(tokens, v);
    if (asked.role === 'complement') {
      if (object >= 0) after.add(object);
    } else if (asked.role === 'object') {
      if (!passive && object >= 0) after.add(object);
      if (passive && subject >= 0) before.add(subject);
    } else if (passive) {
      // "... was abolished by the Edict", "were supported in the war by the Iroquois": the agent after "by".
      const by = tokens.findIndex((x, i) => i > v && i <= v + 5 && x.norm === 'by');
      const agent = by > 0 ? objectAt(tokens, by - 1) : -1;
      if (agent >= 0) after.add(agent);
    } else if (subject >= 0) before.add(subject);
  });
  return { after, before };
}

/** The first content word after the verb at v, past particles, adverbs, a preposition and determiners. */
function objectAt(tokens: readonly Token[], v: number): number {
  let k = v + 1;
  let preps = 0;
  while (tokens[k]) {
    const t = tokens[k]!;
    if (t.pos === 'ADP' && preps++ < 1) k++;
    else if (/^(?:DET|PART|ADV)$/.test(t.pos) || (t.pos === 'PRON' && /^(?:his|her|its|their|our|my|your)$/.test(t.norm))) k++;
    else break;
  }
  const t = tokens[k];
  return t && /^(?:NOUN|PROPN|NUM|ADJ)$/.test(t.pos) ? k : -1;
}

/**
 * The last word of the verb's subject: back from the verb past auxiliaries and adverbs, a relative
 * pronoun and its comma ("the Edict of Fontainebleau (1685), which abolished"), a bracket, and a
 * comma-delimited aside ("A flare, hurled from the stands, hit").
 */
function subjectEnd(tokens: readonly Token[], v: number): number {
  let k = v - 1;
  while (k >= 0 && (BE.test(tokens[k]!.norm) || DO_SUPPORT.test(tokens[k]!.norm) || tokens[k]!.pos === 'ADV' || tokens[k]!.pos === 'AUX')) k--;
  let relative = false;
  if (k >= 0 && /^(?:which|who|that)$/.test(tokens[k]!.norm)) {
    relative = true;
    k--;
    if (tokens[k]?.text === ',') k--;
  }
  for (let n = 0; n < 2 && k >= 0; n++) {
    const t = tokens[k]!.text;
    if (t === ')') {
      const open = lastIndexBefore(tokens, k, (x) => x.text === '(');
      if (open < 0) return -1;
      k = open - 1;
    } else if (t === ',' && !relative) {
      // An aside closes here: it opened at the comma before it (a short one, with no other verb of the question's).
      const open = lastIndexBefore(tokens, k, (x) => x.text === ',' || x.text === ';');
      if (open < 0 || k - open > 12) return -1;
      k = open - 1;
    } else break;
  }
  const t = tokens[k];
  return t && /^(?:NOUN|PROPN|NUM)$/.test(t.pos) ? k : -1;
}

function lastIndexBefore(tokens: readonly Token[], k: number, f: (t: Token) => boolean): number {
  for (let i = k - 1; i >= 0; i--) if (f(tokens[i]!)) return i;
  return -1;
}
