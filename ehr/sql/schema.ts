import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Kysely's view of the tables created by the migrations, with camelCase names (CamelCasePlugin maps them).
 * Timestamps are read as ISO strings and dates as YYYY-MM-DD strings (see the type parsers in connect.ts).
 */
type Timestamp = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string, string>;

export interface PracticesTable {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  npi: string | null;
  phone: string | null;
  address: Json<unknown> | null;
  settings: Json<Record<string, unknown>>;
  createdAt: Timestamp;
}

export interface UsersTable {
  id: string;
  practiceId: string;
  username: string;
  email: string;
  displayName: string;
  role: string;
  credentials: string | null;
  npi: string | null;
  isPrescriber: boolean;
  onCall: boolean;
  active: boolean;
  createdAt: Timestamp;
}

export interface SupervisionLinksTable {
  practiceId: string;
  supervisorId: string;
  superviseeId: string;
  startedOn: string;
  endedOn: string | null;
}

export interface ClientsTable {
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
  address: Json<unknown> | null;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  isMinor: boolean;
  guardian: Json<unknown> | null;
  insurance: Json<unknown> | null;
  part2: boolean;
  status: string;
  createdAt: Timestamp;
}

export interface ClientRelationshipsTable {
  practiceId: string;
  clientId: string;
  relatedClientId: string;
  relationship: string;
}

export interface ClientDiagnosesTable {
  id: string;
  practiceId: string;
  clientId: string;
  code: string;
  description: string;
  rank: number;
  status: string;
  onsetOn: string | null;
  recordedBy: string | null;
  recordedAt: Timestamp;
}

export interface CaseloadAssignmentsTable {
  practiceId: string;
  clientId: string;
  clinicianId: string;
  role: string;
  startedOn: string;
  endedOn: string | null;
}

export interface ConsentsTable {
  id: string;
  practiceId: string;
  clientId: string;
  kind: string;
  purpose: string | null;
  recipient: string | null;
  scope: string | null;
  grantedBy: string;
  grantedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
  recordedBy: string;
}

export interface AppointmentsTable {
  id: string;
  practiceId: string;
  clientId: string;
  clinicianId: string;
  serviceType: string;
  startsAt: string;
  endsAt: string;
  modality: string;
  telehealthMode: string | null;
  placeOfService: string;
  status: string;
  participants: Json<unknown>;
  location: string | null;
  cancelReason: string | null;
  createdAt: Timestamp;
}

