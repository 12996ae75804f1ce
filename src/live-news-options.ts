// /add and feeds: the address policy and limits the configuration sets for the core.
import type { Config } from './config.ts';
import type { CoreOptions } from './core/create-core.ts';

export function liveNewsOptions(config: Config): Pick<CoreOptions, 'fetch' | 'feedIntervalMinutes'> {
  return {
    fetch: { allowPrivate: config.allowPrivateUrls, maxBytes: config.fetch.maxBytes, totalTimeoutMs: config.fetch.timeoutMs },
    feedIntervalMinutes: config.fetch.feedIntervalMinutes,
  };
}
