/**
 * Progress-note formats as data: the sections of each, in order. The drafting and validation engines build on
 * this table; the EHR stores a note's sections under these keys.
 */
export const NOTE_FORMAT_SECTIONS = {
  SOAP: [
    { key: 'subjective', title: 'Subjective' },
    { key: 'objective', title: 'Objective' },
    { key: 'assessment', title: 'Assessment' },
    { key: 'plan', title: 'Plan' },
  ],
  DAP: [
    { key: 'data', title: 'Data' },
    { key: 'assessment', title: 'Assessment' },
    { key: 'plan', title: 'Plan' },
  ],
  BIRP: [
    { key: 'behavior', title: 'Behavior' },
    { key: 'intervention', title: 'Intervention' },
    { key: 'response', title: 'Response' },
    { key: 'plan', title: 'Plan' },
  ],
  GIRP: [
    { key: 'goals', title: 'Goals' },
    { key: 'intervention', title: 'Intervention' },
    { key: 'response', title: 'Response' },
    { key: 'plan', title: 'Plan' },
  ],
  narrative: [{ key: 'narrative', title: 'Narrative' }],
} as const satisfies Record<string, ReadonlyArray<{ key: string; title: string }>>;

export type StructuredNoteFormat = keyof typeof NOTE_FORMAT_SECTIONS;

/** Sections of an intake (diagnostic evaluation) note, stored with format 'narrative'. */
export const INTAKE_NOTE_SECTIONS = [
  { key: 'presenting_problem', title: 'Presenting problem' },
  { key: 'history', title: 'History' },
  { key: 'mental_status', title: 'Mental status (observed)' },
  { key: 'risk_assessment', title: 'Risk assessment' },
  { key: 'diagnostic_impression', title: 'Diagnostic impression' },
  { key: 'plan', title: 'Plan' },
] as const;

export const sectionKeys = (format: StructuredNoteFormat): string[] => NOTE_FORMAT_SECTIONS[format].map((s) => s.key);
