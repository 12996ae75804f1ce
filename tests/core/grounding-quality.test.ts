// The grounding check on real news text (CNN/DailyMail dev split, ../shared/eval): a reply that
// repeats its cited sentence passes; the same reply with one number changed, or a name the
// sources never mention put in, fails. Skipped where the evaluation data is not installed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/core/language/sentences.ts';
import { checkGrounding } from '../../src/core/models/grounding.ts';
import { CNNDM_FILE, defaultDataDir } from '../../src/eval/data.ts';

const file = join(defaultDataDir(), CNNDM_FILE);
const NAMES = ['Angela Merkel', 'Tokyo', 'Microsoft', 'Pope Francis', 'Nigeria'];

describe.skipIf(!existsSync(file))('grounding on CNN/DailyMail dev articles', () => {
  it('passes faithful replies and catches a changed number or a foreign name', () => {
    const rows = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { split: string; article: string })
      .filter((r) => r.split === 'dev')
      .slice(0, 8);
    const tally = { faithful: 0, passed: 0, numbers: 0, numbersCaught: 0, names: 0, namesCaught: 0 };
    for (const [k, r] of rows.entries()) {
      const sentences = splitSentences(r.article).slice(0, 10);
      const given = sentences.map((text, i) => ({ n: i + 1, text }));
      for (const [i, s] of sentences.slice(0, 5).entries()) {
        tally.faithful++;
        if (checkGrounding(`${s} [${i + 1}]`, given).kind === 'grounded') tally.passed++;
        const n = /\b\d[\d,]*\b/.exec(s);
        if (n) {
          tally.numbers++;
          const changed = s.replace(n[0], String(Number(n[0].replace(/,/g, '')) + 7));
          if (checkGrounding(`${changed} [${i + 1}]`, given).kind === 'failed') tally.numbersCaught++;
        }
        const words = s.split(' ');
        if (words.length > 6) {
          tally.names++;
          const named = [...words.slice(0, 3), 'and', NAMES[(k + i) % NAMES.length], ...words.slice(3)].join(' ');
          if (checkGrounding(`${named} [${i + 1}]`, given).kind === 'failed') tally.namesCaught++;
        }
      }
    }
    expect(tally.faithful).toBeGreaterThan(30);
    expect(tally.passed / tally.faithful).toBeGreaterThanOrEqual(0.98);
    expect(tally.numbersCaught / tally.numbers).toBeGreaterThanOrEqual(0.97);
    expect(tally.namesCaught).toBe(tally.names);
  });
});
