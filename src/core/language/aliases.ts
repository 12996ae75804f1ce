// Metonyms of news copy: a capital or a seat of government stands for its country or government
// ("Pyongyang's deployment" is North Korea's). A sentence naming one mentions the other.

const US = ['united states', 'u.s.', 'america'];
const UK = ['britain', 'united kingdom', 'u.k.'];
const ALIASES: Record<string, string[]> = {
  pyongyang: ['north korea'],
  seoul: ['south korea'],
  kremlin: ['russia'],
  moscow: ['russia'],
  kyiv: ['ukraine'],
  kiev: ['ukraine'],
  beijing: ['china'],
  washington: US,
  'white house': US,
  pentagon: US,
  tokyo: ['japan'],
  london: UK,
  'downing street': UK,
  paris: ['france'],
  berlin: ['germany'],
  tehran: ['iran'],
  jerusalem: ['israel'],
  ankara: ['turkey'],
  riyadh: ['saudi arabia'],
  damascus: ['syria'],
  baghdad: ['iraq'],
  kabul: ['afghanistan'],
  islamabad: ['pakistan'],
  'new delhi': ['india'],
  taipei: ['taiwan'],
  havana: ['cuba'],
  caracas: ['venezuela'],
  minsk: ['belarus'],
  brussels: ['european union', 'e.u.'],
  ottawa: ['canada'],
  canberra: ['australia'],
};

const norm = (s: string) => s.toLowerCase().replace(/\./g, '');

/**
 * Each alias's name words, worked out once: a Map, because indexing the object literal with a
 * text's word gave Object.prototype's members for "constructor" and "__proto__" (a source
 * sentence with "constructor" made every question that reached it fail).
 */
const ALIAS_WORDS = new Map(Object.entries(ALIASES).map(([alias, names]) => [alias, Object.freeze(names.flatMap((n) => norm(n).split(' ')))]));
const NO_WORDS: readonly string[] = Object.freeze([]);

/** Words of the names an alias stands for ("pyongyang" → ["north", "korea"]), or none. */
export function aliasWords(word: string): readonly string[] {
  return ALIAS_WORDS.get(word.toLowerCase()) ?? NO_WORDS;
}

/** Aliases of the names written in a text ("North Korea" → ["pyongyang"]), for full-text queries. */
export function aliasesIn(text: string): string[] {
  const padded = ` ${norm(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return Object.entries(ALIASES)
    .filter(([, names]) => names.some((n) => padded.includes(` ${norm(n)} `)))
    .map(([alias]) => alias);
}
