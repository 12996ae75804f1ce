// The command line, verb by verb, against a real SQLite store in a temp directory.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, runCli } from '../../src/cli.ts';
import { loadConfig } from '../../src/config.ts';
import { SqliteArticleStore } from '../../src/core/store/sqlite-store.ts';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-cli-'));
  db = join(dir, 'b.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, stdin: Readable.from([stdin]) }, loadConfig({ BRIEFBOT_DB: db }));
  return { code, out, err, lines: out.trim().split('\n').filter(Boolean) };
}

const count = () => {
  const s = SqliteArticleStore.open(db);
  const n = (s.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  s.db.close();
  return n;
};

describe('briefbot CLI', () => {
  it('ingest reports added, then duplicates, and exits 0', async () => {
    const first = await cli(['ingest', 'tests/fixtures/articles']);
    expect(first.code).toBe(0);
    expect(first.lines.filter((l) => l.startsWith('added'))).toHaveLength(5);
    const again = await cli(['ingest', '--json', 'tests/fixtures/articles']);
    expect(again.code).toBe(0);
    const objects = again.lines.map((l) => JSON.parse(l));
    expect(objects.slice(0, -1).map((o) => o.status)).toEqual(Array(5).fill('duplicate'));
    // The last line counts the run.
    expect(objects.at(-1)).toMatchObject({ counts: { added: 0, updated: 0, duplicate: 5, rejected: 0 } });
    expect(count()).toBe(6); // five plus the starter article
  });

  it('ingest exits non-zero naming each rejected input, and stores none of them', async () => {
    const r = await cli(['ingest', 'tests/fixtures/bad', 'tests/fixtures/missing.md']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/rejected tests\/fixtures\/bad\/binary.txt: binary file/);
    expect(r.err).toMatch(/rejected tests\/fixtures\/missing.md: no such file/);
    expect(r.err).toMatch(/mixed.jsonl:2: invalid JSON/);
    // What the walk leaves out on purpose is one summary line, not a rejection.
    expect(r.err).toMatch(/^skipped 1 file: 1 × unsupported file type ".pdf"$/m);
    expect(count()).toBe(2); // starter + the one readable line of mixed.jsonl
  });

  it('ingest DIR never stores a file a link inside DIR points to elsewhere, so /search cannot quote it', async () => {
    const articles = join(dir, 'articles');
    mkdirSync(articles);
    writeFileSync(join(dir, 'secret.txt'), 'The vault combination is 31-41-59, said the treasurer on Monday.');
    symlinkSync(join(dir, 'secret.txt'), join(articles, 'notes.txt'));
    writeFileSync(join(articles, 'troops.txt'), 'About 12,000 North Korean troops were sent to Russia, officials said on Monday.');
    const r = await cli(['ingest', articles]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`rejected ${join(articles, 'notes.txt')}: link to a place outside`);
    expect(count()).toBe(2);
    const search = await cli(['search', 'vault combination']);
    expect(search.out).not.toMatch(/31-41-59/);
  });

  it('ask --json prints the documented object', async () => {
    const r = await cli(['ask', '--json', 'How many firms were sanctioned?']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.lines[0]!);
    expect(Object.keys(a).sort()).toEqual(['abstained', 'answer', 'citations', 'confidence', 'form', 'question']);
    expect(a).toMatchObject({ question: 'How many firms were sanctioned?', answer: expect.stringMatching(/^398\b/), abstained: false });
    expect(a.citations[0]).toEqual({ articleId: expect.any(String), title: expect.any(String), url: null, sentence: expect.stringMatching(/398 firms/) });
  });

  it('ask answers stdin line by line, in order, when given no question', async () => {
    const r = await cli(['ask', '--json'], 'How many troops did North Korea send?\n\nWho won the 2022 World Cup?\n');
    const answers = r.lines.map((l) => JSON.parse(l));
    expect(answers.map((a) => a.question)).toEqual(['How many troops did North Korea send?', 'Who won the 2022 World Cup?']);
    expect(answers[0].answer).toMatch(/12,000/);
    expect(answers[1]).toMatchObject({ abstained: true, answer: null, citations: [] });
  });

  it('ask prints a readable answer with its source', async () => {
    const r = await cli(['ask', 'Where are the North Korean troops heading?']);
    expect(r.out).toMatch(/Kursk/);
    expect(r.out).toMatch(/Sources:\n \[1\] North Korean troops/);
  });

  it('brief --json over a window and a topic; an empty window falls back to recent stories', async () => {
    await cli(['ingest', 'tests/fixtures/articles']);
    const all = JSON.parse((await cli(['brief', '--json', '--since', '2024-10-01'])).lines[0]!);
    expect(all.stories.length).toBeGreaterThanOrEqual(4);
    expect(all.stories[0].points[0]).toMatchObject({ text: expect.any(String), citations: [expect.objectContaining({ articleId: expect.any(String) })] });
    const topic = JSON.parse((await cli(['brief', '--json', '--since', '2024-10-01', '--topic', 'hurricane'])).lines[0]!);
    expect(topic.stories.map((s: { title: string }) => s.title)).toEqual(['Hurricane Rafael strengthens as it nears western Cuba']);
    // storm.txt carries no date, so it counts as published when it was ingested (just now).
    const empty = await cli(['brief', '--since', '1h', '--topic', 'sanctions']);
    expect(empty.out).toMatch(/Nothing new was published since/);
    expect(empty.out).toMatch(/EU agrees new sanctions package targeting Russia's shadow fleet \(14 Nov 2024\)/);
  });

  it('summary by words and --all, as JSON', async () => {
    await cli(['ingest', 'tests/fixtures/articles']);
    const one = JSON.parse((await cli(['summary', '--json', 'hurricane', 'rafael'])).lines[0]!);
    expect(Object.keys(one).sort()).toEqual(['articleId', 'facts', 'sentences', 'title', 'url']);
    expect(one.title).toMatch(/Hurricane Rafael/);
    const all = (await cli(['summary', '--all', '--json'])).lines;
    expect(all).toHaveLength(6);
  });

  it('search and sources', async () => {
    await cli(['ingest', 'tests/fixtures/articles']);
    expect((await cli(['search', 'shadow', 'fleet'])).out).toMatch(/EU agrees new sanctions package/);
    const sources = (await cli(['sources', '--json', '--limit', '2'])).lines.map((l) => JSON.parse(l));
    expect(sources).toHaveLength(2);
    expect(Object.keys(sources[0]).sort()).toEqual(['id', 'published', 'source', 'title', 'url']);
    // Newest first; the undated storm.txt counts from its ingestion.
    expect(sources.map((a: { title: string }) => a.title)).toEqual(['Hurricane Rafael strengthens as it nears western Cuba', "EU agrees new sanctions package targeting Russia's shadow fleet"]);
  });

  it.each([
    [['frobnicate'], /unknown verb "frobnicate"/],
    [['ask', '--loud', 'x'], /Unknown option '--loud'/],
    [['ask', ''], /question is empty/],
    [['summary'], /give an article/],
    [['sources', '--limit', 'many'], /--limit must be a positive whole number/],
    [['brief', '--since', 'whenever'], /can't read "whenever"/],
  ])('refuses %j with a one-line error', async (args, message) => {
    await expect(cli(args as string[])).rejects.toThrow(message);
  });

  it('errors are CliErrors or user-facing, never crashes', async () => {
    await expect(cli(['ask'], '\n\n')).rejects.toBeInstanceOf(CliError);
  });
});
