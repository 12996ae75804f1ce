/** Whether a text denies something: "not", "never", "no", "didn't", "cannot", "without"... */
export function isNegated(text: string): boolean {
  return /(?:\b(?:not|never|no|cannot|without|nor|neither|none|nobody|nothing|unable)\b|n['’]t\b)/i.test(text);
}

/**
 * Whether a question denies what it asks about: "who did not ...", "why didn't ...". "Without" is no
 * denial there: "how many hours does raqqa go without electricity?" asks about a lack the sources may
 * tell in other words ("the power goes off for 21 hours").
 */
export function questionDenies(question: string): boolean {
  return isNegated(question.replace(/\bwithout\b/gi, ''));
}
