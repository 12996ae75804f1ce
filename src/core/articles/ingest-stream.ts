// Many articles in one go (a directory, a 100,000-line JSONL): writes grouped into short
// transactions, with running counts for progress reports.
import type { ArticleStore } from '../store/article-store.ts';
import type { FileItem, FilePosition } from './files.ts';
import type { ArticleInput, IngestOutcome, IngestStatus } from './types.ts';

export type IngestCounts = Record<IngestStatus, number>;

export interface IngestProgress {
  counts: IngestCounts;
  /** Where the current file's reading stands, when it is streamed. */
  position?: FilePosition | undefined;
}

export interface StreamOptions {
  /** At most this many articles, and this long, per transaction: other writers wait for each commit. */
  batchArticles?: number;
  batchMs?: number;
}

/** Ingests every item in order; `onOutcome` hears each result with the counts so far. */
export async function ingestStream(
  target: { ingest(input: ArticleInput): Promise<IngestOutcome>; store: Pick<ArticleStore, 'batch' | 'tidyAfterImport'> },
  items: AsyncIterable<FileItem>,
  onOutcome: (outcome: IngestOutcome, progress: IngestProgress) => void,
  opts: StreamOptions = {},
): Promise<IngestCounts> {
  const batchArticles = opts.batchArticles ?? 500;
  const batchMs = opts.batchMs ?? 200;
  const counts: IngestCounts = { added: 0, updated: 0, duplicate: 0, rejected: 0 };
  const it = items[Symbol.asyncIterator]();
  let done = false;
  while (!done) {
    await target.store.batch(async () => {
      const started = performance.now();
      for (let n = 0; n < batchArticles && performance.now() - started < batchMs; n++) {
        const next = await it.next();
        if (next.done) {
          done = true;
          return;
        }
        const item = next.value;
        const outcome: IngestOutcome = 'rejected' in item ? { status: 'rejected', origin: item.origin, reason: item.rejected } : await target.ingest(item.input);
        counts[outcome.status]++;
        onOutcome(outcome, { counts, position: item.position });
      }
    });
  }
  if (counts.added + counts.updated) await target.store.tidyAfterImport?.(counts.added + counts.updated);
  return counts;
}
