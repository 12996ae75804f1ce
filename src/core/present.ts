// Core results → neutral Replies. Shared by every platform's commands and the CLI's text output.
import type { ArticleMeta } from './articles/types.ts';
import { bullets, citations, heading, paragraph, quote, type CitationRef, type Reply, type Section } from './reply.ts';
import { formatDate } from './time.ts';
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
      published: c.published ? formatDate(c.published, this.timeZone) : undefined,
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
      sections.push(paragraph(`I can't answer that as asked: ${premiseText(a.premise)} What they say:`));
    } else {
      sections.push(paragraph("I couldn't find that in my sources."));
      if (a.closest.length) sections.push(paragraph('The closest things I have:'));
    }
    for (const c of a.closest.slice(0, a.premise ? 2 : 3)) sections.push(quote(c.sentence, book.cite(c, false)));
    return { title: a.question, sections: [...sections, ...book.section()], footer: a.note };
  }
  const sections: Section[] = [];
  const [best, ...more] = a.citations;
  // A short answer stands above its sentence; a passage or a summary is the quoted sentences themselves.
  if (a.answer && (a.form === 'short' || !a.form)) sections.push(paragraph(a.phrase ?? a.answer));
  if (a.form === 'summary') sections.push(paragraph('In short, from the most relevant stories:'));
  // Quotes carry the sentences; the numbered sources are the articles they come from.
  if (best) sections.push(quote(best.sentence, book.cite(best, false)));
  for (const c of more.slice(0, 3)) sections.push(quote(c.sentence, book.cite(c, false)));
  const footer = [a.note, a.via === 'model' ? 'Written by a language model from the cited sentences.' : undefined].filter(Boolean).join(' ');
  return { title: a.question, sections: [...sections, ...book.section()], footer: footer || undefined };
}

/** What the premise check found, in words: "the sources do not say India sanctioned any firms; they name the U.S." */
function premiseText(p: NonNullable<Answer['premise']>): string {
  const c = p.conflicts[0];
  if (!c) return 'the sources do not say that.';
  switch (c.kind) {
    case 'missing':
      return `the sources do not mention ${c.asked}.`;
    case 'number':
      return `the sources do not mention ${c.asked}.`;
    case 'actor':
    case 'role':
      return `the sources do not say ${p.claim ?? `${c.asked} did that`}${c.found ? `; they name ${c.found}` : ''}`.replace(/\.?$/, '.');
    case 'place':
    case 'attribute':
      return `the sources say ${c.found ?? 'something else'}, not ${c.asked}.`;
    case 'negation':
      return 'the sources do not say that anyone did not.';
    default:
      return `the sources do not say ${p.claim ?? 'that'}.`;
  }
}

export function presentSummary(s: Summary, timeZone: string): Reply {
  const book = new CitationBook(timeZone);
  const n = book.cite({ articleId: s.articleId, title: s.title, url: s.url, source: s.source, published: s.published, sentence: '' }, false);
  const sections: Section[] = [paragraph(s.sentences.map((x) => `${x} [${n}]`).join(' '))];
  if (s.facts.length) sections.push(bullets(s.facts.slice(0, 6).map((f) => `${f} [${n}]`)));
  return { title: `Summary: ${s.title}`, sections: [...sections, ...book.section()] };
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
    const date = story.published ? ` (${formatDate(story.published, timeZone)})` : '';
    sections.push(heading(`${story.title}${date}`));
    sections.push(
      bullets(
        story.points.map((p) => {
          const marks = [...new Set(p.citations.map((c) => book.cite(c, false)))].map((n) => `[${n}]`).join('');
          return `${p.isNew && b.previousBriefing ? 'New: ' : ''}${p.text} ${marks}`;
        }),
      ),
    );
    if (story.facts.length) {
      sections.push(paragraph(`Key facts: ${story.facts.map((f) => `${f.text} [${book.cite(f.citation, false)}]`).join('; ')}`));
    }
  }
  const footer = b.previousBriefing ? `Previous briefing here: ${formatDate(b.previousBriefing, timeZone)}.` : undefined;
  return { title: `Briefing${topic}`, sections: [...sections, ...book.section()], footer };
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
    const meta = [a.source, formatDate(a.published, timeZone)].filter(Boolean).join(', ');
    return `${a.title}${meta ? ` (${meta})` : ''} — id ${a.id}${a.url ? ` — ${a.url}` : ''}`;
  });
  return { title: topic ? `Sources about “${topic}”` : 'Sources', sections: [bullets(items)] };
}
