// Registers every command from commands/ with Discord (bulk overwrite: commands removed from
// commands/ disappear too), globally or for one guild. Guild commands appear at once; global
// ones can take a while to reach every client.
import { REST, Routes } from 'discord.js';
import type { AnyCommand } from '../../core/command.ts';
import { commandSchemas, type DiscordCommand } from './command-schema.ts';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register for this guild only (instant; handy while developing). */
  guildId?: string | undefined;
  apiUrl?: string | undefined;
  commands: readonly AnyCommand[];
}

export async function registerCommands(opts: RegisterOptions): Promise<{ route: string; registered: string[] }> {
  if (opts.guildId !== undefined && !/^\d{5,25}$/.test(opts.guildId)) throw new Error('--guild must be a numeric guild (server) id');
  const body: DiscordCommand[] = commandSchemas(opts.commands);
  const rest = new REST({ ...(opts.apiUrl ? { api: opts.apiUrl } : {}), retries: 1, timeout: 15_000 }).setToken(opts.token);
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const result = (await rest.put(route, { body })) as { name: string }[];
  return { route, registered: result.map((c) => c.name) };
}
