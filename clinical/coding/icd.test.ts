import { describe, expect, it } from 'vitest';
import { buildCodeSet } from './code-set.ts';
import { checkProposedDiagnoses, suggestDiagnoses } from './icd.ts';

const set = buildCodeSet(2026, [
  { code: 'F32.1', billable: true, description: 'Major depressive disorder, single episode, moderate' },
  { code: 'F32.9', billable: true, description: 'Major depressive disorder, single episode, unspecified' },
  { code: 'F33.1', billable: true, description: 'Major depressive disorder, recurrent, moderate' },
  { code: 'F41.1', billable: true, description: 'Generalized anxiety disorder' },
  { code: 'F43.1', billable: false, description: 'Post-traumatic stress disorder (PTSD)' },
  { code: 'F43.10', billable: true, description: 'Post-traumatic stress disorder, unspecified' },
  { code: 'F43.12', billable: true, description: 'Post-traumatic stress disorder, chronic' },
  { code: 'F31.9', billable: true, description: 'Bipolar disorder, unspecified' },
]);
const run = (text: string) => suggestDiagnoses({ sections: { assessment: text } }, set);
const codes = (text: string) => run(text).suggestions.map((s) => s.code);

describe('ICD-10-CM suggestions', () => {
  it('codes a documented diagnosis with its qualifiers, evidence, confidence and code-set version', () => {
    const [s] = run('Diagnosis: major depressive disorder, recurrent, moderate.').suggestions;
    expect(s).toMatchObject({ code: 'F33.1', codeSet: 'ICD-10-CM FY2026' });
    expect(s?.evidence[0]).toMatchObject({
      kind: 'note',
      section: 'assessment',
      quote: 'major depressive disorder, recurrent, moderate',
    });
    expect(s?.confidence).toBeGreaterThan(0.5);
  });

  it('replaces a written unspecified code with the specific one the note documents, and says so', () => {
    const [s] = run('Dx F32.9. Major depressive disorder, single episode, moderate severity.').suggestions;
    expect(s?.code).toBe('F32.1');
    expect(s?.hint).toBe(
      'F32.9 is unspecified; the note documents major depressive disorder, single episode, moderate → F32.1.',
    );
  });

  it('keeps a written unspecified code when nothing more specific is documented, with a hint', () => {
    expect(codes('Diagnosis: major depressive disorder (F32.9).')).toEqual(['F32.9']);
    expect(run('Diagnosis: major depressive disorder.').suggestions[0]?.hint).toMatch(/F32.9 is unspecified/);
  });

  it('never suggests a header or an unknown code, and reports both', () => {
    const result = run('Codes on file: F43.1 and F99.99.');
    expect(result.suggestions).toEqual([]);
    expect(result.problems.map((p) => p.code)).toEqual(['F43.1', 'F99.99']);
    expect(result.problems[0]?.reason).toMatch(/header, not billable/);
  });

  it('uses the documented specificity when a header is written', () => {
    const [s] = run('Diagnosis F43.1: PTSD, chronic.').suggestions;
    expect(s?.code).toBe('F43.12');
    expect(s?.hint).toMatch(/F43.1 is a category header/);
  });

  it.each([
    'Client denies symptoms of generalized anxiety disorder.',
    'Rule out bipolar disorder.',
    'Family history of bipolar disorder.',
    'Mother has generalized anxiety disorder.',
    'Possible PTSD; to be assessed.',
    'PTSD was ruled out.',
    'GAD-7 total 12 today, down from 15.',
  ])('suggests nothing for a diagnosis that is not the client’s current one: %s', (text) => {
    expect(codes(text)).toEqual([]);
  });

  it('still codes the current diagnosis in a clause beside a negated one', () => {
    expect(codes('Diagnosis: generalized anxiety disorder. Rule out bipolar disorder.')).toEqual(['F41.1']);
  });
});

describe('model-proposed diagnoses', () => {
  const doc = { sections: { assessment: 'Meets criteria for generalized anxiety disorder.' } };
  it('accepts a billable code whose quote is in the note', () => {
    const r = checkProposedDiagnoses([{ code: 'F411', quotes: ['generalized anxiety disorder'] }], doc, set);
    expect(r.suggestions.map((s) => s.code)).toEqual(['F41.1']);
  });
  it('drops a code with an invented quote, a header, or no quote', () => {
    const r = checkProposedDiagnoses(
      [
        { code: 'F33.1', quotes: ['recurrent moderate depression'] },
        { code: 'F43.1', quotes: ['generalized anxiety disorder'] },
        { code: 'F41.1', quotes: [] },
      ],
      doc,
      set,
    );
    expect(r.suggestions).toEqual([]);
    expect(r.problems).toHaveLength(3);
  });
});
