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

let wink: Wink | undefined;
export function getWink(): Wink {
  if (!wink) {
    const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => Wink['nlp'] & { its: Record<string, unknown> };
    const model = require('wink-eng-lite-web-model') as unknown;
    const nlp = winkNLP(model, ['sbd', 'negation', 'ner', 'pos']);
    wink = { nlp, its: nlp.its };
  }
  return wink;
}

export interface CompromiseView {
  people(): CompromiseView;
  places(): CompromiseView;
  organizations(): CompromiseView;
  json(opts?: unknown): { text: string; offset?: { start: number; length: number } }[];
}
let compromise: ((text: string) => CompromiseView) | undefined;
export function getCompromise(): (text: string) => CompromiseView {
  compromise ??= require('compromise') as (text: string) => CompromiseView;
  return compromise;
}
