// Prompt templates from prompts/, loaded by name: Markdown with a `# System` and a `# User` part and
// {{placeholders}}. Rendering is strict (every placeholder filled, none unknown), so a template and
// its caller cannot drift apart silently.
import { readFileSync } from 'node:fs';
import { projectPath } from '../project-root.ts';
import { join } from 'node:path';
import type { ModelMessage } from './language-model.ts';

export const PROMPTS_DIR = `${projectPath('prompts')}/`;

export type PromptName = 'answer' | 'article-summary' | 'daily-briefing';

export interface PromptTemplate {
  name: string;
  system: string;
  user: string;
  placeholders: string[];
}

const PLACEHOLDER = /\{\{\s*([a-z][a-zA-Z0-9_]*)\s*\}\}/g;
const cache = new Map<string, PromptTemplate>();

export function parseTemplate(name: string, text: string): PromptTemplate {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const m = /^# System\s*$([\s\S]*?)^# User\s*$([\s\S]*)$/m.exec(body);
  if (!m) throw new Error(`prompt ${name}: needs a "# System" and a "# User" part`);
  const system = m[1]!.trim();
  const user = m[2]!.trim();
  const placeholders = [...new Set([...`${system}\n${user}`.matchAll(PLACEHOLDER)].map((x) => x[1]!))];
  return { name, system, user, placeholders };
}

export function loadPrompt(name: PromptName | string, dir = PROMPTS_DIR): PromptTemplate {
  const key = `${dir}\u0000${name}`;
  let t = cache.get(key);
  if (!t) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`prompt name "${name}" is not a plain name`);
    t = parseTemplate(name, readFileSync(join(dir, `${name}.md`), 'utf8'));
    cache.set(key, t);
  }
  return t;
}

/** Fills a template's placeholders; values are inserted as they are, in one pass (a value's own braces stay text). */
export function renderPrompt(t: PromptTemplate, values: Record<string, string>): ModelMessage[] {
  const missing = t.placeholders.filter((p) => values[p] === undefined);
  if (missing.length) throw new Error(`prompt ${t.name}: no value for ${missing.join(', ')}`);
  const unknown = Object.keys(values).filter((k) => !t.placeholders.includes(k));
  if (unknown.length) throw new Error(`prompt ${t.name}: it has no placeholder ${unknown.join(', ')}`);
  const fill = (s: string) => s.replace(PLACEHOLDER, (_, k: string) => values[k]!);
  return [
    { role: 'system', content: fill(t.system) },
    { role: 'user', content: fill(t.user) },
  ];
}

/** Article text as quoted data: one JSON string, so quotes, newlines and markup inside it cannot end the quote. */
export const quoted = (text: string): string => JSON.stringify(text.replace(/\s+/g, ' ').trim());
