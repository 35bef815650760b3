import { INTAKE_NOTE_SECTIONS, NOTE_FORMAT_SECTIONS } from '../../clinical/note-formats.ts';
import type {
  Address,
  Appointment,
  Assessment,
  Claim,
  ClaimLine,
  Client,
  Consent,
  Diagnosis,
  Guardian,
  InboxMessage,
  InboxThread,
  Insurance,
  IntakeSubmission,
  Note,
  Participant,
  PlanProblem,
  Practice,
  Provenance,
  ReplyDraft,
  Role,
  Transcript,
  TranscriptSegment,
  TreatmentPlan,
  TriageReason,
  User,
} from '../types.ts';
import type { Row } from './schema.ts';

/**
 * jsonb stores object keys in its own order; a note reads top to bottom in its format's order (intake notes in the
 * intake order), with any other keys after, alphabetically.
 */
function orderSections(kind: string, format: string, sections: Record<string, string>): Record<string, string> {
  const order: readonly { key: string }[] =
    kind === 'intake'
      ? INTAKE_NOTE_SECTIONS
      : (NOTE_FORMAT_SECTIONS[format as keyof typeof NOTE_FORMAT_SECTIONS] ?? []);
  const known = order.map((s) => s.key).filter((k) => k in sections);
  const rest = Object.keys(sections)
    .filter((k) => !known.includes(k))
    .sort();
  return Object.fromEntries([...known, ...rest].map((k) => [k, sections[k] ?? '']));
}

// Rows come from our own tables, whose CHECK constraints pin the enumerations and whose JSON columns only ever
// hold what the adapter wrote; the casts below narrow to those shapes.

export const toPractice = (r: Row<'practices'>): Practice => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  timezone: r.timezone,
  npi: r.npi,
  phone: r.phone,
  address: r.address as Address | null,
  settings: r.settings,
});

export const toUser = (r: Row<'users'>): User => ({
  id: r.id,
  practiceId: r.practiceId,
  username: r.username,
  email: r.email,
  displayName: r.displayName,
  role: r.role as Role,
  credentials: r.credentials,
  npi: r.npi,
  isPrescriber: r.isPrescriber,
  onCall: r.onCall,
  active: r.active,
});

export const toClient = (r: Row<'clients'>): Client => ({
  id: r.id,
  practiceId: r.practiceId,
  mrn: r.mrn,
  firstName: r.firstName,
  lastName: r.lastName,
  preferredName: r.preferredName,
  dateOfBirth: r.dateOfBirth,
  sexAtBirth: r.sexAtBirth,
  genderIdentity: r.genderIdentity,
  pronouns: r.pronouns,
  email: r.email,
  phone: r.phone,
  address: r.address as Address | null,
  preferredLanguage: r.preferredLanguage,
  interpreterNeeded: r.interpreterNeeded,
  isMinor: r.isMinor,
  guardian: r.guardian as Guardian | null,
  insurance: r.insurance as Insurance | null,
  part2: r.part2,
  status: r.status as Client['status'],
});

export const toDiagnosis = (r: Row<'clientDiagnoses'>): Diagnosis => ({
  id: r.id,
  code: r.code,
  description: r.description,
  rank: r.rank,
  status: r.status as Diagnosis['status'],
  onsetOn: r.onsetOn,
});

export const toConsent = (r: Row<'consents'>): Consent => ({
  id: r.id,
  clientId: r.clientId,
  kind: r.kind as Consent['kind'],
  purpose: r.purpose,
  recipient: r.recipient,
  scope: r.scope,
  grantedBy: r.grantedBy as Consent['grantedBy'],
  grantedAt: r.grantedAt,
  expiresAt: r.expiresAt,
  revokedAt: r.revokedAt,
  revokedBy: r.revokedBy,
  revocationReason: r.revocationReason,
  recordedBy: r.recordedBy,
});

export const toAppointment = (r: Row<'appointments'>): Appointment => ({
  id: r.id,
  clientId: r.clientId,
  clinicianId: r.clinicianId,
  serviceType: r.serviceType as Appointment['serviceType'],
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  modality: r.modality as Appointment['modality'],
  telehealthMode: r.telehealthMode as Appointment['telehealthMode'],
  placeOfService: r.placeOfService,
  status: r.status as Appointment['status'],
  participants: r.participants as Participant[],
  location: r.location,
  cancelReason: r.cancelReason,
});

