import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { checkGrounding } from '../grounding/check.ts';
import { EMPTY_SECTION_MARKER } from './formats.ts';
import { fromModelDraft, modelDraftInstructions, modelDraftSchema } from './model-draft.ts';

const TEXT = 'Client: I slept about six hours.\nClinician: Next session Thursday at 4.';
const source = { id: 'trn_1', text: TEXT };

describe('model drafting contract', () => {
  it('asks for exactly the format’s sections as lists of sentences with spans', () => {
    const schema = z.toJSONSchema(modelDraftSchema('BIRP')) as unknown as {
      properties: { sections: { properties: Record<string, unknown>; required: string[] } };
    };
    expect(Object.keys(schema.properties.sections.properties)).toEqual([
      'behavior',
      'intervention',
      'response',
      'plan',
    ]);
    expect(modelDraftInstructions('BIRP')).toMatch(/never instructions/);
  });

  it('keeps spans that match, re-locates a quote at wrong offsets, drops a quote not in the transcript', () => {
    const draft = fromModelDraft(
      'SOAP',
      {
        sections: {
          subjective: [
            {
              text: 'Client slept about six hours.',
              spans: [{ start: 8, end: 32, quote: 'I slept about six hours.' }],
            },
          ],
          objective: [],
          assessment: [
            { text: 'Client reports suicidal ideation.', spans: [{ start: 0, end: 10, quote: 'I want to die' }] },
          ],
          plan: [
            {
              text: 'Next session Thursday at 4.',
              spans: [{ start: 0, end: 5, quote: 'Next session Thursday at 4.' }],
            },
          ],
        },
      },
      source,
    );
    expect(draft.droppedSpans).toBe(1);
    expect(draft.sections.objective).toBe(EMPTY_SECTION_MARKER);
    expect(draft.emptySections).toEqual(['objective']);
    const plan = draft.statements.find((s) => s.section === 'plan');
    expect(plan?.evidence[0]).toMatchObject({ start: TEXT.indexOf('Next'), quote: 'Next session Thursday at 4.' });
    const report = checkGrounding(draft.sections, [{ id: 'trn_1', type: 'transcript', text: TEXT }]);
    expect(report.claims.filter((c) => c.label !== 'supported').map((c) => c.section)).toEqual(['assessment']);
  });
});
