// A story names someone in full once ("Defense Minister Kim Yong-hyun", "Terry Cooper, 79") and
// then by one part of the name ("Kim said ...", "Mr Cooper added ..."). A sentence that names the
// person so still mentions every word of the name the question uses, when its own story gives the
// full name: "what did kim yong-hyun say?" matches "Kim said he doesn't necessarily believe ...".
import { TELLS_APART } from '../language/names.ts';
import type { Token } from '../language/tokens.ts';
import { escapeRegExp, LETTER_OR_DIGIT, OPENS_UPPER } from '../language/words.ts';
import type { QuestionAnalysis } from './question.ts';
import type { TermMatch } from './features.ts';

/** Words that may stand before a part of a name without making it another name ("Mr Cooper", "Minister Kim"). */
const TITLE = /^(mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|rev|father|sister|judge|justice|officer|sgt|sergeant|captain|capt|coach|minister|secretary|president|ambassador|senator|sen|rep|governor|gov|mayor|chancellor|chairman|chief|general|gen|colonel|col|commander|king|queen|prince|princess|pope|st)\.?$/;

/** The credit a missing word of the name gets from a part of it: a synonym's (matchTerms()). */
const PART_CREDIT = 0.8;

/** The code point that ends right before `i` (a surrogate pair whole), or '' at the start. */
function charBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  const high = i >= 2 ? text.charCodeAt(i - 2) : 0;
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(i - 2, i) : text[i - 1]!;
}
/** The code point that starts at `i`, or '' at the end. */
const charAt = (text: string, i: number): string => (i < text.length ? String.fromCodePoint(text.codePointAt(i)!) : '');
/** A word all in capitals ("NATO"): no first or last name. Module-level: see OPENS_UPPER in language/words.ts. */
const ALL_CAPITALS = /^\p{Lu}{2,}$/u;
const capitalised = (t: Token | undefined) => !!t && t.kind === 'word' && OPENS_UPPER.test(t.text);

/**
 * Pairs of question terms that stand side by side in the question ("kim yong-hyun" gives kim–yong
 * and yong–hyun), as indexes into q.terms.
 */
export function adjacentTerms(q: QuestionAnalysis): [number, number][] {
  const index = (t: Token) => q.terms.findIndex((x) => x.stem === t.stem && x.word === t.text);
  const pairs: [number, number][] = [];
  const toks = q.tokens;
  for (let k = 0; k < toks.length; k++) {
    const a = toks[k]!;
    if (a.kind !== 'word') continue;
    // The next word, over a hyphen at most.
    let n = k + 1;
    if (toks[n]?.text === '-' && toks[n]!.end === toks[n + 1]?.start) n++;
    const b = toks[n];
    if (!b || (b.kind !== 'word' && b.kind !== 'number')) continue;
    const i = index(a);
    const j = index(b);
    if (i >= 0 && j >= 0 && i !== j) pairs.push([i, j]);
  }
  return pairs;
}

/** A pair of neighbouring question words and how to find them written as a name. */
export interface NamePair {
  i: number;
  j: number;
  /** The first word's first two letters as a name starts ("Ki", "Mc"): an article without them is skipped unsearched. */
  capital: string;
  re: RegExp;
  /** Lengths of the two words. */
  first: number;
  second: number;
}

/** The question's neighbouring words (adjacentTerms()) as patterns to look for in each article, made once per question. */
export function namePairs(q: QuestionAnalysis): NamePair[] {
  return adjacentTerms(q).flatMap(([i, j]) => {
    const a = q.terms[i]!.word;
    const b = q.terms[j]!.word;
    if (a.length < 2 || b.length < 2) return [];
    // The words' edges are tested in namesInArticle, not here: a new expression with \p{L} and
    // \p{N} in it took about a millisecond to compile (their case-folded letter sets), once for
    // each pair of every question: 3-5% of /ask's main thread at 100,000 articles.
    const re = new RegExp(`${escapeRegExp(a)}(?:\\s+|-)${escapeRegExp(b)}`, 'giu');
    return [{ i, j, capital: a[0]!.toUpperCase() + a[1]!.toLowerCase(), re, first: a.length, second: b.length }];
  });
}