export interface TranscriptsTable {
  id: string;
  practiceId: string;
  clientId: string;
  appointmentId: string | null;
  kind: string;
  source: string;
  language: string;
  segments: Json<unknown>;
  text: string;
  wordCount: number;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface NotesTable {
  id: string;
  practiceId: string;
  clientId: string;
  appointmentId: string | null;
  transcriptId: string | null;
  authorId: string;
  kind: string;
  format: string;
  sections: Json<unknown>;
  status: string;
  aiGenerated: boolean;
  provenance: Json<unknown> | null;
  signedBy: string | null;
  signedAt: string | null;
  lockedAt: string | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AssessmentsTable {
  id: string;
  practiceId: string;
  clientId: string;
  appointmentId: string | null;
  instrument: string;
  itemResponses: Json<unknown>;
  total: number;
  severity: string;
  functionalDifficulty: string | null;
  administeredAt: string;
  source: string;
  administeredBy: string | null;
}

export interface InboxThreadsTable {
  id: string;
  practiceId: string;
  clientId: string;
  subject: string;
  status: string;
  assignedTo: string | null;
  createdAt: string;
  lastMessageAt: string;
}

export interface InboxMessagesTable {
  id: string;
  practiceId: string;
  threadId: string;
  clientId: string;
  senderKind: string;
  senderUserId: string | null;
  senderDisplay: string;
  body: string;
  language: string;
  receivedAt: string;
  readAt: string | null;
  triageUrgency: string | null;
  triageCategories: Json<unknown> | null;
  triageReasons: Json<unknown> | null;
  triageSource: string | null;
  triagedAt: string | null;
  pinned: Generated<boolean>;
}

/** A message nobody has triaged yet: how every new row of inbox_messages starts (seeded, sent or planted). */
export const UNTRIAGED = {
  triageUrgency: null,
  triageCategories: null,
  triageReasons: null,
  triageSource: null,
  triagedAt: null,
} as const satisfies Partial<InboxMessagesTable>;

export interface ReplyDraftsTable {
  id: string;
  practiceId: string;
  threadId: string;
  messageId: string | null;
  clientId: string;
  authorId: string;
  body: string;
  status: string;
  aiGenerated: boolean;
  provenance: Json<unknown> | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  sentBy: string | null;
  sentAt: string | null;
  sentMessageId: string | null;
}

export interface TreatmentPlansTable {
  id: string;
  practiceId: string;
  clientId: string;
  authorId: string;
  status: string;
  problems: Json<unknown>;
  effectiveOn: string | null;
  reviewDueOn: string | null;
  aiGenerated: boolean;
  provenance: Json<unknown> | null;
  signedBy: string | null;
  signedAt: string | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface IntakeSubmissionsTable {
  id: string;
  practiceId: string;
  clientId: string;
  submittedAt: string;
  answers: Json<unknown>;
  proposedUpdate: Json<unknown> | null;
  status: string;
  aiGenerated: boolean;
  provenance: Json<unknown> | null;
  draftedAt: string | null;
  appliedBy: string | null;
  appliedAt: string | null;
}

export interface ClaimsTable {
  id: string;
  practiceId: string;
  clientId: string;
  appointmentId: string | null;
  renderingProviderId: string;
  payer: string;
  payerId: string | null;
  memberId: string | null;
  dateOfService: string;
  diagnosisCodes: Json<unknown>;
  placeOfService: string;
  status: string;
  totalChargeCents: number;
  denialReason: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ClaimLinesTable {
  id: string;
  practiceId: string;
  claimId: string;
  lineNumber: number;
  cpt: string;
  modifiers: Json<unknown>;
  units: number;
  minutes: number | null;
  placeOfService: string;
  diagnosisPointers: Json<unknown>;
  chargeCents: number;
  dateOfService: string;
}

export interface AuditEventsTable {
  seq: Generated<number>;
  id: string;
  practiceId: string | null;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  surface: string;
  clientApp: string | null;
  action: string;
  decision: string;
  reasonCode: string | null;
  recordIds: Json<unknown>;
  inputDigest: string | null;
  outputDigest: string | null;
  latencyMs: number | null;
  traceId: string | null;
  prevHash: string | null;
  hash: string;
}

/** Signed heads of the audit chain (migration 0002). */
export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  eventCount: number;
  signedAt: Timestamp;
  keyId: string;
  algorithm: string;
  signature: string;
}

export interface WebhookEventsTable {
  id: string;
  practiceId: string;
  source: string;
  eventId: string;
  eventType: string;
  receivedAt: string;
  payload: Json<unknown>;
  signatureVerified: boolean;
  status: string;
  attempts: Generated<number>;
  processedAt: string | null;
  error: string | null;
}

export interface Database {
  practices: PracticesTable;
  users: UsersTable;
  supervisionLinks: SupervisionLinksTable;
  clients: ClientsTable;
  clientRelationships: ClientRelationshipsTable;
  clientDiagnoses: ClientDiagnosesTable;
  caseloadAssignments: CaseloadAssignmentsTable;
  consents: ConsentsTable;
  appointments: AppointmentsTable;
  transcripts: TranscriptsTable;
  notes: NotesTable;
  assessments: AssessmentsTable;
  inboxThreads: InboxThreadsTable;
  inboxMessages: InboxMessagesTable;
  replyDrafts: ReplyDraftsTable;
  treatmentPlans: TreatmentPlansTable;
  intakeSubmissions: IntakeSubmissionsTable;
  claims: ClaimsTable;
  claimLines: ClaimLinesTable;
  auditEvents: AuditEventsTable;
  auditCheckpoints: AuditCheckpointsTable;
  webhookEvents: WebhookEventsTable;
}

export type TableName = keyof Database;
export type Row<T extends TableName> = Selectable<Database[T]>;
export type NewRow<T extends TableName> = Insertable<Database[T]>;

/** Every table in foreign-key order: parents before children. The seed inserts and the hash dumps in this order. */
export const TABLES_IN_DEPENDENCY_ORDER = [
  'practices',
  'users',
  'supervisionLinks',
  'clients',
  'clientRelationships',
  'clientDiagnoses',
  'caseloadAssignments',
  'consents',
  'appointments',
  'transcripts',
  'notes',
  'assessments',
  'inboxThreads',
  'inboxMessages',
  'replyDrafts',
  'treatmentPlans',
  'intakeSubmissions',
  'claims',
  'claimLines',
  'auditEvents',
  'auditCheckpoints',
  'webhookEvents',
] as const satisfies readonly TableName[];
