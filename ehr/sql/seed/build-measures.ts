import { ITEM_COUNT, type MeasureInstrument, severityOf } from '../../../clinical/measures.ts';
import type { SeededAppointment } from './build-schedule.ts';
import { daysBetween } from './calendar.ts';
import { json, type PracticeContext } from './model.ts';
import type { Trajectory } from './plan.ts';
import type { Prng } from './prng.ts';

const DEPRESSIVE = new Set(['depression', 'bipolar', 'grief', 'borderline_traits', 'adjustment']);

/** Totals the transcripts mention, so the demo chart agrees with what was said in session. */
const TRANSCRIPT_TOTALS: Record<string, Partial<Record<MeasureInstrument, number[]>>> = {
  'cbt-depression-individual': { 'PHQ-9': [18, 14] },
  'intake-evaluation-adult': { 'GAD-7': [15] },
};

const DIFFICULTY = ['Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult'] as const;

function endpoints(rng: Prng, trajectory: Trajectory): [number, number] {
  switch (trajectory) {
    case 'improving':
      return [rng.int(15, 21), rng.int(4, 9)];
    case 'worsening':
      return [rng.int(7, 11), rng.int(15, 20)];
    case 'item9':
      return [rng.int(11, 15), rng.int(16, 21)];
    default: {
      const start = rng.int(10, 15);
      return [start, start + rng.int(-2, 2)];
    }
  }
}

/** Item responses (0–3) that sum to `total`, with PHQ-9 item 9 set as asked. */
export function itemsFor(rng: Prng, instrument: MeasureInstrument, total: number, item9: number): number[] {
  const n = ITEM_COUNT[instrument];
  const items = new Array<number>(n).fill(0);
  let remaining = total;
  if (instrument === 'PHQ-9') {
    items[8] = item9;
    remaining -= item9;
  }
  const open = instrument === 'PHQ-9' ? 8 : n;
  remaining = Math.max(0, Math.min(remaining, open * 3));
  while (remaining > 0) {
    const i = rng.int(0, open - 1);
    if ((items[i] ?? 0) < 3) {
      items[i] = (items[i] ?? 0) + 1;
      remaining--;
    }
  }
  return items;
}

/**
 * PHQ-9/GAD-7 series for clients with a trajectory: one administration about every four weeks at a completed
 * session, shaped improving, flat, worsening, or worsening with a positive item 9. Returns a line per appointment
 * that the session's note can cite.
 */
export function buildMeasures(ctx: PracticeContext, appointments: SeededAppointment[]): Map<string, string> {
  const rng = ctx.rng.fork('measures');
  const lines = new Map<string, string>();
  const byClient = new Map<string, SeededAppointment[]>();
  for (const appt of appointments) {
    if (appt.status !== 'completed') continue;
    const list = byClient.get(appt.client.id) ?? [];
    list.push(appt);
    byClient.set(appt.client.id, list);
  }
  for (const client of ctx.clients) {
    if (client.isCompanion) continue;
    const overrides = client.plan.transcriptKey ? TRANSCRIPT_TOTALS[client.plan.transcriptKey] : undefined;
    if (!client.plan.trajectory && !overrides) continue;
    const completed = byClient.get(client.id) ?? [];
    const picked: SeededAppointment[] = [];
    for (const appt of completed) {
      const last = picked.at(-1);
      if (!last || daysBetween(last.date, appt.date) >= 26) picked.push(appt);
    }
    // The session a transcript records is where its quoted score was taken.
    const recorded = completed.find((a) => a.transcriptKey);
    if (recorded && !picked.includes(recorded)) {
      if (picked.length > 1 && daysBetween(picked.at(-1)?.date ?? recorded.date, recorded.date) < 14) picked.pop();
      picked.push(recorded);
    }
    const instruments: MeasureInstrument[] = overrides
      ? (Object.keys(overrides) as MeasureInstrument[])
      : DEPRESSIVE.has(client.plan.problem)
        ? rng.chance(0.4)
          ? ['PHQ-9', 'GAD-7']
          : ['PHQ-9']
        : rng.chance(0.5)
          ? ['GAD-7', 'PHQ-9']
          : ['GAD-7'];
    for (const instrument of instruments) {
      const fixed = overrides?.[instrument];
      const series = fixed ? picked.slice(-fixed.length) : picked;
      const [start, end] = endpoints(rng, client.plan.trajectory ?? 'flat');
      const max = instrument === 'PHQ-9' ? 27 : 21;
      series.forEach((appt, i) => {
        const t = series.length === 1 ? 1 : i / (series.length - 1);
        const planned =
          fixed?.[i] ?? Math.round(start + (end - start) * t + (i > 0 && i < series.length - 1 ? rng.int(-1, 1) : 0));
        const item9 =
          instrument === 'PHQ-9' && client.plan.trajectory === 'item9' && i === series.length - 1 ? rng.int(1, 2) : 0;
        const total = Math.max(item9, Math.min(max, planned));
        const items = itemsFor(rng, instrument, total, item9);
        const sum = items.reduce((a, b) => a + b, 0);
        const inSession = appt.serviceType === 'intake_evaluation' || appt.transcriptKey !== null;
        ctx.rows.assessments.push({
          id: rng.id('asm'),
          practiceId: ctx.spec.id,
          clientId: client.id,
          appointmentId: appt.id,
          instrument,
          itemResponses: json(items),
          total: sum,
          severity: severityOf(instrument, sum),
          functionalDifficulty: DIFFICULTY[Math.min(3, Math.floor(sum / 7))] ?? null,
          administeredAt: inSession
            ? appt.startsAt
            : new Date(Date.parse(appt.startsAt) - rng.int(2, 20) * 3_600_000).toISOString(),
          source: inSession ? 'in_session' : 'portal',
          administeredBy: inSession ? appt.clinicianId : null,
        });
        const previous = lines.get(appt.id);
        const line = `${instrument} ${inSession ? 'administered in session' : 'completed via portal before session'}: ${sum} (${severityOf(instrument, sum)})${item9 > 0 ? `, item 9 endorsed at ${item9}` : ''}.`;
        lines.set(appt.id, previous ? `${previous} ${line}` : line);
      });
    }
  }
  return lines;
}
