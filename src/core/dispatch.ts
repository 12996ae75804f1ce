// One path for every platform: find the command, acknowledge, validate, check rights, run, reply.
import type { AnyCommand, CommandInvocation } from './command.ts';
import type { Core } from './core.ts';
import { isUserFacing, UserFacingError } from './errors.ts';
import type { Logger } from './log.ts';
import type { CommandOutcome } from './metrics.ts';
import { parseFreeText, validateOptions, MAX_INPUT_CHARS } from './options.ts';
import { paragraph, privately, type Reply } from './reply.ts';
import { throttledDrafts, type DraftStream } from './drafts.ts';
import { systemClock, type Clock } from './schedule/clock.ts';
import { invocationScope } from './scope.ts';

/** Draft pace when a platform does not say its own. */
const DEFAULT_DRAFT_INTERVAL_MS = 1_000;

/** How a command's answer goes back to where it was typed. Adapters implement it per event. */
export interface Responder {
  /** Tells the platform the command was received (Slack ack, Discord deferReply). Idempotent. */
  acknowledge(opts?: { private?: boolean }): Promise<void>;
  reply(reply: Reply): Promise<void>;
  replyPrivately(reply: Reply): Promise<void>;
  /**
   * Optional (platforms that can edit a message): shows a draft of the coming public reply, in
   * place of the previous draft; reply() then replaces the last draft with the final message.
   */
  draft?(reply: Reply): Promise<void>;
  /** With draft(): the least time between two drafts, the platform's edit rate. */
  readonly draftIntervalMs?: number;
}

export interface DispatchDeps {
  commands: ReadonlyMap<string, AnyCommand>;
  core: Core;
  log: Logger;
  /** User ids allowed to run admin commands, in any platform (BRIEFBOT_ADMINS). */
  admins: ReadonlySet<string>;
  /** Paces drafts of streamed replies (default: the system clock). */
  clock?: Clock;
}

export function commandMap(list: readonly AnyCommand[]): Map<string, AnyCommand> {
  return new Map(list.map((c) => [c.name, c]));
}

export const errorReply = (message: string): Reply => privately({ sections: [paragraph(message)] });

export const APOLOGY = 'Sorry, something went wrong while handling that. The details are in the bot log.';

export function isAdmin(inv: CommandInvocation, admins: ReadonlySet<string>): boolean {
  return inv.platformAdmin === true || admins.has(inv.user.id) || admins.has(`${inv.platform}:${inv.user.id}`);
}

export async function dispatch(inv: CommandInvocation, responder: Responder, deps: DispatchDeps): Promise<void> {
  const started = Date.now();
  const name = inv.command.replace(/^\//, '').toLowerCase();
  const log = deps.log.child({ command: name, platform: inv.platform, channel: inv.channel.id, user: inv.user.id });
  const cmd = deps.commands.get(name);
  // Only registered names become label values: typed-in names would grow the series without bound.
  const count = (outcome: CommandOutcome) => deps.core.metrics.commandFinished(cmd ? cmd.name : 'unknown', outcome, (Date.now() - started) / 1000);
  let drafts: DraftStream | undefined;
  try {
    if (!cmd) {
      await responder.acknowledge({ private: true });
      throw new UserFacingError('unknown_command', `I don't know /${name}. Try /help to see what I can do.`);
    }
    // The cheap checks come first, so a refusal is acknowledged privately (on Discord an ephemeral
    // "thinking…" instead of a public one); then acknowledge before any work, so slow commands never
    // miss the platform's deadline.
    let options: ReturnType<typeof validateOptions>;
    try {
      if (cmd.adminOnly && !isAdmin(inv, deps.admins)) {
        throw new UserFacingError('not_admin', `/${cmd.name} is for admins of this bot. Ask one of them, or an operator to add you to BRIEFBOT_ADMINS.`);
      }
      if ((inv.text?.length ?? 0) > MAX_INPUT_CHARS * 2) throw new UserFacingError('too_long', `That is too long for /${cmd.name}.`);
      const given = inv.options ?? parseFreeText(cmd, inv.text ?? '');
      options = validateOptions(cmd, inv.subcommand && cmd.subcommands ? { ...given, [cmd.subcommands.option]: inv.subcommand } : given);
    } catch (err) {
      await responder.acknowledge({ private: true });
      throw err;
    }
    await responder.acknowledge({ private: cmd.privateReply === true });
    // The command sees this workspace's articles and feeds (and the shared ones), no other's.
    const core = deps.core.forScope(invocationScope(inv));
    // Public answers may stream in as drafts where the platform can edit its message.
    if (responder.draft && cmd.privateReply !== true) {
      const show = responder.draft.bind(responder);
      drafts = throttledDrafts(show, responder.draftIntervalMs ?? DEFAULT_DRAFT_INTERVAL_MS, deps.clock ?? systemClock, log);
    }
    const result = await cmd.run({ options, core, invocation: inv, log, commands: [...deps.commands.values()], draft: drafts?.push });
    const drafted = await drafts?.close();
    // A private answer cannot replace a public draft: the draft is replaced by a pointer to it.
    if (drafted && result.private) await responder.reply({ sections: [paragraph('(The answer was sent to you privately.)')] });
    await (result.private ? responder.replyPrivately(result) : responder.reply(result));
    log.info('command answered', { ms: Date.now() - started });
    count('ok');
  } catch (err) {
    // A draft of unchecked text must not stay up: the error reply replaces it in public.
    if (await drafts?.close()) {
      log.error('command failed after a draft was shown', { err });
      count(isUserFacing(err) ? 'refused' : 'failed');
      await safeReply(responder, errorReply(isUserFacing(err) ? err.message : APOLOGY), log, true);
      return;
    }
    if (isUserFacing(err)) {
      log.info('command refused', { code: err.code });
      count('refused');
      await safeReply(responder, errorReply(err.message), log);
    } else {
      log.error('command failed', { err });
      count('failed');
      await safeReply(responder, errorReply(APOLOGY), log);
    }
  }
}

async function safeReply(responder: Responder, r: Reply, log: Logger, inPlaceOfDraft = false): Promise<void> {
  try {
    await (inPlaceOfDraft ? responder.reply({ ...r, private: false }) : responder.replyPrivately(r));
  } catch (err) {
    log.error('could not deliver error reply', { err });
  }
}
