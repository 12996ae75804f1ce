// `node --import ./tests/helpers/trace-imports.mjs ...`: every import of the `openai` package is
// appended to the file named by BRIEFBOT_TRACE_IMPORTS, so a test can see whether it was loaded.
import { register } from 'node:module';

register('./trace-imports-hooks.mjs', import.meta.url);
