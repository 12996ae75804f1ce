// Posting a reply that the platform's limits split into several messages, part by part: parts the
// caller already has are skipped, each accepted part is reported before the next goes out, and a
// caller whose attempt timed out stops further parts (it will ask the platform what arrived).
import { PostError, type MessagePart, type MessageRef, type PostOptions } from './chat-adapter.ts';

/** How many pages of a channel's history a search for a delivery reads at most (Slack 200, Discord 100 a page). */
export const MAX_HISTORY_PAGES = 20;

/** Whether every part of a delivery has been found. */
export function complete(parts: readonly MessagePart[]): boolean {
  const of = parts[0]?.of;
  return !!of && parts.filter((p) => p.part <= of).length >= of;
}

export async function postParts<M>(
  platform: string,
  channel: string,
  messages: readonly M[],
  opts: PostOptions,
  send: (message: M, index: number) => Promise<string>,
): Promise<MessageRef> {
  let first: string | undefined;
  for (const [i, m] of messages.entries()) {
    const part = i + 1;
    if (opts.skipParts?.has(part)) continue;
    if (opts.signal?.aborted) throw new PostError(`stopped before part ${part} of ${messages.length}: the attempt timed out`, 'transient');
    const id = await send(m, i);
    first ??= id;
    await opts.onPart?.({ part, of: messages.length, id });
  }
  return { platform, channel, id: first ?? '' };
}
