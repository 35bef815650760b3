import { userId } from './build-people.ts';
import type { SeededAppointment } from './build-schedule.ts';
import { daysBetween } from './calendar.ts';
import { type ClaimErrorKind, json, type PracticeContext } from './model.ts';

/** A demo fee schedule in cents. Not any payer's real rates. */
const FEES: Record<string, number> = {
  '90791': 20_000,
  '90792': 25_000,
  '90832': 9_000,
  '90834': 13_000,
  '90837': 17_500,
  '90839': 21_000,
  '90840': 10_000,
  '90847': 14_000,
  '90846': 13_000,
  '90853': 6_000,
  '90785': 2_500,
  '99214': 15_000,
};

interface Line {
  cpt: string;
  minutes: number | null;
  modifiers: string[];
  pointers: string[];
  units: number;
}

/** The codes a correct claim would carry for this session. */
export function correctLines(appt: SeededAppointment, dxCount: number): Line[] {
  const pointers = ['A', 'B', 'C', 'D'].slice(0, Math.max(1, Math.min(dxCount, 4)));
  const telehealth = appt.modality === 'telehealth' ? [appt.telehealthMode === 'audio_only' ? '93' : '95'] : [];
  const line = (cpt: string, minutes: number | null = appt.minutes): Line => ({
    cpt,
    minutes,
    modifiers: [...telehealth],
    pointers,
    units: 1,
  });
  switch (appt.serviceType) {
    case 'intake_evaluation':
      return [line('90791')];
    case 'psychiatric_evaluation':
      return [line('90792')];
    case 'medication_management':
      return [line('99214')];
    case 'family_therapy':
    case 'couples_therapy':
      return [line('90847')];
    case 'group_therapy':
      return [line('90853')];
    case 'crisis':
      return appt.minutes >= 75 ? [line('90839', 60), line('90840', appt.minutes - 60)] : [line('90839')];
    default:
      if (appt.minutes >= 53) return [line('90837')];
      if (appt.minutes >= 38) return [line('90834')];
      return [line('90832')];
  }
}

type PlantedError = Exclude<ClaimErrorKind, 'unsigned_note'>;

/** Introduces one typical billing error into otherwise correct lines. */
function corrupt(kind: PlantedError, lines: Line[], appt: SeededAppointment): { lines: Line[]; pos: string } {
  const copy = lines.map((l) => ({ ...l, modifiers: [...l.modifiers], pointers: [...l.pointers] }));
  const first = copy[0] as Line;
  switch (kind) {
    case 'time_vs_code':
      // A 38–52 minute session billed as 53+ minutes.
      first.cpt = '90837';
      return { lines: copy, pos: appt.placeOfService };
    case 'addon_without_primary':
      // Interactive complexity billed with no primary psychotherapy code on the claim.
      return { lines: [{ ...first, cpt: '90785', minutes: null }], pos: appt.placeOfService };
    case 'telehealth_pos_modifier':
      for (const l of copy) l.modifiers = [];
      return { lines: copy, pos: '11' };
    case 'missing_dx_pointer':
      first.pointers = [];
      return { lines: copy, pos: appt.placeOfService };
  }
}

/**
 * Claims for recent completed sessions of insured clients: most clean, some with each of the typical errors a
 * scrubber must catch. Older claims have moved through submission and adjudication; recent ones are drafts.
 */
