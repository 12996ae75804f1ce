// Reply → plain text for the terminal and the CLI. Emphasis marks (**…**) are kept as they read well.
import { citationLine, type Reply, type Section } from '../../core/reply.ts';

const WIDTH = 100;

function wrap(text: string, indent = '', first = indent): string {
  const lines: string[] = [];
  let line: string[] = [];
  let len = first.length;
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (line.length && len + w.length + 1 > WIDTH) {
      lines.push(line.join(' '));
      line = [];
      len = indent.length;
    }
    line.push(w);
    len += w.length + 1;
  }
  if (line.length) lines.push(line.join(' '));
  return lines.map((l, i) => (i === 0 ? first : indent) + l).join('\n');
}

function renderSection(s: Section): string {
  switch (s.kind) {
    case 'heading':
      return `## ${s.text}`;
    case 'paragraph':
      return s.text.split('\n').map((p) => wrap(p)).join('\n');
    case 'bullets':
      return s.items.map((i) => wrap(i, '   ', ' • ')).join('\n');
    case 'quote':
      return wrap(`“${s.text}”${s.cite ? ` [${s.cite}]` : ''}`, '   > ', '   > ');
    case 'facts':
      return s.facts.map((f) => ` ${f.label}: ${f.value}`).join('\n');
    case 'citations':
      return ['Sources:', ...s.items.map((c) => wrap(citationLine(c), '     ', ' '))].join('\n');
  }
}

export function renderText(r: Reply): string {
  const parts: string[] = [];
  if (r.title) parts.push(r.title);
  for (const s of r.sections) parts.push(renderSection(s));
  if (r.footer) parts.push(wrap(r.footer));
  return parts.join('\n\n');
}
