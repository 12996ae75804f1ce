// Core results → neutral Replies. Shared by every platform's commands and the CLI's text output.
import type { ArticleMeta } from './articles/types.ts';
import type { AddedFromUrl } from './core.ts';
import { bullets, citations, heading, paragraph, privately, quote, type CitationRef, type Reply, type Section } from './reply.ts';
import { articleDate, formatDate } from './time.ts';
import type { Answer, Briefing, Citation, SearchHit, Summary } from './types.ts';

/** Numbers citations in order of first use, one number per article+sentence. */
class CitationBook {
  private readonly refs: CitationRef[] = [];
  constructor(private readonly timeZone: string) {}
  cite(c: Citation, withSentence = true): number {
    const found = this.refs.find((r) => r.articleId === c.articleId && (!withSentence || r.sentence === c.sentence));
    if (found) return found.n;
    const n = this.refs.length + 1;
    this.refs.push({
      n,
      articleId: c.articleId,
      title: c.title,
      source: c.source ?? undefined,
      url: c.url ?? undefined,
      published: articleDate(c, this.timeZone) || undefined,
      sentence: withSentence ? c.sentence : undefined,
    });
    return n;
  }
  section(): Section[] {
    return this.refs.length ? [citations(this.refs)] : [];
  }
}

export function presentAnswer(a: Answer, timeZone: string): Reply {
  const book = new CitationBook(timeZone);
  if (a.abstained) {
    const sections: Section[] = [];
    if (a.premise) {
      // Declined because the question takes for granted what the sources contradict: say what they do say.
      sections.push(paragraph(`I can't answer that as asked: ${premiseText(a.premise)} What they do say:`));
    } else {
      sections.push(paragraph("I couldn't find that in my sources."));
      if (a.closest.length) sections.push(paragraph('The closest things I have:'));
    }
    for (const c of a.closest.slice(0, a.premise ? 2 : 3)) sections.push(quote(c.sentence, book.cite(c, false)));
    return { title: a.question, sections: [...sections, ...book.section()], footer: a.note };
  }
  if (a.via === 'model' && a.answer) return presentModelAnswer(a, book);
  const sections: Section[] = [];
  const [best, ...more] = a.citations;
  // A short answer stands above its sentence; a passage or a summary is the quoted sentences themselves.
  if (a.answer && (a.form === 'short' || !a.form)) sections.push(paragraph(a.phrase ?? a.answer));
  if (a.form === 'summary') sections.push(paragraph('In short, from the most relevant stories:'));
  // Quotes carry the sentences; the numbered sources are the articles they come from.
  if (best) sections.push(quote(best.sentence, book.cite(best, false)));
  for (const c of more.slice(0, 3)) sections.push(quote(c.sentence, book.cite(c, false)));
  return { title: a.question, sections: [...sections, ...book.section()], footer: a.note };
}

export const MODEL_FOOTER = 'Written by a language model from the quoted sources; its names and numbers were checked against them.';

export const MODEL_WRITING_FOOTER = 'Written by a language model from the cited articles; its names and numbers were checked against them.';

/** A model's answer: its text with [n] pointing at the numbered sources, then the cited passages quoted. */
function presentModelAnswer(a: Answer, book: CitationBook): Reply {
  const numbers = a.citations.map((c) => book.cite(c, false));
  const text = a.answer!.replace(/\[(\d+)\]/g, (m, i: string) => (numbers[Number(i) - 1] ? `[${numbers[Number(i) - 1]}]` : m)).replace(/(\[\d+\])(?:\1)+/g, '$1');
  const quotes = a.citations.slice(0, 3).map((c, i) => quote(c.sentence, numbers[i]));
  return { title: a.question, sections: [paragraph(text), ...quotes, ...book.section()], footer: [a.note, MODEL_FOOTER].filter(Boolean).join(' ') };
}

