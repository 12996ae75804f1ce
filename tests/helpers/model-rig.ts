// What every chat-platform test with a language model starts from: a local OpenAI-compatible
// server, a core whose model is the real `openai` client pointed at it (on a fixed clock), and
// dispatch over every command with a silent log. The platform's fake and adapter go on top.
import { commands } from '../../commands/index.ts';
import { commandMap, type DispatchDeps } from '../../src/core/dispatch.ts';
import { createLogger, type Logger } from '../../src/core/log.ts';
import { OpenAIModel } from '../../src/core/models/openai-model.ts';
import { makeTestCore, type TestCore } from './core.ts';
import { FakeOpenAI } from './fake-openai.ts';

export interface ModelRig {
  openai: FakeOpenAI;
  t: TestCore;
  log: Logger;
  deps: DispatchDeps;
  close(): Promise<void>;
}

/** `secrets`: the platform's tokens, which the log must never show. */
export async function startModelRig(secrets: string[]): Promise<ModelRig> {
  const openai = await FakeOpenAI.start();
  const t = await makeTestCore({
    now: () => new Date('2024-11-05T18:00:00Z'),
    model: (log: Logger) => new OpenAIModel({ apiKey: 'sk-model-test-0123456789abcdef', baseUrl: openai.url, model: 'test-model', timeoutMs: 5_000, log }),
  });
  const log = createLogger({ level: 'silent', secrets });
  return {
    openai,
    t,
    log,
    deps: { commands: commandMap(commands), core: t.core, log, admins: new Set() },
    close: async () => {
      await openai.close();
      await t.cleanup();
    },
  };
}
