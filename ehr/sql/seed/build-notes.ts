import { INTAKE_NOTE_SECTIONS } from '../../../clinical/note-formats.ts';
import type { NoteFormat } from '../../types.ts';
import { profileFor } from './build-people.ts';
import type { SeededAppointment } from './build-schedule.ts';
import { addDays, daysBetween } from './calendar.ts';
import type { ProblemProfile } from './content/types.ts';
import { fill } from './fill.ts';
import { json, type PracticeContext } from './model.ts';
import type { Prng } from './prng.ts';

const SERVICE_PHRASE: Record<string, string> = {
  intake_evaluation: 'diagnostic evaluation',
  psychiatric_evaluation: 'psychiatric diagnostic evaluation',
  individual_therapy: 'individual psychotherapy session',
  family_therapy: 'family psychotherapy session with the client present',
  couples_therapy: 'conjoint couples psychotherapy session',
  group_therapy: 'group psychotherapy session',
  crisis: 'crisis psychotherapy session',
  medication_management: 'medication management visit',
};

/** "53-minute individual psychotherapy session via telehealth (audio and video), client at home." */
export function sessionFacts(appt: SeededAppointment): string {
  const where =
    appt.modality === 'telehealth'
      ? `via telehealth (${appt.telehealthMode === 'audio_only' ? 'audio only' : 'audio and video'}), client at ${appt.placeOfService === '10' ? 'home' : 'another location'}`
      : 'in person at the office';
  const who =
    appt.client.plan.kind === 'couple'
      ? ' Both partners attended.'
      : appt.client.plan.kind === 'family'
        ? ' Parent and sibling attended.'
        : '';
  return `${appt.minutes}-minute ${SERVICE_PHRASE[appt.serviceType] ?? 'session'} ${where}.${who}`;
}

export interface NoteInputs {
  /** The client's next scheduled appointment date, if any. */
  nextDate: string | null;
  /** A measure given around this session, e.g. "PHQ-9 today: 12 (moderate)." */
  measureLine: string | null;
}

function pickSome(rng: Prng, items: readonly string[], count: number): string[] {
  return rng.sample(items, count);
}

export function composeSections(
  rng: Prng,
  format: NoteFormat,
  appt: SeededAppointment,
  profile: ProblemProfile,
  inputs: NoteInputs,
  say: (text: string) => string,
): Record<string, string> {
  const facts = sessionFacts(appt);
  const risk = say(rng.pick(profile.riskStatements));
  const next = inputs.nextDate
    ? `Next session scheduled ${inputs.nextDate}.`
    : 'Next session to be scheduled by the front desk.';
  const join = (parts: Array<string | null>) =>
    parts
      .filter((p): p is string => Boolean(p))
      .map(say)
      .join(' ');
  const goal = rng.pick(profile.goals);
  switch (format) {
    case 'SOAP':
      return {
        subjective: join(pickSome(rng, profile.reports, 2)),
        objective: join([facts, ...pickSome(rng, profile.observations, 2), inputs.measureLine]),
        assessment: join([...pickSome(rng, profile.assessments, 1), risk]),
        plan: join([...pickSome(rng, profile.plans, 2), next]),
      };
    case 'DAP':
      return {
        data: join([
          facts,
          ...pickSome(rng, profile.reports, 2),
          rng.pick(profile.observations),
          rng.pick(profile.interventions),
          inputs.measureLine,
        ]),
        assessment: join([rng.pick(profile.assessments), rng.pick(profile.responses), risk]),
        plan: join([...pickSome(rng, profile.plans, 2), next]),
      };
    case 'BIRP':
      return {
        behavior: join([facts, rng.pick(profile.reports), rng.pick(profile.observations), inputs.measureLine, risk]),
        intervention: join(pickSome(rng, profile.interventions, 2)),
        response: join(pickSome(rng, profile.responses, 2)),
        plan: join([rng.pick(profile.plans), next]),
      };
    case 'GIRP':
      return {
        goals: join([`Treatment goal addressed: ${goal.goal}`, `Objective: ${rng.pick(goal.objectives)}`, facts]),
        intervention: join([rng.pick(goal.interventions), rng.pick(profile.interventions)]),
        response: join([...pickSome(rng, profile.responses, 2), inputs.measureLine, risk]),
        plan: join([rng.pick(profile.plans), next]),
      };
    default:
      return { narrative: join([facts, rng.pick(profile.reports), rng.pick(profile.assessments), risk, next]) };
  }
}

