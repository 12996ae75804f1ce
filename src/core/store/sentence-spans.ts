// Sentences stored as spans of their article's body (SQLite): the text is kept once, in the
// body, instead of twice. A sentence that is not a verbatim slice of the body (fragments joined
// after an abbreviation) keeps its own text.
import type { Entity, EntityKind } from '../language/entities.ts';

export interface Span {
  /** 1-based position in characters (code points), as SQLite's substr() counts. */
  start: number;
  /** Length in characters (code points). */
  len: number;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Characters (code points) in `text` before UTF-16 offset `at`. */
function codePointsBefore(text: string, at: number): number {
  let n = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate and its low surrogate are one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < at) i++;
    n++;
  }
  return n;
}

/**
 * Where each sentence sits in the body, in order; null for a sentence that is not a verbatim
 * slice of it (its text is then stored on its own).
 */
export function spansIn(body: string, sentences: readonly string[]): (Span | null)[] {
  const astral = SURROGATE.test(body);
  let cursor = 0;
  return sentences.map((text) => {
    if (!text) return null;
    let at = body.indexOf(text, cursor);
    if (at < 0) at = body.indexOf(text);
    if (at < 0) return null;
    cursor = at + text.length;
    if (!astral) return { start: at + 1, len: text.length };
    const start = codePointsBefore(body, at);
    return { start: start + 1, len: codePointsBefore(text, text.length) };
  });
}

// Entities of a sentence, packed in one column: "p0,11 n17,23" (kind code, start, end: the text is
// the sentence's own slice, as it always is for what ingest finds); JSON when some text is not.
const CODES: Record<EntityKind, string> = {
  person: 'p',
  place: 'l',
  organization: 'o',
  number: 'n',
  money: 'm',
  percent: '%',
  date: 'd',
  time: 't',
  duration: 'u',
  ordinal: 'r',
};
const KINDS = new Map(Object.entries(CODES).map(([k, c]) => [c, k as EntityKind]));

export function packEntities(sentence: string, entities: readonly Entity[]): string | null {
  if (!entities.length) return null;
  if (entities.every((e) => sentence.slice(e.start, e.end) === e.text)) return entities.map((e) => `${CODES[e.kind]}${e.start},${e.end}`).join(' ');
  return JSON.stringify(entities.map((e) => [CODES[e.kind], e.start, e.end, e.text]));
}

export function unpackEntities(sentence: string, packed: string | null): Entity[] {
  if (!packed) return [];
  const list: [string, number, number, string?][] = packed.startsWith('[')
    ? (JSON.parse(packed) as [string, number, number, string][])
    : packed.split(' ').map((p) => {
        const [start, end] = p.slice(1).split(',');
        return [p[0]!, Number(start), Number(end)];
      });
  const out: Entity[] = [];
  for (const [code, start, end, text] of list) {
    const kind = KINDS.get(code);
    if (kind) out.push({ kind, start, end, text: text ?? sentence.slice(start, end) });
  }
  return out.sort((a, b) => a.start - b.start);
}