/**
 * The names the question gives that the article writes in full, capitalised: groups of question
 * terms (indexes into q.terms, two or more) whose neighbouring words stand side by side in the text
 * as a name does ("Kim Yong-hyun", "Terry Cooper").
 */
export function namesInArticle(q: QuestionAnalysis, pairs: readonly NamePair[], text: string): number[][] {
  const parent = q.terms.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  let any = false;
  for (const { i, j, capital, re, first: firstLength, second: secondLength } of pairs) {
    if (!text.includes(capital)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // Whole words only, as a lookbehind and a lookahead for letters and digits would take them:
      // a match inside a word is no match, and the search goes on from the next character.
      const end = m.index + m[0].length;
      if (LETTER_OR_DIGIT.test(charBefore(text, m.index)) || LETTER_OR_DIGIT.test(charAt(text, end))) {
        re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
        continue;
      }
      const first = m[0].slice(0, firstLength);
      const second = m[0].slice(m[0].length - secondLength);
      // Words of a personal or place name, written as names are: not "CEO" of "Cardiff CEO", nor a title.
      const nameWord = (w: string) => !ALL_CAPITALS.test(w) && !TITLE.test(w.toLowerCase());
      if (!nameWord(first) || !nameWord(second)) continue;
      // A name: its first word capitalised, and the second too unless joined by a hyphen ("Yong-hyun").
      if (OPENS_UPPER.test(first) && (OPENS_UPPER.test(second) || m[0].includes('-'))) {
        parent[find(i)] = find(j);
        any = true;
        break;
      }
    }
  }
  if (!any) return [];
  const groups = new Map<number, number[]>();
  q.terms.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.values()].filter((g) => g.length >= 2);
}

/**
 * Credits the words of a full name the sentence names by one of its parts alone ("Kim said", "Mr
 * Cooper added"): each missing word of the name gets the part's position and a synonym's credit. The part
 * must be capitalised and stand alone as a name: no other capitalised word right after it ("Kim Jong
 * Un" is someone else) nor before it but a title ("Minister Kim", "Mr Cooper"; "South Korean" is not
 * "North Korean"). Returns the match itself when nothing changes.
 */
export function creditNameParts(names: readonly number[][], tokens: readonly Token[], m: TermMatch): TermMatch {
  let out: TermMatch | undefined;
  for (const name of names) {
    const missing = name.filter((i) => (m.credit[i] ?? 0) < 1);
    if (!missing.length || missing.length === name.length) continue;
    const member = new Set(name.flatMap((i) => m.byTerm[i] ?? []));
    const mention = name
      .filter((i) => m.credit[i] === 1)
      .flatMap((i) => m.byTerm[i] ?? [])
      .find((k) => {
        if (!capitalised(tokens[k])) return false;
        // The capitalised run the word stands in: every word of it a part of the name, or a title before it.
        let from = k;
        while (from > 0 && (capitalised(tokens[from - 1]) || (tokens[from - 1]?.text === '-' && capitalised(tokens[from - 2])))) from -= tokens[from - 1]!.text === '-' ? 2 : 1;
        let to = k;
        while (to + 1 < tokens.length && (capitalised(tokens[to + 1]) || (tokens[to + 1]?.text === '-' && tokens[to + 2]?.kind === 'word' && tokens[to + 1]!.end === tokens[to + 2]!.start))) to += tokens[to + 1]!.text === '-' ? 2 : 1;
        for (let x = from; x <= to; x++) {
          const t = tokens[x]!;
          if (t.text === '-' || member.has(x)) continue;
          if (x < k && TITLE.test(t.norm) && !TELLS_APART.test(t.norm)) continue;
          return false;
        }
        return true;
      });
    if (mention === undefined) continue;
    out ??= { byTerm: m.byTerm.map((b) => [...b]), credit: [...m.credit], matched: [...m.matched] };
    // At a paraphrase's credit: the sentence that gives the name in full stays ahead, all else equal.
    for (const i of missing) {
      out.byTerm[i] = [mention];
      out.credit[i] = Math.max(out.credit[i]!, PART_CREDIT);
    }
  }
  return out ?? m;
}
