import { OpenTelemetry } from '@ai-sdk/otel';
import { LangfuseSpanProcessor } from '@langfuse/otel';
import { context, type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Tracing of chat turns to Langfuse (OpenTelemetry): a `chat.turn` span per request, the AI SDK's model-call and
 * tool spans under it, and a `charta.tool` span with the policy decision under each tool call.
 *
 * PHI never leaves in a span. Two layers: the AI SDK is told not to record prompts, outputs, tool arguments or
 * results (`recordInputs/recordOutputs: false`), and a scrubbing processor, registered before Langfuse's exporter,
 * drops any attribute that could carry content (message, prompt, input, output, argument, result, text, content)
 * whatever library set it. What remains: ids (charta ids, never names), model, token counts, timings, decisions.
 */

const CONTENT_KEY = /(message|prompt|input|output|argument|result|text|content|instruction|completion|response\.text)/i;
const KEEP = new Set([
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.output_tokens',
  'ai.usage.inputTokens',
  'ai.usage.outputTokens',
]);

/** Exported so the test can check the scrubber on its own. */
export class PhiScrubbingProcessor implements SpanProcessor {
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    // Span attributes are still mutable in onEnd, before processors registered after this one export the span.
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of Object.keys(attributes)) {
      if (CONTENT_KEY.test(key) && !KEEP.has(key)) delete attributes[key];
    }
    for (const event of span.events) {
      const eventAttributes = (event.attributes ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(eventAttributes)) if (CONTENT_KEY.test(key)) delete eventAttributes[key];
    }
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface ChatTracing {
  tracer: Tracer;
  /** The AI SDK integration, passed per call so nothing global changes. */
  integration: OpenTelemetry;
  /** Runs `work` inside a span; ends it with an error status when `work` throws. */
  inSpan<T>(
    name: string,
    attributes: Record<string, string | number | boolean>,
    work: (span: Span) => Promise<T>,
  ): Promise<T>;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface LangfuseSettings {
  publicKey: string;
  secretKey: string;
  baseUrl: string;
  /** `immediate` exports each span as it ends (tests); `batched` is for production. */
  exportMode?: 'immediate' | 'batched';
}

let contextManagerSet = false;

export function createTracing(settings: LangfuseSettings): ChatTracing {
  // Spans nest only if the active context follows async work; set once per process.
  if (!contextManagerSet) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerSet = true;
  }
  const provider = new BasicTracerProvider({
    spanProcessors: [
      new PhiScrubbingProcessor(),
      new LangfuseSpanProcessor({
        publicKey: settings.publicKey,
        secretKey: settings.secretKey,
        baseUrl: settings.baseUrl,
        exportMode: settings.exportMode ?? 'batched',
        // Langfuse's default keeps only the spans of LLM libraries it knows; charta's own turn and policy spans
        // are the ones that tie a model call to a person and a decision, so every span of this provider goes.
        shouldExportSpan: () => true,
      }),
    ],
  });
  const tracer = provider.getTracer('charta');
  return {
    tracer,
    integration: new OpenTelemetry({ tracer }),
    async inSpan(name, attributes, work) {
      return tracer.startActiveSpan(name, { attributes }, async (span) => {
        try {
          return await work(span);
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
          throw error;
        } finally {
          span.end();
        }
      });
    },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

/** The active span, for adding attributes from inside a tool call. */
export const activeSpan = () => trace.getActiveSpan();
