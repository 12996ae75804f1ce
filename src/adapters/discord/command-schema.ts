// commands/ → Discord application command JSON (chat-input commands with typed options), the body
// of the bulk-overwrite registration. Discord's rules: lowercase names of 1-32 characters,
// descriptions of 1-100, required options before optional ones, at most 25 options and choices.
import type { AnyCommand, OptionSpec } from '../../core/command.ts';
import { MAX_INPUT_CHARS } from '../../core/options.ts';
import { truncate } from '../text-split.ts';

/** Discord's option types (discord-api-types ApplicationCommandOptionType). */
export const OPTION_TYPE = { string: 3, integer: 4, boolean: 5 } as const;
/** ApplicationCommandOptionType.Subcommand. */
export const SUBCOMMAND = 1;

export interface DiscordSubcommand {
  type: typeof SUBCOMMAND;
  name: string;
  description: string;
  options: DiscordCommandOption[];
}

export interface DiscordCommandOption {
  type: (typeof OPTION_TYPE)[keyof typeof OPTION_TYPE];
  name: string;
  description: string;
  required: boolean;
  choices?: { name: string; value: string }[];
  max_length?: number;
}

export interface DiscordCommand {
  /** 1 = CHAT_INPUT (a slash command). */
  type: 1;
  name: string;
  description: string;
  options: (DiscordCommandOption | DiscordSubcommand)[];
}

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const STRING_MAX = 6000; // Discord's ceiling for max_length

function checkName(name: string, what: string): string {
  const lower = name.toLowerCase();
  if (!NAME.test(lower)) throw new Error(`${what} "${name}" is not a valid Discord name (1-32 letters, digits, - or _)`);
  return lower;
}

function description(text: string): string {
  return truncate(text.replace(/\s+/g, ' ').trim() || 'No description', 100);
}

function option(name: string, spec: OptionSpec, command: string): DiscordCommandOption {
  const out: DiscordCommandOption = {
    type: OPTION_TYPE[spec.type],
    name: checkName(name, `option of /${command}`),
    description: description(spec.description),
    required: spec.required === true,
  };
  if (spec.type === 'string') {
    out.max_length = Math.min(spec.maxLength ?? MAX_INPUT_CHARS, STRING_MAX);
    if (spec.choices?.length) {
      if (spec.choices.length > 25) throw new Error(`/${command} ${name}: Discord allows at most 25 choices`);
      out.choices = spec.choices.map((c) => ({ name: truncate(c, 100), value: c }));
    }
  }
  return out;
}

/** `/feed subscribe|list|remove`: each verb a subcommand carrying only its own options. */
function subcommands(cmd: AnyCommand, name: string): DiscordSubcommand[] {
  const { verbs } = cmd.subcommands!;
  const specs = cmd.options as Record<string, OptionSpec>;
  return Object.entries(verbs).map(([verb, v]) => {
    const options = v.options.map((o) => ({ ...option(o, specs[o]!, name), required: v.required?.includes(o) === true }));
    options.sort((a, b) => Number(b.required) - Number(a.required));
    return { type: SUBCOMMAND, name: checkName(verb, `subcommand of /${name}`), description: description(v.description), options };
  });
}

export function commandSchema(cmd: AnyCommand): DiscordCommand {
  const name = checkName(cmd.name, 'command');
  if (cmd.subcommands) return { type: 1, name, description: description(cmd.description), options: subcommands(cmd, name) };
  const options = Object.entries(cmd.options as Record<string, OptionSpec>).map(([n, spec]) => option(n, spec, name));
  if (options.length > 25) throw new Error(`/${name}: Discord allows at most 25 options`);
  // Discord rejects a required option after an optional one; the stable sort keeps the authors' order otherwise.
  options.sort((a, b) => Number(b.required) - Number(a.required));
  return { type: 1, name, description: description(cmd.description), options };
}

export function commandSchemas(commands: readonly AnyCommand[]): DiscordCommand[] {
  const schemas = commands.map(commandSchema);
  const seen = new Set<string>();
  for (const s of schemas) {
    if (seen.has(s.name)) throw new Error(`two commands are named /${s.name}`);
    seen.add(s.name);
  }
  if (schemas.length > 100) throw new Error('Discord allows at most 100 chat-input commands');
  return schemas;
}
