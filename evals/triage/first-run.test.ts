import { describe, expect, it } from 'vitest';
import type { Triage } from '../../clinical/triage/classify.ts';
import { allSetNames, decisionsOf, diffDecisions, formatFigures, roundFigures } from './first-run.ts';
import type { LabelledTriageMessage } from './sets.ts';

const message = (id: string, text: string, risk: boolean): LabelledTriageMessage => ({
  id,
  kind: risk ? 'risk' : 'routine',
  language: 'en',
  urgency: risk ? 'urgent' : 'routine',
  categories: risk ? ['urgent_risk'] : ['scheduling'],
  mustEscalate: risk,
  text,
});

// A stand-in classifier: escalates whatever matches, so the figures below are known by construction.
const byWord =
  (word: RegExp) =>
  (text: string): Triage => {
    const hit = word.test(text);
    return {
      categories: hit ? ['urgent_risk'] : ['scheduling'],
      urgency: hit ? 'urgent' : 'routine',
      escalate: hit,
      reasons: [],
      discounted: [],
      source: 'rules',
    };
  };

const a = [message('a1', 'alarm one', true), message('a2', 'quiet risk', true), message('a3', 'move my alarm', false)];
const b = [message('b1', 'alarm two', true), message('b2', 'book a time', false)];

describe('a triage round first run', () => {
  it('reports each set and all together, as the README writes them', () => {
    const figures = roundFigures(
      [
        { name: 'a', cases: a },
        { name: 'b', cases: b },
      ],
      byWord(/alarm/),
    );
    expect(figures.map((f) => f.name)).toEqual(['a', 'b', 'together']);
    expect(formatFigures(figures[2] as (typeof figures)[number])).toBe('0.667 (2/3) / 0.500 (1/2) / 0.600');
  });

  it('names the risk messages a rule change lost or gained and the false alarms it fixed or added', () => {
    const cases = [...a, ...b];
    const diff = diffDecisions(decisionsOf(cases, byWord(/alarm/)), decisionsOf(cases, byWord(/quiet|book|two/)));
    expect(diff.lost).toEqual(['a1']);
    expect(diff.gained).toEqual(['a2']);
    expect(diff.fixedFalseAlarms).toEqual(['a3']);
    expect(diff.newFalseAlarms).toEqual(['b2']);
    expect(diff.riskUrgencyChanged).toEqual(['a1', 'a2']);
  });

  it('finds every labelled set in the folder, untouched ones included', () => {
    const names = allSetNames();
    expect(names).toContain('messages');
    expect(names).toContain('sealed48');
    expect(names).toContain('contrast14');
  });
});
