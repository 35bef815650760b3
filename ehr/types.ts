/**
 * The EHR's domain records as the rest of charta sees them: camelCase, JSON-ready (timestamps are ISO-8601 UTC
 * strings, dates are YYYY-MM-DD), the same whichever adapter produced them.
 */

export const ROLES = ['clinician', 'supervisor', 'front_desk', 'biller', 'practice_admin'] as const;
export type Role = (typeof ROLES)[number];

export const SERVICE_TYPES = [
  'intake_evaluation',
  'psychiatric_evaluation',
  'individual_therapy',
  'family_therapy',
  'couples_therapy',
  'group_therapy',
  'crisis',
  'medication_management',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const NOTE_FORMATS = ['SOAP', 'DAP', 'BIRP', 'GIRP', 'narrative'] as const;
export type NoteFormat = (typeof NOTE_FORMATS)[number];
export const NOTE_KINDS = ['progress', 'intake', 'psychotherapy'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export type NoteStatus = 'draft' | 'signed' | 'locked';

export const CONSENT_KINDS = ['ai_documentation', 'session_recording', 'part2_disclosure'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export type Modality = 'telehealth' | 'in_person';
export type AppointmentStatus = 'scheduled' | 'completed' | 'cancelled' | 'no_show' | 'late_cancelled';
export type Urgency = 'emergency' | 'urgent' | 'routine';
export type Instrument = 'PHQ-9' | 'GAD-7';
export type ClaimStatus = 'draft' | 'ready' | 'submitted' | 'accepted' | 'rejected' | 'denied' | 'paid';

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

export interface PageRequest {
  /** 1 to 200; adapters clamp. */
  limit?: number;
  cursor?: string | null;
}

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postalCode: string;
}

export interface Practice {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  npi: string | null;
  phone: string | null;
  address: Address | null;
  settings: Record<string, unknown>;
}

export interface User {
  id: string;
  practiceId: string;
  username: string;
  email: string;
  displayName: string;
  role: Role;
  credentials: string | null;
  npi: string | null;
  isPrescriber: boolean;
  onCall: boolean;
  active: boolean;
}

export interface Guardian {
  name: string;
  relationship: string;
  phone: string;
  email: string | null;
}

export interface Insurance {
  payer: string;
  payerId: string;
  memberId: string;
  groupNumber: string | null;
  planType: 'commercial' | 'medicaid' | 'medicare' | 'self_pay';
}

export interface Diagnosis {
  id: string;
  code: string;
  description: string;
  rank: number;
  status: 'active' | 'resolved' | 'ruled_out';
  onsetOn: string | null;
}

export interface Client {
  id: string;
  practiceId: string;
  mrn: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  sexAtBirth: string | null;
  genderIdentity: string | null;
  pronouns: string | null;
  email: string | null;
  phone: string | null;
  address: Address | null;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  isMinor: boolean;
  guardian: Guardian | null;
  insurance: Insurance | null;
  part2: boolean;
  status: 'active' | 'inactive' | 'discharged';
}

export interface ClientRelationship {
  clientId: string;
  relatedClientId: string;
  relationship: 'partner' | 'parent' | 'child' | 'sibling' | 'family_member';
}

export interface CaseloadAssignment {
  clientId: string;
  clinicianId: string;
  role: 'primary' | 'secondary';
  startedOn: string;
  endedOn: string | null;
}

export interface Consent {
  id: string;
  clientId: string;
  kind: ConsentKind;
  purpose: string | null;
  recipient: string | null;
  scope: string | null;
  grantedBy: 'client' | 'guardian';
  grantedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
  recordedBy: string;
}

export interface Participant {
  kind: 'client' | 'guardian' | 'partner' | 'family_member';
  /** Display name; for clients of the practice also their id. */
  name: string;
  clientId?: string;
}

export interface Appointment {
  id: string;
  clientId: string;
  clinicianId: string;
  serviceType: ServiceType;
  startsAt: string;
  endsAt: string;
  modality: Modality;
  telehealthMode: 'audio_video' | 'audio_only' | null;
  placeOfService: string;
  status: AppointmentStatus;
  participants: Participant[];
  location: string | null;
  cancelReason: string | null;
}

export interface TranscriptSegment {
  speaker: string;
  /** Offsets into the transcript's full text, so evidence spans can point at exact characters. */
  start: number;
  end: number;
  text: string;
  /** Milliseconds from the start of the recording, when known. */
  atMs?: number;
}

export interface Transcript {
  id: string;
  clientId: string;
  appointmentId: string | null;
  kind: 'transcript' | 'dictation';
  source: 'ambient_recording' | 'upload' | 'dictation';
  language: string;
  segments: TranscriptSegment[];
  text: string;
  wordCount: number;
  createdBy: string | null;
  createdAt: string;
}

/** A span of source text that supports a statement in a generated draft. */
export interface EvidenceSpan {
  /** Section of the draft the statement is in. */
  section: string;
  /** Character range of the statement inside that section's text. */
  claimStart?: number;
  claimEnd?: number;
  sourceType: 'transcript' | 'note' | 'message' | 'assessment' | 'intake';
  sourceId: string;
  start: number;
  end: number;
  quote?: string;
}

export interface Provenance {
  /** Model id, e.g. "offline-rule-based" or an Azure deployment name. */
  model: string;
  promptVersion: string;
  generatedAt: string;
  evidence: EvidenceSpan[];
  /** Anything else a drafter wants to keep with the draft (grounding report, tool name). */
  [extra: string]: unknown;
}

export interface Note {
  id: string;
  clientId: string;
  appointmentId: string | null;
  transcriptId: string | null;
  authorId: string;
  kind: NoteKind;
  format: NoteFormat;
  /** Section key → text, in the format's order. */
  sections: Record<string, string>;
  status: NoteStatus;
  aiGenerated: boolean;
  provenance: Provenance | null;
  signedBy: string | null;
  signedAt: string | null;
  lockedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Assessment {
  id: string;
  clientId: string;
  appointmentId: string | null;
  instrument: Instrument;
  /** One entry per item, 0–3; null when an item was skipped. */
  itemResponses: Array<number | null>;
  total: number;
  severity: string;
  functionalDifficulty: string | null;
  administeredAt: string;
  source: 'portal' | 'in_session' | 'paper';
  administeredBy: string | null;
}

export interface TriageReason {
  code: string;
  text: string;
  start: number;
  end: number;
}

export interface InboxThread {
  id: string;
  clientId: string;
  subject: string;
  status: 'open' | 'closed';
  assignedTo: string | null;
  createdAt: string;
  lastMessageAt: string;
}

export interface InboxMessage {
  id: string;
  threadId: string;
  clientId: string;
  senderKind: 'client' | 'guardian' | 'staff';
  senderUserId: string | null;
  senderDisplay: string;
  /** Patient-authored when senderKind is client or guardian: untrusted text. */
  body: string;
  language: string;
  receivedAt: string;
  readAt: string | null;
  triage: {
    urgency: Urgency;
    categories: string[];
    reasons: TriageReason[];
    source: string;
    triagedAt: string;
  } | null;
  pinned: boolean;
}

export interface ReplyDraft {
  id: string;
  threadId: string;
  messageId: string | null;
  clientId: string;
  authorId: string;
  body: string;
  status: 'draft' | 'sent' | 'discarded';
  aiGenerated: boolean;
  provenance: Provenance | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  sentBy: string | null;
  sentAt: string | null;
}

export interface PlanObjective {
  id: string;
  description: string;
  targetDate: string | null;
  status: 'not_started' | 'in_progress' | 'met' | 'discontinued';
}

export interface PlanGoal {
  id: string;
  description: string;
  objectives: PlanObjective[];
  interventions: string[];
}

export interface PlanProblem {
  id: string;
  description: string;
  icd10: string | null;
  goals: PlanGoal[];
}

export interface TreatmentPlan {
  id: string;
  clientId: string;
  authorId: string;
  status: 'draft' | 'active' | 'completed' | 'superseded';
  problems: PlanProblem[];
  effectiveOn: string | null;
  reviewDueOn: string | null;
  aiGenerated: boolean;
  provenance: Provenance | null;
  signedBy: string | null;
  signedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface IntakeSubmission {
  id: string;
  clientId: string;
  submittedAt: string;
  /** Patient-authored answers: untrusted text. */
  answers: Record<string, string>;
  /** Proposed changes to the client record, drafted for a human to apply. */
  proposedUpdate: Record<string, unknown> | null;
  status: 'received' | 'draft_ready' | 'applied' | 'rejected';
  aiGenerated: boolean;
  appliedBy: string | null;
  appliedAt: string | null;
}

export interface ClaimLine {
  lineNumber: number;
  cpt: string;
  modifiers: string[];
  units: number;
  minutes: number | null;
  placeOfService: string;
  /** Letters A–L pointing into the claim's diagnosis codes. */
  diagnosisPointers: string[];
  chargeCents: number;
  dateOfService: string;
}

export interface Claim {
  id: string;
  clientId: string;
  appointmentId: string | null;
  renderingProviderId: string;
  payer: string;
  payerId: string | null;
  memberId: string | null;
  dateOfService: string;
  diagnosisCodes: string[];
  placeOfService: string;
  status: ClaimStatus;
  totalChargeCents: number;
  denialReason: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  lines: ClaimLine[];
}
