// A worker thread of the analysis pool (analysis-pool.ts): prepares and analyses one article per
// message and posts the result back. Pure work: no store, no network, no clock but the one sent.
import { parentPort } from 'node:worker_threads';
import { UserFacingError } from '../errors.ts';
import { analyseNow, prepareArticle } from './prepare.ts';
import type { ArticleInput } from './types.ts';
import type { PreparedArticle } from './prepare.ts';

export interface AnalysisRequest {
  id: number;
  input: ArticleInput;
  /** The caller's clock (ms), for publish dates such as "yesterday". */
  now: number;
  budgetMs: number | undefined;
}

export type AnalysisReply = { id: number } & ({ prepared: PreparedArticle } | { rejected: string } | { failed: string });

/** One request's reply: bad input is a reason; anything else (a bug) is reported as a failure of this item alone. */
export function analyse(req: AnalysisRequest): AnalysisReply {
  try {
    const prepared = prepareArticle(req.input, new Date(req.now));
    prepared.analysis = analyseNow(prepared.body, req.budgetMs);
    return { id: req.id, prepared };
  } catch (err) {
    if (err instanceof UserFacingError) return { id: req.id, rejected: err.message };
    return { id: req.id, failed: err instanceof Error ? err.message : String(err) };
  }
}

/** Listens when loaded as a worker (analysis-worker.mjs); importing it elsewhere does nothing. */
export function serveAnalysis(handle: (req: AnalysisRequest) => AnalysisReply = analyse): void {
  parentPort?.on('message', (req: AnalysisRequest) => parentPort!.postMessage(handle(req)));
}