/** What a chat shows while a model's answer streams in: unchecked, and saying so. */
export function presentDraft(question: string, text: string): Reply {
  return { title: question, sections: [paragraph(`${text} …`)], footer: 'Writing… (a draft: it is checked against the sources before it is final)' };
}

/** What the premise check found, in words: "the sources do not say India sanctioned any firms." */
function premiseText(p: NonNullable<Answer['premise']>): string {
  const c = p.conflicts[0];
  if (!c) return 'the sources do not say that.';
  switch (c.kind) {
    case 'missing':
      return `the sources do not mention ${c.asked}.`;
    case 'number':
      return `the sources do not mention ${c.asked}.`;
    case 'time':
      // "october" → "in October", "friday" → "on Friday".
      return `the sources do not put it ${/day$/.test(c.asked) ? 'on' : 'in'} ${c.asked.charAt(0).toUpperCase()}${c.asked.slice(1)}${c.found ? `; the article is dated ${c.found}` : ''}.`;
    case 'actor':
    case 'role':
      return `the sources do not say ${p.claim ?? `${c.asked} did that`}.`;
    case 'place':
    case 'attribute':
      return `the sources say ${c.found ?? 'something else'}, not ${c.asked}.`;
    case 'scope':
      return `the sources give ${c.found ?? 'a number for more'}, not a number for ${c.asked}.`;
    case 'negation':
      return 'the sources do not say that anyone did not.';
    case 'denied':
    case 'unrealised':
      return `the sources do not say ${p.claim ?? 'that'}; they say ${c.found ?? `${c.asked} did not`}.`;
    default:
      return `the sources do not say ${p.claim ?? 'that'}.`;
  }
}

export function presentSummary(s: Summary, timeZone: string): Reply {
  const book = new CitationBook(timeZone);
  const n = book.cite({ articleId: s.articleId, title: s.title, url: s.url, source: s.source, published: s.published, publishedIsFirstSeen: s.publishedIsFirstSeen, addedAt: s.addedAt, sentence: '' }, false);
  const sections: Section[] = [paragraph(s.sentences.map((x) => `${x} [${n}]`).join(' '))];
  if (s.facts.length) sections.push(bullets(s.facts.slice(0, 6).map((f) => `${f} [${n}]`)));
  const footer = [s.note, s.via === 'model' ? MODEL_WRITING_FOOTER : undefined].filter(Boolean).join(' ');
  return { title: `Summary: ${s.title}`, sections: [...sections, ...book.section()], footer: footer || undefined };
}

export function presentBriefing(b: Briefing, timeZone: string): Reply {
  const book = new CitationBook(timeZone);
  const sections: Section[] = [];
  const topic = b.window.topic ? ` on “${b.window.topic}”` : '';
  if (!b.stories.length) {
    return { title: `Briefing${topic}`, sections: [paragraph(b.window.topic ? `I have no stories about “${b.window.topic}”.` : 'I have no stories yet.')] };
  }
  if (b.fallback) {
    sections.push(paragraph(`Nothing new was published since ${formatDate(b.window.since, timeZone)}. Here are the most recent stories I have, with their dates.`));
  }
  for (const story of b.stories) {
    const date = ` (${articleDate(story, timeZone)})`;
    sections.push(heading(`${story.title}${date}`));
    sections.push(
      bullets(
        story.points.map((p) => {
          const marks = [...new Set(p.citations.map((c) => book.cite(c, false)))].map((n) => `[${n}]`).join('');
          const label = b.previousBriefing && p.isNew ? (p.change === 'updated' ? 'Updated: ' : 'New: ') : '';
          return `${label}${p.text} ${marks}`;
        }),
      ),
    );
    if (b.previousBriefing && (story.newArticles || story.updatedArticles)) {
      const parts = [story.newArticles ? `${story.newArticles} new article${story.newArticles === 1 ? '' : 's'}` : '', story.updatedArticles ? `${story.updatedArticles} updated by the publisher` : ''].filter(Boolean);
      sections.splice(sections.length - 1, 0, paragraph(`Since the last briefing here: ${parts.join(', ')}.`));
    }
    for (const r of story.revisedFacts ?? []) sections.push(paragraph(`Revised figure: ${r.text} (was ${r.was}) [${book.cite(r.citation, false)}]`));
    for (const claims of story.disagreements ?? []) {
      sections.push(paragraph(`Sources differ: ${claims.map((c) => `${c.text} [${book.cite(c.citation, false)}]`).join(' vs ')}`));
    }
    if (story.facts.length) {
      sections.push(paragraph(`Key facts: ${story.facts.map((f) => `${f.text} [${book.cite(f.citation, false)}]`).join('; ')}`));
    }
  }
  const footer = [b.previousBriefing ? `Previous briefing here: ${formatDate(b.previousBriefing, timeZone)}.` : undefined, b.note, b.via === 'model' ? MODEL_WRITING_FOOTER : undefined]
    .filter(Boolean)
    .join(' ');
  return { title: `Briefing${topic}`, sections: [...sections, ...book.section()], footer: footer || undefined };
}

