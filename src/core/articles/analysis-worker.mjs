// Entry of an analysis worker thread. Workers do not inherit the parent's TypeScript loader
// (`--import tsx` or tsx's register()), so each registers it before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
const { serveAnalysis } = await import('./analysis-worker.ts');
serveAnalysis();
