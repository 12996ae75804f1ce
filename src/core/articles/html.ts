// Readable text from an HTML page: Mozilla Readability over linkedom's DOM, with the page's
// own metadata (title, canonical link, publish time, site name) when it has them.
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import type * as Linkedom from 'linkedom';
import { checkHtmlDepth } from './limits.ts';
import type { ArticleInput } from './types.ts';

// linkedom takes ~0.4 s to load; only HTML ingestion needs it, not every CLI call.
const require = createRequire(import.meta.url);
let linkedom: typeof Linkedom | undefined;
export const parseHTML = (html: string): ReturnType<typeof Linkedom.parseHTML> => (linkedom ??= require('linkedom') as typeof Linkedom).parseHTML(html);

function meta(document: Document, ...names: string[]): string | undefined {
  for (const n of names) {
    const el = document.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

/** linkedom builds no document element from a fragment or plain text; such input gets a page around it. */
function parsePage(html: string): Document {
  const { document } = parseHTML(html);
  if (document.documentElement) return document as unknown as Document;
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
}

export function htmlToArticle(html: string, origin?: string): ArticleInput {
  checkHtmlDepth(html);
  const document = parsePage(html);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(document, 'og:url');
  const published = meta(document, 'article:published_time', 'datePublished', 'pubdate', 'date', 'DC.date.issued') ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const source = meta(document, 'og:site_name', 'application-name');
  const metaTitle = meta(document, 'og:title', 'twitter:title') ?? document.querySelector('title')?.textContent?.trim();
  let title = metaTitle;
  let text = '';
  try {
    const parsed = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
    if (parsed?.textContent) {
      title = parsed.title?.trim() || title;
      // Readability keeps block structure in `content`; turn blocks into paragraphs.
      const { document: inner } = parseHTML(`<html><body>${parsed.content ?? ''}</body></html>`);
      text = blocksText(inner.body as unknown as Element);
    }
  } catch {
    text = '';
  }
  if (!text.trim()) text = blocksText(document.body as unknown as Element);
  return { text, title: title || undefined, url: canonical?.startsWith('http') ? canonical : undefined, published, source, origin };
}

const BLOCK = new Set(['P', 'DIV', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'TR', 'BR', 'FIGCAPTION', 'PRE']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'NAV', 'FOOTER', 'HEADER', 'FORM', 'ASIDE', 'IFRAME']);

function blocksText(root: Element | null): string {
  if (!root) return '';
  const out: string[] = [];
  let line = '';
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (SKIP.has(el.tagName)) return;
    const block = BLOCK.has(el.tagName);
    if (block && line.trim()) {
      out.push(line.trim());
      line = '';
    }
    for (const child of Array.from(el.childNodes)) walk(child);
    if (block && line.trim()) {
      out.push(line.trim());
      line = '';
    }
  };
  walk(root);
  if (line.trim()) out.push(line.trim());
  return out.map((l) => l.replace(/\s+/g, ' ')).join('\n\n');
}
