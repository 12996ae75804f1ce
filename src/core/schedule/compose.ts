// The content of a scheduled briefing: the core's briefing for the channel's topic since its last
// briefing, or one line when nothing is new (never the fallback "most recent stories" again).
import type { Core } from '../core.ts';
import { presentBriefing } from '../present.ts';
import { paragraph } from '../reply.ts';
import { scopeOf } from '../scope.ts';
import { lateNote, presentNothingNew } from './present-schedule.ts';
import type { Compose } from './scheduler.ts';
import { formatLocal } from './zoned-time.ts';

export function briefingComposer(core: Pick<Core, 'brief' | 'forScope'>): Compose {
  return async (sub, req) => {
    // A channel is briefed from its own workspace's articles and the shared ones.
    const briefing = await core.forScope(scopeOf({ platform: sub.platform, workspaceId: sub.workspaceId ?? undefined, channelId: sub.channelId })).brief({
      topic: sub.topic ?? undefined,
      since: req.since,
      audience: `${sub.platform}:${sub.channelId}`,
      record: true,
    });
    const late = req.late ? lateNote(req.dueAt, sub.timeZone) : undefined;
    if (briefing.fallback || !briefing.stories.length) {
      const reply = presentNothingNew({ topic: sub.topic, since: req.since, sinceLastBriefing: req.sinceLastBriefing, timeZone: sub.timeZone });
      if (late) reply.sections.push(paragraph(late));
      return { reply, nothingNew: true };
    }
    const reply = presentBriefing(briefing, sub.timeZone);
    const date = formatLocal(req.dueAt, sub.timeZone).replace(/,? \d{2}:\d{2}.*$/, '');
    reply.title = `Daily briefing${sub.topic ? ` on “${sub.topic}”` : ''} · ${date}`;
    if (late) reply.footer = [late, reply.footer].filter(Boolean).join(' ');
    return { reply, nothingNew: false };
  };
}
