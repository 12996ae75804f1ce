// The neutral rich message every command returns. Renderers (console, Block Kit, Discord embeds)
// turn it into platform messages; commands never know which platform they are on.

/** A source a reply line rests on. `n` is the marker used in the text, e.g. [1]. */
export interface CitationRef {
  n: number;
  articleId: string;
  title: string;
  source?: string | undefined;
  url?: string | undefined;
  published?: string | undefined; // as shown to people, e.g. "30 Oct 2024"
  sentence?: string | undefined;
}

export type Section =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'quote'; text: string; cite?: number | undefined }
  | { kind: 'facts'; facts: { label: string; value: string }[] }
  | { kind: 'citations'; items: CitationRef[] };

export interface Reply {
  title?: string | undefined;
  sections: Section[];
  footer?: string | undefined;
  /** Only the person who asked sees it (Slack ephemeral, Discord ephemeral). */
  private?: boolean | undefined;
}

export function reply(title: string | undefined, ...sections: Section[]): Reply {
  return { title, sections };
}

export const heading = (text: string): Section => ({ kind: 'heading', text });
export const paragraph = (text: string): Section => ({ kind: 'paragraph', text });
export const bullets = (items: string[]): Section => ({ kind: 'bullets', items });
export const quote = (text: string, cite?: number): Section => ({ kind: 'quote', text, cite });
export const facts = (items: { label: string; value: string }[]): Section => ({ kind: 'facts', facts: items });
export const citations = (items: CitationRef[]): Section => ({ kind: 'citations', items });

export function privately(r: Reply): Reply {
  return { ...r, private: true };
}

/** Plain text of a reply, used for fallbacks and tests. */
export function replyText(r: Reply): string {
  const out: string[] = [];
  if (r.title) out.push(r.title);
  for (const s of r.sections) out.push(sectionText(s));
  if (r.footer) out.push(r.footer);
  return out.join('\n\n');
}

export function sectionText(s: Section): string {
  switch (s.kind) {
    case 'heading':
    case 'paragraph':
      return s.text;
    case 'bullets':
      return s.items.map((i) => `• ${i}`).join('\n');
    case 'quote':
      return `> ${s.text}${s.cite ? ` [${s.cite}]` : ''}`;
    case 'facts':
      return s.facts.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'citations':
      return s.items.map(citationLine).join('\n');
  }
}

export function citationLine(c: CitationRef): string {
  const meta = [c.source, c.published].filter(Boolean).join(', ');
  return `[${c.n}] ${c.title}${meta ? ` (${meta})` : ''}${c.url ? ` ${c.url}` : ''}`;
}
