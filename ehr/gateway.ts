import type { ClaimCodeApproval, DraftDocumentStore } from './coding.ts';
import type { AlertStore, RiskFlag, RiskFlagReview, RiskFlagStore } from './flags.ts';
import type {
  Appointment,
  AppointmentStatus,
  Assessment,
  CaseloadAssignment,
  Claim,
  ClaimStatus,
  Client,
  ClientRelationship,
  Consent,
  ConsentKind,
  Diagnosis,
  InboxMessage,
  InboxThread,
  Instrument,
  IntakeSubmission,
  Note,
  NoteFormat,
  NoteKind,
  NoteStatus,
  Page,
  PageRequest,
  PlanProblem,
  Practice,
  Provenance,
  ReplyDraft,
  Role,
  Transcript,
  TreatmentPlan,
  User,
} from './types.ts';

/**
 * The EHR port, in three parts that never mix:
 *
 * - `EhrReader`: reads, always within one practice.
 * - `DraftWriter`: creates and updates drafts, and nothing else. Every write it offers lands as a draft; an
 *   update of a record that is no longer a draft is refused.
 * - `HumanActions`: sign and lock notes, send replies, apply intake updates, submit claims, record and revoke
 *   consents, review risk flags. Only human-session routes get this interface; tools receive a `ToolEhr`, which has
 *   no path to it.
 *
 * Every part is bound to one practice when it is obtained, so a call cannot name another practice's records:
 * an id from another practice reads as not found.
 */
export interface EhrGateway {
  /** The read and draft-write parts for one practice: what the tool layer may hold. */
  forPractice(practiceId: string): ToolEhr;
  /** The human-only part for one practice. Never hand this to a tool. */
  humanActions(practiceId: string): HumanActions;
  /** Authentication looks users up before it knows their practice: by username (CLI) or id (a token's `sub`). */
  findUserByUsername(username: string): Promise<User | null>;
  findUserById(id: string): Promise<User | null>;
  /** Resolves when the store answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface ToolEhr {
  readonly practiceId: string;
  readonly read: EhrReader;
  readonly drafts: DraftWriter;
}

export interface EhrReader {
  practice(): Promise<Practice>;
  users: {
    get(id: string): Promise<User | null>;
    list(filter?: { role?: Role; active?: boolean }): Promise<User[]>;
    /** Ids of the users this supervisor currently supervises. */
    supervisees(supervisorId: string): Promise<string[]>;
  };
  clients: {
    get(id: string): Promise<Client | null>;
    /** Name, preferred name or MRN, case- and accent-insensitive. `clientIds` restricts to a caseload. */
    search(query: ClientSearch): Promise<Page<Client>>;
    diagnoses(clientId: string): Promise<Diagnosis[]>;
    relationships(clientId: string): Promise<ClientRelationship[]>;
    /** Current care team of a client (assignments without an end date, or ending on or after `on`). */
    careTeam(clientId: string, on?: string): Promise<CaseloadAssignment[]>;
    /** Ids of the clients currently assigned to any of these clinicians. */
    caseload(clinicianIds: readonly string[], on?: string): Promise<string[]>;
  };
  consents: {
    list(clientId: string): Promise<Consent[]>;
    /** Consents of this kind in force at `at` (granted, not expired, not revoked); optionally for one purpose. */
    active(clientId: string, kind: ConsentKind, options?: { at?: string; purpose?: string }): Promise<Consent[]>;
  };
  appointments: {
    get(id: string): Promise<Appointment | null>;
    list(query: AppointmentQuery): Promise<Page<Appointment>>;
  };
  transcripts: {
    get(id: string): Promise<Transcript | null>;
    forAppointment(appointmentId: string): Promise<Transcript[]>;
  };
  notes: {
    get(id: string): Promise<Note | null>;
    list(query: NoteQuery): Promise<Page<Note>>;
  };
  assessments: {
    list(query: { clientId: string; instrument?: Instrument } & PageRequest): Promise<Page<Assessment>>;
  };
  treatmentPlans: {
    get(id: string): Promise<TreatmentPlan | null>;
    /** Newest first. */
    list(clientId: string): Promise<TreatmentPlan[]>;
  };
  inbox: {
    listThreads(query: ThreadQuery): Promise<Page<InboxThread>>;
    getThread(id: string): Promise<InboxThread | null>;
    /** Oldest first: a thread reads top to bottom. */
    listMessages(threadId: string, page?: PageRequest): Promise<Page<InboxMessage>>;
    getMessage(id: string): Promise<InboxMessage | null>;
    /** Newest first across threads; the triage queue reads from here. */
    recentMessages(query: MessageQuery): Promise<Page<InboxMessage>>;
    replyDrafts(threadId: string): Promise<ReplyDraft[]>;
  };
  claims: {
    get(id: string): Promise<Claim | null>;
    list(query: ClaimQuery): Promise<Page<Claim>>;
  };
  intake: {
    get(id: string): Promise<IntakeSubmission | null>;
    list(clientId: string): Promise<IntakeSubmission[]>;
  };
  /** The practice's audit trail, newest first: ids, codes and timings only (rows never hold PHI). */
  audit: {
    list(query: AuditQuery): Promise<Page<AuditEntry>>;
  };
}

export interface AuditQuery extends PageRequest {
  actorId?: string;
  action?: string;
  decision?: 'allow' | 'deny' | 'error';
  /** Events whose touched records include this id: who accessed a client, note or claim. */
  recordId?: string;
  /** ISO timestamps, inclusive / exclusive. */
  since?: string;
  until?: string;
}

