// Splitting text for platform limits: natural break points first, never a broken character or entity.
import { describe, expect, it } from 'vitest';
import { linkableUrl, packLines, splitText, truncate } from '../../src/adapters/text-split.ts';

describe('splitText', () => {
  it('breaks at line ends, then sentence ends, then spaces, keeping every word', () => {
    const text = 'First sentence here. Second sentence is a little longer. Third one.';
    const chunks = splitText(text, 40);
    expect(chunks).toEqual(['First sentence here.', 'Second sentence is a little longer.', 'Third one.']);
    expect(splitText('line one\nline two', 12)).toEqual(['line one', 'line two']);
  });

  it('cuts a word longer than the limit without splitting an emoji or an HTML entity', () => {
    const flags = '🇺🇦'.repeat(50); // surrogate pairs
    for (const c of splitText(flags, 7)) {
      expect(c.length).toBeLessThanOrEqual(7);
      expect(c).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    const escaped = 'x&amp;'.repeat(40);
    for (const c of splitText(escaped, 9)) {
      expect(c.length).toBeLessThanOrEqual(9);
      expect(c.replace(/&amp;/g, '')).not.toContain('&');
    }
    expect(splitText(escaped, 9).join('')).toBe(escaped);
  });

  it('packs lines into chunks, never splitting a line that fits', () => {
    expect(packLines(['aaaa', 'bbbb', 'cccc'], 9)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('truncates with an ellipsis, and only links http(s) URLs', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a rather long title indeed', 12)).toBe('a rather…');
    expect(truncate('x'.repeat(20), 10)).toHaveLength(10);
    expect(linkableUrl('https://example.com/a b', 100)).toBe('https://example.com/a%20b');
    expect(linkableUrl('ftp://example.com/', 100)).toBeUndefined();
    expect(linkableUrl(`https://example.com/${'a'.repeat(200)}`, 100)).toBeUndefined();
  });
});
