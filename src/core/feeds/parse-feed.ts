// RSS 2.0, RSS 1.0 (RDF) and Atom through @extractus/feed-extractor (fast-xml-parser underneath).
// A feed that is not well-formed XML — a bad entity in one item, a truncated download — is read
// item by item: each <item>/<entry> is parsed on its own in a minimal envelope, and only the
// broken ones are skipped (and counted), never the whole feed.
import type { FeedEntry } from '@extractus/feed-extractor';
import { getFeedExtractor } from '../lazy-modules.ts';

export interface FeedItem {
  /** Stable identity within the feed: guid/id, else link, else title. */
  key: string;
  title: string | undefined;
  link: string | undefined;
  /** The item's own date as the feed gives it (ISO when readable), undefined when it has none. */
  published: string | undefined;
  /** Full text or summary (HTML), as the feed carries it. */
  html: string | undefined;
  author: string | undefined;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string | undefined;
  items: FeedItem[];
  /** Items that could not be read (broken XML, no link and no title). */
  skipped: number;
  /** True when the document was not well-formed and was read item by item. */
  salvaged: boolean;
}

export class FeedParseError extends Error {}

type Raw = Record<string, unknown>;

/** Text of a parsed XML node: a string, or an element's #text. */
function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || undefined;
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Raw)['#text']);
  return undefined;
}

const OPTIONS = {
  descriptionMaxLen: 0,
  useISODateFormat: true,
  // The raw fields feed-extractor does not normalise: full content, author, and every date spelling.
  getExtraEntryFields: (item: Raw) => ({
    rawContent: text(item['content:encoded']) ?? text(item.content) ?? text(item.description) ?? text(item.summary),
    rawAuthor: text(item['dc:creator']) ?? text((item.author as Raw | undefined)?.name) ?? text(item.author),
    rawDate: text(item.pubDate) ?? text(item['dc:date']) ?? text(item.updated) ?? text(item.published) ?? text(item.modified) ?? text(item.issued),
  }),
};

function formatOf(xml: string): ParsedFeed['format'] | undefined {
  const head = xml.slice(0, 2000);
  if (/<rss[\s>]/i.test(head)) return 'rss';
  if (/<rdf:RDF[\s>]/i.test(head)) return 'rdf';
  if (/<feed[\s>]/i.test(head)) return 'atom';
  return undefined;
}

function toItem(e: FeedEntry): FeedItem | undefined {
  const link = e.link?.trim() || undefined;
  const title = e.title?.trim() || undefined;
  if (!link && !title) return undefined;
  const raw = e as FeedEntry & { rawContent?: string; rawAuthor?: string; rawDate?: string };
  return {
    key: (e.id && String(e.id).trim()) || link || title!,
    title,
    link,
    published: e.published || raw.rawDate || undefined,
    html: raw.rawContent,
    author: raw.rawAuthor,
  };
}

function itemsOf(entries: FeedEntry[] | undefined): { items: FeedItem[]; skipped: number } {
  const items: FeedItem[] = [];
  let skipped = 0;
  for (const e of entries ?? []) {
    const item = toItem(e);
    if (item) items.push(item);
    else skipped++;
  }
  return { items, skipped };
}

const ENVELOPE: Record<ParsedFeed['format'], (inner: string) => string> = {
  rss: (inner) => `<rss version="2.0"><channel><title>salvaged</title>${inner}</channel></rss>`,
  rdf: (inner) => `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>salvaged</title></channel>${inner}</rdf:RDF>`,
  atom: (inner) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>salvaged</title>${inner}</feed>`,
};

export function parseFeed(xml: string, baseUrl: string): ParsedFeed {
  const format = formatOf(xml);
  if (!format) throw new FeedParseError('this is not an RSS or Atom feed');
  try {
    const feed = getFeedExtractor().extractFromXml(xml, { ...OPTIONS, baseUrl });
    return { format, title: feed.title || undefined, ...itemsOf(feed.entries), salvaged: false };
  } catch {
    return salvage(xml, format, baseUrl);
  }
}

function salvage(xml: string, format: ParsedFeed['format'], baseUrl: string): ParsedFeed {
  const tag = format === 'atom' ? 'entry' : 'item';
  const opened = xml.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
  const chunks = xml.match(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, 'g')) ?? [];
  const items: FeedItem[] = [];
  let skipped = opened - chunks.length; // opened but never closed: a truncated download
  for (const chunk of chunks) {
    try {
      const parsed = itemsOf(getFeedExtractor().extractFromXml(ENVELOPE[format](chunk), { ...OPTIONS, baseUrl }).entries);
      items.push(...parsed.items);
      skipped += parsed.skipped;
    } catch {
      skipped++;
    }
  }
  if (!items.length) throw new FeedParseError(`the feed is not well-formed XML and none of its ${opened} items could be read`);
  const title = /<title[^>]*>([^<]{1,300})<\/title>/i.exec(xml.slice(0, xml.search(new RegExp(`<${tag}[\\s>]`))))?.[1]?.trim();
  return { format, title, items, skipped, salvaged: true };
}
