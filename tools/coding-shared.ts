import * as z from 'zod';
import type { AppointmentFacts } from '../clinical/coding/cpt.ts';
import type { Appointment, Claim, Page, PageRequest } from '../ehr/types.ts';

/** What coding reads from an appointment: the service, its scheduled length, modality and place of service. */
export function appointmentFacts(appt: Appointment): AppointmentFacts {
  return {
    serviceType: appt.serviceType,
    scheduledMinutes: Math.round((Date.parse(appt.endsAt) - Date.parse(appt.startsAt)) / 60_000),
    modality: appt.modality,
    telehealthMode: appt.telehealthMode,
    placeOfService: appt.placeOfService,
  };
}

/** Every page of a listing, up to a bound that keeps one call's reads finite. */
export async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await list({ limit: 200, cursor });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export const toScrubClaim = (claim: Claim) => ({
  id: claim.id,
  clientId: claim.clientId,
  dateOfService: claim.dateOfService,
  diagnosisCodes: claim.diagnosisCodes,
  placeOfService: claim.placeOfService,
  status: claim.status,
  lines: claim.lines,
});

export const IsoDate = z.iso.date();

export const EvidenceOut = z.union([
  z.object({
    kind: z.literal('note'),
    section: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    quote: z.string(),
  }),
  z.object({ kind: z.literal('appointment'), field: z.string(), value: z.string() }),
]);

/** CPT: five digits; HCPCS Level II: a letter and four digits. */
export const CptCode = z
  .string()
  .regex(/^(\d{5}|[A-Z]\d{4})$/, 'a CPT or HCPCS code: five digits, or a letter and four digits');
/** ICD-10-CM as written, with or without its dot. */
export const IcdCode = z.string().regex(/^[A-TV-Z][0-9][0-9A-Z]\.?[0-9A-Z]{0,4}$/, 'an ICD-10-CM code such as F33.1');
