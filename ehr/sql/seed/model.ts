import type { NewRow, TableName } from '../schema.ts';
import type { PracticeSpec } from './content/people.ts';
import type { ClientPlan } from './plan.ts';
import type { Prng } from './prng.ts';

/** Rows for every table, in insert order, plus annotations that tests use and the database never stores. */
export type SeedRows = { [T in TableName]: NewRow<T>[] };

export type ClaimErrorKind =
  | 'time_vs_code'
  | 'addon_without_primary'
  | 'telehealth_pos_modifier'
  | 'missing_dx_pointer'
  /** Not planted: the session's note was not signed yet when the claim was drafted (a real, common hold). */
  | 'unsigned_note';

export interface SeedAnnotations {
  /** Transcript script key → the appointment it was recorded in. */
  transcriptAppointments: Record<string, string>;
  /** Inbox script key → the stored message. */
  messages: Record<string, string>;
  /** Claim id → the deliberate errors it carries. */
  claimErrors: Record<string, ClaimErrorKind[]>;
}

export interface SeedResult {
  rows: SeedRows;
  annotations: SeedAnnotations;
}

/** A client the seed created, with what later steps need to know about it. */
export interface SeededClient {
  id: string;
  practiceId: string;
  plan: ClientPlan;
  firstName: string;
  lastName: string;
  displayName: string;
  guardianName: string | null;
  isMinor: boolean;
  /** For couples and families: the other client in the sessions (partner or sibling). */
  companionId: string | null;
  companionFirstName: string | null;
  /** The client the sessions are billed under; companions share that client's appointments. */
  isCompanion: boolean;
  clinicianId: string;
  insured: boolean;
  diagnosisCodes: string[];
  telehealthShare: number;
  sessionMinutes: number;
  startDate: string;
}

export interface PracticeContext {
  spec: PracticeSpec;
  anchor: string;
  rng: Prng;
  userIds: Map<string, string>;
  clients: SeededClient[];
  rows: SeedRows;
  annotations: SeedAnnotations;
}

export function emptyRows(): SeedRows {
  return {
    practices: [],
    users: [],
    supervisionLinks: [],
    clients: [],
    clientRelationships: [],
    clientDiagnoses: [],
    caseloadAssignments: [],
    consents: [],
    appointments: [],
    transcripts: [],
    notes: [],
    assessments: [],
    inboxThreads: [],
    inboxMessages: [],
    replyDrafts: [],
    treatmentPlans: [],
    intakeSubmissions: [],
    claims: [],
    claimLines: [],
    auditEvents: [],
    auditCheckpoints: [],
    webhookEvents: [],
  };
}

export const json = (value: unknown): string => JSON.stringify(value);
