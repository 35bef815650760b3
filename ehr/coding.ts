import type { Provenance } from './types.ts';

/** A document a tool drafted for a person to review, edit and send: a prior-authorization packet. */
export interface DraftDocument {
  id: string;
  clientId: string;
  authorId: string;
  kind: 'prior_auth_packet';
  title: string;
  body: Record<string, unknown>;
  status: 'draft' | 'final' | 'discarded';
  aiGenerated: boolean;
  provenance: Provenance | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewDraftDocument {
  clientId: string;
  authorId: string;
  kind: DraftDocument['kind'];
  title: string;
  body: Record<string, unknown>;
  aiGenerated: boolean;
  provenance: Provenance | null;
}

/** Drafts only: every document it creates has status 'draft'. */
export interface DraftDocumentStore {
  createDraft(input: NewDraftDocument): Promise<DraftDocument>;
}

/** A person's approval of a claim's codes, bound to exactly the codes they saw (by digest). */
export interface ClaimCodeApproval {
  id: string;
  claimId: string;
  approvedBy: string;
  approvedAt: string;
  codesDigest: string;
  note: string | null;
}
