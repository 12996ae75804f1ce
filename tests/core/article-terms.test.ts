// The ranking's per-article term work (answer/article-terms.ts, language/words.ts) is done once per
// article instead of once per sentence and term: it must give the numbers the per-sentence
// functions give, so answers stay the same.
import { describe, expect, it } from 'vitest';
import { articleTerms } from '../../src/core/answer/article-terms.ts';
import { countIn, creditIn, termPatterns, wordsOf } from '../../src/core/answer/features.ts';
import { analyseQuestion } from '../../src/core/answer/question.ts';
import { words } from '../../src/core/language/words.ts';

const base = {
  title: 'Troops deployed to Kursk border',
  body: 'Russia sent 12,000 troops to the border on Monday. The deployment surprised officials in Kyiv. “We did not expect it,” a spokesman said. Pyongyang’s forces were seen near Kursk.',
  sentences: [
    'Russia sent 12,000 troops to the border on Monday.',
    'The deployment surprised officials in Kyiv.',
    '“We did not expect it,” a spokesman said.',
    'Pyongyang’s forces were seen near Kursk.',
  ].map((text, index) => ({ id: index + 1, articleId: 'a', index, text })),
};
const article = base;

// The same article with words between its sentences (a byline), and with a sentence the body lacks.
const withByline = { ...article, body: `By Olga Ivanova, Kyiv: ${article.body.replace('Monday. The', 'Monday. (Updated 12:00) The')}` };
const apart = { ...article, sentences: [...article.sentences, { id: 9, articleId: 'a', index: 4, text: 'Officials deployed more troops later.' }] };

describe('articleTerms', () => {
  it('gives each sentence the credit creditIn() gives it, and the article the counts countIn() finds', () => {
    for (const [question, article] of [
      ['How many troops did North Korea deploy to the Kursk border?', base],
      ['Who was surprised by the deployment in Kyiv?', withByline],
      ['What did the spokesman say?', base],
      ['When were troops deployed by officials?', apart],
      ['Where did Olga Ivanova see forces near Kursk?', withByline],
    ] as const) {
      const patterns = analyseQuestion(question).terms.map(termPatterns);
      const terms = articleTerms(article, patterns);
      const sentenceWords = article.sentences.map((s) => wordsOf(s.text));
      expect(terms.credit).toEqual(sentenceWords.map((w) => patterns.map((p) => creditIn(w, p))));
      const whole = wordsOf(article.title);
      for (const s of sentenceWords) for (const w of s) whole.add(w);
      expect(terms.whole).toEqual(patterns.map((p) => creditIn(whole, p)));
      expect(terms.sentencesWith).toEqual(patterns.map((p) => sentenceWords.filter((w) => creditIn(w, p) > 0).length));
      const all = words(`${article.title} ${article.body}`);
      const counts = new Map<string, number>();
      for (const w of all) counts.set(w, (counts.get(w) ?? 0) + 1);
      expect(terms.counts).toEqual(patterns.map((p) => countIn(counts, p)));
      expect(terms.length).toBe(all.length);
      // Some term is found in some sentence and missed in another: the check is not vacuous.
      expect(terms.credit.flat()).toContain(1);
      expect(terms.credit.flat()).toContain(0);
    }
  });
});

describe('words', () => {
  it('splits at every character that is not a letter or digit, in any script (the dot İ lower-cases to is a mark)', () => {
    expect(words('Pyongyang’s 12,000 troops — “naïve” İstanbul café 東京 e-mail')).toEqual(['pyongyang', 's', '12', '000', 'troops', 'naïve', 'i', 'stanbul', 'café', '東京', 'e', 'mail']);
    expect(words('U.S. troops, 3.5%')).toEqual(['u', 's', 'troops', '3', '5']);
    expect(words('— …')).toEqual([]);
  });
});
