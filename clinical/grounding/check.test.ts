import { describe, expect, it } from 'vitest';
import { checkGrounding } from './check.ts';

const SOURCE = [
  'Clinician: In the past two weeks, have you had any thoughts of killing yourself?',
  "Client: No. I haven't had any thoughts like that.",
  'Client: I take sertraline, 100 milligrams every morning, and I sleep about five hours.',
  'Client: My sister Dana called on Thursday.',
  'Client: I think the walks helped, maybe a little.',
  'Clinician: Your PHQ-9 is 14 this week.',
  'Clinician: See you next Tuesday at 4:30.',
].join('\n');
const check = (claim: string) => {
  const report = checkGrounding({ s: claim }, [{ id: 'trn_1', type: 'transcript', text: SOURCE }]);
  const [first] = report.claims;
  if (!first) throw new Error('no claim');
  return { label: first.label, kinds: first.findings.map((f) => f.kind), first };
};

describe('grounding checker', () => {
  it('supports a restated source sentence and cites where it came from', () => {
    const { label, first } = check('Client takes sertraline 100 milligrams every morning.');
    expect(label).toBe('supported');
    expect(first.evidence[0]?.quote).toContain('sertraline');
    expect(SOURCE.slice(first.evidence[0]?.start, first.evidence[0]?.end)).toBe(first.evidence[0]?.quote);
  });

  it.each([
    ['a changed dose', 'Client takes sertraline 150 milligrams every morning.', 'number'],
    ['a new medication', 'Client takes bupropion every morning.', 'medication'],
    ['an invented score', 'Her PHQ-9 is 21 this week.', 'number'],
    ['an invented diagnosis', 'Presentation is consistent with major depressive disorder (F32.1).', 'diagnosis'],
    ['a wrong day', 'My sister Dana called on Friday.', 'date_time'],
    ['an invented person', 'Her brother Marcus called on Thursday.', 'person'],
    ['an invented quote', 'Client said, "I want to give up on everything."', 'quotation'],
    ['a polarity flip on risk', 'Client reports thoughts of killing herself.', 'negation'],
    ['a polarity flip', 'I have had thoughts like that.', 'negation'],
    ['certainty inflation', 'The walks definitely helped.', 'certainty'],
    ['assumed-normal exam text', 'Client was alert and oriented x4 with euthymic mood.', 'assumed_normal'],
  ])('flags %s', (_what, claim, kind) => {
    const { label, kinds } = check(claim);
    expect(label).not.toBe('supported');
    expect(kinds).toContain(kind);
  });

  it('labels "reports SI" contradicted when the source denies it, and accepts "denies SI"', () => {
    expect(check('Client reports suicidal ideation.').label).toBe('contradicted');
    expect(check('Client denies suicidal ideation.').label).not.toBe('contradicted');
  });

  it('skips the drafter’s empty-section marker and speaker labels', () => {
    const report = checkGrounding(
      {
        a: '[Nothing in the source for this section — to be completed by the clinician.]',
        b: 'Client: My sister Dana called on Thursday.',
      },
      [{ id: 't', type: 'transcript', text: SOURCE }],
    );
    expect(report.claims).toHaveLength(1);
    expect(report.flagged).toBe(false);
  });
  it('never flags a sentence copied word for word from the source: a possessive name, a bare number answer', () => {
    const source = [
      'Clinician: How strong was the urge, from 0 to 100?',
      'Client: About 80.',
      "Clinician: Plan: call the Alzheimer's helpline on Monday. Next session in two weeks.",
    ].join('\n');
    const report = checkGrounding(
      { s: "Clinician: Plan: call the Alzheimer's helpline on Monday.\nClient: About 80." },
      [{ id: 't', type: 'transcript', text: source }],
    );
    expect(report.claims.map((c) => c.label)).toEqual(['supported', 'supported']);
    // The name alone, in a restated claim, is still found through the source's possessive.
    expect(check("Client's sister Dana's call came on Thursday.").kinds).not.toContain('person');
    // A copied number that is changed is still caught.
    const changed = checkGrounding({ s: 'Client: About 90.' }, [{ id: 't', type: 'transcript', text: source }]);
    expect(changed.flagged).toBe(true);
  });
});
