// Reply → Discord messages of embeds, within every Discord limit (content 2000, title 256,
// description 4096, 25 fields, field 256/1024, footer 2048, 10 embeds and 6000 characters per
// message). A long reply becomes several messages (follow-ups), split at section boundaries and
// never inside a citation.
import { type CitationRef, type Reply, type Section } from '../../core/reply.ts';
import { linkableUrl, packLines, splitText, truncate } from '../text-split.ts';

export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  totalPerMessage: 6000,
} as const;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  color?: number;
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
}

export interface RenderOptions {
  /** Text added to the first message's footer, so the message can be found again (delivery ids). */
  marker?: string;
}

const COLOR = 0x2f6fab;
const FOOTER_MAX = 1024; // of the 2048 allowed, so that footer + title + a full description fit 6000
const MARKER_RESERVE = 80; // room kept in every message for a marker footer
const BUDGET = DISCORD_LIMITS.totalPerMessage - MARKER_RESERVE;

/** Escapes Discord markdown in plain text: emphasis, code, spoilers, masked links, line-start syntax. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\*_~`|]/g, '\\$&')
    .replace(/\]\(/g, '\\](')
    .replace(/^(\s*)([#>-]|\d+\.)(?=\s)/gm, '$1\\$2');
}

/** Neutral text → Discord markdown: escaped, with the reply's `**bold**` kept. */
export function markdown(s: string): string {
  const out: string[] = [];
  const re = /\*\*(?=\S)([^*\n]+?)\*\*/g;
  let last = 0;
  for (const m of s.matchAll(re)) {
    out.push(escapeMarkdown(s.slice(last, m.index)), `**${escapeMarkdown(m[1]!)}**`);
    last = m.index + m[0].length;
  }
  out.push(escapeMarkdown(s.slice(last)));
  return out.join('');
}

const stripBold = (s: string) => s.replace(/\*\*([^*\n]+?)\*\*/g, '$1');

/** One citation as one markdown line with a masked link, bounded so it always fits whole. */
export function citationMarkdown(c: CitationRef): string {
  const title = escapeMarkdown(truncate(c.title.replace(/\s+/g, ' ').trim() || 'Untitled', 200)).replace(/[[\]]/g, '\\$&');
  const url = linkableUrl(c.url, 1000)?.replace(/\(/g, '%28').replace(/\)/g, '%29');
  const meta = truncate([c.source, c.published].filter(Boolean).join(', ').replace(/\s+/g, ' ').trim(), 200);
  return `[${c.n}] ${url ? `[${title}](${url})` : title}${meta ? ` — ${escapeMarkdown(meta)}` : ''}`;
}

type Unit = { kind: 'text'; text: string } | { kind: 'fields'; fields: NonNullable<DiscordEmbed['fields']> };

const TEXT_MAX = DISCORD_LIMITS.description;

function fieldUnits(facts: { label: string; value: string }[]): Unit[] {
  const units: Unit[] = [];
  let fields: NonNullable<DiscordEmbed['fields']> = [];
  let chars = 0;
  for (const f of facts) {
    const name = truncate(markdown(stripBold(f.label)), DISCORD_LIMITS.fieldName) || '\u200b';
    const value = truncate(markdown(f.value), DISCORD_LIMITS.fieldValue) || '\u200b';
    if (fields.length === DISCORD_LIMITS.fields || chars + name.length + value.length > TEXT_MAX) {
      units.push({ kind: 'fields', fields });
      fields = [];
      chars = 0;
    }
    fields.push({ name, value, inline: true });
    chars += name.length + value.length;
  }
  if (fields.length) units.push({ kind: 'fields', fields });
  return units;
}

/** The units of one section: pieces of description text, or groups of fields. */
function sectionUnits(s: Section): Unit[] {
  const text = (chunks: string[]): Unit[] => chunks.map((t) => ({ kind: 'text', text: t }));
  switch (s.kind) {
    case 'heading':
      return text([`**${truncate(markdown(stripBold(s.text)), 250)}**`]);
    case 'paragraph':
      return text(splitText(markdown(s.text), TEXT_MAX));
    case 'bullets':
      return text(packLines(s.items.map((i) => `• ${markdown(i)}`), TEXT_MAX));
    case 'quote': {
      const body = `${markdown(s.text)}${s.cite ? ` [${s.cite}]` : ''}`;
      const lines = splitText(body, TEXT_MAX - 2).flatMap((t) => t.split('\n'));
      return text(packLines(lines.map((l) => `> ${l}`), TEXT_MAX));
    }
    case 'facts':
      return fieldUnits(s.facts);
    case 'citations':
      return text(packLines(['**Sources**', ...s.items.map(citationMarkdown)], TEXT_MAX));
  }
}

