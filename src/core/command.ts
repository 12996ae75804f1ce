// A command is data plus a function that returns content. Platforms register it from the data
// (Slack manifest, Discord schema) and the dispatcher runs it; it never calls a platform API.
import type { Core } from './core.ts';
import type { Logger } from './log.ts';
import type { Reply } from './reply.ts';

export type OptionType = 'string' | 'integer' | 'boolean';

export interface OptionSpec {
  type: OptionType;
  description: string;
  required?: boolean;
  choices?: readonly string[];
  maxLength?: number;
  /** In free text (Slack, console), a bare word matching this is taken for this option. */
  pattern?: RegExp;
  /** In free text, takes every word no other option claimed. At most one per command. */
  rest?: boolean;
}

export type OptionsSchema = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'integer' ? number : S['type'] extends 'boolean' ? boolean : string;
export type OptionValues<O extends OptionsSchema> = {
  [K in keyof O as O[K]['required'] extends true ? K : never]: ValueOf<O[K]>;
} & {
  [K in keyof O as O[K]['required'] extends true ? never : K]?: ValueOf<O[K]>;
};

/** Who typed the command and where. `raw` keeps the platform event for adapter-specific needs. */
export interface CommandInvocation {
  command: string;
  /** Free text after the command (Slack, console) ... */
  text?: string;
  /** ... or typed options (Discord). */
  options?: Record<string, string | number | boolean>;
  user: { id: string; name?: string };
  channel: { id: string; name?: string };
  workspace?: { id: string; name?: string };
  platform: string;
  /** Set by adapters that know platform roles (Discord: Manage Server). */
  platformAdmin?: boolean;
  /** The subcommand a platform typed separately (Discord `/feed list`); dispatch puts it in the command's subcommand option. */
  subcommand?: string;
  raw?: unknown;
}

export interface CommandContext<O extends OptionsSchema> {
  options: OptionValues<O>;
  core: Core;
  invocation: CommandInvocation;
  log: Logger;
  /** Every registered command (for /help). */
  commands: readonly AnyCommand[];
  /** Where the platform can edit messages: shows a draft of the reply being written (paced; the returned Reply replaces it). */
  draft?: ((reply: Reply) => void) | undefined;
}

export interface CommandDefinition<O extends OptionsSchema = OptionsSchema> {
  name: string;
  description: string;
  options: O;
  /** Only admins may run it (BRIEFBOT_ADMINS, or platform admin rights). */
  adminOnly?: boolean;
  /** Always answers only the person who asked, so platforms acknowledge it privately too. */
  privateReply?: boolean;
  /** Usage example shown in help and in option errors. */
  usage?: string;
  /**
   * A command with verbs (`/feed subscribe|list|remove`): `option` names the string option holding
   * the verb (free text takes it as a word; Discord registers each verb as a subcommand with only
   * the options listed here, `required` ones marked so).
   */
  subcommands?: { option: keyof O & string; verbs: Record<string, { description: string; options: readonly (keyof O & string)[]; required?: readonly (keyof O & string)[] }> };
  run(ctx: CommandContext<O>): Promise<Reply> | Reply;
}

export function defineCommand<const O extends OptionsSchema>(def: CommandDefinition<O>): CommandDefinition<O> {
  const rests = Object.values(def.options).filter((o) => o.rest).length;
  if (rests > 1) throw new Error(`command ${def.name}: at most one rest option`);
  return def;
}

// The registry erases option types; dispatch validates values against the schema at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandDefinition<any>;
