// The compiled build (scripts/build.mjs) that `npm start` and `npx briefbot` run when it is up to
// date: the same answers as the sources through tsx, and stale as soon as a source changes.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, isFresh } from '../../scripts/build.mjs';
import { runNode } from '../helpers/spawn.ts';

const root = process.cwd();
mkdirSync(join(root, 'scratch'), { recursive: true });
// Inside the project, so the compiled files find node_modules and the project's root as dist/ does.
const out = mkdtempSync(join(root, 'scratch', 'build-test-'));
const dir = mkdtempSync(join(tmpdir(), 'briefbot-build-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('compiled build', () => {
  it('answers as the sources do: the CLI and the console (npm start) from plain JavaScript', async () => {
    await build(root, join(out, 'dist'));
    const question = 'How many companies did the Treasury sanction?';
    const [compiled, sources] = await Promise.all([
      runNode([join(out, 'dist/src/cli.js'), 'ask', '--json', question], { env: { BRIEFBOT_DB: join(dir, 'compiled.db') } }),
      runNode(['--import', 'tsx', 'src/cli.ts', 'ask', '--json', question], { env: { BRIEFBOT_DB: join(dir, 'sources.db') } }),
    ]);
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    expect(JSON.parse(compiled.stdout).answer).toMatch(/274/);
    expect(compiled.stdout).toBe(sources.stdout);
    const bot = await runNode([join(out, 'dist/src/main.js')], { input: '/ask How many firms were sanctioned?\n', env: { BRIEFBOT_DB: join(dir, 'console.db'), LOG_LEVEL: 'warn' } });
    expect(bot.code).toBe(0);
    expect(bot.stdout).toMatch(/398 firms/);
    // A build and four processes: beyond the default 30 s when other work shares the two cores.
  }, 120_000);

  it('is stale once a source file is edited, added or removed, and fresh again after a build', async () => {
    const fake = mkdtempSync(join(out, 'project-'));
    mkdirSync(join(fake, 'src'));
    mkdirSync(join(fake, 'commands'));
    writeFileSync(join(fake, 'src/a.ts'), 'export const a: number = 1;\n');
    writeFileSync(join(fake, 'commands/b.ts'), "import { a } from '../src/a.ts';\nexport const b = a + 1;\n");
    expect(isFresh(fake)).toBe(false);
    await build(fake);
    expect(isFresh(fake)).toBe(true);
    const { b } = (await import(join(fake, 'dist/commands/b.js'))) as { b: number };
    expect(b).toBe(2);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(fake, 'src/a.ts'), later, later);
    expect(isFresh(fake)).toBe(false);
    await build(fake);
    expect(isFresh(fake)).toBe(true);
    writeFileSync(join(fake, 'src/c.ts'), 'export {};\n');
    utimesSync(join(fake, 'src/c.ts'), new Date(0), new Date(0));
    expect(isFresh(fake)).toBe(false);
    await build(fake);
    rmSync(join(fake, 'src/c.ts'));
    expect(isFresh(fake)).toBe(false);
  });
});
