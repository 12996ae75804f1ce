// `briefbot ask` as a real process: without a model it never loads the `openai` package; with
// OPENAI_BASE_URL it asks the server there (through the real client) and prints the checked answer.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAI } from '../helpers/fake-openai.ts';
import { runNode } from '../helpers/spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefbot-model-cli-'));
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await FakeOpenAI.start();
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ask = (env: Record<string, string>, trace: string) =>
  runNode(['--import', 'tsx', '--import', './tests/helpers/trace-imports.mjs', 'src/cli.ts', 'ask', '--json', 'How many companies did the Treasury sanction?'], {
    env: { BRIEFBOT_DB: join(dir, 'cli.db'), BRIEFBOT_TRACE_IMPORTS: trace, ...env },
  });

describe('briefbot ask and the model', () => {
  it('without a model: the extractive answer, and the openai package is never loaded', async () => {
    const trace = join(dir, 'none.trace');
    const r = await ask({}, trace);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(out.answer).toBe('274 companies');
    expect(out.via).toBeUndefined();
    expect(existsSync(trace)).toBe(false);
  });

  it('with OPENAI_BASE_URL: the server answers, the answer is checked, and the package is loaded then', async () => {
    fake.reply = () => ({ kind: 'json', text: 'The Treasury sanctioned 274 companies accused of supplying Russia with advanced technology [1].' });
    const trace = join(dir, 'model.trace');
    const r = await ask({ OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'local-llama', OPENAI_API_KEY: 'sk-cli-test-secret-key-0123456789' }, trace);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(out).toMatchObject({ via: 'model', answer: expect.stringMatching(/^The Treasury sanctioned 274 companies .* \[1\]\.$/) });
    expect(out.citations[0].sentence).toMatch(/274 companies/);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body.model).toBe('local-llama');
    expect(readFileSync(trace, 'utf8')).toMatch(/^openai$/m);
  });
});
