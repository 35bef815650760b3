import { describe, expect, it } from 'vitest';
import { buildPriorAuthPacket, type PacketInputs } from './prior-auth.ts';

const base: PacketInputs = {
  requested: { services: ['90837'], sessions: 12, from: '2026-12-01', through: '2027-02-28' },
  diagnoses: [
    {
      code: 'F33.1',
      description: 'Major depressive disorder, recurrent, moderate',
      evidence: [
        { kind: 'note', section: 'assessment', start: 0, end: 10, quote: 'MDD, recurrent, moderate', noteId: 'note_1' },
      ],
    },
    { code: 'F41.1', description: 'Generalized anxiety disorder', evidence: [] },
  ],
  assessments: [
    { id: 'asm_2', instrument: 'PHQ-9', total: 12, severity: 'moderate', administeredAt: '2026-11-01T10:00:00Z' },
    {
      id: 'asm_1',
      instrument: 'PHQ-9',
      total: 19,
      severity: 'moderately severe',
      administeredAt: '2026-09-01T10:00:00Z',
    },
  ],
  plan: { id: 'tpl_1', goals: [{ problem: 'Depression', goal: 'Return to work half-time.' }] },
  sessions: [
    { id: 'apt_2', date: '2026-10-01', serviceType: 'individual_therapy' },
    { id: 'apt_1', date: '2026-09-01', serviceType: 'intake_evaluation' },
  ],
};

describe('prior-authorization packet', () => {
  it('cites a record for every medical-necessity sentence and orders scores over time', () => {
    const packet = buildPriorAuthPacket(base);
    for (const s of packet.medicalNecessity) {
      expect(s.citations.length, s.text).toBeGreaterThan(0);
      for (const id of s.citations) expect(packet.citations.map((c) => c.id)).toContain(id);
    }
    expect(packet.medicalNecessity.map((s) => s.text)).toContain(
      'PHQ-9 went from 19 (moderately severe) on 2026-09-01 to 12 (moderate) on 2026-11-01 over 2 administrations.',
    );
    expect(packet.sessionsToDate).toEqual({
      count: 2,
      first: '2026-09-01',
      last: '2026-10-01',
      byService: { intake_evaluation: 1, individual_therapy: 1 },
    });
  });

  it('never asserts a diagnosis no note supports: it becomes a gap instead', () => {
    const packet = buildPriorAuthPacket(base);
    expect(packet.medicalNecessity.some((s) => s.text.includes('F41.1'))).toBe(false);
    expect(packet.gaps.join()).toMatch(/F41.1 .* no note read here documents it/);
  });

  it('names missing scores, plan and sessions as gaps', () => {
    const packet = buildPriorAuthPacket({ ...base, assessments: [], plan: null, sessions: [] });
    expect(packet.gaps).toEqual(
      expect.arrayContaining([
        'No standardized assessment scores are on record.',
        'No active treatment plan with goals is on record.',
        'No completed sessions are on record.',
      ]),
    );
  });
});
