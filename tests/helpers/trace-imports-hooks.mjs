// Module resolve hook (runs on Node's hooks thread) for trace-imports.mjs.
import { appendFileSync } from 'node:fs';
import process from 'node:process';

export async function resolve(specifier, context, next) {
  const file = process.env.BRIEFBOT_TRACE_IMPORTS;
  if (file && /^openai(?:\/|$)/.test(specifier)) appendFileSync(file, `${specifier}\n`);
  return next(specifier, context);
}
