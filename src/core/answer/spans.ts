// Finding the answer inside a sentence: entities of the wanted type, numeric facts with the asked
// unit, noun phrases for "what" questions, clauses for "why". Every span is a substring of the sentence.
import type { Entity } from '../language/entities.ts';
import { numericFacts } from '../language/entities.ts';
import { synonymsOf } from '../language/synonyms.ts';
import { stemOf, type Token } from '../language/tokens.ts';
import { TYPE_ENTITIES, type QuestionAnalysis } from './question.ts';

export interface Span {
  text: string;
  start: number;
  end: number;
  /** 0..1: how well this span fits the question, before sentence relevance. */
  fit: number;
}

/** Distance in tokens from a character range to the nearest question-term token. */
function proximity(tokens: Token[], matched: boolean[], start: number, end: number): number {
  let best = Infinity;
  tokens.forEach((t, i) => {
    // Question words inside the span say nothing about where the answer sits.
    if (!matched[i] || (t.start >= start && t.end <= end)) return;
    const d = t.end <= start ? tokensBetween(tokens, t.end, start) : tokensBetween(tokens, end, t.start);
    best = Math.min(best, d);
  });
  return best;
}

function tokensBetween(tokens: Token[], from: number, to: number): number {
  return tokens.filter((t) => t.start >= from && t.end <= to && t.kind !== 'punctuation').length;
}

function overlapsQuestion(text: string, tokens: Token[], q: QuestionAnalysis, start: number, end: number): boolean {
  const inside = tokens.filter((t) => t.start >= start && t.end <= end && !t.stop && t.kind !== 'punctuation');
  if (!inside.length) return true;
  const qStems = new Set(q.terms.map((t) => t.stem));
  return inside.every((t) => qStems.has(t.stem));
}

const proxFit = (d: number) => (Number.isFinite(d) ? 1 / (1 + d / 4) : 0.3);

