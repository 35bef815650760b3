/**
 * The chart records the chart engines read, as plain shapes (structurally compatible with the EHR's records, so
 * clinical/ stays free of imports from the rest of charta), and the citation every statement they make carries.
 */
export type CitedType = 'note' | 'assessment' | 'treatment_plan' | 'diagnosis' | 'appointment' | 'risk_flag' | 'intake';

export interface Citation {
  sourceType: CitedType;
  id: string;
  /** YYYY-MM-DD of the cited record; null only for a diagnosis recorded without an onset date. */
  date: string | null;
}

/** A sentence an engine states, with the records that support it. An engine never emits one without a citation. */
export interface Statement {
  text: string;
  cites: Citation[];
}

export interface ChartNote {
  id: string;
  clientId: string;
  appointmentId: string | null;
  authorId: string;
  kind: string;
  format: string;
  status: 'draft' | 'signed' | 'locked';
  sections: Readonly<Record<string, string>>;
  createdAt: string;
  signedAt: string | null;
}

export interface ChartDiagnosis {
  id: string;
  code: string;
  description: string;
  rank: number;
  status: 'active' | 'resolved' | 'ruled_out';
  onsetOn: string | null;
}

export interface ChartAssessment {
  id: string;
  instrument: 'PHQ-9' | 'GAD-7';
  itemResponses: ReadonlyArray<number | null>;
  total: number;
  severity: string;
  administeredAt: string;
}

export interface ChartPlanObjective {
  id: string;
  description: string;
  targetDate: string | null;
  status: string;
}

export interface ChartPlan {
  id: string;
  status: 'draft' | 'active' | 'completed' | 'superseded';
  problems: ReadonlyArray<{
    id: string;
    description: string;
    icd10: string | null;
    goals: ReadonlyArray<{
      id: string;
      description: string;
      objectives: readonly ChartPlanObjective[];
      interventions: readonly string[];
    }>;
  }>;
  effectiveOn: string | null;
  reviewDueOn: string | null;
  createdAt: string;
}

export interface ChartRiskFlag {
  id: string;
  kind: string;
  urgency: string;
  status: 'pending_review' | 'reviewed';
  recommendedAction: string;
  createdAt: string;
}

export interface ChartAppointment {
  id: string;
  clientId: string;
  clinicianId: string;
  serviceType: string;
  startsAt: string;
  status: string;
}

export const day = (timestamp: string): string => timestamp.slice(0, 10);

export const cite = (sourceType: CitedType, id: string, date: string | null): Citation => ({ sourceType, id, date });

export const noteCite = (note: ChartNote): Citation => cite('note', note.id, day(note.signedAt ?? note.createdAt));

/** Sentences of clinician-written text, by the built-in ICU segmenter. */
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
export function sentencesOf(text: string): string[] {
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter((s) => s.length > 0);
}

/** Adds whole days to a YYYY-MM-DD date, in UTC. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
