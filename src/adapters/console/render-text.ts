// Reply → text for the terminal and the CLI. Wrapping is done by wrap-ansi (the maintained
// wrapper that measures wide characters and keeps ANSI styles intact across line breaks).
// The neutral text's Markdown marks become terminal styles (**bold** → bold, `code` → dim) when
// colour is on, and are dropped otherwise: a reader never sees the raw marks.
import wrapAnsi from 'wrap-ansi';
import { citationLine, type Reply, type Section } from '../../core/reply.ts';

export interface TextStyle {
  /** Columns to wrap at (a terminal's width; 100 when the output is not a terminal). */
  width?: number | undefined;
  /** ANSI bold/dim for Markdown marks (a terminal with NO_COLOR unset); otherwise plain. */
  color?: boolean | undefined;
}

export const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 30;

const BOLD = (s: string) => `\u001b[1m${s}\u001b[22m`;
const DIM = (s: string) => `\u001b[2m${s}\u001b[22m`;

/** `**bold**` and `` `code` `` → terminal styles, or the text without the marks. */
export function renderMarks(text: string, color: boolean): string {
  return text
    .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, (_m, t: string) => (color ? BOLD(t) : t))
    .replace(/`([^`\n]+)`/g, (_m, t: string) => (color ? DIM(t) : t));
}

/** Whether to colour a stream: a terminal, NO_COLOR unset (https://no-color.org), TERM not dumb. */
export function wantsColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

class Renderer {
  readonly width: number;
  constructor(
    width: number,
    readonly color: boolean,
  ) {
    this.width = Math.max(MIN_WIDTH, width);
  }

  /** Wraps one paragraph; `first` prefixes its first line, `indent` the others. */
  wrap(text: string, indent = '', first = indent): string {
    const words = renderMarks(text.replace(/\s+/g, ' ').trim(), this.color);
    const room = this.width - Math.max(indent.length, first.length);
    const lines = wrapAnsi(words, room, { hard: false, trim: true }).split('\n');
    return lines.map((l, i) => (i === 0 ? first : indent) + l).join('\n');
  }

  title(text: string): string {
    const t = renderMarks(text, false);
    return this.color ? BOLD(this.wrap(t)) : this.wrap(t);
  }

  section(s: Section): string {
    switch (s.kind) {
      case 'heading':
        return this.color ? BOLD(this.wrap(renderMarks(s.text, false))) : this.wrap(`## ${s.text}`);
      case 'paragraph':
        return s.text
          .split('\n')
          .map((p) => this.wrap(p))
          .join('\n');
      case 'bullets':
        return s.items.map((i) => this.wrap(i, '   ', ' • ')).join('\n');
      case 'quote':
        return this.wrap(`“${innerQuotes(s.text)}”${s.cite ? ` [${s.cite}]` : ''}`, '   > ', '   > ');
      case 'facts':
        return s.facts.map((f) => this.wrap(`${f.label}: ${f.value}`, '   ', ' ')).join('\n');
      case 'citations':
        return ['Sources:', ...s.items.map((c) => this.wrap(citationLine(c), '     ', ' '))].join('\n');
    }
  }
}

export function renderText(r: Reply, style: TextStyle = {}): string {
  const out = new Renderer(style.width ?? DEFAULT_WIDTH, style.color === true);
  const parts: string[] = [];
  if (r.title) parts.push(out.title(r.title));
  for (const s of r.sections) parts.push(out.section(s));
  if (r.footer) parts.push(out.color ? DIM(out.wrap(r.footer)) : out.wrap(r.footer));
  return parts.join('\n\n');
}

/**
 * A quoted sentence's own quotation marks become single ones inside ours: "““This is something ...,”
 * Austin said.”" reads as "“‘This is something ...,’ Austin said.”".
 */
function innerQuotes(text: string): string {
  return text.replace(/“/g, '‘').replace(/”/g, '’').replace(/"/g, "'");
}
