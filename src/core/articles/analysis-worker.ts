// A worker thread of the analysis pool (analysis-pool.ts): prepares and analyses one article per
// message and posts the result back. Pure work: no store, no network, no clock but the one sent.
import { parentPort } from 'node:worker_threads';
import { UserFacingError } from '../errors.ts';
import { renewWink } from '../language/nlp.ts';
import { analyseNow, prepareArticle, type Analysis } from './prepare.ts';
import type { ArticleInput } from './types.ts';
import type { PreparedArticle } from './prepare.ts';

/**
 * Either a raw input to prepare and analyse, or the body of an article the pool's thread already
 * prepared (it does when the workers have a backlog: the thread would otherwise wait), to analyse.
 */
export type AnalysisRequest = { id: number; budgetMs: number | undefined } & (
  | {
      input: ArticleInput;
      /** The caller's clock (ms), for publish dates such as "yesterday". */
      now: number;
    }
  | { body: string }
);

export type AnalysisReply = { id: number } & ({ prepared: PreparedArticle } | { analysis: Analysis } | { rejected: string } | { failed: string });

/**
 * Articles a worker analyses before its wink instance is renewed: wink adds every new word it reads
 * to its vocabulary (about 3 MB per 1,000 articles of the 100k bench corpus), and a fresh instance
 * costs about 0.1 s where a new worker costs 0.45-0.65 s. Measured again after the metaCER fix
 * (loadModel in nlp.ts): one thread preparing and analysing the whole 100k bench corpus with a
 * renewal every 5,000 holds 47.1-47.4 MiB after a full collection at every 5,000 (before the fix:
 * 57, 67, 87, 126, 205, 363 MiB from 75,000 on), so the pool no longer replaces its workers. A
 * long-running bot's own thread still does not renew (not measured there).
 */
const RENEW_WINK_AFTER = 5_000;
let analysedSinceRenewal = 0;

/** One request's reply: bad input is a reason; anything else (a bug) is reported as a failure of this item alone. */
export function analyse(req: AnalysisRequest): AnalysisReply {
  if (++analysedSinceRenewal > RENEW_WINK_AFTER) {
    renewWink();
    analysedSinceRenewal = 1;
  }
  try {
    // Only the analysis goes back for a prepared body: the body itself need not cross threads twice.
    if ('body' in req) return { id: req.id, analysis: analyseNow(req.body, req.budgetMs) };
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
