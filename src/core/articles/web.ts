// An article from a web page: fetched safely, extracted by Readability (html.ts), and refused
// with a reason when the page is not an article — an index or login page, a paywall stub, a
// file. What the page says is only ever stored as text: instructions in it are words, not commands.
import { isProbablyReaderable } from '@mozilla/readability';
import { UserFacingError } from '../errors.ts';
import type { Fetched, SafeFetcher } from '../net/safe-fetch.ts';
import { htmlToArticle, parseHTML } from './html.ts';
import type { ArticleInput } from './types.ts';

/** Fewer words than this is a teaser, a stub or a list of links, not a story. */
export const MIN_ARTICLE_WORDS = 80;

const PAYWALL = /\b(subscribe (now )?to (continue|keep) reading|subscribers? only|already a subscriber|to continue reading,? (please )?(subscribe|log ?in|sign ?in)|this (article|content) is (only )?(available|reserved) (to|for) (subscribers|members)|create a free account to (continue|read))\b/i;

/** Checks a page's extracted text: enough words, and not a paywall's teaser. */
export function checkArticleText(input: ArticleInput, where: string, pageText = input.text): ArticleInput {
  const words = input.text.match(/\p{L}{2,}/gu)?.length ?? 0;
  if (PAYWALL.test(pageText) && words < MIN_ARTICLE_WORDS * 3) {
    throw new UserFacingError('paywall', `${where} shows a paywall or sign-in page (${words} words of text), not the article.`);
  }
  if (words < MIN_ARTICLE_WORDS) {
    throw new UserFacingError('not_article', `${where} has too little article text (${words} words): it looks like an index, a teaser or a sign-in page, not an article.`);
  }
  return input;
}

/** The page's article, or a UserFacingError saying why there is none. Nothing is stored here. */
export async function fetchArticle(fetcher: SafeFetcher, url: string): Promise<ArticleInput> {
  return articleFromPage(await fetcher.fetch(url, { kind: 'article' }), url);
}

/** The article of a fetched page (see fetchArticle). */
export function articleFromPage(page: Fetched, url: string): ArticleInput {
  const text = page.text ?? '';
  if (page.contentType === 'text/plain') return checkArticleText({ text, url: page.url, origin: url }, page.url);
  const { document } = parseHTML(text);
  const readerable = isProbablyReaderable(document as unknown as Document, { minContentLength: 140, minScore: 20 });
  const input = htmlToArticle(text, url);
  // The page's own canonical link wins; otherwise where we ended up after redirects.
  input.url = input.url ?? page.url;
  const pageText = document.body?.textContent ?? '';
  if (PAYWALL.test(pageText)) checkArticleText(input, page.url, pageText);
  if (!readerable && (input.text.match(/\p{L}{2,}/gu)?.length ?? 0) < MIN_ARTICLE_WORDS) {
    throw new UserFacingError('not_article', `${page.url} does not look like an article page (no article body found).`);
  }
  return checkArticleText(input, page.url);
}
