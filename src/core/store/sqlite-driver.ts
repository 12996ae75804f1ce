// Which better-sqlite3 to load. Node 24.19+ compiles cleanup hooks into `node::ObjectWrap`, and
// better-sqlite3 12 (built on it) aborts the process — `Assertion failed: (env) != nullptr` in
// RemoveEnvironmentCleanupHook — whenever the garbage collector frees one of its statements
// (nodejs/node#65446): not only at exit, any time. better-sqlite3 13 is built on Node-API and does
// not have the bug, but it needs Node-API 10, which Node 20 never got (there it segfaults on open).
// So: 13 (installed as `better-sqlite3-napi`, prebuilt, nothing to compile) wherever the runtime
// has Node-API 10 (Node 22.14 and later), 12 (`better-sqlite3`, compiled at install) on Node 20.
// The API is the same. Everything opens SQLite through here; eslint forbids importing either.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/** Node-API 10 (Node 22.14+, 24): better-sqlite3 13; older runtimes: better-sqlite3 12. */
export const SQLITE_DRIVER = Number(process.versions.napi) >= 10 ? 'better-sqlite3-napi' : 'better-sqlite3';

function load(): typeof BetterSqlite3 {
  try {
    return require(SQLITE_DRIVER) as typeof BetterSqlite3;
  } catch (err) {
    // better-sqlite3 12 is an optional dependency (only Node 20 needs it, and it must compile):
    // say what to install rather than "Cannot find module".
    if (SQLITE_DRIVER === 'better-sqlite3' && (err as { code?: string }).code === 'MODULE_NOT_FOUND') {
      throw new Error(`On Node ${process.versions.node} better-sqlite3 12 must be compiled at install (python3, make and a C++ compiler), and it is missing: install those, then run npm rebuild better-sqlite3. Node 22.14+ and 24 need no compiler.`);
    }
    throw err;
  }
}

/** better-sqlite3's Database class (types: `import type Database from 'better-sqlite3'`). */
export const SqliteDatabase = load();
