// Entry for `npm start`: the bot, from the compiled build, rebuilt first if a source changed.
import { launch } from './launch.js';

await launch('src/main.ts', { buildWhenStale: true });