export function presentSearch(query: string, hits: SearchHit[], timeZone: string): Reply {
  if (!hits.length) return { title: `Search: ${query}`, sections: [paragraph('No stored article matches those words.')] };
  const book = new CitationBook(timeZone);
  const items = hits.map((h) => {
    const n = book.cite({ articleId: h.articleId, title: h.title, url: h.url, source: h.source, published: h.published, sentence: '' }, false);
    return `${h.title} [${n}] — ${h.snippet}`;
  });
  return { title: `Search: ${query}`, sections: [bullets(items), ...book.section()] };
}

export function presentSources(list: ArticleMeta[], topic: string | undefined, timeZone: string): Reply {
  if (!list.length) return { title: 'Sources', sections: [paragraph(topic ? `No stored article is about “${topic}”.` : 'No articles are stored yet.')] };
  const items = list.map((a) => {
    const meta = [a.source, articleDate({ ...a, addedAt: a.ingestedAt }, timeZone)].filter(Boolean).join(', ');
    return `${a.title}${meta ? ` (${meta})` : ''} — id ${a.id}${a.url ? ` — ${a.url}` : ''}`;
  });
  return { title: topic ? `Sources about “${topic}”` : 'Sources', sections: [bullets(items)] };
}

/** /add's answer: what happened to the page, its title and a two-line summary, cited. */
export function presentAdded(r: AddedFromUrl, timeZone: string): Reply {
  const { outcome, summary } = r;
  const what =
    outcome.status === 'added'
      ? 'Added'
      : outcome.status === 'updated'
        ? `Updated an article I already had (${outcome.reason ?? 'a newer version'}); its earlier text is kept in its history`
        : `Already stored (${outcome.reason ?? 'the same article'})`;
  const sections: Section[] = [paragraph(`${what}: id ${outcome.articleId ?? '?'}.`)];
  if (!summary) return { title: outcome.title ?? 'Article', sections };
  const book = new CitationBook(timeZone);
  const n = book.cite({ articleId: summary.articleId, title: summary.title, url: summary.url, source: summary.source, published: summary.published, publishedIsFirstSeen: summary.publishedIsFirstSeen, addedAt: summary.addedAt, sentence: '' }, false);
  sections.push(paragraph(summary.sentences.slice(0, 2).map((x) => `${x} [${n}]`).join('\n')));
  return { title: summary.title, sections: [...sections, ...book.section()] };
}

export function presentRemoved(a: ArticleMeta, timeZone: string): Reply {
  const meta = [a.source, articleDate({ ...a, addedAt: a.ingestedAt }, timeZone)].filter(Boolean).join(', ');
  return privately({
    title: 'Article removed',
    sections: [paragraph(`“${a.title}”${meta ? ` (${meta})` : ''}, id ${a.id}, no longer appears in answers, searches or briefings here. It stays in the bot's history.`)],
  });
}
