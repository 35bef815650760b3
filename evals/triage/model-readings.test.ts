import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelTriageAnswer } from '../../clinical/triage/model-opinion.ts';
import { URGENCY_RANK } from '../../clinical/triage/risk.ts';
import { formatFigures } from './first-run.ts';
import { READINGS_DIR, type ReplayedMessage, readReadings, replay, replayFigures } from './model-readings.ts';
import { readTriageSet } from './sets.ts';

/** Every recorded reading in model-readings/: `<set>.<reader>.jsonl`. */
const recorded = readdirSync(READINGS_DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => {
    const [set = '', reader = ''] = f.slice(0, -'.jsonl'.length).split('.');
    return { set, reader };
  });

function expectFloorHeld(replayed: readonly ReplayedMessage[]): void {
  for (const { message, floor, merged } of replayed) {
    const where = `${message.id}: ${floor.urgency} → ${merged.urgency}`;
    expect(URGENCY_RANK[merged.urgency], where).toBeGreaterThanOrEqual(URGENCY_RANK[floor.urgency]);
    if (floor.escalate) expect(merged.escalate, where).toBe(true);
    for (const kept of ['urgent_risk', 'clinical_question'] as const) {
      if (floor.categories.includes(kept)) expect(merged.categories, where).toContain(kept);
    }
    for (const reason of floor.reasons) expect(merged.reasons, where).toContainEqual(reason);
  }
}

describe('the engine with a model configured, replayed from recorded readings', () => {
  it('holds the floor on every message when the model answers routine to everything', () => {
    const cases = readTriageSet('messages');
    const downgrade: ModelTriageAnswer = { urgency: 'routine', categories: ['other'], reasons: [] };
    const replayed = replay(cases, new Map(cases.map((c) => [c.id, downgrade])));
    expectFloorHeld(replayed);
    const f = replayFigures('messages', replayed);
    expect(f.merged.riskEscalated).toBe(f.floor.riskEscalated);
    expect(f.alone.riskEscalated).toBe(0);
  });

  it('refuses a reading off the answer contract instead of scoring it', () => {
    const cases = readTriageSet('messages').slice(0, 2);
    expect(() => replay(cases, new Map())).toThrow(/no model reading/);
  });

  for (const { set, reader } of recorded) {
    it(`${set}, read by ${reader}: one reading per message, and the floor held on each`, () => {
      const cases = readTriageSet(set);
      const readings = readReadings(set, reader);
      expect([...readings.keys()].sort()).toEqual(cases.map((c) => c.id).sort());
      const replayed = replay(cases, readings);
      expectFloorHeld(replayed);
      const f = replayFigures(set, replayed);
      // Printed, not asserted: these are untouched sets (sets.ts), measured and never tuned on.
      console.log(
        `${set} (${reader}) recall / false escalation / category — floor+model ${formatFigures(f.merged)}; floor ${formatFigures(f.floor)}; model alone ${formatFigures(f.alone)}`,
      );
      expect(f.merged.riskEscalated).toBeGreaterThanOrEqual(f.floor.riskEscalated);
    });
  }
});
