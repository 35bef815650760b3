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
