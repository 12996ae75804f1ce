// A JSON Lines file read as a stream, one article per line: a 100,000-article import needs
// neither the whole file in memory nor splitting by hand, and a bad line rejects only itself.
import type { Readable } from 'node:stream';
import type { FileItem } from './files.ts';
import { MAX_ARTICLE_CHARS } from './prepare.ts';

/** A line longer than this cannot hold an article within MAX_ARTICLE_CHARS, even JSON-escaped. */
export const MAX_LINE_BYTES = MAX_ARTICLE_CHARS * 8;
const NEWLINE = 0x0a;

export async function* readJsonLines(stream: Readable, path: string, totalBytes: number, parseLine: (line: string, origin: string) => FileItem): AsyncGenerator<FileItem> {
  let lineNo = 0;
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      if (chunk.subarray(0, 8192).includes(0)) {
        stream.destroy();
        yield { rejected: 'binary file, not text', origin: path };
        return;
      }
    }
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      // Splitting at the newline byte never cuts a UTF-8 character: no multi-byte sequence contains 0x0A.
      const piece = chunk.subarray(start, nl);
      bytes += nl + 1 - start;
      start = nl + 1;
      lineNo++;
      const origin = `${path}:${lineNo}`;
      if (overlong || pendingBytes + piece.length > MAX_LINE_BYTES) {
        yield { rejected: `line too long (over ${MAX_LINE_BYTES} bytes)`, origin, position: { bytes, totalBytes } };
      } else {
        const text = (pending.length ? Buffer.concat([...pending, piece]) : piece).toString('utf8').trim();
        if (text) yield { ...parseLine(text, origin), position: { bytes, totalBytes } };
      }
      pending = [];
      pendingBytes = 0;
      overlong = false;
    }
    const rest = chunk.subarray(start);
    bytes += rest.length;
    if (overlong || pendingBytes + rest.length > MAX_LINE_BYTES) {
      // Keep nothing of a line already too long: memory stays bounded whatever the file holds.
      overlong = true;
      pending = [];
      pendingBytes = 0;
    } else if (rest.length) {
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
  }
  lineNo++;
  const origin = `${path}:${lineNo}`;
  if (overlong) yield { rejected: `line too long (over ${MAX_LINE_BYTES} bytes)`, origin, position: { bytes, totalBytes } };
  else if (pendingBytes) {
    const text = Buffer.concat(pending).toString('utf8').trim();
    if (text) yield { ...parseLine(text, origin), position: { bytes, totalBytes } };
  }
}
