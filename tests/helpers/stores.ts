// The two stores behind one port, for contract tests: each kind opens a fresh database (a temp
// SQLite file, or a PostgreSQL schema of its own) and can open it again, as a second bot process
// with its own connection would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe } from 'vitest';
import type { ArticleRecord } from '../../src/core/store/article-store.ts';
import { openStores, type Stores } from '../../src/core/store/open-stores.ts';
import { createTestSchema, pgSkipReason } from './postgres.ts';

export interface TestDatabase {
  stores: Stores;
  /** Another connection to the same database (a second process's view). */
  connect(): Promise<Stores>;
  /** Where a bot process finds this database: { dbPath } or { databaseUrl }. */
  location: { dbPath: string; databaseUrl?: string };
  cleanup(): Promise<void>;
}

export interface StoreKind {
  name: 'SQLite' | 'PostgreSQL';
  /** Why this kind cannot run here (vitest reports the suite as skipped with it). */
  skip: string | undefined;
  open(): Promise<TestDatabase>;
}

async function track(location: { dbPath: string; databaseUrl?: string }, teardown: () => Promise<void> | void): Promise<TestDatabase> {
  const opened: Stores[] = [];
  const connect = async () => {
    const s = await openStores(location);
    opened.push(s);
    return s;
  };
  const stores = await connect();
  return {
    stores,
    connect,
    location,
    cleanup: async () => {
      for (const s of opened) await s.articles.close().catch(() => {});
      await teardown();
    },
  };
}

export const sqliteKind: StoreKind = {
  name: 'SQLite',
  skip: undefined,
  open: () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-store-'));
    return track({ dbPath: join(dir, 'bot.db') }, () => rmSync(dir, { recursive: true, force: true }));
  },
};

export const postgresKind: StoreKind = {
  name: 'PostgreSQL',
  skip: pgSkipReason,
  open: async () => {
    const schema = await createTestSchema();
    return track({ dbPath: '', databaseUrl: schema.url }, () => schema.drop());
  },
};

export const STORE_KINDS: StoreKind[] = [sqliteKind, postgresKind];

/**
 * The contract scaffolding: one describe per store kind (skipped, saying why, where a kind cannot
 * run), each test on a fresh database of that kind. `db` is a live view of the current test's
 * database, so a suite reads `db.stores` and calls `db.connect()` in its hooks and tests.
 */
export function describeStoreContract(port: string, body: (db: TestDatabase, kind: StoreKind) => void): void {
  for (const kind of STORE_KINDS) {
    describe.skipIf(!!kind.skip)(`${port} contract: ${kind.name}${kind.skip ? ` (${kind.skip})` : ''}`, () => {
      let current: TestDatabase | undefined;
      const now = (): TestDatabase => {
        if (!current) throw new Error('the test database is open only inside a test');
        return current;
      };
      const db: TestDatabase = {
        get stores() {
          return now().stores;
        },
        get location() {
          return now().location;
        },
        connect: () => now().connect(),
        cleanup: () => now().cleanup(),
      };
      beforeEach(async () => {
        current = await kind.open();
      });
      afterEach(async () => {
        await current?.cleanup();
        current = undefined;
      });
      body(db, kind);
    });
  }
}

/** An analysed article as a store receives it, with plain defaults; a test overrides what it is about. */
export function articleRecord(id: string, sentences: string[], over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id,
    title: `Title of ${id}`,
    source: 'Wire',
    url: `https://news.example/${id}`,
    canonicalUrl: `https://news.example/${id}`,
    externalId: null,
    published: null,
    contentHash: `hash-${id}`,
    bands: [],
    body: sentences.join(' '),
    sentences: sentences.map((text) => ({ text, entities: [], facts: [] })),
    ...over,
  };
}
