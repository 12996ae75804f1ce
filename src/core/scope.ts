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

/**
 * Who follows a scope's feeds, for replies: "This workspace" on Slack, "This server" on Discord,
 * "This conversation" in a DM; the shared scope (the console and the command line) is "The shared
 * list", whose articles every workspace sees.
 */
export function scopeFollower(scope: string): string {
  if (scope === SHARED_SCOPE) return 'The shared list';
  if (/^[a-z]+:dm:/.test(scope)) return 'This conversation';
  return scope.startsWith('discord:') ? 'This server' : 'This workspace';
}

/** Where a scope's articles are seen: "in this workspace only", or "in every workspace" (shared). */
export function scopeReach(scope: string): string {
  return scope === SHARED_SCOPE ? 'in every workspace' : `in ${scopeFollower(scope).toLowerCase()} only`;
}
