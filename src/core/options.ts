// Turns a command's free text (Slack, console) or typed options (Discord) into validated values.
import type { AnyCommand, OptionSpec } from './command.ts';
import { UserFacingError } from './errors.ts';

export const MAX_INPUT_CHARS = 1000;

type Values = Record<string, string | number | boolean>;

function usageHint(cmd: AnyCommand): string {
  return cmd.usage ? ` Usage: \`${cmd.usage}\`` : '';
}

/** Splits on spaces, keeping "quoted phrases" together; key:"quoted value" is one word. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /(?:[^\s"“”]+:)?(?:"[^"]*"|“[^”]*”)|[^\s]+/g;
  for (const m of text.matchAll(re)) words.push(m[0]);
  return words;
}

const unquote = (s: string) => s.replace(/^["“](.*)["”]$/s, '$1');

export function parseFreeText(cmd: AnyCommand, text: string): Values {
  const entries = Object.entries(cmd.options) as [string, OptionSpec][];
  const trimmed = text.trim();
  if (entries.length === 0) {
    if (trimmed) throw new UserFacingError('unexpected_input', `/${cmd.name} takes no options.${usageHint(cmd)}`);
    return {};
  }
  // One option: it takes the whole text, so questions may contain colons and quotes freely.
  if (entries.length === 1) {
    const [name] = entries[0]!;
    return trimmed ? { [name]: trimmed } : {};
  }
  const values: Values = {};
  const rest: string[] = [];
  for (const word of splitWords(trimmed)) {
    const kv = /^([a-z][a-z_-]*):(.+)$/i.exec(word);
    const known = kv && kv[1]!.toLowerCase() in cmd.options;
    // "time:08:00" names an option; "08:00" and "https://..." are plain words.
    if (kv && (known || (!/^\d/.test(kv[2]!) && !kv[2]!.startsWith('//')))) {
      const key = kv[1]!.toLowerCase();
      if (!known) {
        throw new UserFacingError('unknown_option', `Unknown option \`${key}\` for /${cmd.name}. Options: ${entries.map(([n]) => n).join(', ')}.${usageHint(cmd)}`);
      }
      values[key] = unquote(kv[2]!);
      continue;
    }
    const claimed = entries.find(([name, spec]) => spec.pattern && !(name in values) && spec.pattern.test(word));
    if (claimed) values[claimed[0]] = unquote(word);
    else rest.push(unquote(word));
  }
  if (rest.length) {
    const restOpt = entries.find(([, s]) => s.rest) ?? entries.find(([name, s]) => s.type === 'string' && !(name in values) && !s.pattern);
    if (!restOpt || restOpt[0] in values) {
      throw new UserFacingError('unexpected_input', `I didn't understand "${rest.join(' ')}".${usageHint(cmd)}`);
    }
    values[restOpt[0]] = rest.join(' ');
  }
  return values;
}

/** Checks types, required options, choices and lengths; returns values typed per the schema. */
export function validateOptions(cmd: AnyCommand, input: Values): Values {
  const out: Values = {};
  for (const key of Object.keys(input)) {
    if (!(key in cmd.options)) throw new UserFacingError('unknown_option', `Unknown option \`${key}\` for /${cmd.name}.${usageHint(cmd)}`);
  }
  for (const [name, spec] of Object.entries(cmd.options) as [string, OptionSpec][]) {
    const raw = input[name];
    if (raw === undefined || raw === '') {
      if (spec.required) throw new UserFacingError('missing_option', `/${cmd.name} needs ${name} (${spec.description.toLowerCase()}).${usageHint(cmd)}`);
      continue;
    }
    out[name] = coerce(cmd, name, spec, raw);
  }
  return out;
}

function coerce(cmd: AnyCommand, name: string, spec: OptionSpec, raw: string | number | boolean): string | number | boolean {
  switch (spec.type) {
    case 'string': {
      const s = String(raw).trim();
      if (s.length > (spec.maxLength ?? MAX_INPUT_CHARS)) {
        throw new UserFacingError('too_long', `${name} is too long (at most ${spec.maxLength ?? MAX_INPUT_CHARS} characters).`);
      }
      // Control characters other than whitespace mean binary or mangled input.
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s)) throw new UserFacingError('bad_input', `${name} contains control characters.`);
      if (spec.choices && !spec.choices.includes(s.toLowerCase())) {
        throw new UserFacingError('bad_choice', `${name} must be one of: ${spec.choices.join(', ')}.${usageHint(cmd)}`);
      }
      return spec.choices ? s.toLowerCase() : s;
    }
    case 'integer': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isInteger(n)) throw new UserFacingError('bad_number', `${name} must be a whole number.${usageHint(cmd)}`);
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(s)) return true;
      if (['false', 'no', 'off', '0'].includes(s)) return false;
      throw new UserFacingError('bad_boolean', `${name} must be yes or no.`);
    }
  }
}
