import { createSqlAuditLog } from '../../ehr/sql/audit-log.ts';
import { connect, type SqlDatabase } from '../../ehr/sql/connect.ts';
import { sqlGateway } from '../../ehr/sql/gateway.ts';
import { migrateToLatest } from '../../ehr/sql/migrate.ts';
import { buildDemoData } from '../../ehr/sql/seed/build.ts';
import { loadRows } from '../../ehr/sql/seed/load.ts';
import type { Role } from '../../ehr/types.ts';
import { hmacCheckpointKey } from '../../policies/audit/checkpoint.ts';
import { createPipeline, type Pipeline } from '../../policies/pipeline.ts';
import type { Principal } from '../../policies/principal.ts';
import { allTools } from '../../tools/index.ts';

/** The seed and "today" of the demo the suites run against (the same the tests use), so placeholders are stable. */
export const EVAL_SEED = 20261122;
export const EVAL_TODAY = '2026-11-22';

const principal = (username: string, role: Role, practiceId = 'prc_lakeside'): Principal => ({
  userId: `usr_${username.replace('.', '_')}`,
  username,
  role,
  practiceId,
  surface: 'chat',
  clientApp: 'evals',
});
/** The roles a case can name, as the demo's people. */
export const EVAL_CALLERS: Record<string, Principal> = {
  clinician: principal('avery.chen', 'clinician'),
  supervisor: principal('morgan.lee', 'supervisor'),
  front_desk: principal('jamie.ortiz', 'front_desk'),
  biller: principal('riley.brooks', 'biller'),
  practice_admin: principal('casey.nguyen', 'practice_admin'),
};

export interface EvalEnv {
  pipeline: Pipeline;
  /** The demo database, for suites that plant records (canaries, stored injections) and remove them afterwards. */
  database: SqlDatabase;
  /** `{{name}}` in a case's text or expectations is replaced by these demo record ids and names. */
  refs: Record<string, string>;
  close(): Promise<void>;
}

const firstOf = <T>(list: T[], what: string): T => {
  const found = list[0];
  if (found === undefined) throw new Error(`the demo has no ${what}`);
  return found;
};

/**
 * An in-memory PGlite holding the seeded demo, and the policy pipeline over it with the real SQL audit log: the
 * suites exercise the same tools, walls and audit as production, with no database server.
 */
export async function openEvalEnv(): Promise<EvalEnv> {
  const database: SqlDatabase = await connect({ kind: 'pglite-memory' });
  await migrateToLatest(database.db);
  const { rows, annotations } = buildDemoData({ seed: EVAL_SEED, anchor: EVAL_TODAY });
  await loadRows(database.db, rows);
  const audit = createSqlAuditLog(database.db, { signer: hmacCheckpointKey(Buffer.alloc(32, 7)) });
  const pipeline = createPipeline({ tools: allTools, gateway: sqlGateway(database), audit });

  const primaryOf = (clinician: string) =>
    rows.caseloadAssignments
      .filter(
        (a) => a.clinicianId === clinician && a.role === 'primary' && (a.endedOn == null || a.endedOn >= EVAL_TODAY),
      )
      .map((a) => a.clientId)
      .filter((id) => !rows.clients.find((c) => c.id === id)?.part2);
  const own = firstOf(
    primaryOf('usr_avery_chen').filter((id) => rows.notes.some((n) => n.clientId === id && n.status === 'signed')),
    'avery client with a signed note',
  );
  const otherClinician = firstOf(primaryOf('usr_emery_walsh'), 'emery client');
  const otherPractice = firstOf(primaryOf('usr_taylor_kim'), 'taylor client');
  const nameOf = (id: string) => {
    const c = rows.clients.find((x) => x.id === id) as unknown as { firstName?: string; lastName?: string };
    return `${c?.firstName ?? ''} ${c?.lastName ?? ''}`.trim();
  };
  const ownNote = firstOf(
    rows.notes.filter((n) => n.clientId === own && n.status === 'signed'),
    'signed note of the own client',
  );
  const ownAppt = firstOf(
    rows.appointments.filter((a) => a.clientId === own && a.clinicianId === 'usr_avery_chen'),
    'appointment of the own client',
  );
  const ownMsg = firstOf(
    rows.inboxMessages.filter((m) => rows.inboxThreads.some((t) => t.id === m.threadId && t.clientId === own)),
    'message of the own client',
  );
  const ownClaim = rows.claims.find((c) => c.clientId === own) ?? firstOf(rows.claims, 'claim');
  const otherNote = firstOf(
    rows.notes.filter((n) => n.clientId === otherPractice),
    'note of the other practice',
  );
  // The seeded portal message that carries an injection (and real risk language): read through the tools, its text
  // reaches the model as a tool result.
  const injectMsg = annotations.messages['inject-system-routine-with-risk'];
  const injectThread = rows.inboxMessages.find((m) => m.id === injectMsg)?.threadId;
  if (!injectMsg || !injectThread) throw new Error('the demo has no injected portal message');
  const refs: Record<string, string> = {
    injectMsg,
    injectThread,
    own,
    ownName: nameOf(own),
    ownFirst: nameOf(own).split(' ')[0] ?? '',
    ownNote: ownNote.id,
    ownAppt: ownAppt.id,
    ownMsg: ownMsg.id,
    ownThread: ownMsg.threadId,
    ownClaim: ownClaim.id,
    otherClinician,
    otherClinicianName: nameOf(otherClinician),
    otherPractice,
    otherPracticeName: nameOf(otherPractice),
    otherPracticeNote: otherNote.id,
  };
  return { pipeline, database, refs, close: () => database.close() };
}

/** Replaces `{{name}}` placeholders (in strings, arrays and objects) with the environment's refs. */
export function fill<T>(value: T, refs: Record<string, string>): T {
  if (typeof value === 'string')
    return value.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
      const v = refs[k];
      if (v === undefined) throw new Error(`unknown placeholder {{${k}}}`);
      return v;
    }) as T;
  if (Array.isArray(value)) return value.map((v) => fill(v, refs)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, refs)])) as T;
  return value;
}
