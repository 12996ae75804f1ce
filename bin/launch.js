// Runs an entry point of src/ (main.ts, cli.ts) from the compiled build in dist/ when that is up
// to date with the sources (plain Node, no loader: about half the start-up CPU), else through
// tsx's loader as before. `npm start` rebuilds a stale build first (about a second, once);
// `npx briefbot` does not (several may start at once), it runs the sources through tsx instead.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import process from 'node:process';
import { ROOT, build, isFresh } from '../scripts/build.mjs';

export async function launch(entry, { buildWhenStale = false } = {}) {
  let fresh = isFresh();
  if (!fresh && buildWhenStale) {
    try {
      await build();
      fresh = true;
    } catch (err) {
      process.stderr.write(`briefbot: could not build dist/ (${err instanceof Error ? err.message : String(err)}); running the sources through tsx\n`);
    }
  }
  if (fresh) return import(pathToFileURL(join(ROOT, 'dist', entry.replace(/\.ts$/, '.js'))).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(ROOT, entry)).href);
}
