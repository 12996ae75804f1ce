// Deterministic generator of awkward replies for renderer property tests: long paragraphs, huge
// words, many bullets, facts and citations, markup characters, emoji, odd URLs. The long cases
// are only as long as it takes to pass the platforms' limits (the largest is Discord's 6,000
// characters a message): longer ones test nothing more and cost seconds of CPU per test.
import type { CitationRef, Reply, Section } from '../../src/core/reply.ts';
// The same seeded PRNG the bench's corpus uses, so every run checks the same replies.
import { rng } from '../../src/bench/corpus.ts';

const WORDS = ['troops', 'Kursk', 'sanctions', '398', 'firms', '12,000', 'A&B', '<tag>', 'x>y', '**bold**', 'snake_case', '~tilde~', '`code`', 'a|b', '[link](x)', '🇺🇦', 'naïve', '— dash', 'end.', 'why?', '#hash', '> quote', '- item', '@everyone'];

export function replyGenerator(seed: number) {
  const r = rng(seed);
  const int = (max: number) => Math.floor(r() * (max + 1));
  const pick = <T,>(xs: readonly T[]) => xs[int(xs.length - 1)]!;
  const text = (maxWords: number): string => {
    const n = int(maxWords);
    const out: string[] = [];
    let huge = false;
    for (let i = 0; i < n; i++) {
      const roll = r();
      if (roll < 0.01 && !huge && (huge = true)) out.push('W'.repeat(int(7000))); // a "word" longer than any block (one per text)
      else if (roll < 0.04) out.push('\n');
      else out.push(pick(WORDS));
    }
    return out.join(' ');
  };
  const url = (): string | undefined => {
    const roll = r();
    if (roll < 0.2) return undefined;
    if (roll < 0.25) return 'javascript:alert(1)';
    if (roll < 0.3) return `https://example.com/${'p'.repeat(int(3000))}`;
    if (roll < 0.35) return 'https://example.com/a_(b)|c>d';
    return `https://news.example.com/story/${int(100000)}?ref=x`;
  };
  const citation = (n: number): CitationRef => ({
    n,
    articleId: `a${n}`,
    title: text(r() < 0.1 ? 200 : 15) || 'T',
    source: r() < 0.7 ? text(4) : undefined,
    url: url(),
    published: r() < 0.8 ? '30 Oct 2024' : undefined,
  });
  const section = (): Section => {
    switch (int(5)) {
      case 0:
        return { kind: 'heading', text: text(r() < 0.1 ? 400 : 10) || 'H' };
      case 1:
        return { kind: 'paragraph', text: text(r() < 0.3 ? 1000 : 80) };
      case 2:
        return { kind: 'bullets', items: Array.from({ length: int(r() < 0.2 ? 150 : 8) }, () => text(r() < 0.1 ? 300 : 30)) };
      case 3:
        return { kind: 'quote', text: text(r() < 0.2 ? 800 : 40), cite: r() < 0.8 ? int(30) + 1 : undefined };
      case 4:
        return { kind: 'facts', facts: Array.from({ length: int(r() < 0.2 ? 70 : 6) }, () => ({ label: text(r() < 0.1 ? 150 : 3) || 'L', value: text(r() < 0.1 ? 250 : 6) || 'V' })) };
      default: {
        const count = int(r() < 0.2 ? 120 : 8);
        return { kind: 'citations', items: Array.from({ length: count }, (_, i) => citation(i + 1)) };
      }
    }
  };
  return (): Reply => ({
    title: r() < 0.9 ? text(r() < 0.1 ? 200 : 10) : undefined,
    sections: Array.from({ length: int(r() < 0.2 ? 120 : 10) }, section),
    footer: r() < 0.5 ? text(r() < 0.1 ? 400 : 20) : undefined,
    private: r() < 0.2,
  });
}
