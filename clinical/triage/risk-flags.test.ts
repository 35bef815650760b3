import { describe, expect, it } from 'vitest';
import { classifyMessage } from './classify.ts';
import { deriveRiskFlags, type ScoredAdministration } from './risk-flags.ts';

const phq9 = (id: string, day: number, items: Array<number | null>): ScoredAdministration => ({
  id,
  instrument: 'PHQ-9',
  administeredAt: `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`,
  total: items.reduce<number>((s, v) => s + (v ?? 0), 0),
  itemResponses: items,
});

describe('deriveRiskFlags', () => {
  it('flags item 9 above 0 on the latest PHQ-9 for a same-day review', () => {
    const flags = deriveRiskFlags({
      administrations: [phq9('asm_1', 1, [1, 1, 1, 1, 1, 1, 1, 1, 0]), phq9('asm_2', 8, [1, 1, 1, 1, 1, 1, 1, 1, 1])],
      messages: [],
    });
    expect(flags).toEqual([expect.objectContaining({ kind: 'phq9_item9', sourceId: 'asm_2', urgency: 'urgent' })]);
    expect(flags[0]?.recommendedAction).toMatch(/Same-day/);
  });

  it('flags a skipped item 9 as unknown risk', () => {
    const flags = deriveRiskFlags({
      administrations: [phq9('asm_1', 1, [0, 0, 0, 0, 0, 0, 0, 0, null])],
      messages: [],
    });
    expect(flags.map((f) => f.kind)).toEqual(['phq9_item9_unknown']);
  });

  it('does not flag an item 9 endorsed earlier but not on the latest PHQ-9', () => {
    const flags = deriveRiskFlags({
      administrations: [phq9('asm_1', 1, [1, 1, 1, 1, 1, 1, 1, 1, 2]), phq9('asm_2', 8, [1, 1, 1, 1, 1, 1, 1, 1, 0])],
      messages: [],
    });
    expect(flags).toEqual([]);
  });

  it('flags a reliable worsening (5 PHQ-9 points from the previous administration)', () => {
    const flags = deriveRiskFlags({
      administrations: [phq9('asm_1', 1, [1, 1, 1, 0, 0, 0, 0, 0, 0]), phq9('asm_2', 8, [2, 2, 2, 1, 1, 0, 0, 0, 0])],
      messages: [],
    });
    expect(flags).toEqual([expect.objectContaining({ kind: 'worsening_trend', sourceId: 'asm_2' })]);
    expect(flags[0]?.evidence[0]?.detail).toMatch(/rose 5 points/);
  });

  it('flags an escalated risk message with its codes and offsets, never its text', () => {
    const body = "I've given my things away and written letters to my family.";
    const flags = deriveRiskFlags({ administrations: [], messages: [{ id: 'msg_1', triage: classifyMessage(body) }] });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'message_risk', sourceId: 'msg_1', urgency: 'emergency' });
    for (const e of flags[0]?.evidence ?? []) expect(body).not.toContain(e.detail);
  });

  it('flags nothing for a routine record', () => {
    const flags = deriveRiskFlags({
      administrations: [phq9('asm_1', 1, [1, 1, 0, 0, 0, 0, 0, 0, 0]), phq9('asm_2', 8, [1, 0, 0, 0, 0, 0, 0, 0, 0])],
      messages: [{ id: 'msg_1', triage: classifyMessage('Can I move Tuesday to 3pm?') }],
    });
    expect(flags).toEqual([]);
  });
});
