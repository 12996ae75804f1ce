/** Whether a text denies something: "not", "never", "no", "didn't", "cannot", "without"... */
export function isNegated(text: string): boolean {
  return /(?:\b(?:not|never|no|cannot|without|nor|neither|none|nobody|nothing|unable)\b|n['’]t\b)/i.test(text);
}
