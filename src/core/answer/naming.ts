// "What's the name of the teacher ...?", "what's the burned dog's name?": a question for a name is
// answered by a name. Of the SQuAD dev questions asking "what ... name", 26 of 27 answerable ones
// have a capitalised answer; on news, the unanswerable ones were answered with "trial", "Thursday".
import type { Span } from './spans.ts';
import type { QuestionAnalysis } from './question.ts';

const ASKS_NAME = /^(?:what|which)\b[^?]*\bnamed?\b/i;
/** Words a name may hold in lower case: "Bank of England", "Charles de Gaulle". */
const CONNECTOR = /^(?:of|the|and|de|du|des|la|le|van|von|der|den|da|di|del|al|bin|y|&)$/;
/** Capitalised words that date a thing rather than name it. */
const CALENDAR = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow)$/i;

export function asksName(q: QuestionAnalysis): boolean {
  return ASKS_NAME.test(q.text);
}

/** "Nancy Perry", "Clarence J. Brown Dam", "Foxxy Cleopatra": capitalised words (and connectors), no digits, no day or month. */
export function isProperName(text: string): boolean {
  const words = text.replace(/['’]s$/, '').split(/\s+/).filter(Boolean);
  if (!words.length || !/^\p{Lu}/u.test(words[0]!) || /\d/.test(text)) return false;
  return words.every((w) => (/^\p{Lu}/u.test(w) && !CALENDAR.test(w)) || CONNECTOR.test(w));
}

/**
 * The answer span for a name question: the best-fitting name among the sentence's spans, or none
 * (then the sentence does not give the name, and below the gate's confidence the answerer declines).
 * Other questions keep the best-fitting span.
 */
export function answerSpanOf(q: QuestionAnalysis, spans: readonly Span[]): Span | undefined {
  const sorted = [...spans].sort((a, b) => b.fit - a.fit);
  // "Category 3" for "what category ...?" (span-model's focusNumbers), however the model fits it.
  const numbered = sorted.find((s) => numbersTheFocus(q, s));
  if (numbered) return numbered;
  if (!asksName(q)) return sorted[0];
  return sorted.find((s) => namesAnswer(q, s.text));
}

/**
 * A name that can answer a name question: a proper name with a word the question does not give
 * ("Sam" for "what's the name of terry cooper's dog?", not "Terry Cooper" nor "Cooper's": the
 * question's own names are not the one it asks for).
 */
export function namesAnswer(q: QuestionAnalysis, text: string): boolean {
  if (!isProperName(text)) return false;
  const asked = new Set(q.terms.map((t) => t.word.toLowerCase()));
  return text
    .replace(/['’]s$/, '')
    .split(/\s+/)
    .some((w) => /^\p{Lu}/u.test(w) && !asked.has(w.toLowerCase()));
}

/** "Category 3" for "what category is Rafael?": the asked noun and the number that says which. */
export function numbersTheFocus(q: QuestionAnalysis, span: Span | undefined): boolean {
  if (!span || q.type !== 'other' || !q.focus) return false;
  const [head, id, ...rest] = span.text.split(/\s+/);
  return !rest.length && head?.toLowerCase() === q.focus && /^(?:\d+[a-z]?|[IVX]+|[A-Z])$/.test(id ?? '');
}
