// The project's root folder (where package.json is), found from this file's own place, so it is
// the same whether the code runs from src/ (through tsx) or from the compiled build in dist/src/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();

/** A path inside the project, from its root. */
export const projectPath = (...parts: string[]): string => join(PROJECT_ROOT, ...parts);
