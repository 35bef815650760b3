import type { ToolEhr } from '../ehr/gateway.ts';
import type { Note, NoteKind, Page } from '../ehr/types.ts';
import { ToolError } from './errors.ts';
import { PART2_PURPOSE_BY_ROLE } from './part2.ts';
import type { Principal } from './principal.ts';
import type { CallerScope } from './scope.ts';

/** Note kinds any tool may ever see. Psychotherapy (process) notes are not among them, for any role or grant. */
export const VISIBLE_NOTE_KINDS: readonly NoteKind[] = ['progress', 'intake'];

/**
 * Refuses a Part 2 client's records unless a consent in force covers the purpose this role uses them for.
 * A client who is not in a Part 2 program passes.
 */
export async function requirePart2Consent(ehr: ToolEhr, principal: Principal, clientId: string): Promise<void> {
  const client = await ehr.read.clients.get(clientId);
  if (!client?.part2) return;
  const purpose = PART2_PURPOSE_BY_ROLE[principal.role];
  if (!purpose) throw new ToolError('walled', 'Substance-use program records are not available to your role.');
  const consents = await ehr.read.consents.active(clientId, 'part2_disclosure', { purpose });
  if (consents.length === 0) {
    throw new ToolError(
      'consent_required',
      `This client's substance-use program records need a 42 CFR Part 2 consent covering ${purpose}; none is in force.`,
    );
  }
}

/**
 * The gateway a tool receives: the same reads and drafts, with the record walls built in, so no tool can forget
 * them. Psychotherapy notes read as walled; note lists never include them; a Part 2 client's clinical and billing
 * records (notes, assessments, treatment plans, claims, risk flags) need a consent covering the caller's purpose,
 * and a practice-wide claim list or any risk-flag list leaves out the records no consent releases. Scope is checked
 * first, so a refusal never tells someone outside the caseload what kind of record an id names.
 */
export function wallEhr(ehr: ToolEhr, principal: Principal, scope: CallerScope): ToolEhr {
  const notes = ehr.read.notes;
  const guardNote = async (note: Note | null): Promise<Note | null> => {
    if (!note) return null;
    await scope.requireClient(note.clientId);
    if (!VISIBLE_NOTE_KINDS.includes(note.kind)) {
      throw new ToolError(
        'walled',
        'Psychotherapy notes are kept apart from the record and are never available through charta.',
      );
    }
    await requirePart2Consent(ehr, principal, note.clientId);
    return note;
  };
  const guardClient = async (clientId: string): Promise<void> => {
    await scope.requireClient(clientId);
    await requirePart2Consent(ehr, principal, clientId);
  };
  /** Whether a client's records may be released to this caller: within reach and, for Part 2, under consent. */
  const releasable = async (clientId: string): Promise<boolean> => {
    const reach = await scope.clientIds();
    if (reach && !reach.has(clientId)) return false;
    try {
      await requirePart2Consent(ehr, principal, clientId);
      return true;
    } catch (error) {
      if (error instanceof ToolError) return false;
      throw error;
    }
  };
  /** Keeps a page's records whose client is released; the cursor stays the store's, so a page may come back short. */
  const releasedOnly = async <T extends { clientId: string }>(page: Page<T>): Promise<Page<T>> => {
    const clientIds = [...new Set(page.items.map((r) => r.clientId))];
    const released = new Set(
      (await Promise.all(clientIds.map(async (id) => ((await releasable(id)) ? id : null)))).filter(
        (id): id is string => id !== null,
      ),
    );
    return { items: page.items.filter((r) => released.has(r.clientId)), nextCursor: page.nextCursor };
  };
  const { assessments, treatmentPlans, claims, transcripts } = ehr.read;
  const { riskFlags } = ehr.drafts;
  return Object.freeze({
    practiceId: ehr.practiceId,
    drafts: {
      ...ehr.drafts,
      // A risk flag is a clinical record about the client (its evidence names their assessments and messages): the
      // same scope and Part 2 wall as the records it cites. Raising one is not walled here: flag_risk reads the
      // client's assessments through this gateway first, so a walled client is refused before anything is stored.
      riskFlags: {
        upsert: (flag: Parameters<typeof riskFlags.upsert>[0]) => riskFlags.upsert(flag),
        forClient: async (clientId: string) => {
          await guardClient(clientId);
          return riskFlags.forClient(clientId);
        },
        // A list names a set of clients (a caseload may hold a walled one), so it leaves out, page by page, rather
        // than refusing; a tool that takes one client's id refuses a walled client itself.
        list: async (query: Parameters<typeof riskFlags.list>[0]) => releasedOnly(await riskFlags.list(query)),
      },
    },
    read: {
      ...ehr.read,
      assessments: {
        list: async (query: Parameters<typeof assessments.list>[0]) => {
          await guardClient(query.clientId);
          return assessments.list(query);
        },
      },
      treatmentPlans: {
        get: async (id: string) => {
          const plan = await treatmentPlans.get(id);
          if (plan) await guardClient(plan.clientId);
          return plan;
        },
        list: async (clientId: string) => {
          await guardClient(clientId);
          return treatmentPlans.list(clientId);
        },
      },
      claims: {
        get: async (id: string) => {
          const claim = await claims.get(id);
          if (claim) await guardClient(claim.clientId);
          return claim;
        },
        list: async (query: Parameters<typeof claims.list>[0]) => {
          if (query.clientId) {
            await guardClient(query.clientId);
            return claims.list(query);
          }
          return releasedOnly(await claims.list(query));
        },
      },
      // A session transcript is a clinical record like the note drafted from it: same scope and Part 2 wall.
      transcripts: {
        get: async (id: string) => {
          const transcript = await transcripts.get(id);
          if (transcript) await guardClient(transcript.clientId);
          return transcript;
        },
        forAppointment: async (appointmentId: string) => {
          const found = await transcripts.forAppointment(appointmentId);
          for (const clientId of new Set(found.map((t) => t.clientId))) await guardClient(clientId);
          return found;
        },
      },
      notes: {
        get: async (id: string) => guardNote(await notes.get(id)),
        list: async (query: Parameters<typeof notes.list>[0]) => {
          await scope.requireClient(query.clientId);
          await requirePart2Consent(ehr, principal, query.clientId);
          const kinds = (query.kinds ?? VISIBLE_NOTE_KINDS).filter((k) => VISIBLE_NOTE_KINDS.includes(k));
          return notes.list({ ...query, kinds });
        },
      },
    },
  });
}
