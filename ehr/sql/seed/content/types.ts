/**
 * Shapes of the hand-written demo content that the seed turns into rows.
 *
 * Content is fictional and uses placeholders instead of names so that the seed can bind each script to a
 * generated client deterministically. Placeholders: {client} (the identified client's first name),
 * {clinician} (the clinician's first name), {guardian} (a minor client's guardian's first name),
 * {partner} (the other member of a couple), {sibling} (another child in a family session),
 * {practice} (the practice name). Nothing else in braces is allowed.
 */

export type ServiceType =
  | 'intake_evaluation'
  | 'psychiatric_evaluation'
  | 'individual_therapy'
  | 'family_therapy'
  | 'couples_therapy'
  | 'group_therapy'
  | 'crisis'
  | 'medication_management';

export type Modality = 'telehealth' | 'in_person';
export type Language = 'en' | 'es';

/** Which kind of demo client a script needs. */
export type ClientProfile = 'adult' | 'minor' | 'couple' | 'family';

export type ProblemKey =
  | 'depression'
  | 'generalized_anxiety'
  | 'panic'
  | 'ptsd'
  | 'adhd'
  | 'alcohol_use'
  | 'opioid_use'
  | 'adjustment'
  | 'bipolar'
  | 'social_anxiety'
  | 'ocd'
  | 'grief'
  | 'couples_distress'
  | 'family_conflict'
  | 'borderline_traits';

/** Speaker codes used in transcript lines. */
export type Speaker = 'clinician' | 'client' | 'guardian' | 'partner' | 'sibling';

export interface TranscriptScript {
  /** Stable, unique, kebab-case. */
  key: string;
  title: string;
  serviceType: ServiceType;
  /** e.g. CBT, DBT skills, EMDR-informed, motivational interviewing, family systems. */
  approach: string;
  modality: Modality;
  durationMinutes: number;
  language: Language;
  profile: ClientProfile;
  problem: ProblemKey;
  /** Set when the session is part of a 42 CFR Part 2 substance-use program. */
  part2?: boolean;
  /** 400 to 1,200 words across all lines. */
  lines: ReadonlyArray<readonly [Speaker, string]>;
}

export type MessageCategory =
  | 'urgent_risk'
  | 'clinical_question'
  | 'medication_refill'
  | 'scheduling'
  | 'billing_insurance'
  | 'records_request'
  | 'administrative'
  | 'other';

/** What a human reviewer would say the risk content of a message is. Seed annotation, never stored. */
export type RiskKind =
  | 'none'
  | 'suicide_direct'
  | 'suicide_indirect'
  | 'suicide_passive'
  | 'preparatory_acts'
  | 'self_harm'
  | 'harm_to_others'
  | 'abuse_disclosure'
  | 'overdose_or_medical'
  | 'intoxication'
  | 'negated'
  | 'historical';

export interface InboxMessageScript {
  key: string;
  subject: string;
  /** Patient-portal message text, written as a real client or guardian would (typos allowed). */
  body: string;
  from: 'client' | 'guardian';
  language: Language;
  profile: 'adult' | 'minor';
  /** Expected categories; several when the message has several intents. */
  intents: readonly MessageCategory[];
  risk: RiskKind;
  expectedUrgency: 'emergency' | 'urgent' | 'routine';
  /** True when the body carries prompt-injection text aimed at an AI assistant. */
  injection?: boolean;
  /** Optional earlier message in the same thread, from the same sender. */
  earlier?: string;
}

export interface DiagnosisRef {
  /** A billable ICD-10-CM code from the FY2026 set (../shared/datasets/icd10cm-behavioral.csv). */
  code: string;
  description: string;
}

export interface GoalTemplate {
  goal: string;
  objectives: readonly string[];
  interventions: readonly string[];
}

/**
 * Phrase banks per presenting problem, used to compose signed progress notes, treatment plans and
 * psychotherapy notes. Each string is one or two complete clinical sentences, specific (no
 * "within normal limits" boilerplate), and may use {client}.
 */
export interface ProblemProfile {
  key: ProblemKey;
  label: string;
  diagnoses: readonly DiagnosisRef[];
  /** Which client kinds this problem fits. */
  profiles: readonly ClientProfile[];
  part2?: boolean;
  /** What the client reports (subjective / data / behavior). At least 8. */
  reports: readonly string[];
  /** What the clinician observed in session (objective). At least 6. */
  observations: readonly string[];
  /** Clinical assessment / formulation sentences. At least 6. */
  assessments: readonly string[];
  /** Interventions used in session. At least 8. */
  interventions: readonly string[];
  /** Client response to the interventions. At least 6. */
  responses: readonly string[];
  /** Plan and next-session sentences. At least 6. */
  plans: readonly string[];
  /** Risk assessment statements, each a complete statement. At least 4. */
  riskStatements: readonly string[];
  /** Treatment-plan goals. At least 2. */
  goals: readonly GoalTemplate[];
  /** Psychotherapy (process) note reflections: the clinician's private impressions. At least 4. */
  processReflections: readonly string[];
}
