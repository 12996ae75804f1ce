// Reading articles from files: .txt, .md (optional front matter), .html, .json and .jsonl, and
// directories recursively. Each file yields inputs or a rejection; nothing is stored here.
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { UserFacingError } from '../errors.ts';
import { htmlToArticle } from './html.ts';
import { MAX_ARTICLE_CHARS } from './prepare.ts';
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

export interface ReadOptions {
  /** A file inside a walked directory left out on purpose (an unsupported type, a directory seen before). */
  onSkipped?: (origin: string, reason: string) => void;
}

/**
 * Every article input under the given paths; directories are walked, hidden files skipped.
 * Only regular files are read. Inside a directory, a link is followed only when it resolves to a
 * place inside that directory, and every real directory is read once (link loops, self-links);
 * FIFOs, sockets and devices are never opened. Each of those is reported with its reason.
 */
export async function* readArticleFiles(paths: readonly string[], opts: ReadOptions = {}): AsyncGenerator<FileItem> {
  for (const p of paths) yield* readRoot(p, opts);
}

async function* readRoot(path: string, opts: ReadOptions): AsyncGenerator<FileItem> {
  let info;
  try {
    info = await stat(path);
  } catch {
    yield { rejected: 'no such file or directory', origin: path };
    return;
  }
  if (info.isDirectory()) {
    const root = await realpath(path);
    yield* walkDirectory(path, root, new Set(), opts);
  } else if (info.isFile()) {
    // Named on the command line: read even with an unusual extension (parseFileText says why not).
    yield* readRegularFile(path, await realpath(path), true);
  } else {
    yield { rejected: `not a regular file (${kindOf(info)}): not read`, origin: path };
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isDirectory()) return 'a directory';
  return 'not a file';
}

const inside = (root: string, target: string) => target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);

async function* walkDirectory(dir: string, root: string, seen: Set<string>, opts: ReadOptions): AsyncGenerator<FileItem> {
  const info = await stat(dir);
  const id = `${info.dev}:${info.ino}`;
  if (seen.has(id)) {
    opts.onSkipped?.(dir, 'directory already read (a link back into the tree)');
    return;
  }
  seen.add(id);
  let entries;
  try {
    entries = (await readdir(dir)).filter((e) => !e.startsWith('.')).sort();
  } catch (e) {
    yield { rejected: `cannot read directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`, origin: dir };
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    let target: string;
    let entry: Stats;
    try {
      const own = await lstat(path);
      target = own.isSymbolicLink() ? await realpath(path) : path;
      entry = own.isSymbolicLink() ? await stat(target) : own;
    } catch {
      yield { rejected: 'broken link or vanished file: not read', origin: path };
      continue;
    }
    // A link is followed only to a place inside the directory given (its real path); an entry that
    // is not a link lives in a directory already inside it.
    if (target !== path && !inside(root, target)) {
      yield { rejected: `link to a place outside ${root}: not read`, origin: path };
      continue;
    }
    if (entry.isDirectory()) yield* walkDirectory(path, root, seen, opts);
    else if (!entry.isFile()) yield { rejected: `not a regular file (${kindOf(entry)}): not read`, origin: path };
    else if (!SUPPORTED_EXTENSIONS.includes(extname(path).toLowerCase())) opts.onSkipped?.(path, `unsupported file type "${extname(path) || '(none)'}"`);
    else yield* readRegularFile(path, target, false);
  }
}

async function* readRegularFile(origin: string, target: string, explicit: boolean): AsyncGenerator<FileItem> {
  let buf: Buffer;
  let handle;
  try {
    // O_NONBLOCK: a file swapped for a FIFO after the check never blocks the open; fstat on the
    // opened handle is what decides, so nothing but a regular file is ever read.
    handle = await open(target, constants.O_RDONLY | constants.O_NONBLOCK | (explicit ? 0 : constants.O_NOFOLLOW));
    const info = await handle.stat();
    if (!info.isFile()) {
      yield { rejected: `not a regular file (${kindOf(info)}): not read`, origin };
      return;
    }
    if (/\.(jsonl|ndjson)$/i.test(origin)) {
      // JSON Lines stream line by line, with no limit on the file's size.
      yield* readJsonLines(handle.createReadStream({ autoClose: false, start: 0 }), origin, info.size, jsonLine);
      return;
    }
    const limit = /\.json$/i.test(origin) ? MAX_FILE_BYTES : Math.min(MAX_FILE_BYTES, MAX_ARTICLE_CHARS * 4);
    if (info.size > limit) {
      yield { rejected: `file too large (${info.size} bytes; the limit is ${limit} bytes)`, origin };
      return;
    }
    // Read until the end or past the limit, whatever the size said: a file that grows is still capped.
    const chunks: Buffer[] = [];
    let got = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, Math.max(1 << 12, info.size - got + 1)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (!bytesRead) break;
      chunks.push(chunk.subarray(0, bytesRead));
      got += bytesRead;
      if (got > limit) {
        yield { rejected: `file too large (more than ${limit} bytes, the limit)`, origin };
        return;
      }
    }
    buf = Buffer.concat(chunks);
  } catch (e) {
    yield { rejected: `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, origin };
    return;
  } finally {
    await handle?.close();
  }
  if (isBinary(buf)) {
    yield { rejected: 'binary file, not text', origin };
    return;
  }
  yield* parseFileText(origin, buf.toString('utf8'));
}
