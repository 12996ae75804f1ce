// The bench corpus: unique news articles recombined from real article text (the CNN/DailyMail
// sentences of ../shared/eval), with names, places and numbers drawn from pools that grow with
// the corpus, so the vocabulary grows as real news does and no posting list is unrealistically
// long. Deterministic for a given size, written as JSON Lines without holding the corpus.
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { STOPWORDS } from '../core/language/stopwords.ts';

/** A small deterministic PRNG (mulberry32): the same corpus on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Source {
  sentences: string[];
}

export function loadSources(file: string): Source[] {
  const out: Source[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as Record<string, unknown>;
    const text = typeof o.article === 'string' ? o.article : typeof o.text === 'string' ? o.text : undefined;
    if (!text) continue;
    // A plain regex split is enough to recombine sentences; the bot's own splitter runs at ingest.
    const sentences = text
      .replace(/^\(CNN\)\s*/, '')
      .split(/(?<=[.!?]["”’]?)\s+(?=["“A-Z])/)
      .map((s) => s.trim())
      .filter((s) => s.split(/\s+/).length >= 6 && s.split(/\s+/).length <= 60);
    if (sentences.length >= 5) out.push({ sentences });
  }
  return out;
}

const SYLLABLES = 'ka lo mir dan ves tor bel ran su min gor al et vi na rus pol sen dra ko ber lin za mo ter hal quin sor ul fen'.split(' ');

function pseudoName(n: number): string {
  // Names from a mixed-radix count: every n gives a different name.
  let s = '';
  let x = n;
  do {
    s += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  } while (x > 0 || s.length < 4);
  return s[0]!.toUpperCase() + s.slice(1);
}

export interface CorpusStats {
  articles: number;
  /** Distinct lower-case words across titles and bodies. */
  vocabulary: number;
  bytes: number;
  meanWords: number;
}

export interface BenchQueries {
  questions: string[];
  searches: string[];
}

/** Days the corpus spans: about 300 articles a day, and at least a week. */
export const spanDays = (articles: number) => Math.max(7, Math.ceil(articles / 300));

export async function writeCorpus(path: string, articles: number, sources: Source[], now: Date): Promise<CorpusStats & BenchQueries> {
  const random = rng(articles);
  const namePool = 2_000 + articles * 2;
  const days = spanDays(articles);
  const out = createWriteStream(path);
  const vocabulary = new Set<string>();
  let bytes = 0;
  let words = 0;
  const questions: string[] = [];
  const searches: string[] = [];
  const questionEvery = Math.max(1, Math.floor(articles / 40));
  for (let i = 0; i < articles; i++) {
    // Articles come in stories of about four: they share a source article and its cast.
    const story = Math.floor(i / 4);
    const storyRandom = rng(story * 7919 + 17);
    const base = sources[Math.floor(storyRandom() * sources.length)]!;
    const cast = new Map<string, string>();
    const renamed = (word: string) => {
      let n = cast.get(word);
      if (!n) cast.set(word, (n = pseudoName(Math.floor(storyRandom() * namePool))));
      return n;
    };
    const count = 10 + Math.floor(random() * 12);
    const start = Math.floor(random() * Math.max(1, base.sentences.length - 6));
    const picked: string[] = [];
    for (let k = 0; k < count; k++) {
      const fromBase = k < 6 && start + k < base.sentences.length;
      const other = sources[Math.floor(random() * sources.length)]!;
      const src = fromBase ? base.sentences[start + k]! : other.sentences[Math.floor(random() * other.sentences.length)]!;
      picked.push(vary(src, renamed, random));
    }
    const lead = picked[0]!.split(/\s+/).slice(0, 9).join(' ').replace(/[,.;:]+$/, '');
    const published = new Date(now.getTime() - random() * days * 86_400_000 - 60_000).toISOString();
    const line = `${JSON.stringify({ title: lead, body: picked.join(' '), published, url: `https://news.example/${story}/${i}` })}\n`;
    bytes += Buffer.byteLength(line);
    for (const w of `${lead} ${picked.join(' ')}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      vocabulary.add(w);
      words++;
    }
    if (i % questionEvery === 0 && questions.length < 40) {
      const q = questionFrom(picked[1 + Math.floor(random() * (picked.length - 1))]!);
      if (q) {
        questions.push(q.question);
        searches.push(q.search);
      }
    }
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { articles, vocabulary: vocabulary.size, bytes, meanWords: Math.round(words / articles), questions, searches };
}

const CALENDAR = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** Capitalised words after the first become names of the story's cast; numbers change. */
function vary(sentence: string, renamed: (w: string) => string, random: () => number): string {
  let first = true;
  return sentence.replace(/[\p{L}\p{N}][\p{L}\p{N}'’,.-]*/gu, (word) => {
    const isFirst = first;
    first = false;
    if (/^\d/.test(word)) {
      const m = /^([\d,.]*\d)(.*)$/.exec(word)!;
      const digits = m[1]!.replace(/[^\d]/g, '').length;
      if (/^(1[89]|20)\d\d$/.test(m[1]!)) return word; // years stay years
      const value = Math.floor(random() * 10 ** Math.min(digits, 6)) + 1;
      return `${m[1]!.includes(',') ? value.toLocaleString('en-US') : value}${m[2]}`;
    }
    const core = word.replace(/['’](s)?$|[,.-]+$/g, '');
    if (isFirst || !/^\p{Lu}\p{Ll}{2,}$/u.test(core) || STOPWORDS.has(core.toLowerCase()) || CALENDAR.test(core)) return word;
    return renamed(core) + word.slice(core.length);
  });
}

function questionFrom(sentence: string): { question: string; search: string } | undefined {
  const words = sentence.match(/[\p{L}][\p{L}'-]+/gu) ?? [];
  const content = words.filter((w) => w.length > 3 && !STOPWORDS.has(w.toLowerCase()));
  if (content.length < 3) return undefined;
  const name = content.find((w, i) => i > 0 && /^\p{Lu}/u.test(w));
  const rest = content.filter((w) => w !== name).slice(0, 3).map((w) => w.toLowerCase());
  const question = name ? `What did ${name} say about the ${rest.join(' ')}?` : /\d/.test(sentence) ? `How many ${rest.join(' ')}?` : `Why ${rest.join(' ')}?`;
  return { question, search: content.slice(0, 2).join(' ').toLowerCase() };
}
