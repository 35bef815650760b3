/**
 * Risk flags and escalation alerts: what charta stores for a clinician to review. Both are proposals for a person,
 * like drafts: a flag is `pending_review` until a person reviews it (`HumanActions.reviewRiskFlag`, never a tool), an
 * alert is `pending` until the notification hook delivers it. Tools can only create them; a flag's review is final.
 */
import type { Page, PageRequest } from './types.ts';

export type RiskFlagKind = 'phq9_item9' | 'phq9_item9_unknown' | 'worsening_trend' | 'message_risk';

export interface RiskFlagEvidence {
  sourceType: 'assessment' | 'message';
  sourceId: string;
  /** What the source says, in codes and numbers — never patient text. */
  detail: string;
  start?: number;
  end?: number;
}

export interface NewRiskFlag {
  clientId: string;
  kind: RiskFlagKind;
  /** The record the flag is about; with kind and client it makes a flag unique, so raising it twice is a no-op. */
  sourceId: string;
  urgency: 'emergency' | 'urgent' | 'routine';
  evidence: RiskFlagEvidence[];
  recommendedAction: string;
  createdBy: string;
}

export interface RiskFlag extends NewRiskFlag {
  id: string;
  status: 'pending_review' | 'reviewed';
  aiGenerated: true;
  createdAt: string;
  /** Who reviewed the flag, when, and what they did about it; all null while it is pending. */
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewDisposition: RiskFlagDisposition | null;
  /** The reviewer's note: clinical free text, so it never goes into audit rows, logs or tool outputs. */
  reviewNote: string | null;
}

/** What the reviewer did about a flag: a closed set, so a review reads the same in every report. */
export const RISK_FLAG_DISPOSITIONS = [
  'contacted_client',
  'safety_plan_updated',
  'emergency_services',
  'appointment_moved_sooner',
  'no_further_action',
] as const;
export type RiskFlagDisposition = (typeof RISK_FLAG_DISPOSITIONS)[number];

/** The longest review note, in characters (Unicode code points, as PostgreSQL's char_length counts them). */
export const MAX_REVIEW_NOTE_LENGTH = 2_000;

/** A person's review of a flag. The note is optional plain text: line breaks and tabs, no other control characters. */
export interface RiskFlagReview {
  disposition: RiskFlagDisposition;
  note?: string | null;
}

/** Flags most urgent first (emergency, urgent, routine), then newest first; ties broken by id. */
export interface RiskFlagQuery extends PageRequest {
  /** Only these clients' flags; absent means every client of the practice. An empty list matches nothing. */
  clientIds?: readonly string[];
  /** Absent means either status. */
  status?: RiskFlag['status'];
}

export const MAX_RISK_FLAG_PAGE = 100;

export interface NewTriageAlert {
  clientId: string;
  messageId: string | null;
  flagId: string | null;
  recipientId: string;
  recipientKind: 'primary_clinician' | 'on_call';
  urgency: 'emergency' | 'urgent';
  reasonCodes: string[];
}

export interface TriageAlert extends NewTriageAlert {
  id: string;
  delivery: 'pending' | 'delivered' | 'failed';
  createdAt: string;
  deliveredAt: string | null;
}

export interface RiskFlagStore {
  /** Stores the flag unless the same (client, kind, source) is stored already; returns the stored one. */
  upsert(flag: NewRiskFlag): Promise<{ flag: RiskFlag; created: boolean }>;
  forClient(clientId: string): Promise<RiskFlag[]>;
  /**
   * One keyset page of the practice's flags, most urgent first, then newest. Default 25 per page; a limit above
   * {@link MAX_RISK_FLAG_PAGE} is clamped, one below 1 or a cursor this method did not give out is `invalid`.
   */
  list(query: RiskFlagQuery): Promise<Page<RiskFlag>>;
}

export interface AlertStore {
  /** Queues an alert for delivery unless the same (source, recipient) is queued already. */
  raise(alert: NewTriageAlert): Promise<{ alert: TriageAlert; created: boolean }>;
}

/** The notification-delivery hook: pager, SMS, secure chat. It receives ids and codes only, never message text. */
export interface AlertNotifier {
  deliver(alert: TriageAlert): Promise<void>;
}