const unitChars = (u: Unit) => (u.kind === 'text' ? u.text.length : u.fields.reduce((n, f) => n + f.name.length + f.value.length, 0));

/** Characters Discord counts towards the 6000 per message. */
export function embedChars(e: DiscordEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

const messageChars = (m: DiscordMessage) => m.embeds.reduce((n, e) => n + embedChars(e), 0);

/** A short untitled reply of plain paragraphs (errors, refusals) reads best as a plain message. */
function asPlainContent(reply: Reply, opts: RenderOptions): DiscordMessage | undefined {
  if (reply.title || reply.footer || opts.marker || !reply.sections.length || reply.sections.some((s) => s.kind !== 'paragraph')) return undefined;
  const content = reply.sections.map((s) => markdown((s as { text: string }).text)).join('\n\n');
  return content.trim() && content.length <= DISCORD_LIMITS.content ? { content, embeds: [] } : undefined;
}

export function renderEmbeds(reply: Reply, opts: RenderOptions = {}): DiscordMessage[] {
  const plain = asPlainContent(reply, opts);
  if (plain) return [plain];

  const title = reply.title?.trim() ? truncate(stripBold(reply.title).replace(/\s+/g, ' ').trim(), DISCORD_LIMITS.title) : undefined;
  // Groups: one section's units each; a heading travels with the section after it.
  const groups: Unit[][] = [];
  let heading: Unit[] = [];
  for (const s of reply.sections) {
    const units = sectionUnits(s);
    if (s.kind === 'heading') heading = [...heading, ...units];
    else {
      groups.push([...heading, ...units]);
      heading = [];
    }
  }
  if (heading.length) groups.push(heading);

  const messages: DiscordMessage[] = [];
  let msg!: DiscordMessage;
  let embed: DiscordEmbed | undefined;
  const openMessage = () => {
    msg = { embeds: [] };
    messages.push(msg);
    embed = undefined;
  };
  const openEmbed = (chars: number) => {
    if (!messages.length || msg.embeds.length >= DISCORD_LIMITS.embedsPerMessage || messageChars(msg) + chars > BUDGET) openMessage();
    embed = { color: COLOR };
    if (msg.embeds.length === 0 && title) embed.title = messages.length === 1 ? title : truncate(`${title} (continued)`, DISCORD_LIMITS.title);
    msg.embeds.push(embed);
  };
  const freshMessageRoom = BUDGET - (title ? DISCORD_LIMITS.title : 0);

  for (const group of groups) {
    const size = group.reduce((n, u) => n + unitChars(u) + 2, 0);
    // Keep a section in one message when it fits in a fresh one.
    if (messages.length && embed && messageChars(msg) + size > BUDGET && size <= freshMessageRoom) openMessage();
    for (const unit of group) {
      const chars = unitChars(unit);
      if (unit.kind === 'text') {
        const fits = embed && !embed.fields && (embed.description?.length ?? 0) + 2 + chars <= TEXT_MAX && messageChars(msg) + 2 + chars <= BUDGET;
        if (!fits) openEmbed(chars);
        embed!.description = embed!.description ? `${embed!.description}\n\n${unit.text}` : unit.text;
      } else {
        const fits = embed && !embed.fields && messageChars(msg) + chars <= BUDGET;
        if (!fits) openEmbed(chars);
        embed!.fields = unit.fields;
      }
    }
  }
  if (!messages.length) openEmbed(1);

  const footer = reply.footer?.trim() ? truncate(markdown(reply.footer), FOOTER_MAX) : undefined;
  if (footer) {
    const last = messages[messages.length - 1]!;
    const lastEmbed = last.embeds[last.embeds.length - 1]!;
    if (messageChars(last) + footer.length <= BUDGET) lastEmbed.footer = { text: footer };
    else messages.push({ embeds: [{ color: COLOR, footer: { text: footer } }] });
  }
  // Discord refuses an empty embed: a reply with nothing to show says so briefly.
  for (const m of messages) for (const e of m.embeds) if (embedChars(e) === 0) e.description = '…';
  if (opts.marker) {
    // Every message carries the marker, numbered when there are several, so each part can be found.
    messages.forEach((m, i) => {
      const mark = messages.length > 1 ? `${opts.marker} ${i + 1}/${messages.length}` : opts.marker!;
      if (!m.embeds.length) m.embeds.push({ color: COLOR });
      const last = m.embeds[m.embeds.length - 1]!;
      last.footer = { text: last.footer ? `${truncate(last.footer.text, DISCORD_LIMITS.footer - mark.length - 3)} · ${mark}` : mark };
    });
  }
  return messages;
}
