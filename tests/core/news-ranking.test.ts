// The sentence ranking on real news (CNN/DailyMail dev split, ../shared/eval): it reads the span the
// answer would read, so a "what's the name of ..." question's sentence is not preferred for a span
// that is no name. Skipped where the evaluation data is not installed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CNNDM_FILE, defaultDataDir } from '../../src/eval/data.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';

const file = join(defaultDataDir(), CNNDM_FILE);

describe.skipIf(!existsSync(file))('ranking news sentences by the answer they hold', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeTestCore({ seed: false });
    const rows = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; split: string; article: string })
      .filter((r) => r.split === 'dev');
    for (const r of rows) await t.core.ingest({ text: r.article, externalId: r.id, origin: r.id });
  }, 60_000);
  afterAll(async () => t.cleanup());

  it('"what was the name of the census bureau guard who died?" is declined: no source names him', async () => {
    const a = await t.core.ask('what was the name of the census bureau guard who died?');
    expect(a.abstained).toBe(true);
    expect(a.closest.length).toBeGreaterThan(0);
  });
});
