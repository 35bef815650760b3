import * as z from 'zod';
import { SCRUB_RULES } from '../clinical/claims/rules.ts';
import { scrubClaim as runScrubber, type ScrubClaim } from '../clinical/claims/scrub.ts';
import { chooseCodeSet } from '../clinical/coding/code-set.ts';
import { loadCodeSets, loadEditTables } from '../ehr/reference/code-sets.ts';
import type { Appointment } from '../ehr/types.ts';
import { ToolError } from '../policies/errors.ts';
import { allPages, CptCode, IcdCode, IsoDate, toScrubClaim } from './coding-shared.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

const Pos = z.string().regex(/^\d{2}$/, 'a two-digit place-of-service code');
const ProposedClaim = z.object({
  clientId: RecordId,
  appointmentId: RecordId.optional(),
  dateOfService: IsoDate,
  diagnosisCodes: z.array(IcdCode).min(1).max(12),
  placeOfService: Pos,
  lines: z
    .array(
      z.object({
        cpt: CptCode,
        modifiers: z
          .array(z.string().regex(/^[A-Z0-9]{2}$/, 'a two-character modifier'))
          .max(4)
          .default([]),
        units: z.number().int().min(1).max(99).describe('1 to 99'),
        minutes: z.number().int().min(0).max(1440).nullable().default(null),
        placeOfService: Pos.optional(),
        diagnosisPointers: z.array(z.string().regex(/^[A-L]$/)).max(4),
      }),
    )
    .min(1)
    .max(50),
});

export const scrubClaim = defineTool({
  name: 'scrub_claim',
  title: 'Scrub a claim',
  description:
    'Checks a stored claim (claimId), or a claim you are about to create (claim), against the scrubber rules: time vs code, add-on without primary, mutually exclusive codes, units per day, telehealth place of service and modifiers vs the appointment, diagnosis pointers, invalid or non-billable ICD-10-CM codes for the date of service, no signed note, duplicate claims. Returns findings with the rule, its source and a suggested fix. Never changes the claim: a person applies fixes.',
  permission: 'claim:read',
  effect: 'read',
  input: z
    .object({ claimId: RecordId.optional().describe('a stored claim, e.g. clm_…'), claim: ProposedClaim.optional() })
    .refine((v) => (v.claimId === undefined) !== (v.claim === undefined), {
      message: 'give claimId or claim, not both',
    }),
  output: z.object({
    claimId: RecordId.nullable(),
    findings: z.array(
      z.object({
        ruleId: z.string(),
        severity: z.enum(['error', 'warning']),
        message: z.string(),
        lines: z.array(z.number().int()),
        suggestedFix: z.string(),
        source: z.string(),
      }),
    ),
    notices: z.array(z.string()),
    rulesChecked: z.array(z.string()),
    codeSet: z.object({ required: z.string(), used: z.string().nullable() }),
  }),
  async run(input, { scope, ehr, touch }) {
    let claim: ScrubClaim;
    let appointmentId: string | null;
    if (input.claimId) {
      const stored = await ehr.read.claims.get(input.claimId);
      if (!stored) throw new ToolError('not_found', 'No claim with that id.');
      await scope.requireClient(stored.clientId);
      touch(stored.id, stored.clientId);
      claim = toScrubClaim(stored);
      appointmentId = stored.appointmentId;
    } else if (input.claim) {
      const p = input.claim;
      await scope.requireClient(p.clientId);
      touch(p.clientId);
      claim = {
        id: 'proposed',
        clientId: p.clientId,
        dateOfService: p.dateOfService,
        diagnosisCodes: p.diagnosisCodes,
        placeOfService: p.placeOfService,
        status: 'draft',
        lines: p.lines.map((l, i) => ({
          ...l,
          lineNumber: i + 1,
          placeOfService: l.placeOfService ?? p.placeOfService,
        })),
      };
      appointmentId = p.appointmentId ?? null;
    } else throw new ToolError('invalid_input', 'Give claimId or claim.');

    let appointment: Appointment | null = null;
    if (appointmentId) {
      appointment = await ehr.read.appointments.get(appointmentId);
      if (!appointment || appointment.clientId !== claim.clientId) {
        throw new ToolError('not_found', 'No appointment with that id for this client.');
      }
    }
    const notes = (await allPages((page) => ehr.read.notes.list({ clientId: claim.clientId, ...page }))).filter((n) =>
      appointment ? n.appointmentId === appointment.id : n.createdAt.slice(0, 10) === claim.dateOfService,
    );
    const others = await allPages((page) => ehr.read.claims.list({ clientId: claim.clientId, ...page }));
    const choice = chooseCodeSet(loadCodeSets(), claim.dateOfService);
    const result = runScrubber(claim, {
      appointment: appointment
        ? {
            modality: appointment.modality,
            telehealthMode: appointment.telehealthMode,
            minutes: Math.round((Date.parse(appointment.endsAt) - Date.parse(appointment.startsAt)) / 60_000),
          }
        : null,
      notes,
      otherClaims: others.map(toScrubClaim),
      codeSet: choice,
      ...loadEditTables(),
    });
    return {
      ...result,
      claimId: input.claimId ?? null,
      codeSet: { required: choice.required, used: choice.set?.version ?? null },
      rulesChecked: SCRUB_RULES.map((r) => r.id),
    };
  },
});
