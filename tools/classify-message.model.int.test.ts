import { describe, expect, it } from 'vitest';
import type { ModelOpinion } from '../clinical/triage/floor.ts';
import { CALLERS, usePipeline } from '../test/pipeline-fixtures.ts';

// A scripted configured model: answers "routine" about everything (a downgrade attempt), reads "done with everything"
// as risk, and fails outright on a message that mentions a timeout.
const seen: string[] = [];
const harness = usePipeline({
  triageModel: async (text): Promise<ModelOpinion> => {
    seen.push(text);
    if (text.includes('TIMEOUT')) throw new Error('model timed out');
    const at = text.indexOf('done with everything');
    if (at >= 0) {
      return {
        urgency: 'urgent',
        categories: ['urgent_risk', 'scheduling'],
        reasons: [{ code: 'passive_ideation', text: 'done with everything', start: at, end: at + 20 }],
      };
    }
    return { urgency: 'routine', categories: ['other'], reasons: [] };
  },
});

type Classified = { urgency: string; escalate: boolean; categories: string[]; engine: string; model: string };
async function classify(text: string): Promise<Classified> {
  const result = await harness.call(CALLERS.jamie, 'classify_message', { text });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.output as Classified;
}

describe('classify_message on pasted text with a model configured', () => {
  it('keeps the rules’ escalation when the model answers routine', async () => {
    const out = await classify("I've given my things away and said my goodbyes. Thank you for everything.");
    expect(out).toMatchObject({ escalate: true, engine: 'rules+model', model: 'read' });
    expect(out.categories).toContain('urgent_risk');
  });

  it('raises a message the rules left routine when the model reads risk in it', async () => {
    const out = await classify('Can I move Thursday to 4? Honestly I just feel done with everything lately.');
    expect(out).toMatchObject({ urgency: 'urgent', escalate: true, engine: 'rules+model', model: 'read' });
    expect(out.categories).toEqual(['urgent_risk', 'scheduling']);
  });

  it('answers with the rules’ result, saying so, when the model fails', async () => {
    const out = await classify('TIMEOUT: can you send me a copy of my last invoice for my insurance?');
    expect(out).toMatchObject({ engine: 'rules', model: 'failed', escalate: false });
  });

  it('gives the model the text as charta reads it, invisible characters removed', async () => {
    seen.length = 0;
    await classify('hello\u200b there, can I reschedule?');
    expect(seen).toEqual(['hello there, can I reschedule?']);
  });
});
