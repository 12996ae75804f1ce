// `briefbot ingest DIR` reads only regular files inside DIR: links out of it, /dev/zero through a
// link, FIFOs and sockets are refused with a reason (and never opened), link loops end, and every
// real directory is read once.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticleFiles, type FileItem } from '../../src/core/articles/files.ts';

let base: string;
let dir: string;
let server: Server | undefined;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'briefbot-walk-'));
  dir = join(base, 'articles');
  mkdirSync(dir);
  writeFileSync(join(dir, 'kursk.txt'), 'North Korean troops reached the Kursk region, officials said on Wednesday.');
});
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  rmSync(base, { recursive: true, force: true });
});

async function walk(paths: string[]) {
  const items: FileItem[] = [];
  const skipped: { origin: string; reason: string }[] = [];
  for await (const item of readArticleFiles(paths, { onSkipped: (origin, reason) => skipped.push({ origin, reason }) })) items.push(item);
  const read = items.filter((i): i is { input: { text: string; origin?: string } } & FileItem => 'input' in i);
  const rejected = Object.fromEntries(items.filter((i) => 'rejected' in i).map((i) => [(i as { origin: string }).origin.replace(`${dir}/`, ''), (i as { rejected: string }).rejected]));
  return { read, rejected, skipped };
}

describe('ingest walk', () => {
  it('a link to a file outside the directory is refused and its text is never read', async () => {
    mkdirSync(join(base, 'private'));
    writeFileSync(join(base, 'private', 'secret.txt'), 'The launch code is 0000 and must never be quoted.');
    symlinkSync(join(base, 'private', 'secret.txt'), join(dir, 'notes.txt'));
    symlinkSync('../private', join(dir, 'more'));
    const { read, rejected } = await walk([dir]);
    expect(read.map((r) => r.input.origin)).toEqual([join(dir, 'kursk.txt')]);
    expect(read.some((r) => r.input.text.includes('launch code'))).toBe(false);
    expect(rejected['notes.txt']).toMatch(/link to a place outside .*articles: not read/);
    expect(rejected['more']).toMatch(/outside/);
  });

  it('a link to a file inside the directory is read', async () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'sanctions.md'), '# Sanctions\n\nThe U.S. sanctioned 398 firms on Wednesday.');
    symlinkSync(join('sub', 'sanctions.md'), join(dir, 'latest.md'));
    const { read, rejected } = await walk([dir]);
    expect(read.map((r) => r.input.origin).sort()).toEqual([join(dir, 'kursk.txt'), join(dir, 'latest.md'), join(dir, 'sub', 'sanctions.md')]);
    expect(rejected).toEqual({});
  });

  it('/dev/zero through a link is refused without reading a byte; named directly, it is not a regular file', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    const { read, rejected } = await walk([dir]);
    expect(read).toHaveLength(1);
    expect(rejected['zero.txt']).toMatch(/outside/);
    const direct = await walk(['/dev/zero']);
    expect(direct.rejected['/dev/zero']).toBe('not a regular file (a character device): not read');
  });

  it('a FIFO, inside the directory or named directly, is refused and never blocks the walk', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const { read, rejected } = await walk([dir, join(dir, 'pipe.txt')]);
    expect(read).toHaveLength(1);
    expect(rejected['pipe.txt']).toBe('not a regular file (a FIFO): not read');
    expect(Object.keys(rejected)).toHaveLength(1);
  });

  it('a socket is refused with its kind', async () => {
    server = createServer();
    await new Promise<void>((r) => server!.listen(join(dir, 'live.txt'), r));
    const { rejected } = await walk([dir]);
    expect(rejected['live.txt']).toBe('not a regular file (a socket): not read');
  });

  it('link loops and self-links end: every real directory is read once', async () => {
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'troops.txt'), 'About 12,000 troops were sent to Russia, South Korea said.');
    symlinkSync('.', join(dir, 'self'));
    symlinkSync('.', join(dir, 'self2'));
    symlinkSync('..', join(dir, 'a', 'up'));
    symlinkSync(dir, join(dir, 'a', 'root'));
    const { read, skipped } = await walk([dir]);
    expect(read.map((r) => r.input.origin).sort()).toEqual([join(dir, 'a', 'troops.txt'), join(dir, 'kursk.txt')]);
    expect(skipped.filter((s) => /already read/.test(s.reason)).map((s) => s.origin.replace(`${dir}/`, '')).sort()).toEqual(['a/root', 'a/up', 'self', 'self2']);
  });

  it('files of unsupported types inside a directory are reported as skipped, not read', async () => {
    writeFileSync(join(dir, 'photo.png'), 'not really a png');
    writeFileSync(join(dir, 'Makefile'), 'all:');
    const { read, skipped } = await walk([dir]);
    expect(read).toHaveLength(1);
    expect(skipped).toEqual([
      { origin: join(dir, 'Makefile'), reason: 'unsupported file type "(none)"' },
      { origin: join(dir, 'photo.png'), reason: 'unsupported file type ".png"' },
    ]);
  });
});
