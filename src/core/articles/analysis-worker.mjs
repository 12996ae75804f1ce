// Entry of an analysis worker thread. Workers do not inherit the parent's TypeScript loader
// (`--import tsx` or tsx's register()): in the compiled build (dist/, scripts/build.mjs) the
// worker's code is plain JavaScript beside this file; from the sources each worker registers tsx
// before loading the TypeScript.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const compiled = join(dirname(fileURLToPath(import.meta.url)), 'analysis-worker.js');
let serveAnalysis;
if (existsSync(compiled)) {
  ({ serveAnalysis } = await import(pathToFileURL(compiled).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ serveAnalysis } = await import('./analysis-worker.ts'));
}
serveAnalysis();
