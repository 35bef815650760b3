import * as z from 'zod';

/** Shared output shapes. Optional fields are the ones a role's PHI allow-list may remove. */
const id = z.string().min(1).max(64);

export const RecordId = id;
export const Cursor = z.string().max(512).optional().describe('nextCursor from the previous page');
export const Limit = (max: number, fallback: number) =>
  z.number().int().min(1).max(max).default(fallback).describe(`page size, 1–${max}`);

export const ClientView = z.object({
  id,
  mrn: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  preferredName: z.string().nullable().optional(),
  dateOfBirth: z.string().optional(),
  sexAtBirth: z.string().nullable().optional(),
  genderIdentity: z.string().nullable().optional(),
  pronouns: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  address: z.unknown().optional(),
  preferredLanguage: z.string().optional(),
  interpreterNeeded: z.boolean().optional(),
  isMinor: z.boolean().optional(),
  guardian: z.unknown().optional(),
  insurance: z.unknown().optional(),
  part2: z.boolean().optional(),
  status: z.string().optional(),
});

export const AppointmentView = z.object({
  id,
  clientId: id,
  clinicianId: id,
  serviceType: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  modality: z.string(),
  telehealthMode: z.string().nullable(),
  placeOfService: z.string(),
  status: z.string(),
});

export const NoteSummary = z.object({
  id,
  clientId: id,
  appointmentId: id.nullable(),
  kind: z.string(),
  format: z.string(),
  status: z.string(),
  aiGenerated: z.boolean(),
  authorId: id,
  createdAt: z.string(),
  signedAt: z.string().nullable(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A portal message without its text: who sent it, when, and how it was triaged (never the triage's quoted spans). */
export const MessageMeta = z.object({
  id,
  threadId: id,
  clientId: id,
  senderKind: z.enum(['client', 'guardian', 'staff']),
  receivedAt: z.string(),
  readAt: z.string().nullable(),
  language: z.string(),
  triage: z.object({ urgency: z.string(), categories: z.array(z.string()) }).nullable(),
});

/** A span of source text supporting a statement in a draft the caller wrote (see EvidenceSpan in ehr/types.ts). */
export const EvidenceSpan = z.object({
  section: z.string().min(1).max(64).describe('section key the supported statement is in'),
  claimStart: z.number().int().min(0).optional(),
  claimEnd: z.number().int().min(0).optional(),
  sourceType: z.enum(['transcript', 'note', 'message', 'assessment', 'intake']),
  sourceId: id,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  quote: z.string().max(2000).optional(),
});
