// Libraries that only some requests need, loaded on first use (their CommonJS builds, so callers
// stay synchronous): chrono-node and the feed parser were a third of the modules every start-up
// loaded, for dates and feeds that most runs never parse.
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node/en';
import type * as FeedExtractor from '@extractus/feed-extractor';

const require = createRequire(import.meta.url);

let chrono: typeof Chrono | undefined;
/** chrono-node, English only (as the answers are): a fifth of the load time of every locale. */
export function getChrono(): typeof Chrono {
  chrono ??= require('chrono-node/en') as typeof Chrono;
  return chrono;
}

let feedExtractor: typeof FeedExtractor | undefined;
export function getFeedExtractor(): typeof FeedExtractor {
  feedExtractor ??= require('@extractus/feed-extractor') as typeof FeedExtractor;
  return feedExtractor;
}
