// Reading article files of every supported kind; bad files are rejected with a reason.
import { describe, expect, it } from 'vitest';
import { readArticleFiles, type FileItem } from '../../src/core/articles/files.ts';

const FIX = 'tests/fixtures';

async function collect(paths: string[]): Promise<FileItem[]> {
  const out: FileItem[] = [];
  for await (const item of readArticleFiles(paths)) out.push(item);
  return out;
}

describe('article files', () => {
  it('walks directories and reads .md front matter, .txt, .html, .json and .jsonl', async () => {
    const items = await collect([`${FIX}/articles`]);
    const inputs = items.map((i) => ('input' in i ? i.input : undefined));
    expect(items.every((i) => 'input' in i)).toBe(true);
    const md = inputs.find((i) => i?.origin?.endsWith('kursk-followup.md'));
    expect(md).toMatchObject({ title: 'North Korean soldiers join Russian units near Kursk, Ukraine says', source: 'Example Wire', published: '2024-11-05' });
    expect(md?.text).not.toMatch(/^---/);
    const json = inputs.find((i) => i?.origin?.endsWith('eu-sanctions.json'));
    expect(json).toMatchObject({ externalId: 'eu-2024-11-14', published: '2024-11-14T16:00:00Z' });
    const jsonl = inputs.find((i) => i?.origin?.endsWith('markets.jsonl:1'));
    expect(jsonl?.title).toBe('Central bank holds rates steady');
  });

  it('extracts the readable text and metadata of an HTML page, without scripts or navigation', async () => {
    const [item] = await collect([`${FIX}/articles/page.html`]);
    expect(item && 'input' in item).toBe(true);
    const input = (item as { input: { text: string; title?: string; url?: string; published?: string | Date; source?: string } }).input;
    expect(input.title).toMatch(/Wildfire forces evacuations in California/);
    expect(input.url).toBe('https://www.exampletimes.com/us/wildfire-evacuations');
    expect(input.published).toBe('2024-11-07T09:30:00Z');
    expect(input.source).toBe('Example Times');
    expect(input.text).toMatch(/more than 10,000 residents/);
    expect(input.text).not.toMatch(/should not appear|Subscribe now|color:red/);
  });

  it('rejects binary, empty, unsupported, malformed and missing inputs with reasons', async () => {
    const items = await collect([`${FIX}/bad`, `${FIX}/bad/report.pdf`, `${FIX}/nope.txt`]);
    const rejected = items.filter((i): i is { rejected: string; origin: string } => 'rejected' in i);
    const reasons = Object.fromEntries(rejected.map((r) => [r.origin.replace(`${FIX}/`, ''), r.rejected]));
    expect(reasons['bad/binary.txt']).toMatch(/binary/);
    expect(reasons['bad/mixed.jsonl:2']).toMatch(/invalid JSON/);
    expect(reasons['bad/mixed.jsonl:3']).toMatch(/no text/);
    expect(reasons['bad/report.pdf']).toMatch(/unsupported file type/);
    expect(reasons['nope.txt']).toMatch(/no such file/);
    // The readable line of the mixed feed still comes through.
    expect(items.some((i) => 'input' in i && i.input.origin === `${FIX}/bad/mixed.jsonl:1`)).toBe(true);
  });
});
