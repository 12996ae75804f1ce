// Every command, listed explicitly. Platforms register exactly these.
import type { AnyCommand } from '../src/core/command.ts';
import { add } from './add.ts';
import { ask } from './ask.ts';
import { brief } from './brief.ts';
import { feed } from './feed.ts';
import { help } from './help.ts';
import { remove } from './remove.ts';
import { search } from './search.ts';
import { sources } from './sources.ts';
import { subscribe } from './subscribe.ts';
import { summary } from './summary.ts';
import { unsubscribe } from './unsubscribe.ts';

export const commands: readonly AnyCommand[] = [brief, ask, summary, search, sources, add, feed, remove, subscribe, unsubscribe, help];
