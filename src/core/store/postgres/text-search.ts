// Full-text search on PostgreSQL that behaves like the SQLite store's FTS5 index.
//
// The port speaks a small subset of FTS5 query syntax: quoted phrases of words joined by AND or
// OR (see ftsPhrase in answer/retrieve.ts). It is translated here into a tsquery over the
// `briefbot_text` configuration: an English Snowball stemmer with no stop-word list (FTS5's
// porter tokenizer drops none either) and accents folded when the unaccent extension is there.
// Text is cut into words on anything that is not a letter or digit before indexing, as FTS5's
// unicode61 tokenizer does, so "12,000" is the phrase "12 000" on both stores.

/** Letters and digits only, words separated by single spaces: the text both indexes see. */
export function searchableText(text: string): string {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** `"north korea"` → `north <-> korea`; undefined when the phrase has no words. */
function phraseToTsquery(phrase: string): string | undefined {
  const words = searchableText(phrase).split(' ').filter(Boolean);
  if (!words.length) return undefined;
  return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`;
}

/**
 * Translates `"a b" OR "c"` / `"a" AND "b"` (and bare words) into to_tsquery input.
 * Anything the subset does not cover is read as words of one more phrase, never as syntax,
 * so no input can produce an invalid tsquery.
 */
export function ftsToTsquery(match: string): string | undefined {
  const tokens = match.match(/"[^"]*"|\S+/g) ?? [];
  const out: string[] = [];
  let pendingOp: '&' | '|' | undefined;
  for (const token of tokens) {
    if (token === 'AND' || token === 'OR') {
      if (out.length) pendingOp = token === 'AND' ? '&' : '|';
      continue;
    }
    const q = phraseToTsquery(token.startsWith('"') ? token.slice(1, -1) : token);
    if (!q) continue;
    // FTS5 reads two phrases side by side as AND.
    if (out.length) out.push(pendingOp ?? '&');
    out.push(q);
    pendingOp = undefined;
  }
  return out.length ? out.join(' ') : undefined;
}

/** The phrases of a query in that subset, each once, as tsquery text: what a bm25 sums over. */
export function ftsPhraseQueries(match: string): string[] {
  const out = new Set<string>();
  for (const token of match.match(/"[^"]*"|\S+/g) ?? []) {
    if (token === 'AND' || token === 'OR') continue;
    const q = phraseToTsquery(token.startsWith('"') ? token.slice(1, -1) : token);
    if (q) out.add(q);
  }
  return [...out];
}

/**
 * The text search configuration and its dictionaries, created in the store's own schema.
 * unaccent is optional: installing an extension may need rights the database user lacks.
 */
export const TEXT_SEARCH_SQL = `
  DO $$ BEGIN
    CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'unaccent is not available; accents are not folded in searches';
  END $$;
  CREATE TEXT SEARCH DICTIONARY briefbot_english_stem (TEMPLATE = snowball, Language = english);
  CREATE TEXT SEARCH CONFIGURATION briefbot_text (COPY = simple);
  DO $$
  DECLARE accents text;
  BEGIN
    SELECT format('%I.unaccent', n.nspname) INTO accents
      FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace WHERE d.dictname = 'unaccent' LIMIT 1;
    EXECUTE format(
      'ALTER TEXT SEARCH CONFIGURATION briefbot_text ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, hword_part, hword_asciipart, hword_numpart WITH %s',
      CASE WHEN accents IS NULL THEN 'briefbot_english_stem' ELSE accents || ', briefbot_english_stem' END);
  END $$;
`;
