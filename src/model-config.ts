// The language model from the configuration: an OpenAI-compatible provider when OPENAI_API_KEY or
// OPENAI_BASE_URL is set, nothing otherwise (extractive answers). The provider loads the `openai`
// package on its first request, so a bot without a model never loads it.
import type { Config } from './config.ts';
import type { Logger } from './core/log.ts';
import type { Metrics } from './core/metrics.ts';
import type { LanguageModel } from './core/models/language-model.ts';
import { describeServer, OpenAIModel } from './core/models/openai-model.ts';

export function modelFromConfig(config: Pick<Config, 'openai'>, log: Logger, metrics?: Metrics): LanguageModel | undefined {
  const c = config.openai;
  if (!c) return undefined;
  log.info('language model configured', { model: c.model, server: describeServer(c.baseUrl), timeoutMs: c.timeoutMs });
  return new OpenAIModel({ apiKey: c.apiKey, baseUrl: c.baseUrl, model: c.model, timeoutMs: c.timeoutMs, log: log.child({ component: 'model' }), metrics });
}