/** Extends a place or organisation to the noun it names: "Russia’s Kursk region", "the Treasury Department". */
function extendName(sentence: string, e: Entity): Entity {
  let { start, end } = e;
  const after = /^(?:['’]s)?\s+(region|province|oblast|state|city|county|district|border|peninsula|area|island|department|ministry|agency)\b/i.exec(sentence.slice(end));
  if (after) end += after[0].length;
  const before = /([A-Z][\w.-]*['’]s\s+)$/.exec(sentence.slice(0, start));
  if (before && after) start -= before[1]!.length;
  return { ...e, start, end, text: sentence.slice(start, end) };
}

/** Joins "Kim and Austin", "Russia, India and China" into one span when they answer together. */
function mergeLists(sentence: string, spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && /^\s*(,|,?\s+and|,?\s+or)\s+$/.test(sentence.slice(prev.end, s.start))) {
      out[out.length - 1] = { text: sentence.slice(prev.start, s.end), start: prev.start, end: s.end, fit: Math.max(prev.fit, s.fit) };
    } else out.push(s);
  }
  return out;
}

function typedSpans(sentence: string, tokens: Token[], matched: boolean[], entities: Entity[], q: QuestionAnalysis): Span[] {
  const kinds = TYPE_ENTITIES[q.type];
  const spans: Span[] = [];
  if ((q.type === 'number' || q.type === 'money' || q.type === 'percent') && q.focus) {
    // "How many troops" → the fact whose unit is troops (or a synonym of it).
    const focusStem = stemOf(q.focus);
    for (const f of numericFacts(sentence)) {
      const unitStem = stemOf(f.unit.split(' ').pop() ?? '');
      const unitFits = unitStem === focusStem || synonymsOf(focusStem).has(unitStem) || (q.type !== 'number' && f.unit === q.type);
      if (!unitFits) continue;
      const at = sentence.indexOf(f.text);
      if (at < 0) continue;
      spans.push({ text: f.text, start: at, end: at + f.text.length, fit: proxFit(proximity(tokens, matched, at, at + f.text.length)) });
    }
    if (spans.length) return spans;
  }
  // A count of something else ("how many tanks" → "12,000 troops") is a weak answer.
  const focusMissed = (q.type === 'number' || q.type === 'money' || q.type === 'percent') && !!q.focus;
  for (const e0 of entities) {
    const rank = kinds.indexOf(e0.kind);
    if (rank < 0) continue;
    const e = e0.kind === 'place' || e0.kind === 'organization' ? extendName(sentence, e0) : e0;
    if (overlapsQuestion(sentence, tokens, q, e.start, e.end)) continue;
    const d = proximity(tokens, matched, e.start, e.end);
    spans.push({ text: e.text, start: e.start, end: e.end, fit: (rank === 0 ? 1 : 0.6) * proxFit(d) * (focusMissed && e.kind === 'number' ? 0.5 : 1) });
  }
  if (q.type === 'date') {
    // Bare years are dates even when the tagger misses them.
    for (const m of sentence.matchAll(/\b(1[0-9]{3}|20[0-9]{2})s?\b/g)) {
      if (spans.some((s) => m.index >= s.start && m.index < s.end)) continue;
      const d = proximity(tokens, matched, m.index, m.index + m[0].length);
      spans.push({ text: m[0], start: m.index, end: m.index + m[0].length, fit: 0.8 * proxFit(d) });
    }
  }
  return mergeLists(sentence, spans);
}

const REASON = /\b(because(?: of)?|due to|owing to|as a result of|in order to|so that|in exchange for|thanks to|since|after)\b/i;

function reasonSpan(sentence: string, tokens: Token[], matched: boolean[]): Span | undefined {
  // The marker after the last question word, so "why X" finds the clause that explains X.
  const lastMatch = tokens.reduce((acc, t, i) => (matched[i] ? t.end : acc), 0);
  const rest = sentence.slice(lastMatch);
  let at = REASON.exec(rest)?.index;
  if (at === undefined) {
    // "... to + verb": a purpose clause.
    const k = tokens.findIndex((t, i) => t.start >= lastMatch && t.norm === 'to' && tokens[i + 1]?.pos === 'VERB');
    if (k >= 0) at = tokens[k]!.start - lastMatch;
  }
  if (at === undefined) return undefined;
  const m = /^\S+(?:\s+\S+)?/.exec(rest.slice(at))!;
  const start = lastMatch + at;
  const clauseEnd = /[.;!?]|,\s+(?:but|while|although)\b/.exec(sentence.slice(start + m[0].length));
  const end = clauseEnd ? start + m[0].length + clauseEnd.index : sentence.length;
  const text = sentence.slice(start, end).trim();
  return text.split(/\s+/).length >= 2 ? { text, start, end: start + text.length, fit: 0.9 } : undefined;
}

/** Noun phrases: optional determiner, modifiers, and a noun head. */
function nounPhrases(tokens: Token[]): { start: number; end: number; from: number; to: number }[] {
  const out: { start: number; end: number; from: number; to: number }[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (['ADJ', 'NOUN', 'PROPN', 'NUM'].includes(t.pos) || (t.pos === 'DET' && t.norm !== 'that')) {
      let j = i;
      while (j < tokens.length && (['ADJ', 'NOUN', 'PROPN', 'NUM'].includes(tokens[j]!.pos) || (j === i && tokens[j]!.pos === 'DET') || (tokens[j]!.text === '-' && j > i) || (/^['’]s$/.test(tokens[j]!.text) && j > i))) j++;
      let last = j - 1;
      while (last >= i && !['NOUN', 'PROPN', 'NUM'].includes(tokens[last]!.pos)) last--;
      if (last >= i) {
        let first = i;
        if (tokens[first]!.pos === 'DET') first++;
        if (first <= last) out.push({ start: tokens[first]!.start, end: tokens[last]!.end, from: first, to: last });
      }
      i = Math.max(j, i + 1);
    } else i++;
  }
  return out;
}

function phraseSpans(sentence: string, tokens: Token[], matched: boolean[], q: QuestionAnalysis): Span[] {
  const spans: Span[] = [];
  const lastMatched = matched.lastIndexOf(true);
  for (const np of nounPhrases(tokens)) {
    if (overlapsQuestion(sentence, tokens, q, np.start, np.end)) continue;
    // Drop question words the phrase starts with ("troops' uniforms" for "what did the troops wear").
    let from = np.from;
    while (from <= np.to && matched[from]) from++;
    if (from > np.to) continue;
    const start = tokens[from]!.start;
    const d = proximity(tokens, matched, start, np.end);
    const after = lastMatched >= 0 && from > lastMatched ? 1 : 0.85;
    spans.push({ text: sentence.slice(start, np.end), start, end: np.end, fit: 0.7 * proxFit(d) * after });
  }
  return spans;
}

export function findSpans(sentence: string, tokens: Token[], matched: boolean[], entities: Entity[], q: QuestionAnalysis): Span[] {
  switch (q.type) {
    case 'reason': {
      const r = reasonSpan(sentence, tokens, matched);
      return r ? [r] : [];
    }
    case 'yesno':
      return [];
    case 'other':
      return phraseSpans(sentence, tokens, matched, q);
    default: {
      const typed = typedSpans(sentence, tokens, matched, entities, q);
      return typed.length ? typed : [];
    }
  }
}
