// Reply → Slack Block Kit messages. Every message carries a plain fallback `text` (notifications,
// screen readers), every block stays within Slack's limits, and a long reply is split into
// several messages at section boundaries, never inside a citation.
import { type CitationRef, type Reply, type Section } from '../../core/reply.ts';
import { linkableUrl, packLines, splitText, truncate } from '../text-split.ts';

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextText: 3000,
  fallbackText: 3000,
} as const;

export type SlackText = { type: 'mrkdwn'; text: string } | { type: 'plain_text'; text: string; emoji?: boolean };
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: SlackText }
  | { type: 'section'; fields: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's three control characters; everything else is literal in mrkdwn. */
export const escapeMrkdwn = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Neutral text → mrkdwn: escaped, `**bold**` becomes Slack's `*bold*`. */
export function mrkdwn(s: string): string {
  return escapeMrkdwn(s).replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, '*$1*');
}

/** `<url|title>`; the URL must not contain Slack's delimiters, the label must not contain `>` or `|`. */
function link(url: string, label: string): string {
  const safeUrl = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return `<${safeUrl}|${escapeMrkdwn(label.replace(/\|/g, '¦'))}>`;
}

const CITATION_TITLE_MAX = 200;
const CITATION_URL_MAX = 1000;

/** One citation as one line, bounded in length so it always fits a block whole. */
export function citationMrkdwn(c: CitationRef): string {
  const title = truncate(c.title.replace(/\s+/g, ' ').trim() || 'Untitled', CITATION_TITLE_MAX);
  const url = linkableUrl(c.url, CITATION_URL_MAX);
  const meta = truncate([c.source, c.published].filter(Boolean).join(', ').replace(/\s+/g, ' ').trim(), 200);
  return `[${c.n}] ${url ? link(url, title) : escapeMrkdwn(title)}${meta ? ` — ${escapeMrkdwn(meta)}` : ''}`;
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** Blocks for one section; several blocks when its text is longer than one block holds. */
export function sectionBlocks(s: Section): SlackBlock[] {
  const max = SLACK_LIMITS.sectionText;
  switch (s.kind) {
    case 'heading':
      return [section(`*${truncate(mrkdwn(s.text.replace(/\*\*/g, '')), max - 2)}*`)];
    case 'paragraph':
      return splitText(mrkdwn(s.text), max).map(section);
    case 'bullets':
      return packLines(
        s.items.map((i) => `• ${mrkdwn(i)}`),
        max,
      ).map(section);
    case 'quote': {
      const text = `${mrkdwn(s.text)}${s.cite ? ` [${s.cite}]` : ''}`;
      // Every line gets Slack's quote mark; lines are cut to leave room for it.
      const lines = splitText(text, max - 2).flatMap((t) => t.split('\n'));
      return packLines(
        lines.map((l) => `> ${l}`),
        max,
      ).map(section);
    }
    case 'facts': {
      const fields = s.facts.map((f): SlackText => ({ type: 'mrkdwn', text: truncate(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, SLACK_LIMITS.fieldText) }));
      const blocks: SlackBlock[] = [];
      for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection) blocks.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.fieldsPerSection) });
      return blocks;
    }
    case 'citations':
      // packLines never splits a line that fits, and a citation line always fits: whole citations only.
      return packLines(['*Sources*', ...s.items.map(citationMrkdwn)], max).map(section);
  }
}

/** Plain text of some blocks for the fallback `text`. */
function blocksText(blocks: SlackBlock[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    // The header is plain_text (shown as typed), but `text` is read as mrkdwn: escape it there.
    if (b.type === 'header') parts.push(escapeMrkdwn(b.text.text));
    else if (b.type === 'section' && 'text' in b) parts.push(b.text.text);
    else if (b.type === 'section') parts.push(b.fields.map((f) => f.text).join('\n'));
    else if (b.type === 'context') parts.push(b.elements.map((e) => e.text).join(' '));
  }
  return parts.join('\n');
}

/** Renders a reply as one or more Slack messages, each within every Block Kit limit. */
export function renderBlocks(reply: Reply): SlackMessage[] {
  const title = reply.title?.trim() ? truncate(reply.title.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim(), SLACK_LIMITS.headerText) : undefined;
  // Each group is one section's blocks (a heading travels with the section after it), kept together when possible.
  const groups: SlackBlock[][] = [];
  let pendingHeading: SlackBlock[] = [];
  reply.sections.forEach((s, i) => {
    const blocks = sectionBlocks(s);
    if (s.kind === 'heading') {
      if (i > 0) blocks.unshift({ type: 'divider' });
      pendingHeading = [...pendingHeading, ...blocks];
      return;
    }
    if (blocks.length) groups.push([...pendingHeading, ...blocks]);
    else if (pendingHeading.length) return; // an empty section: its heading waits for the next one
    pendingHeading = [];
  });
  if (pendingHeading.length) groups.push(pendingHeading);
  if (reply.footer?.trim()) groups.push([{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn(reply.footer), SLACK_LIMITS.contextText) }] }]);
  if (!groups.length && !title) groups.push([section('…')]);

  const max = SLACK_LIMITS.blocksPerMessage;
  const messages: SlackBlock[][] = [];
  const open = (): SlackBlock[] => {
    const blocks: SlackBlock[] = [];
    if (title) {
      blocks.push(
        messages.length === 0
          ? { type: 'header', text: { type: 'plain_text', text: title, emoji: true } }
          : { type: 'context', elements: [{ type: 'mrkdwn', text: `_${escapeMrkdwn(truncate(title, 200))} (continued)_` }] },
      );
    }
    messages.push(blocks);
    return blocks;
  };
  let current = open();
  const hasContent = (m: SlackBlock[]) => m.length > (title ? 1 : 0);
  for (const group of groups) {
    // A group that fits in a fresh message never straddles two; a bigger one fills messages in order.
    if (hasContent(current) && current.length + group.length > max && group.length <= max - 1) current = open();
    for (const block of group) {
      if (current.length >= max) current = open();
      if (block.type === 'divider' && !hasContent(current)) continue; // no divider right under a title
      current.push(block);
    }
  }

  // The fallback repeats the message's own text (already escaped mrkdwn, which `text` also is).
  return messages.map((blocks) => ({ blocks, text: truncate(blocksText(blocks), SLACK_LIMITS.fallbackText) || '…' }));
}
