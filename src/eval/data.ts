// The evaluation data nobody on the team wrote: SQuAD 2.0 dev and CNN/DailyMail (FRANK), with
// their dev/test splits. SQuAD has no split marker, so its split is by article title (see splitOfTitle).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Split = 'dev' | 'test';

export const SQUAD_FILE = 'squad-dev-v2.0.json';
export const CNNDM_FILE = 'cnndm-frank.jsonl';

export interface SquadQuestion {
  id: string;
  question: string;
  /** Gold answer texts; empty when the question is unanswerable. */
  answers: string[];
  title: string;
  /** Index of its paragraph in `SquadData.paragraphs`. */
  paragraph: number;
}

export interface SquadParagraph {
  title: string;
  context: string;
}

export interface SquadData {
  paragraphs: SquadParagraph[];
  questions: SquadQuestion[];
}

export interface SummaryItem {
  id: string;
  article: string;
  reference: string;
}

/** The project root: two levels above this file (src/eval). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `../shared/eval` beside the project (a fresh clone with shared/ next to it), then the same
 * folder one level further up (a git worktree nested beside the checkout). No machine's absolute
 * path: elsewhere, pass --data DIR.
 */
export function defaultDataDir(root = PROJECT_ROOT): string {
  const candidates = [resolve(root, '../shared/eval'), resolve(root, '../../shared/eval')];
  return candidates.find((d) => existsSync(join(d, SQUAD_FILE)) || existsSync(join(d, CNNDM_FILE))) ?? candidates[0]!;
}

/** SQuAD articles go to dev or test by the first 32 bits of SHA-256 of their title: even → dev, odd → test. */
export function splitOfTitle(title: string): Split {
  const n = parseInt(createHash('sha256').update(title).digest('hex').slice(0, 8), 16);
  return n % 2 === 0 ? 'dev' : 'test';
}

interface RawSquad {
  data: { title: string; paragraphs: { context: string; qas: { id: string; question: string; answers: { text: string }[]; is_impossible?: boolean }[] }[] }[];
}

export function loadSquad(dir: string, split: Split): SquadData {
  const raw = JSON.parse(readFileSync(join(dir, SQUAD_FILE), 'utf8')) as RawSquad;
  const paragraphs: SquadParagraph[] = [];
  const questions: SquadQuestion[] = [];
  for (const article of raw.data) {
    if (splitOfTitle(article.title) !== split) continue;
    const title = article.title.replace(/_/g, ' ');
    for (const p of article.paragraphs) {
      const index = paragraphs.push({ title, context: p.context }) - 1;
      for (const qa of p.qas) {
        const answers = qa.is_impossible ? [] : [...new Set(qa.answers.map((a) => a.text))];
        questions.push({ id: qa.id, question: qa.question, answers, title, paragraph: index });
      }
    }
  }
  return { paragraphs, questions };
}

export function loadSummaries(dir: string, split: Split): SummaryItem[] {
  return readFileSync(join(dir, CNNDM_FILE), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SummaryItem & { split: string })
    .filter((r) => r.split === split)
    .map((r) => ({ id: r.id, article: r.article, reference: r.reference }));
}

/** A deterministic sample of n items spread over the list (every k-th), for cheap runs. */
export function spread<T>(items: readonly T[], n: number | undefined): T[] {
  if (n === undefined || n >= items.length) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}