function composeIntake(
  rng: Prng,
  appt: SeededAppointment,
  profile: ProblemProfile,
  inputs: NoteInputs,
  say: (text: string) => string,
): Record<string, string> {
  const keys = INTAKE_NOTE_SECTIONS.map((s) => s.key);
  const dx = profile.diagnoses.map((d) => `${d.code} ${d.description}`).join('; ');
  const values = [
    [sessionFacts(appt), ...pickSome(rng, profile.reports, 2)].map(say).join(' '),
    say(rng.pick(profile.reports)),
    pickSome(rng, profile.observations, 2).map(say).join(' '),
    say(rng.pick(profile.riskStatements)),
    `${say(rng.pick(profile.assessments))} Working diagnosis: ${dx}.${inputs.measureLine ? ` ${inputs.measureLine}` : ''}`,
    `${say(rng.pick(profile.plans))} ${inputs.nextDate ? `First therapy session scheduled ${inputs.nextDate}.` : ''}`.trim(),
  ];
  return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
}

/**
 * Signed notes for completed sessions (SOAP/DAP/BIRP/GIRP by the clinician's habit, intake notes for
 * evaluations), psychotherapy process notes for some sessions, and a small backlog: the transcript sessions and a
 * few recent ones have no note yet, some have a human draft in progress.
 */
export function buildNotes(
  ctx: PracticeContext,
  appointments: SeededAppointment[],
  measureLines: Map<string, string>,
): void {
  const rng = ctx.rng.fork('notes');
  const formatOf = new Map(ctx.spec.staff.map((s) => [s.username, s.noteFormat ?? 'SOAP'] as const));
  const usernameById = new Map([...ctx.userIds].map(([username, id]) => [id, username] as const));
  const firstNameById = new Map(ctx.rows.users.map((u) => [u.id, u.displayName.split(' ')[0] ?? ''] as const));
  const nextByClient = new Map<string, string[]>();
  for (const appt of appointments) {
    if (appt.status === 'scheduled') {
      const list = nextByClient.get(appt.client.id) ?? [];
      list.push(appt.date);
      nextByClient.set(appt.client.id, list);
    }
  }
  const processWriters = new Set(['avery.chen', 'morgan.lee', 'taylor.kim', 'robin.hale']);

  for (const appt of appointments) {
    if (appt.status !== 'completed' || appt.transcriptKey) continue;
    const age = daysBetween(appt.date, ctx.anchor);
    if (age <= 2 && rng.chance(0.5)) continue;
    const username = usernameById.get(appt.clinicianId) ?? '';
    const profile = profileFor(appt.client.plan.problem);
    const say = (text: string) => fill(text, ctx, appt.client, firstNameById.get(appt.clinicianId) ?? '');
    const nextDate = nextByClient.get(appt.client.id)?.find((d) => d > appt.date) ?? null;
    const inputs: NoteInputs = { nextDate, measureLine: measureLines.get(appt.id) ?? null };
    const evaluation = appt.serviceType === 'intake_evaluation' || appt.serviceType === 'psychiatric_evaluation';
    const format: NoteFormat = evaluation ? 'narrative' : (formatOf.get(username) ?? 'SOAP');
    const sections = evaluation
      ? composeIntake(rng, appt, profile, inputs, say)
      : composeSections(rng, format, appt, profile, inputs, say);
    const draft = age <= 4 && rng.chance(0.2);
    const signedAt = new Date(Date.parse(appt.endsAt) + rng.int(1, 30) * 3_600_000).toISOString();
    const locked = !draft && age > 45;
    ctx.rows.notes.push({
      id: rng.id('note'),
      practiceId: ctx.spec.id,
      clientId: appt.client.id,
      appointmentId: appt.id,
      transcriptId: null,
      authorId: appt.clinicianId,
      kind: evaluation ? 'intake' : 'progress',
      format,
      sections: json(sections),
      status: draft ? 'draft' : locked ? 'locked' : 'signed',
      aiGenerated: false,
      provenance: null,
      signedBy: draft ? null : appt.clinicianId,
      signedAt: draft ? null : signedAt,
      lockedAt: locked ? `${addDays(appt.date, 45)}T06:00:00.000Z` : null,
      createdAt: appt.endsAt,
      updatedAt: draft ? appt.endsAt : signedAt,
    });
    if (!evaluation && processWriters.has(username) && rng.chance(0.15)) {
      ctx.rows.notes.push({
        id: rng.id('note'),
        practiceId: ctx.spec.id,
        clientId: appt.client.id,
        appointmentId: appt.id,
        transcriptId: null,
        authorId: appt.clinicianId,
        kind: 'psychotherapy',
        format: 'narrative',
        sections: json({ narrative: pickSome(rng, profile.processReflections, 2).map(say).join(' ') }),
        status: 'signed',
        aiGenerated: false,
        provenance: null,
        signedBy: appt.clinicianId,
        signedAt,
        lockedAt: null,
        createdAt: appt.endsAt,
        updatedAt: signedAt,
      });
    }
  }
}
