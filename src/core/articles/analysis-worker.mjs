// Entry of an analysis worker thread. Workers do not inherit the parent's TypeScript loader
// (`--import tsx` or tsx's register()): in the compiled build (dist/, scripts/build.mjs) the
// worker's code is plain JavaScript beside this file; from the sources each worker loads the
// TypeScript through tsx's in-thread require (ESM syntax compiled to CommonJS): no module-hooks
// thread per worker, about 30 MB less than tsx's ESM loader for two workers.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const compiled = join(dirname(fileURLToPath(import.meta.url)), 'analysis-worker.js');
let serveAnalysis;
if (existsSync(compiled)) {
  ({ serveAnalysis } = await import(pathToFileURL(compiled).href));
} else {
  const { require: tsxRequire } = await import('tsx/cjs/api');
  ({ serveAnalysis } = tsxRequire('./analysis-worker.ts', import.meta.url));
}
serveAnalysis();
