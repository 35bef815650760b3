import * as z from 'zod';
import { chooseCodeSet } from '../clinical/coding/code-set.ts';
import { suggestDiagnoses } from '../clinical/coding/icd.ts';
import { buildPriorAuthPacket, type PacketInputs } from '../clinical/coding/prior-auth.ts';
import { loadCodeSets } from '../ehr/reference/code-sets.ts';
import type { EvidenceSpan } from '../ehr/types.ts';
import { ToolError } from '../policies/errors.ts';
import { allPages, CptCode, IsoDate } from './coding-shared.ts';
import { defineTool } from './define.ts';
import { RecordId } from './schemas.ts';

/** Notes read for diagnosis evidence: the newest signed ones, enough to cover a course of care. */
const NOTES_READ = 24;

export const preparePriorAuth = defineTool({
  name: 'prepare_prior_auth',
  title: 'Prepare a prior-authorization packet',
  description:
    'Drafts a prior-authorization packet for a client you treat: diagnoses with the note text that supports them, assessment scores over time, treatment-plan goals, sessions to date and a medical-necessity summary whose every sentence cites its records, plus the gaps a reviewer must fill. Saves it as a DRAFT document for a person to review and send; nothing goes to a payer from this tool.',
  permission: 'prior_auth:draft',
  effect: 'draft',
  input: z
    .object({
      clientId: RecordId.describe('client id, e.g. cli_…'),
      requestedServices: z.array(CptCode).min(1).max(5).describe('CPT codes requested, e.g. ["90837"]'),
      requestedSessions: z.number().int().min(1).max(52).describe('sessions requested, 1–52'),
      from: IsoDate.describe('first date of the requested period, YYYY-MM-DD'),
      through: IsoDate.describe('last date of the requested period, YYYY-MM-DD'),
    })
    .refine((v) => v.from <= v.through && Date.parse(v.through) - Date.parse(v.from) <= 366 * 86_400_000, {
      message: 'the period must run forward and last at most a year',
    }),
  output: z.object({
    id: RecordId,
    clientId: RecordId,
    status: z.literal('draft'),
    version: z.number().int(),
    diagnoses: z.array(z.object({ code: z.string(), supported: z.boolean() })),
    sessionsToDate: z.number().int(),
    medicalNecessity: z.array(z.object({ text: z.string(), citations: z.array(z.string()) })),
    gaps: z.array(z.string()),
  }),
  async run(input, { scope, ehr, principal, touch }) {
    const client = await scope.requireClient(input.clientId);
    touch(client.id);
    const consents = await ehr.read.consents.active(client.id, 'ai_documentation');
    if (consents.length === 0) {
      throw new ToolError(
        'consent_required',
        'This client has no AI-documentation consent in force, so charta cannot draft for them.',
      );
    }
    const [diagnoses, notes, assessments, plans, sessions] = await Promise.all([
      ehr.read.clients.diagnoses(client.id),
      allPages((page) => ehr.read.notes.list({ clientId: client.id, ...page })),
      allPages((page) => ehr.read.assessments.list({ clientId: client.id, ...page })),
      ehr.read.treatmentPlans.list(client.id),
      allPages((page) => ehr.read.appointments.list({ clientId: client.id, status: 'completed', ...page })),
    ]);
    const signed = notes
      .filter((n) => n.status !== 'draft')
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .slice(0, NOTES_READ);
    const sets = loadCodeSets();
    const found = new Map<string, PacketInputs['diagnoses'][number]['evidence']>();
    for (const note of signed) {
      const choice = chooseCodeSet(sets, note.createdAt.slice(0, 10));
      if (!choice.set) continue;
      for (const s of suggestDiagnoses({ sections: note.sections }, choice.set).suggestions) {
        found.set(s.code, [...(found.get(s.code) ?? []), ...s.evidence.map((e) => ({ ...e, noteId: note.id }))]);
      }
    }
    const active = diagnoses.filter((d) => d.status === 'active').sort((a, b) => a.rank - b.rank);
    const plan = plans.find((p) => p.status === 'active') ?? null;
    const packet = buildPriorAuthPacket({
      requested: {
        services: input.requestedServices,
        sessions: input.requestedSessions,
        from: input.from,
        through: input.through,
      },
      diagnoses: active.map((d) => ({ code: d.code, description: d.description, evidence: found.get(d.code) ?? [] })),
      assessments: assessments.map((a) => ({
        id: a.id,
        instrument: a.instrument,
        total: a.total,
        severity: a.severity,
        administeredAt: a.administeredAt,
      })),
      plan: plan && {
        id: plan.id,
        goals: plan.problems.flatMap((p) => p.goals.map((g) => ({ problem: p.description, goal: g.description }))),
      },
      sessions: sessions.map((s) => ({ id: s.id, date: s.startsAt.slice(0, 10), serviceType: s.serviceType })),
    });
    const evidence: EvidenceSpan[] = packet.diagnoses.flatMap((d) =>
      d.evidence.flatMap((e) =>
        e.kind === 'note' && e.noteId
          ? [
              {
                section: 'diagnoses',
                sourceType: 'note' as const,
                sourceId: e.noteId,
                start: e.start,
                end: e.end,
                quote: e.quote,
              },
            ]
          : [],
      ),
    );
    const doc = await ehr.drafts.documents.createDraft({
      clientId: client.id,
      authorId: principal.userId,
      kind: 'prior_auth_packet',
      title: `Prior authorization request: ${input.requestedServices.join(', ')} × ${input.requestedSessions}`,
      body: packet as unknown as Record<string, unknown>,
      aiGenerated: true,
      provenance: {
        model: 'offline-rule-based',
        promptVersion: 'prior-auth-packet-v1',
        generatedAt: new Date().toISOString(),
        evidence: evidence.slice(0, 200),
        tool: 'prepare_prior_auth',
        surface: principal.surface,
        clientApp: principal.clientApp,
      },
    });
    touch(doc.id, ...signed.map((n) => n.id), ...(plan ? [plan.id] : []));
    if (doc.status !== 'draft') throw new Error(`the draft writer returned a ${doc.status} document`);
    return {
      id: doc.id,
      clientId: client.id,
      status: doc.status,
      version: doc.version,
      diagnoses: packet.diagnoses.map((d) => ({ code: d.code, supported: d.evidence.length > 0 })),
      sessionsToDate: packet.sessionsToDate.count,
      medicalNecessity: packet.medicalNecessity,
      gaps: packet.gaps,
    };
  },
});
