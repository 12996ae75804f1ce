// The FeedStore of a store that has none yet (PostgreSQL until it implements the port): nothing is
// ever due, and /feed says plainly that feeds are not available, instead of pretending to follow one.
import { UserFacingError } from '../errors.ts';
import type { FeedStore } from './types.ts';

export function unavailableFeedStore(storeName: string): FeedStore {
  const refuse = async (): Promise<never> => {
    throw new UserFacingError('feeds_unavailable', `Feeds are not available with the ${storeName} store yet; /add still works.`);
  };
  return {
    addFeed: refuse,
    findFeed: refuse,
    listFeeds: refuse,
    removeFeed: refuse,
    claimDueFeeds: async () => [],
    recordPoll: refuse,
    releaseFeed: async () => undefined,
    itemSeen: refuse,
    recordItem: refuse,
  };
}
