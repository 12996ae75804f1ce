// The fit scripts store what they fitted in src/core/answer/weights.ts, each between its own
// `// <tag>` and `// </tag>` markers, so a refit rewrites only its block.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './data.ts';

/** Replaces the block `// <tag> … // </tag>` of weights.ts with `export const NAME = value as const;`. */
export function writeFittedBlock(tag: string, name: string, value: unknown): void {
  const path = join(PROJECT_ROOT, 'src/core/answer/weights.ts');
  const block = new RegExp(`// <${tag}>[\\s\\S]*// </${tag}>`);
  const text = readFileSync(path, 'utf8').replace(block, `// <${tag}>\nexport const ${name} = ${JSON.stringify(value, null, 2)} as const;\n// </${tag}>`);
  writeFileSync(path, text);
  process.stderr.write(`wrote ${path}\n`);
}
