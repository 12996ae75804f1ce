// Reading articles from files: .txt, .md (optional front matter), .html, .json and .jsonl, and
// directories recursively. Each file yields inputs or a rejection; nothing is stored here.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { UserFacingError } from '../errors.ts';
import { htmlToArticle } from './html.ts';
import { MAX_ARTICLE_CHARS } from './ingest.ts';
import { readJsonLines } from './jsonl.ts';
import type { ArticleInput } from './types.ts';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.json', '.jsonl', '.ndjson'];
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** How far through its file an item was read (streamed JSON Lines), for progress reports. */
export interface FilePosition {
  bytes: number;
  totalBytes: number;
}

export type FileItem = ({ input: ArticleInput } | { rejected: string; origin: string }) & { position?: FilePosition };

/** Front matter: `---` lines of `key: value` at the top of a Markdown file. */
export function parseFrontMatter(text: string): { meta: Record<string, string>; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { meta: {}, body: text };
  const meta: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (kv) meta[kv[1]!.toLowerCase()] = kv[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return { meta, body: text.slice(m[0].length) };
}

function isBinary(buf: Buffer): boolean {
  const sample = buf.subarray(0, 8192);
  if (sample.includes(0)) return true;
  const text = sample.toString('utf8');
  const bad = (text.match(/\uFFFD/g)?.length ?? 0) + (text.match(/[\u0001-\u0008\u000E-\u001F]/g)?.length ?? 0);
  return bad > sample.length * 0.02;
}

/** An object from JSON input → an article input; the text may be in body, text or article. */
export function objectToInput(o: unknown, origin: string): ArticleInput {
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new UserFacingError('bad_json', 'not a JSON object');
  const r = o as Record<string, unknown>;
  const text = [r.body, r.text, r.article, r.content].find((v) => typeof v === 'string');
  if (typeof text !== 'string') throw new UserFacingError('bad_json', 'no text: expected a "body", "text" or "article" string');
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  return {
    text,
    title: str(r.title),
    url: str(r.url) ?? str(r.link),
    source: str(r.source),
    published: str(r.published) ?? str(r.date) ?? str(r.published_at) ?? str(r.publishedAt),
    externalId: str(r.id),
    origin,
  };
}

export function parseFileText(path: string, text: string): FileItem[] {
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case '.txt':
      return [{ input: { text, origin: path } }];
    case '.md':
    case '.markdown': {
      const { meta, body } = parseFrontMatter(text);
      return [{ input: { text: body, title: meta.title, url: meta.url, source: meta.source, published: meta.published ?? meta.date, externalId: meta.id, origin: path } }];
    }
    case '.html':
    case '.htm':
      try {
        return [{ input: htmlToArticle(text, path) }];
      } catch (e) {
        if (e instanceof UserFacingError) return [{ rejected: e.message, origin: path }];
        // Whatever the parser trips over, it is this file's problem, not the whole run's.
        return [{ rejected: `not readable as HTML (${(e as Error).message})`, origin: path }];
      }
    case '.json': {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        return [{ rejected: `invalid JSON (${(e as Error).message})`, origin: path }];
      }
      const list = Array.isArray(data) ? data : [data];
      return list.map((o, i) => toItem(o, list.length > 1 ? `${path}[${i}]` : path));
    }
    case '.jsonl':
    case '.ndjson':
      return text
        .split(/\r?\n/)
        .map((line, i) => ({ line: line.trim(), origin: `${path}:${i + 1}` }))
        .filter((l) => l.line)
        .map(({ line, origin }) => jsonLine(line, origin));
    default:
      return [{ rejected: `unsupported file type "${ext || '(none)'}" (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`, origin: path }];
  }
}

function jsonLine(line: string, origin: string): FileItem {
  try {
    return toItem(JSON.parse(line), origin);
  } catch (e) {
    return { rejected: `invalid JSON (${(e as Error).message})`, origin };
  }
}

function toItem(o: unknown, origin: string): FileItem {
  try {
    return { input: objectToInput(o, origin) };
  } catch (e) {
    return { rejected: (e as Error).message, origin };
  }
}

/** Every article input under the given paths; directories are walked, hidden files skipped. */
export async function* readArticleFiles(paths: readonly string[]): AsyncGenerator<FileItem> {
  for (const p of paths) yield* readPath(p, true);
}

async function* readPath(path: string, explicit: boolean): AsyncGenerator<FileItem> {
  let info;
  try {
    info = await stat(path);
  } catch {
    yield { rejected: 'no such file or directory', origin: path };
    return;
  }
  if (info.isDirectory()) {
    const entries = (await readdir(path)).filter((e) => !e.startsWith('.')).sort();
    for (const e of entries) yield* readPath(join(path, e), false);
    return;
  }
  if (!explicit && !SUPPORTED_EXTENSIONS.includes(extname(path).toLowerCase())) return;
  // JSON Lines stream line by line, with no limit on the file's size.
  if (/\.(jsonl|ndjson)$/i.test(path)) {
    yield* readJsonLines(path, info.size, jsonLine);
    return;
  }
  const limit = /\.json$/i.test(path) ? MAX_FILE_BYTES : Math.min(MAX_FILE_BYTES, MAX_ARTICLE_CHARS * 4);
  if (info.size > limit) {
    yield { rejected: `file too large (${info.size} bytes; the limit is ${limit} bytes)`, origin: path };
    return;
  }
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    yield { rejected: `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, origin: path };
    return;
  }
  if (isBinary(buf)) {
    yield { rejected: 'binary file, not text', origin: path };
    return;
  }
  yield* parseFileText(path, buf.toString('utf8'));
}
