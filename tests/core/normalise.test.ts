import { describe, expect, it } from 'vitest';
import { canonicalUrl, cleanUrl, contentHash, deriveTitle, normaliseText, parsePublished, stripDateline } from '../../src/core/articles/normalise.ts';
import { lshBands, wordShingleJaccard } from '../../src/core/articles/near-duplicates.ts';
import { words } from '../../src/core/language/words.ts';

describe('normalisation', () => {
  it('canonical URLs ignore scheme, www, tracking, fragments, order and trailing slashes', () => {
    const a = canonicalUrl('http://www.Example.com/news/story/?utm_source=tw&b=2&a=1#comments');
    const b = canonicalUrl('https://example.com/news/story?a=1&b=2&fbclid=xyz');
    expect(a).toBe('https://example.com/news/story?a=1&b=2');
    expect(b).toBe(a);
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });

  it('shown URLs keep their form but lose tracking', () => {
    expect(cleanUrl('http://www.example.com/a?utm_medium=x&id=3#top')).toBe('http://www.example.com/a?id=3');
  });

  it('content hashes ignore spacing, case and punctuation but not words', () => {
    expect(contentHash('The  cat sat.\n\nOn the mat!')).toBe(contentHash('the cat sat on the mat'));
    expect(contentHash('the cat sat on the mat')).not.toBe(contentHash('the dog sat on the mat'));
  });

  it('normalises text: no control characters, single spaces, paragraphs kept', () => {
    expect(normaliseText('A\u0000b  c\r\n\r\n\r\n\r\nD\u00a0e')).toBe('Ab c\n\nD e');
  });

  it('parses dates: ISO, plain dates and free text against a reference', () => {
    const ref = new Date('2024-11-10T00:00:00Z');
    expect(parsePublished('2024-10-30', ref)).toBe('2024-10-30T00:00:00.000Z');
    expect(parsePublished('2024-10-30T14:00:00+02:00', ref)).toBe('2024-10-30T12:00:00.000Z');
    expect(parsePublished('Oct. 30, 2024', ref)?.slice(0, 10)).toBe('2024-10-30');
    expect(parsePublished('gibberish', ref)).toBeNull();
  });

  it('derives a short title from the first line', () => {
    expect(deriveTitle('Storm hits coast. Many flee.\nMore text')).toBe('Storm hits coast');
  });

  it('does not end a derived title at initials or an abbreviation', () => {
    expect(deriveTitle('Blues legend B.B. King hospitalized for dehydration. He is 89.')).toBe('Blues legend B.B. King hospitalized for dehydration');
    expect(deriveTitle('John F. Kennedy Jr. visited Dr. Smith in St. Louis. Later he left.')).toBe('John F. Kennedy Jr. visited Dr. Smith in St. Louis');
    expect(deriveTitle('Growth slows in the U.S.\nMore text')).toBe('Growth slows in the U.S.');
  });

  it('strips a wire dateline or source tag from the start of a text', () => {
    expect(stripDateline('(CNN)Blues legend B.B. King was hospitalized.')).toBe('Blues legend B.B. King was hospitalized.');
    expect(stripDateline('(CNN) -- The president said no.')).toBe('The president said no.');
    expect(stripDateline('LONDON (Reuters) - Britain said no.')).toBe('Britain said no.');
    expect(stripDateline('New Delhi, India (CNN)As the earth shook...')).toBe('As the earth shook...');
    expect(stripDateline('PARIS, Nov 27 (AP) — France said no.')).toBe('France said no.');
    expect(stripDateline('(The Hollywood Reporter)Stan Freberg died.')).toBe('Stan Freberg died.');
    // Parentheses that are part of what is said stay.
    for (const kept of ['Joker (2019) - review', 'Joker (IMAX) - review', 'Apple (AAPL) shares fell', 'President Obama (D) said no.', '(Left to right) John and Paul.', '(CNN)']) {
      expect(stripDateline(kept)).toBe(kept);
    }
  });

  it('near-duplicates are close in SimHash and Jaccard; different texts are not', () => {
    const base = 'The central bank left its benchmark interest rate unchanged on Thursday, citing slowing inflation and a cooling labour market, and said it would watch wages closely over the coming months before deciding on cuts.';
    const edited = base.replace('Thursday', 'Wednesday');
    const other = 'A wildfire in the county forced thousands of residents to flee their homes as strong winds pushed the flames toward the coast overnight, officials said on Friday.';
    const shared = (a: number[], b: number[]) => a.filter((v, i) => b[i] === v).length;
    expect(shared(lshBands(base), lshBands(edited))).toBeGreaterThan(0);
    expect(shared(lshBands(base), lshBands(other))).toBe(0);
    expect(wordShingleJaccard(words(base), words(edited))).toBeGreaterThan(0.7);
    expect(wordShingleJaccard(words(base), words(other))).toBeLessThan(0.1);
  });
});
