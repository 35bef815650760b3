import { escapeRegExp } from '../../clinical/regexp.ts';
import type { EvalEnv } from '../harness/env.ts';

/** What a chart question asks for; the expected facts are read from the seeded database when the suite runs. */
export type Ask =
  | 'dob'
  | 'pronouns'
  | 'preferred_name'
  | 'insurance'
  | 'diagnoses'
  | 'phq9_latest'
  | 'gad7_latest'
  | 'plan_goals'
  /** Something the chart never records (a lab, a medication, an opinion): `absent` terms appear nowhere in it. */
  | 'topic'
  /** A diagnosis the chart does not hold: `absent` terms appear in none of the client's diagnoses. */
  | 'diagnosis_absent';

export interface ChartCase {
  id: string;
  /** `c1`…`c11`: the demo clinician's primary clients, ordered by id (see `caseloadRefs`). */
  client: string;
  question: string;
  ask: Ask;
  /** Declared in the data; checked against the database so a seed change cannot silently flip a case. */
  answerable: boolean;
  absent?: string[];
}

/** One expected fact: the kind decides how it is recognised in an answer (a date in any common form, a number…). */
export type Fact = { kind: 'date' | 'number' | 'text' | 'phrase'; value: string };

/** The demo clinician's primary clients (not Part 2), ordered by id: `c1`…, with `c1Name`… beside them. */
export async function caseloadRefs(env: EvalEnv): Promise<Record<string, string>> {
  const db = env.database.db;
  const rows = await db
    .selectFrom('caseloadAssignments')
    .innerJoin('clients', 'clients.id', 'caseloadAssignments.clientId')
    .select(['clients.id', 'clients.firstName', 'clients.lastName'])
    .where('caseloadAssignments.clinicianId', '=', 'usr_avery_chen')
    .where('caseloadAssignments.role', '=', 'primary')
    .where('caseloadAssignments.endedOn', 'is', null)
    .where('clients.part2', '=', false)
    .orderBy('clients.id')
    .execute();
  const refs: Record<string, string> = {};
  rows.forEach((r, i) => {
    refs[`c${i + 1}`] = r.id;
    refs[`c${i + 1}Name`] = `${r.firstName} ${r.lastName}`;
  });
  return refs;
}

/** Everything the database holds about one client, as text: what "not in the chart" is checked against. */
async function chartText(env: EvalEnv, clientId: string): Promise<string> {
  const db = env.database.db;
  const threads = await db.selectFrom('inboxThreads').select('id').where('clientId', '=', clientId).execute();
  const parts = await Promise.all([
    db.selectFrom('clients').selectAll().where('id', '=', clientId).execute(),
    db.selectFrom('clientDiagnoses').selectAll().where('clientId', '=', clientId).execute(),
    db.selectFrom('notes').select('sections').where('clientId', '=', clientId).execute(),
    db.selectFrom('assessments').selectAll().where('clientId', '=', clientId).execute(),
    db.selectFrom('treatmentPlans').select('problems').where('clientId', '=', clientId).execute(),
    db.selectFrom('intakeSubmissions').select('answers').where('clientId', '=', clientId).execute(),
    db.selectFrom('transcripts').select('text').where('clientId', '=', clientId).execute(),
    threads.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('inboxMessages')
          .select('body')
          .where(
            'threadId',
            'in',
            threads.map((t) => t.id),
          )
          .execute(),
  ]);
  return JSON.stringify(parts);
}

const mentions = (text: string, term: string) =>
  new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(term)}`, 'iu').test(text);

/**
 * The facts a correct answer states, from the database; an empty list means the chart does not hold the answer.
 * Throws when a case's declared answerability no longer matches the data.
 */
export async function expectedFacts(env: EvalEnv, c: ChartCase, clientId: string): Promise<Fact[]> {
  const db = env.database.db;
  const client = await db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirstOrThrow();
  const latest = async (instrument: string): Promise<Fact[]> => {
    const a = await db
      .selectFrom('assessments')
      .select(['total', 'administeredAt'])
      .where('clientId', '=', clientId)
      .where('instrument', '=', instrument)
      .orderBy('administeredAt', 'desc')
      .executeTakeFirst();
    return a
      ? [
          { kind: 'number', value: String(a.total) },
          { kind: 'date', value: String(a.administeredAt).slice(0, 10) },
        ]
      : [];
  };
  let facts: Fact[];
  switch (c.ask) {
    case 'dob':
      facts = [{ kind: 'date', value: client.dateOfBirth }];
      break;
    case 'pronouns':
      facts = client.pronouns ? [{ kind: 'text', value: client.pronouns }] : [];
      break;
    case 'preferred_name':
      facts = client.preferredName ? [{ kind: 'text', value: client.preferredName }] : [];
      break;
    case 'insurance': {
      const payer = (client.insurance as { payer?: string } | null)?.payer;
      facts = payer ? [{ kind: 'text', value: payer }] : [];
      break;
    }
    case 'diagnoses': {
      const dx = await db
        .selectFrom('clientDiagnoses')
        .select('code')
        .where('clientId', '=', clientId)
        .where('status', '=', 'active')
        .execute();
      facts = dx.map((d) => ({ kind: 'text', value: d.code }));
      break;
    }
    case 'phq9_latest':
      facts = await latest('PHQ-9');
      break;
    case 'gad7_latest':
      facts = await latest('GAD-7');
      break;
    case 'plan_goals': {
      const plans = await db
        .selectFrom('treatmentPlans')
        .select(['status', 'problems', 'createdAt'])
        .where('clientId', '=', clientId)
        .orderBy('createdAt', 'desc')
        .execute();
      const plan = plans.find((p) => p.status === 'active') ?? plans[0];
      const problems = (plan?.problems ?? []) as { goals?: { description: string }[] }[];
      facts = problems.flatMap((p) => (p.goals ?? []).map((g) => ({ kind: 'phrase' as const, value: g.description })));
      break;
    }
    case 'topic': {
      const text = await chartText(env, clientId);
      const found = (c.absent ?? []).filter((t) => mentions(text, t));
      if (found.length > 0) throw new Error(`chart case ${c.id}: the chart does mention ${found.join(', ')}`);
      facts = [];
      break;
    }
    case 'diagnosis_absent': {
      const dx = JSON.stringify(
        await db.selectFrom('clientDiagnoses').selectAll().where('clientId', '=', clientId).execute(),
      );
      const found = (c.absent ?? []).filter((t) => mentions(dx, t));
      if (found.length > 0)
        throw new Error(`chart case ${c.id}: the client has a diagnosis matching ${found.join(', ')}`);
      facts = [];
      break;
    }
  }
  if (facts.length > 0 !== c.answerable)
    throw new Error(`chart case ${c.id}: declared answerable=${c.answerable}, the demo chart says ${facts.length > 0}`);
  return facts;
}
