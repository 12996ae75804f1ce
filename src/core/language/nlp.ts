// Loads the NLP models once, on first use, so start-up pays nothing until text is analysed.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// wink-nlp ships CommonJS without useful typings for the pieces we use; keep the surface small.
export interface WinkItem {
  out(f?: unknown, g?: unknown): unknown;
}
export interface WinkCollection {
  each(fn: (item: WinkItem, i: number) => void): void;
  out(f?: unknown, g?: unknown): unknown;
  length(): number;
  itemAt(i: number): WinkItem & { tokens(): WinkCollection; entities(): WinkCollection };
}
export interface WinkDoc {
  sentences(): WinkCollection;
  tokens(): WinkCollection;
  entities(): WinkCollection;
}
export interface Wink {
  nlp: { readDoc(text: string): WinkDoc };
  its: Record<string, unknown>;
}

type WinkFactory = (model: unknown, pipe?: string[]) => Wink['nlp'] & { its: Record<string, unknown> };
interface WinkModel {
  addons: { stem(word: string): string };
  metaCER(): unknown;
}
const winks = new Map<string, Wink>();
let winkModel: WinkModel | undefined;

/**
 * The model, with its metaCER() answered once: wink-eng-lite-web-model's metaCER() stringifies its
 * machines in place on every call (`machines = JSON.stringify(machines)`), and each new wink
 * instance calls it, so every instance doubled a string the module keeps (2,953 characters, then
 * 3,583, 4,843, 7,363...: the heap growth per renewal measured before, and "Invalid string length"
 * after a few dozen instances in one thread). The first answer is the right one.
 */
function loadModel(): WinkModel {
  const model = require('wink-eng-lite-web-model') as WinkModel;
  const meta = model.metaCER();
  model.metaCER = () => meta;
  return model;
}

function winkWith(pipe: string[]): Wink {
  const key = pipe.join(',');
  let w = winks.get(key);
  if (!w) {
    const winkNLP = require('wink-nlp') as WinkFactory;
    winkModel ??= loadModel();
    const nlp = winkNLP(winkModel, pipe);
    winks.set(key, (w = { nlp: { readDoc: initialsFirst(nlp) }, its: nlp.its }));
  }
  return w;
}

/**
 * Letters joined by dots ("B.B", "U.S", "a.k.a"), not inside a longer word or dotted run. wink's
 * tokenizer learns every new token it reads, and a chunk such as "B.B." is one token unless its
 * stem "B.B" was learned first (a title cut at "B.B"), when it becomes "B.B" and "." and its
 * sentence can end there: the same text was read differently depending on what the process had
 * read before.
 */
const DOTTED_LETTERS = /(?<![\p{L}\p{N}.])(?:\p{L}\.)+\p{L}(?![\p{L}\p{N}])/gu;
const HAS_DOTTED_LETTERS = /\p{L}\.\p{L}/u;

/**
 * readDoc, after teaching the instance every dotted form in the text, with its closing dot first
 * and then without: wink looks a whole chunk up before splitting it, so once both are known
 * "B.B." is always one token, "B.B" another, and "B.B..." "B.B" and "...", whatever the instance
 * read before (checked on every dotted chunk of the CNN/DailyMail and SQuAD texts, each read
 * fresh and after each of its prefixes and suffixes). A fresh instance reads each such chunk as
 * it did before, except "P.S..." ("P.S" and "..." rather than "P.S." and "..").
 */
function initialsFirst(nlp: Wink['nlp']): (text: string) => WinkDoc {
  const taught = new Set<string>();
  return (text) => {
    if (HAS_DOTTED_LETTERS.test(text)) {
      for (const [form] of text.matchAll(DOTTED_LETTERS)) {
        if (taught.has(form)) continue;
        // Teaching a known form again changes nothing, so the set can be dropped when large.
        if (taught.size >= 50_000) taught.clear();
        taught.add(form);
        nlp.readDoc(`${form}.`);
        nlp.readDoc(form);
      }
    }
    return nlp.readDoc(text);
  };
}

/**
 * Drops the wink instances (and the stem memo): each instance keeps every new word it has read in
 * its own copy of the model's vocabulary, so a long import grows it without bound. The next use
 * builds a fresh instance from the model (about 0.1 s), as a new worker thread did. What an
 * instance learned could change how it read dotted initials ("B.B." after "B.B"); initialsFirst()
 * makes that independent of what was read before. The 100k bench corpus's first 30,000
 * articles are stored the same with a renewal every 5,000 as with a new worker every 10,000.
 */
export function renewWink(): void {
  winks.clear();
  stems.clear();
}

/** Sentences, negation, entities and parts of speech: everything, at the full price. */
export function getWink(): Wink {
  return winkWith(['sbd', 'negation', 'ner', 'pos']);
}

/**
 * Only what a step reads: tokens alone cost a third of the full pipeline, sentence boundaries
 * and entities about half; parts of speech need sentence boundaries but not entities or negation
 * (the same tokens, boundaries, entities and tags as the full pipeline: checked on the eval's
 * CNN/DailyMail sentences).
 */
const PIPES = { tokens: [], sentences: ['sbd'], entities: ['ner'], 'sentences+entities': ['sbd', 'ner'], tagging: ['sbd', 'pos'] } as const;
export function getWinkFor(use: keyof typeof PIPES): Wink {
  return winkWith([...PIPES[use]]);
}

const stems = new Map<string, string>();
/** wink's Porter stemmer, the one behind its.stem, memoised: stemming was half of tokenising. */
export function winkStem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (!winkModel) winkWith([]);
    s = winkModel!.addons.stem(word);
    if (stems.size > 200_000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

export interface CompromiseView {
  people(): CompromiseView;
  places(): CompromiseView;
  organizations(): CompromiseView;
  json(opts?: unknown): { text: string; offset?: { start: number; length: number } }[];
  /** The matches' texts, without json()'s per-term detail. */
  out(format: 'array'): string[];
  /** Whether the view matched anything. */
  readonly found: boolean;
}
let compromise: ((text: string) => CompromiseView) | undefined;
export function getCompromise(): (text: string) => CompromiseView {
  compromise ??= require('compromise') as (text: string) => CompromiseView;
  return compromise;
}

export interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> };
}
interface CompromiseWorld {
  model: CompromiseModel;
  methods: { two: { transform: { verb: { conjugate(verb: string, model: CompromiseModel): { PastTense?: string } } } } };
}
/** compromise's word lists (names, places, organisations), without running its tagger. */
export function getCompromiseWorld(): CompromiseWorld {
  const nlp = getCompromise() as unknown as { world(): CompromiseWorld };
  return nlp.world();
}

/** A verb's simple past by compromise's conjugation tables ("withdraw" → "withdrew", "sanction" → "sanctioned"). */
export function pastTenseOf(verb: string): string | undefined {
  const world = getCompromiseWorld();
  return world.methods.two.transform.verb.conjugate(verb, world.model).PastTense || undefined;
}
