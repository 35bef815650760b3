import { createAzure } from '@ai-sdk/azure';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { ModelConfig } from './model-config.ts';
import { createOfflineModel, OFFLINE_LABEL } from './offline/model.ts';

export interface ChatModel {
  model: LanguageModelV4;
  /** Shown with every answer: which model produced it. The offline assistant is never called an LLM. */
  label: string;
}

/** The configured model. `fetch` is injectable so tests can point a real provider at a local fake server. */
export function chatModel(
  config: ModelConfig,
  options: { fetch?: typeof fetch; today?: () => string } = {},
): ChatModel {
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  switch (config.kind) {
    case 'azure': {
      const azure = createAzure({
        ...(config.baseUrl ? { baseURL: config.baseUrl } : { resourceName: config.resourceName ?? '' }),
        apiKey: config.apiKey,
        ...fetchOption,
      });
      const model = config.api === 'chat' ? azure.chat(config.deployment) : azure(config.deployment);
      return { model: model as unknown as LanguageModelV4, label: `Azure OpenAI (${config.deployment})` };
    }
    case 'openai-compatible': {
      const provider = createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: config.baseUrl,
        ...(config.apiKey ? { apiKey: config.apiKey } : {}),
        includeUsage: true,
        ...fetchOption,
      });
      return { model: provider.chatModel(config.model), label: `${config.model} (OpenAI-compatible endpoint)` };
    }
    default:
      return { model: createOfflineModel(options.today ? { today: options.today } : {}), label: OFFLINE_LABEL };
  }
}
