import { defineCommand } from '../src/core/command.ts';
import { UserFacingError } from '../src/core/errors.ts';
import { presentFeedList, presentFeedRemoved, presentFeedSubscribed } from '../src/core/present-feeds.ts';

const EVERY = /^\d+\s*(m|min|mins|minutes?|h|hours?)$/i;

/** "30m", "2h" → minutes. */
function minutes(every: string): number {
  const m = /^(\d+)\s*([a-z]+)$/i.exec(every.trim())!;
  return Number(m[1]) * (m[2]!.toLowerCase().startsWith('h') ? 60 : 1);
}

// The same words as Slack's own RSS app: /feed subscribe URL, /feed list, /feed remove ID.
export const feed = defineCommand({
  name: 'feed',
  description: 'Follow RSS and Atom feeds in this workspace: subscribe, list, remove',
  usage: '/feed subscribe URL [every:30m] | /feed list | /feed remove ID|URL',
  adminOnly: true,
  privateReply: true,
  options: {
    action: { type: 'string', description: 'subscribe, list or remove', required: true, choices: ['subscribe', 'list', 'remove'], pattern: /^(subscribe|list|remove)$/i, maxLength: 20 },
    feed: { type: 'string', description: 'The feed URL (or, to remove, its id)', rest: true, maxLength: 2000 },
    every: { type: 'string', description: 'How often to poll, e.g. 15m or 2h (default 15m)', pattern: EVERY, maxLength: 20 },
  },
  subcommands: {
    option: 'action',
    verbs: {
      subscribe: { description: 'Follow an RSS or Atom feed here', options: ['feed', 'every'], required: ['feed'] },
      list: { description: 'Feeds followed here: last success, last error, next poll, articles', options: [] },
      remove: { description: 'Stop following a feed (its articles stay)', options: ['feed'], required: ['feed'] },
    },
  },
  run: async ({ options, core, invocation }) => {
    switch (options.action) {
      case 'list':
        return presentFeedList(await core.feeds.list(), core.scope, core.timezone, core.now());
      case 'subscribe': {
        if (!options.feed) throw new UserFacingError('missing_option', 'Which feed? For example: /feed subscribe https://example.com/rss.xml');
        if (options.every && !EVERY.test(options.every)) throw new UserFacingError('bad_interval', 'every takes minutes or hours, like 15m or 2h.');
        const r = await core.feeds.subscribe(options.feed, `${invocation.platform}:${invocation.user.id}`, options.every ? minutes(options.every) : undefined);
        return presentFeedSubscribed(r.feed, r.poll, core.timezone);
      }
      default: {
        if (!options.feed) throw new UserFacingError('missing_option', 'Which feed? Give its id or URL (see /feed list).');
        return presentFeedRemoved(await core.feeds.remove(options.feed));
      }
    }
  },
});
