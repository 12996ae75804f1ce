// Name variants: a place and its adjective or demonym ("Korea"/"Korean", "Norse"/"Norseman").
import { getCompromiseWorld } from './nlp.ts';
import { entryOf } from './words.ts';

/** Whether two lower-cased words are the same name in different forms. */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  const root = short.replace(/[aeiouy]$/, '');
  // Only the endings of demonyms and adjectives of names: not "Fort" for "Forte".
  return long.startsWith(root) && /^(?:|e?s|a?ns?|ians?|eans?|ish|ese|ic|is?|ers?|ern|e?m[ae]n)$/.test(long.slice(root.length));
}

/** Words that tell one place or people from another: "South Korean" is no mention of "North Korean". */
export const TELLS_APART = /^(north|south|east|west|northern|southern|eastern|western|new|old|upper|lower|great|greater|little|central|middle|far|near|high|low)$/;

/** A country's other names, and peoples' names no ending rule reaches ("France"/"French"). */
const PEOPLE_OF: Readonly<Record<string, string>> = {
  us: 'american', usa: 'american', america: 'american', uk: 'british', britain: 'british', england: 'english', scotland: 'scottish',
  wales: 'welsh', ireland: 'irish', france: 'french', netherlands: 'dutch', holland: 'dutch', turkey: 'turkish', spain: 'spanish',
  switzerland: 'swiss', greece: 'greek', denmark: 'danish', sweden: 'swedish', finland: 'finnish', poland: 'polish',
  philippines: 'filipino', thailand: 'thai', norway: 'norwegian', portugal: 'portuguese',
};

/** Whether two lower-cased words name the same place or people: "Korea"/"Korean", "France"/"French", "U.S."/"America". */
export function samePeople(a: string, b: string): boolean {
  return sameName(a, b) || (entryOf(PEOPLE_OF, a) ?? a) === (entryOf(PEOPLE_OF, b) ?? b);
}

let demonyms: Set<string> | undefined;

/**
 * A people's or a place's adjective ("Chinese", "Brazilian", "Welsh"): compromise's lexicon of
 * demonyms, with the peoples it files elsewhere.
 */
export function isDemonym(word: string): boolean {
  if (!demonyms) {
    // Compromise files "Polish", "Spanish", "Turkish" and other "-ish" adjectives elsewhere (or as verbs).
    demonyms = new Set([...Object.values(PEOPLE_OF), 'kurdish', 'flemish', 'cornish']);
    for (const [w, tags] of Object.entries(getCompromiseWorld().model.one.lexicon)) if ((Array.isArray(tags) ? tags : [tags]).includes('Demonym')) demonyms.add(w);
  }
  return demonyms.has(word);
}