export interface AuditEntry {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  surface: string;
  clientApp: string | null;
  action: string;
  decision: string;
  reasonCode: string | null;
  recordIds: string[];
}

export interface ClientSearch extends PageRequest {
  text?: string;
  clientIds?: readonly string[];
  status?: Client['status'];
}

export interface AppointmentQuery extends PageRequest {
  clientId?: string;
  clinicianIds?: readonly string[];
  from?: string;
  to?: string;
  status?: AppointmentStatus;
  /** Default ascending (agenda order). */
  order?: 'asc' | 'desc';
}

export interface NoteQuery extends PageRequest {
  clientId: string;
  kinds?: readonly NoteKind[];
  status?: NoteStatus;
}

export interface ThreadQuery extends PageRequest {
  clientIds?: readonly string[];
  status?: InboxThread['status'];
}

export interface MessageQuery extends PageRequest {
  clientIds?: readonly string[];
  senderKinds?: readonly InboxMessage['senderKind'][];
  since?: string;
}

export interface ClaimQuery extends PageRequest {
  clientId?: string;
  status?: ClaimStatus;
}

export interface DraftWriter {
  notes: {
    createDraft(input: NewDraftNote): Promise<Note>;
    /** Refused with `conflict` when the note is not a draft or `expectedVersion` is stale. */
    updateDraft(id: string, patch: DraftNotePatch): Promise<Note>;
  };
  replies: {
    createDraft(input: NewReplyDraft): Promise<ReplyDraft>;
    updateDraft(
      id: string,
      patch: { body: string; provenance?: Provenance; expectedVersion?: number },
    ): Promise<ReplyDraft>;
  };
  treatmentPlans: {
    createDraft(input: NewDraftPlan): Promise<TreatmentPlan>;
    updateDraft(
      id: string,
      patch: { problems: PlanProblem[]; provenance?: Provenance; expectedVersion?: number },
    ): Promise<TreatmentPlan>;
  };
  /** Risk flags for clinician review and escalation alerts for the notification hook (ehr/flags.ts). */
  riskFlags: RiskFlagStore;
  alerts: AlertStore;
  /** Drafted documents such as prior-authorization packets (ehr/coding.ts). */
  documents: DraftDocumentStore;
  intake: {
    /** Stores proposed client-record changes for a human to review and apply. */
    draftUpdate(
      submissionId: string,
      proposal: { proposedUpdate: Record<string, unknown>; provenance: Provenance },
    ): Promise<IntakeSubmission>;
  };
}

export interface NewDraftNote {
  clientId: string;
  authorId: string;
  appointmentId?: string | null;
  transcriptId?: string | null;
  /** Psychotherapy notes are written by people, not drafted by tools. */
  kind: Exclude<NoteKind, 'psychotherapy'>;
  format: NoteFormat;
  sections: Record<string, string>;
  aiGenerated: boolean;
  provenance: Provenance | null;
}

export interface DraftNotePatch {
  sections?: Record<string, string>;
  provenance?: Provenance;
  expectedVersion?: number;
}

export interface NewReplyDraft {
  threadId: string;
  messageId?: string | null;
  authorId: string;
  body: string;
  aiGenerated: boolean;
  provenance: Provenance | null;
}

export interface NewDraftPlan {
  clientId: string;
  authorId: string;
  problems: PlanProblem[];
  aiGenerated: boolean;
  provenance: Provenance | null;
}

export interface HumanActions {
  signNote(noteId: string, signerId: string): Promise<Note>;
  lockNote(noteId: string, userId: string): Promise<Note>;
  /** Posts the draft to its thread as a staff message and marks it sent. */
  sendReply(draftId: string, userId: string): Promise<{ draft: ReplyDraft; message: InboxMessage }>;
  /** Applies the proposed update's allowed fields to the client record. */
  applyIntakeUpdate(submissionId: string, userId: string): Promise<{ submission: IntakeSubmission; client: Client }>;
  /**
   * Refused with `conflict` while the claim's codes came from a suggestion and no approval covers exactly its current
   * codes (see approveClaimCodes).
   */
  submitClaim(claimId: string, userId: string): Promise<Claim>;
  /** A biller or supervisor (per practice setting `claimCodeApprovers`) approves the claim's current codes. */
  approveClaimCodes(claimId: string, userId: string, note?: string): Promise<ClaimCodeApproval>;
  recordConsent(input: NewConsent, userId: string): Promise<Consent>;
  revokeConsent(consentId: string, userId: string, reason: string): Promise<Consent>;
  /**
   * Closes a pending risk flag with the reviewer's disposition and optional note, and returns the reviewed flag.
   * Only a person may: a clinician on the client's current care team, or a supervisor who supervises one of them;
   * anyone else is `invalid`, as is an unknown disposition or a note over 2,000 characters or with control
   * characters (line breaks and tabs are fine). A flag of another practice is `not_found`. A review is final: a flag
   * already reviewed is `conflict` and stays as it was, and of concurrent reviews of one flag exactly one wins. The
   * schema holds the same rule (trigger `risk_flags_guard`): a reviewed flag never changes and no flag is deleted.
   */
  reviewRiskFlag(flagId: string, userId: string, review: RiskFlagReview): Promise<RiskFlag>;
}

export interface NewConsent {
  clientId: string;
  kind: ConsentKind;
  purpose?: string | null;
  recipient?: string | null;
  scope?: string | null;
  grantedBy: 'client' | 'guardian';
  grantedAt?: string;
  expiresAt?: string | null;
}
