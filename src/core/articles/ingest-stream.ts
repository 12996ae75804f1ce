// Many articles in one go (a directory, a 100,000-line JSONL): writes grouped into short
// transactions, with running counts for progress reports. With an analysis pool the articles
// ahead of the one being stored are prepared and analysed in worker threads meanwhile; dedupe and
// writes stay in input order here, and at most `readAhead` items are read ahead (memory bound).
import { TIDIED_FROM, type ArticleStore } from '../store/article-store.ts';
import type { FileItem, FilePosition } from './files.ts';
import type { PrepareResult } from './ingest.ts';
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
  /** Prepares articles ahead, off this thread (analysis-pool.ts); without one each is analysed here when stored. */
  pool?: { prepare(input: ArticleInput): Promise<PrepareResult> } | undefined;
  /** Items read ahead of the one being stored, with a pool (default 768). */
  readAhead?: number;
  /**
   * Called once every item is stored, before the final index merge (seconds at 100,000 articles):
   * the CLI stops its analysis workers there, so their heaps are not held through the merge.
   */
  whenStored?: () => Promise<void>;
}

export interface StreamTarget {
  ingest(input: ArticleInput): Promise<IngestOutcome>;
  ingestPrepared(result: PrepareResult): Promise<IngestOutcome>;
  store: Pick<ArticleStore, 'batch' | 'tidyAfterImport' | 'deferUpkeep' | 'resumeUpkeep'>;
}

interface Ahead {
  item: FileItem;
  prepared?: Promise<PrepareResult> | undefined;
}

/** Ingests every item in order; `onOutcome` hears each result with the counts so far. */
export async function ingestStream(target: StreamTarget, items: AsyncIterable<FileItem>, onOutcome: (outcome: IngestOutcome, progress: IngestProgress) => void, opts: StreamOptions = {}): Promise<IngestCounts> {
  const batchArticles = opts.batchArticles ?? 500;
  const batchMs = opts.batchMs ?? 200;
  const pool = opts.pool;
  // 768 with a pool: room for a worker's queue (analysis-pool.ts perWorker, 256) and for this
  // thread to prepare ahead when it has a backlog; a few MB at most (peak RSS of a 20,000-article
  // import 314 -> 320 MiB with 256 -> 768, one run each side by side).
  const readAhead = pool ? Math.max(1, opts.readAhead ?? 768) : 1;
  const counts: IngestCounts = { added: 0, updated: 0, duplicate: 0, rejected: 0 };
  const it = items[Symbol.asyncIterator]();
  const ahead: Ahead[] = [];
  let exhausted = false;
  // Once the import is sure to be tidied at its end, the store's upkeep waits for that.
  let deferred = false;
  // Keeps the workers fed: reads until `readAhead` items wait, each sent for preparing as it is read.
  const fill = async () => {
    while (!exhausted && ahead.length < readAhead) {
      const next = await it.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const item = next.value;
      const prepared = pool && 'input' in item ? pool.prepare(item.input) : undefined;
      // Awaited in turn below; until then a pool failure must not count as unhandled.
      prepared?.catch(() => undefined);
      ahead.push({ item, prepared });
    }
  };
  try {
    for (;;) {
      await fill();
      if (!ahead.length) break;
      await target.store.batch(async () => {
        if (!deferred && counts.added + counts.updated >= TIDIED_FROM && target.store.deferUpkeep) {
          deferred = true;
          await target.store.deferUpkeep();
        }
        const started = performance.now();
        for (let n = 0; n < batchArticles && performance.now() - started < batchMs; n++) {
          await fill();
          const next = ahead.shift();
          if (!next) return;
          const { item, prepared } = next;
          const outcome: IngestOutcome =
            'rejected' in item ? { status: 'rejected', origin: item.origin, reason: item.rejected } : prepared ? await target.ingestPrepared(await prepared) : await target.ingest(item.input);
          counts[outcome.status]++;
          onOutcome(outcome, { counts, position: item.position });
        }
      });
    }
  } finally {
    // Stopped early (an error): the file is closed, whatever is read ahead is dropped.
    if (!exhausted) await it.return?.();
    if (deferred) await target.store.resumeUpkeep?.();
  }
  await opts.whenStored?.();
  if (counts.added + counts.updated) await target.store.tidyAfterImport?.(counts.added + counts.updated);
  return counts;
}
