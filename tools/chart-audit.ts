import * as z from 'zod';
import { auditChart, type Finding } from '../clinical/chart/audit.ts';
import { addDays } from '../clinical/chart/sources.ts';
import { ToolError } from '../policies/errors.ts';
import { chartNotes, IsoDate, nowFor, SourceCitation } from './chart-shared.ts';
import { defineTool, type ToolContext } from './define.ts';
import { RecordId } from './schemas.ts';

const MAX_CLIENTS = 100;
const MAX_FINDINGS = 300;
const KINDS = [
  'unsigned_note',
  'missing_elements',
  'plan_review_overdue',
  'no_active_plan',
  'session_without_note',
] as const;

export const chartAuditTool = defineTool({
  name: 'chart_audit',
  title: 'Chart audit',
  description:
    'Documentation compliance for one client, or for a clinician’s caseload (yourself, or a clinician you supervise; at most 100 clients): draft notes unsigned past a limit (default 72 hours), progress notes of the window missing required elements of their format (session time and modality, interventions, response, risk statement, plan), an active treatment plan overdue for review or none while in treatment, and completed sessions of the window (last 1–365 days) without a note. At most 300 findings are listed; `counts` covers all. Each finding cites its note, plan or appointment with its date. Psychotherapy notes are never read; Part 2 clients without consent are listed in `withheld`, not audited. Read-only.',
  permission: 'note:read',
  effect: 'read',
  input: z
    .object({
      clientId: RecordId.optional().describe('audit one client'),
      clinicianId: RecordId.optional().describe('audit a clinician’s current caseload'),
      unsignedLimitHours: z.number().int().min(1).max(720).default(72).describe('hours before a draft is overdue'),
      windowDays: z.number().int().min(1).max(365).default(90).describe('sessions of the last N days need a note'),
      asOf: IsoDate.optional().describe('audit as of the end of this day; default today'),
    })
    .refine(
      (i) => (i.clientId === undefined) !== (i.clinicianId === undefined),
      'give exactly one of clientId, clinicianId',
    ),
  output: z.object({
    asOf: z.string(),
    clientsAudited: z.number().int(),
    findings: z.array(
      z.object({ kind: z.enum(KINDS), clientId: RecordId, detail: z.string(), cites: z.array(SourceCitation).min(1) }),
    ),
    counts: z.record(z.string(), z.number().int()),
    withheld: z.array(z.object({ clientId: RecordId, reason: z.string() })),
    limited: z.boolean().describe('true when clients beyond 100 or findings beyond 300 were left out of the list'),
  }),
  async run(input, ctx) {
    const { scope, ehr, touch } = ctx;
    const now = nowFor(input.asOf);
    const asOf = now.slice(0, 10);
    let clientIds: string[];
    let clinicianId: string | null = null;
    if (input.clientId) {
      clientIds = [(await scope.requireClient(input.clientId)).id];
    } else {
      clinicianId = await requireAuditableClinician(ctx, input.clinicianId ?? '');
      const reach = await scope.clientIds();
      clientIds = (await ehr.read.clients.caseload([clinicianId], asOf)).filter((id) => !reach || reach.has(id));
      touch(clinicianId);
    }
    const limited = clientIds.length > MAX_CLIENTS;
    const options = {
      now,
      unsignedLimitHours: input.unsignedLimitHours,
      sessionsFrom: addDays(asOf, -input.windowDays),
    };
    const findings: Finding[] = [];
    const withheld: Array<{ clientId: string; reason: string }> = [];
    for (const clientId of clientIds.slice(0, MAX_CLIENTS)) {
      touch(clientId);
      let notes: Awaited<ReturnType<typeof chartNotes>>['notes'];
      try {
        notes = (await chartNotes(ehr, clientId, now)).notes;
      } catch (error) {
        // One client's Part 2 wall must not hide the rest of a caseload; a single-client audit refuses instead.
        if (input.clientId || !(error instanceof ToolError) || error.code !== 'consent_required') throw error;
        withheld.push({ clientId, reason: 'Part 2 consent covering treatment not in force' });
        continue;
      }
      const [plans, appointments] = await Promise.all([
        ehr.read.treatmentPlans.list(clientId),
        ehr.read.appointments.list({
          clientId,
          ...(clinicianId ? { clinicianIds: [clinicianId] } : {}),
          from: `${options.sessionsFrom}T00:00:00.000Z`,
          to: now,
          status: 'completed',
          limit: 200,
        }),
      ]);
      findings.push(
        ...auditChart(
          { clientId, notes, plans: plans.filter((p) => p.createdAt <= now), appointments: appointments.items },
          options,
        ),
      );
    }
    const shown = findings.slice(0, MAX_FINDINGS);
    touch(...new Set(shown.flatMap((f) => f.cites.map((c) => c.id))));
    // Counts cover every finding, the list the first MAX_FINDINGS: a caseload's backlog stays visible in the numbers.
    const counts = Object.fromEntries(KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length]));
    return {
      asOf,
      clientsAudited: Math.min(clientIds.length, MAX_CLIENTS) - withheld.length,
      findings: shown,
      counts,
      withheld,
      limited: limited || findings.length > MAX_FINDINGS,
    };
  },
});

/** A clinician whose caseload the caller may audit: themselves, a supervisee, or anyone with a practice-wide grant. */
async function requireAuditableClinician({ ehr, principal, scope }: ToolContext, id: string): Promise<string> {
  const user = await ehr.read.users.get(id);
  if (!user) throw new ToolError('not_found', 'No user with that id.');
  if (user.role !== 'clinician' && user.role !== 'supervisor') {
    throw new ToolError('invalid_input', 'Only clinicians and supervisors have a caseload to audit.');
  }
  if (scope.grant.reach === 'practice' || user.id === principal.userId) return user.id;
  if (scope.grant.reach === 'supervision' && (await ehr.read.users.supervisees(principal.userId)).includes(user.id)) {
    return user.id;
  }
  throw new ToolError('out_of_scope', 'That clinician’s caseload is outside your reach.');
}