export function buildClaims(ctx: PracticeContext, appointments: SeededAppointment[]): void {
  const rng = ctx.rng.fork('claims');
  const biller = ctx.spec.staff.find((s) => s.role === 'biller');
  const billerId = biller ? userId(ctx, biller.username) : null;
  const eligible = appointments.filter(
    (a) => a.status === 'completed' && a.client.insured && daysBetween(a.date, ctx.anchor) <= 70 && !a.transcriptKey,
  );
  const errorQueue: PlantedError[] = [];
  const plannedErrors = ctx.spec.id === 'prc_lakeside' ? 3 : 1;
  for (const kind of [
    'time_vs_code',
    'addon_without_primary',
    'telehealth_pos_modifier',
    'missing_dx_pointer',
  ] as const) {
    for (let i = 0; i < plannedErrors; i++) errorQueue.push(kind);
  }
  const target = ctx.spec.id === 'prc_lakeside' ? 44 : 12;
  const chosen = rng.sample(eligible, target).sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));

  for (const appt of chosen) {
    const clientRow = ctx.rows.clients.find((c) => c.id === appt.client.id);
    const insurance = clientRow?.insurance
      ? (JSON.parse(clientRow.insurance) as { payer: string; payerId: string; memberId: string })
      : null;
    if (!insurance) continue;
    const dx = appt.client.diagnosisCodes;
    let lines = correctLines(appt, dx.length);
    let pos = appt.placeOfService;
    const errors: ClaimErrorKind[] = [];
    const nextError = errorQueue.findIndex(
      (kind) =>
        (kind !== 'time_vs_code' ||
          (appt.serviceType === 'individual_therapy' && appt.minutes >= 38 && appt.minutes < 53)) &&
        (kind !== 'telehealth_pos_modifier' || appt.modality === 'telehealth') &&
        (kind !== 'addon_without_primary' || appt.serviceType === 'individual_therapy'),
    );
    if (nextError >= 0 && rng.chance(0.6)) {
      const [kind] = errorQueue.splice(nextError, 1) as [PlantedError];
      ({ lines, pos } = corrupt(kind, lines, appt));
      errors.push(kind);
    } else if (appt.client.isMinor && appt.serviceType === 'individual_therapy' && rng.chance(0.3)) {
      // Interactive complexity, billed correctly with its primary code.
      lines.push({
        cpt: '90785',
        minutes: null,
        modifiers: [...(lines[0]?.modifiers ?? [])],
        pointers: lines[0]?.pointers ?? ['A'],
        units: 1,
      });
    }
    const age = daysBetween(appt.date, ctx.anchor);
    const status =
      errors.length > 0
        ? rng.pick(['draft', 'ready'] as const)
        : age > 30
          ? rng.weighted([
              ['paid', 6],
              ['accepted', 1],
              ['submitted', 2],
              ['denied', 1],
            ] as const)
          : age > 10
            ? rng.pick(['submitted', 'ready'] as const)
            : 'draft';
    const id = rng.id('clm');
    const total = lines.reduce((sum, l) => sum + (FEES[l.cpt] ?? 10_000) * l.units, 0);
    const submitted = status !== 'draft' && status !== 'ready';
    ctx.rows.claims.push({
      id,
      practiceId: ctx.spec.id,
      clientId: appt.client.id,
      appointmentId: appt.id,
      renderingProviderId: appt.clinicianId,
      payer: insurance.payer,
      payerId: insurance.payerId,
      memberId: insurance.memberId,
      dateOfService: appt.date,
      diagnosisCodes: json(dx),
      placeOfService: pos,
      status,
      totalChargeCents: total,
      denialReason:
        status === 'denied'
          ? rng.pick([
              'CO-50: not deemed medically necessary by the payer',
              'CO-16: claim lacks information needed for adjudication',
              'PR-204: service not covered under the patient’s current benefit plan',
            ])
          : null,
      submittedBy: submitted ? billerId : null,
      submittedAt: submitted ? new Date(Date.parse(appt.endsAt) + 3 * 86_400_000).toISOString() : null,
      createdAt: new Date(Date.parse(appt.endsAt) + 86_400_000).toISOString(),
      updatedAt: new Date(Date.parse(appt.endsAt) + 86_400_000).toISOString(),
    });
    lines.forEach((l, i) => {
      ctx.rows.claimLines.push({
        id: rng.id('cln'),
        practiceId: ctx.spec.id,
        claimId: id,
        lineNumber: i + 1,
        cpt: l.cpt,
        modifiers: json(l.modifiers),
        units: l.units,
        minutes: l.minutes,
        placeOfService: pos,
        diagnosisPointers: json(l.pointers),
        chargeCents: (FEES[l.cpt] ?? 10_000) * l.units,
        dateOfService: appt.date,
      });
    });
    // Annotated after the status was drawn, so the random stream (and every row) stays as it was.
    const signedNote = ctx.rows.notes.some(
      (n) =>
        n.appointmentId === appt.id && n.kind !== 'psychotherapy' && (n.status === 'signed' || n.status === 'locked'),
    );
    if (!signedNote) errors.push('unsigned_note');
    if (errors.length > 0) ctx.annotations.claimErrors[id] = errors;
  }
}
