// Name variants: a place and its adjective or demonym ("Korea"/"Korean", "Norse"/"Norseman").

/** Whether two lower-cased words are the same name in different forms. */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  const root = short.replace(/[aeiouy]$/, '');
  // Only the endings of demonyms and adjectives of names: not "Fort" for "Forte".
  return long.startsWith(root) && /^(?:|e?s|a?ns?|ians?|eans?|ish|ese|ic|is?|ers?|ern|e?m[ae]n)$/.test(long.slice(root.length));
}
