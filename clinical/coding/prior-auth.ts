import type { Evidence } from './evidence.ts';

/**
 * A prior-authorization packet, assembled from records the caller may read: diagnoses with the note text that
 * supports them, assessment scores over time, treatment-plan goals, sessions to date, and a medical-necessity
 * summary whose every sentence cites the records it rests on. Pure: the tool gathers the records.
 */
export interface PacketInputs {
  requested: { services: string[]; sessions: number; from: string; through: string };
  diagnoses: Array<{ code: string; description: string; evidence: Array<Evidence & { noteId?: string }> }>;
  assessments: Array<{ id: string; instrument: string; total: number; severity: string; administeredAt: string }>;
  plan: { id: string; goals: Array<{ problem: string; goal: string }> } | null;
  sessions: Array<{ id: string; date: string; serviceType: string }>;
}

export interface Citation {
  id: string;
  kind: 'note' | 'assessment' | 'treatment_plan' | 'appointment';
  recordId: string;
  detail: string;
}

export interface Packet {
  requested: PacketInputs['requested'];
  diagnoses: PacketInputs['diagnoses'];
  assessmentsOverTime: PacketInputs['assessments'];
  planGoals: Array<{ problem: string; goal: string }>;
  sessionsToDate: { count: number; first: string | null; last: string | null; byService: Record<string, number> };
  medicalNecessity: Array<{ text: string; citations: string[] }>;
  citations: Citation[];
  /** What the packet could not support from the record: a reviewer fills these in or removes the claim. */
  gaps: string[];
}

export function buildPriorAuthPacket(input: PacketInputs): Packet {
  const citations: Citation[] = [];
  const cite = (kind: Citation['kind'], recordId: string, detail: string) => {
    const existing = citations.find((c) => c.kind === kind && c.recordId === recordId && c.detail === detail);
    if (existing) return existing.id;
    const id = `c${citations.length + 1}`;
    citations.push({ id, kind, recordId, detail });
    return id;
  };
  const necessity: Packet['medicalNecessity'] = [];
  const gaps: string[] = [];

  for (const dx of input.diagnoses) {
    const notes = dx.evidence.filter((e) => e.kind === 'note' && e.noteId);
    if (notes.length === 0) {
      gaps.push(`${dx.code} (${dx.description}) is on the problem list, but no note read here documents it.`);
      continue;
    }
    const ids = notes.slice(0, 3).map((e) => cite('note', e.noteId ?? '', e.kind === 'note' ? `“${e.quote}”` : ''));
    necessity.push({ text: `The record documents ${dx.description} (${dx.code}).`, citations: ids });
  }

  const byInstrument = new Map<string, PacketInputs['assessments']>();
  for (const a of [...input.assessments].sort((x, y) => (x.administeredAt < y.administeredAt ? -1 : 1))) {
    byInstrument.set(a.instrument, [...(byInstrument.get(a.instrument) ?? []), a]);
  }
  for (const [instrument, series] of byInstrument) {
    const first = series[0];
    const last = series.at(-1);
    if (!first || !last) continue;
    const ids = [cite('assessment', first.id, `${instrument} ${first.total} on ${first.administeredAt.slice(0, 10)}`)];
    if (last !== first)
      ids.push(cite('assessment', last.id, `${instrument} ${last.total} on ${last.administeredAt.slice(0, 10)}`));
    necessity.push({
      text:
        last === first
          ? `${instrument} was ${first.total} (${first.severity}) on ${first.administeredAt.slice(0, 10)}.`
          : `${instrument} went from ${first.total} (${first.severity}) on ${first.administeredAt.slice(0, 10)} to ${last.total} (${last.severity}) on ${last.administeredAt.slice(0, 10)} over ${series.length} administrations.`,
      citations: ids,
    });
  }
  if (input.assessments.length === 0) gaps.push('No standardized assessment scores are on record.');

  if (input.plan && input.plan.goals.length > 0) {
    const id = cite('treatment_plan', input.plan.id, `${input.plan.goals.length} goals`);
    necessity.push({
      text: `The active treatment plan sets ${input.plan.goals.length} goal(s), including: ${input.plan.goals[0]?.goal.replace(/[.\s]+$/, '')}.`,
      citations: [id],
    });
  } else gaps.push('No active treatment plan with goals is on record.');

  const sessions = [...input.sessions].sort((a, b) => (a.date < b.date ? -1 : 1));
  const byService: Record<string, number> = {};
  for (const s of sessions) byService[s.serviceType] = (byService[s.serviceType] ?? 0) + 1;
  if (sessions.length > 0) {
    const first = sessions[0];
    const last = sessions.at(-1);
    const ids = [first, last]
      .filter((s, i, all) => s && all.indexOf(s) === i)
      .map((s) => cite('appointment', s?.id ?? '', s?.date ?? ''));
    necessity.push({
      text: `${sessions.length} session(s) completed from ${first?.date} to ${last?.date}; ${input.requested.sessions} more of ${input.requested.services.join(', ')} are requested from ${input.requested.from} through ${input.requested.through}.`,
      citations: ids,
    });
  } else gaps.push('No completed sessions are on record.');

  return {
    requested: input.requested,
    diagnoses: input.diagnoses,
    assessmentsOverTime: input.assessments,
    planGoals: input.plan?.goals ?? [],
    sessionsToDate: {
      count: sessions.length,
      first: sessions[0]?.date ?? null,
      last: sessions.at(-1)?.date ?? null,
      byService,
    },
    medicalNecessity: necessity,
    citations,
    gaps,
  };
}
