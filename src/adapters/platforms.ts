// The chat platforms enabled by configuration. Each is independent: one failing to start does
// not stop the others.
import type { Config } from '../config.ts';
import type { Logger } from '../core/log.ts';
import type { ChatAdapter } from './chat-adapter.ts';

export function platformAdapters(_config: Config, _log: Logger): ChatAdapter[] {
  return [];
}
