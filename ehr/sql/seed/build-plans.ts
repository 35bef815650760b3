import { profileFor } from './build-people.ts';
import type { SeededAppointment } from './build-schedule.ts';
import { addDays } from './calendar.ts';
import { fill } from './fill.ts';
import { json, type PracticeContext } from './model.ts';

/**
 * Treatment plans: an active, signed plan for every client in therapy; a superseded earlier plan for long-standing
 * clients; a couple of plans still in draft.
 */
export function buildPlans(ctx: PracticeContext, appointments: SeededAppointment[]): void {
  const rng = ctx.rng.fork('plans');
  const firstTherapy = new Map<string, SeededAppointment>();
  for (const appt of appointments) {
    if (appt.status !== 'completed') continue;
    if (appt.serviceType === 'intake_evaluation' || appt.serviceType === 'psychiatric_evaluation') continue;
    if (!firstTherapy.has(appt.client.id)) firstTherapy.set(appt.client.id, appt);
  }
  const firstNames = new Map(ctx.rows.users.map((u) => [u.id, u.displayName.split(' ')[0] ?? ''] as const));
  let drafts = 0;
  for (const client of ctx.clients) {
    if (client.isCompanion) continue;
    const first = firstTherapy.get(client.id);
    if (!first) continue;
    const profile = profileFor(client.plan.problem);
    const say = (text: string) => fill(text, ctx, client, firstNames.get(client.clinicianId) ?? '');
    const problems = (version: number) =>
      client.diagnosisCodes.slice(0, 1).map((code, p) => ({
        id: `p${p + 1}`,
        description: say(`${profile.label}: ${profile.reports[version % profile.reports.length] ?? ''}`),
        icd10: code,
        goals: profile.goals.slice(0, 2).map((goal, g) => ({
          id: `p${p + 1}g${g + 1}`,
          description: say(goal.goal),
          objectives: goal.objectives.map((objective, o) => ({
            id: `p${p + 1}g${g + 1}o${o + 1}`,
            description: say(objective),
            targetDate: addDays(first.date, 90 + 30 * o),
            status: version === 0 ? 'met' : o === 0 ? 'in_progress' : 'not_started',
          })),
          interventions: goal.interventions.map(say),
        })),
      }));
    const effectiveOn = first.date;
    const longStanding = effectiveOn < addDays(ctx.anchor, -100);
    if (longStanding) {
      ctx.rows.treatmentPlans.push({
        id: rng.id('tpl'),
        practiceId: ctx.spec.id,
        clientId: client.id,
        authorId: client.clinicianId,
        status: 'superseded',
        problems: json(problems(0)),
        effectiveOn,
        reviewDueOn: addDays(effectiveOn, 90),
        aiGenerated: false,
        provenance: null,
        signedBy: client.clinicianId,
        signedAt: `${effectiveOn}T23:00:00.000Z`,
        createdAt: `${effectiveOn}T22:00:00.000Z`,
        updatedAt: `${effectiveOn}T23:00:00.000Z`,
      });
    }
    const currentFrom = longStanding ? addDays(effectiveOn, 90) : effectiveOn;
    const draft = drafts < 2 && !client.plan.transcriptKey && rng.chance(0.1);
    if (draft) drafts++;
    ctx.rows.treatmentPlans.push({
      id: rng.id('tpl'),
      practiceId: ctx.spec.id,
      clientId: client.id,
      authorId: client.clinicianId,
      status: draft ? 'draft' : 'active',
      problems: json(problems(1)),
      effectiveOn: draft ? null : currentFrom,
      reviewDueOn: draft ? null : addDays(currentFrom, 90),
      aiGenerated: false,
      provenance: null,
      signedBy: draft ? null : client.clinicianId,
      signedAt: draft ? null : `${currentFrom}T23:00:00.000Z`,
      createdAt: `${currentFrom}T22:00:00.000Z`,
      updatedAt: `${currentFrom}T23:00:00.000Z`,
    });
  }
}
