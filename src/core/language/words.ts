/** Lower-cased runs of letters and digits: the plain word view used for hashing, shingles and quick matching. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
