/**
 * Explainable no-show risk for one upcoming appointment, from the client's own history. Not a trained model: a
 * points table whose every factor is shown with its evidence, so staff can see why and disagree. The weights are
 * charta's judgment (prior no-shows weigh most, as in the no-show literature), not fitted to data. Pure.
 */
export interface PastVisit {
  startsAt: string;
  status: 'scheduled' | 'completed' | 'cancelled' | 'no_show' | 'late_cancelled';
}

export interface NoShowInput {
  startsAt: string;
  /** The practice's IANA time zone, for the time-of-day factor. */
  timeZone: string;
  /** The client's earlier appointments (any order). */
  history: readonly PastVisit[];
  /** When the client or guardian last wrote through the portal, if ever. */
  lastMessageAt: string | null;
  now: string;
}

export interface Factor {
  code:
    | 'prior_no_shows'
    | 'late_cancellations'
    | 'lead_time'
    | 'time_of_day'
    | 'no_recent_contact'
    | 'first_visit'
    | 'recent_visit';
  points: number;
  detail: string;
}

export interface NoShowRisk {
  score: number;
  level: 'low' | 'medium' | 'high';
  factors: Factor[];
}

const DAY = 86_400_000;
const LOOKBACK_DAYS = 365;

export function noShowRisk(input: NoShowInput): NoShowRisk {
  const now = Date.parse(input.now);
  const start = Date.parse(input.startsAt);
  const past = input.history.filter(
    (v) => Date.parse(v.startsAt) < now && now - Date.parse(v.startsAt) <= LOOKBACK_DAYS * DAY,
  );
  const factors: Factor[] = [];
  const noShows = past.filter((v) => v.status === 'no_show').length;
  if (noShows > 0) {
    factors.push({
      code: 'prior_no_shows',
      points: 2 * Math.min(noShows, 3),
      detail: `${noShows} no-show(s) in the last 12 months`,
    });
  }
  const late = past.filter((v) => v.status === 'late_cancelled').length;
  if (late > 0) {
    factors.push({
      code: 'late_cancellations',
      points: Math.min(late, 3),
      detail: `${late} late cancellation(s) in the last 12 months`,
    });
  }
  const daysAhead = Math.floor((start - now) / DAY);
  if (daysAhead >= 14) factors.push({ code: 'lead_time', points: 1, detail: `booked ${daysAhead} days ahead` });
  const hour = Number(
    new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone: input.timeZone }).format(start),
  );
  if (hour < 9 || hour >= 17)
    factors.push({ code: 'time_of_day', points: 1, detail: `starts at ${hour}:00 local time` });
  const completed = past.filter((v) => v.status === 'completed').map((v) => Date.parse(v.startsAt));
  const lastVisit = completed.length > 0 ? Math.max(...completed) : null;
  if (lastVisit === null) {
    factors.push({ code: 'first_visit', points: 1, detail: 'no completed visit in the last 12 months' });
  } else if (now - lastVisit <= 14 * DAY) {
    factors.push({
      code: 'recent_visit',
      points: -1,
      detail: `last seen ${Math.floor((now - lastVisit) / DAY)} days ago`,
    });
  }
  const lastMessage = input.lastMessageAt ? Date.parse(input.lastMessageAt) : null;
  const quietSince = Math.max(lastVisit ?? 0, lastMessage ?? 0);
  if (lastVisit !== null && now - quietSince > 45 * DAY) {
    factors.push({ code: 'no_recent_contact', points: 1, detail: 'no visit or portal message in 45 days' });
  }
  const score = Math.max(
    0,
    factors.reduce((s, f) => s + f.points, 0),
  );
  return { score, level: score >= 4 ? 'high' : score >= 2 ? 'medium' : 'low', factors };
}

/**
 * A reminder (or, for a high risk, a between-session check-in) for staff to review and send: the time and how to
 * reschedule, nothing clinical, no promise, no judgment of the client.
 */
export function reminderDraft(input: {
  startsAt: string;
  timeZone: string;
  language: string;
  level: NoShowRisk['level'];
  practiceName: string;
}): string {
  const es = input.language.toLowerCase().startsWith('es');
  const when = new Intl.DateTimeFormat(es ? 'es-US' : 'en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: input.timeZone,
  }).format(Date.parse(input.startsAt));
  const lines = es
    ? [
        'Hola,',
        `Le recordamos su cita del ${when}.`,
        input.level === 'high'
          ? 'Queríamos saber cómo está y si ese horario todavía le funciona. Si necesita cambiarlo, responda a este mensaje o llame a la oficina.'
          : 'Si necesita cambiarla, responda a este mensaje o llame a la oficina.',
        `Saludos,\n${input.practiceName}`,
      ]
    : [
        'Hello,',
        `This is a reminder of your appointment on ${when}.`,
        input.level === 'high'
          ? 'We wanted to check in and see whether that time still works for you. If you need to change it, reply to this message or call the office.'
          : 'If you need to change it, reply to this message or call the office.',
        `Warm regards,\n${input.practiceName}`,
      ];
  return lines.join('\n\n');
}
