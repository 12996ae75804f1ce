// Whose articles and feeds a command sees. Articles and feeds added from a Slack workspace or a
// Discord server belong to it; the starter corpus and what the operator adds from the terminal or
// the command line are shared by everyone (SHARED_SCOPE).
import type { CommandInvocation } from './command.ts';
import { SHARED_SCOPE } from './store/article-store.ts';

export { SHARED_SCOPE };

/** "slack:T123", "discord:456" (a server), "discord:dm:789" (a DM channel); the console is the operator. */
export function scopeOf(where: { platform: string; workspaceId?: string | undefined; channelId: string }): string {
  if (where.platform === 'console' || where.platform === 'cli') return SHARED_SCOPE;
  return where.workspaceId ? `${where.platform}:${where.workspaceId}` : `${where.platform}:dm:${where.channelId}`;
}

export function invocationScope(inv: CommandInvocation): string {
  return scopeOf({ platform: inv.platform, workspaceId: inv.workspace?.id, channelId: inv.channel.id });
}
