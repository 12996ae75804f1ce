// The compiled build in dist/: plain JavaScript for `npm start` and `npx briefbot`, so they start
// without tsx's loader (about half of start-up's CPU time). One output file per source file, at
// the same place under dist/ (dist/src/…, dist/commands/…), imports kept as imports so lazy
// `import()`s stay lazy. Made by `npm ci` / `npm install` (the prepare script) and again by
// `npm start` whenever a source file is newer than the build (bin/launch.js).
//
//   node scripts/build.mjs              build dist/
//   node scripts/build.mjs --if-stale   only when the sources changed since the last build
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'commands'];
/** Run only through tsx (npm run eval / bench / docs:examples): not built. */
const NOT_BUILT = new Set(['src/bench', 'src/eval', 'src/docs']);
const STAMP = '.source-stamp';

/** Every source file the build compiles or copies, relative to the root. */
function sourceFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (!NOT_BUILT.has(rel)) walk(rel);
      } else out.push(rel);
    }
  };
  for (const dir of SOURCES) walk(dir);
  return out.sort();
}

/** The sources' names and modification times: any edit, new or removed file changes it. */
function sourceStamp(root) {
  const files = sourceFiles(root);
  let newest = 0;
  for (const f of files) newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  return `${files.length} ${newest} ${files.join(' ').length}`;
}

/** Whether dist/ was built from the sources as they are now. */
export function isFresh(root = ROOT) {
  try {
    return readFileSync(join(root, 'dist', STAMP), 'utf8') === sourceStamp(root);
  } catch {
    return false;
  }
}

/**
 * Compiles every .ts file to dist/ and copies the other files (a worker thread's .mjs entry, the
 * starter articles) to the same places, so code that finds a file beside itself finds it. Built in a folder of its own and swapped in, so a process starting meanwhile never sees
 * half a build.
 */
export async function build(root = ROOT, outDir = join(root, 'dist')) {
  const stamp = sourceStamp(root); // before compiling: an edit during the build leaves it stale
  const { build: esbuild } = await import('esbuild');
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await esbuild({
    entryPoints: sourceFiles(root).filter((f) => f.endsWith('.ts')).map((f) => join(root, f)),
    outdir: tmp,
    outbase: root,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // esbuild rewrites a literal with \p{…} into `new RegExp(…)` for any engine target (it cannot
    // know the engine's Unicode tables), and one inside a function then builds a new RegExp object
    // each time it runs: over 200,000 a minute of questions at 100,000 articles. Node 20 and later
    // read them, so they stay literals, each made once.
    supported: { 'regexp-unicode-property-escapes': true },
    logLevel: 'warning',
    // "bundle" only so that the plugin sees every import; each one stays external, a relative
    // `./x.ts` becoming `./x.js`, so each output file is its source file, compiled.
    bundle: true,
    plugins: [
      {
        name: 'one-file-per-source',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'entry-point' ? undefined : { path: a.path.startsWith('.') ? a.path.replace(/\.ts$/, '.js') : a.path, external: true }));
        },
      },
    ],
  });
  for (const f of sourceFiles(root).filter((f) => !f.endsWith('.ts'))) {
    mkdirSync(dirname(join(tmp, f)), { recursive: true });
    copyFileSync(join(root, f), join(tmp, f));
  }
  writeFileSync(join(tmp, STAMP), stamp);
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(tmp, outDir);
  rmSync(old, { recursive: true, force: true });
  return relative(root, outDir);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv.includes('--if-stale') && isFresh()) process.exit(0);
  const t0 = performance.now();
  const out = await build();
  if (!process.argv.includes('--quiet')) process.stderr.write(`built ${out}/ in ${Math.round(performance.now() - t0)} ms\n`);
}