export const toTranscript = (r: Row<'transcripts'>): Transcript => ({
  id: r.id,
  clientId: r.clientId,
  appointmentId: r.appointmentId,
  kind: r.kind as Transcript['kind'],
  source: r.source as Transcript['source'],
  language: r.language,
  segments: r.segments as TranscriptSegment[],
  text: r.text,
  wordCount: r.wordCount,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

export const toNote = (r: Row<'notes'>): Note => ({
  id: r.id,
  clientId: r.clientId,
  appointmentId: r.appointmentId,
  transcriptId: r.transcriptId,
  authorId: r.authorId,
  kind: r.kind as Note['kind'],
  format: r.format as Note['format'],
  sections: orderSections(r.kind, r.format, r.sections as Record<string, string>),
  status: r.status as Note['status'],
  aiGenerated: r.aiGenerated,
  provenance: r.provenance as Provenance | null,
  signedBy: r.signedBy,
  signedAt: r.signedAt,
  lockedAt: r.lockedAt,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const toAssessment = (r: Row<'assessments'>): Assessment => ({
  id: r.id,
  clientId: r.clientId,
  appointmentId: r.appointmentId,
  instrument: r.instrument as Assessment['instrument'],
  itemResponses: r.itemResponses as Array<number | null>,
  total: r.total,
  severity: r.severity,
  functionalDifficulty: r.functionalDifficulty,
  administeredAt: r.administeredAt,
  source: r.source as Assessment['source'],
  administeredBy: r.administeredBy,
});

export const toThread = (r: Row<'inboxThreads'>): InboxThread => ({
  id: r.id,
  clientId: r.clientId,
  subject: r.subject,
  status: r.status as InboxThread['status'],
  assignedTo: r.assignedTo,
  createdAt: r.createdAt,
  lastMessageAt: r.lastMessageAt,
});

export const toMessage = (r: Row<'inboxMessages'>): InboxMessage => ({
  id: r.id,
  threadId: r.threadId,
  clientId: r.clientId,
  senderKind: r.senderKind as InboxMessage['senderKind'],
  senderUserId: r.senderUserId,
  senderDisplay: r.senderDisplay,
  body: r.body,
  language: r.language,
  receivedAt: r.receivedAt,
  readAt: r.readAt,
  triage:
    r.triageUrgency === null || r.triagedAt === null
      ? null
      : {
          urgency: r.triageUrgency as NonNullable<InboxMessage['triage']>['urgency'],
          categories: (r.triageCategories as string[] | null) ?? [],
          reasons: (r.triageReasons as TriageReason[] | null) ?? [],
          source: r.triageSource ?? 'unknown',
          triagedAt: r.triagedAt,
        },
  pinned: r.pinned,
});

export const toReplyDraft = (r: Row<'replyDrafts'>): ReplyDraft => ({
  id: r.id,
  threadId: r.threadId,
  messageId: r.messageId,
  clientId: r.clientId,
  authorId: r.authorId,
  body: r.body,
  status: r.status as ReplyDraft['status'],
  aiGenerated: r.aiGenerated,
  provenance: r.provenance as Provenance | null,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  sentBy: r.sentBy,
  sentAt: r.sentAt,
});

export const toTreatmentPlan = (r: Row<'treatmentPlans'>): TreatmentPlan => ({
  id: r.id,
  clientId: r.clientId,
  authorId: r.authorId,
  status: r.status as TreatmentPlan['status'],
  problems: r.problems as PlanProblem[],
  effectiveOn: r.effectiveOn,
  reviewDueOn: r.reviewDueOn,
  aiGenerated: r.aiGenerated,
  provenance: r.provenance as Provenance | null,
  signedBy: r.signedBy,
  signedAt: r.signedAt,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const toIntake = (r: Row<'intakeSubmissions'>): IntakeSubmission => ({
  id: r.id,
  clientId: r.clientId,
  submittedAt: r.submittedAt,
  answers: r.answers as Record<string, string>,
  proposedUpdate: r.proposedUpdate as Record<string, unknown> | null,
  status: r.status as IntakeSubmission['status'],
  aiGenerated: r.aiGenerated,
  appliedBy: r.appliedBy,
  appliedAt: r.appliedAt,
});

export const toClaimLine = (r: Row<'claimLines'>): ClaimLine => ({
  lineNumber: r.lineNumber,
  cpt: r.cpt,
  modifiers: r.modifiers as string[],
  units: r.units,
  minutes: r.minutes,
  placeOfService: r.placeOfService,
  diagnosisPointers: r.diagnosisPointers as string[],
  chargeCents: r.chargeCents,
  dateOfService: r.dateOfService,
});

export const toClaim = (r: Row<'claims'>, lines: ClaimLine[]): Claim => ({
  id: r.id,
  clientId: r.clientId,
  appointmentId: r.appointmentId,
  renderingProviderId: r.renderingProviderId,
  payer: r.payer,
  payerId: r.payerId,
  memberId: r.memberId,
  dateOfService: r.dateOfService,
  diagnosisCodes: r.diagnosisCodes as string[],
  placeOfService: r.placeOfService,
  status: r.status as Claim['status'],
  totalChargeCents: r.totalChargeCents,
  denialReason: r.denialReason,
  submittedBy: r.submittedBy,
  submittedAt: r.submittedAt,
  lines,
});
