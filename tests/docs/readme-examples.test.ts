// The README's examples are what the current code prints: when an output changes, this fails
// until `npm run docs:examples` regenerates them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regenerate } from '../../src/docs/readme-examples.ts';

describe('README examples', () => {
  it('match the current code (npm run docs:examples regenerates them)', { timeout: 300_000 }, () => {
    const readme = readFileSync('README.md', 'utf8');
    const current = regenerate(readme);
    // Compared line by line, so a failure shows the example that drifted.
    expect(current.split('\n')).toEqual(readme.split('\n'));
  });
});
