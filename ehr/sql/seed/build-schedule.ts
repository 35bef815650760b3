import { addDays, addMinutes, weekday, zonedToUtc } from './calendar.ts';
import { transcriptsA } from './content/transcripts-a.ts';
import { transcriptsB } from './content/transcripts-b.ts';
import type { ServiceType, TranscriptScript } from './content/types.ts';
import { fill } from './fill.ts';
import { json, type PracticeContext, type SeededClient } from './model.ts';

export const TRANSCRIPT_SCRIPTS: readonly TranscriptScript[] = [...transcriptsA, ...transcriptsB];

/** An appointment as later steps (notes, claims, measures) need it. */
export interface SeededAppointment {
  id: string;
  client: SeededClient;
  clinicianId: string;
  serviceType: ServiceType;
  startsAt: string;
  endsAt: string;
  date: string;
  minutes: number;
  modality: 'telehealth' | 'in_person';
  telehealthMode: 'audio_video' | 'audio_only' | null;
  placeOfService: string;
  status: 'scheduled' | 'completed' | 'cancelled' | 'no_show' | 'late_cancelled';
  transcriptKey: string | null;
}

const SPEAKER_LABEL: Record<string, string> = {
  clinician: 'Clinician',
  client: 'Client',
  guardian: 'Parent',
  partner: 'Partner',
  sibling: 'Sibling',
};

/** The day each transcript was recorded: a recent weekday, different for each script. */
function transcriptDate(anchor: string, index: number): string {
  let date = addDays(anchor, -(1 + (index % 6)));
  while (weekday(date) === 0 || weekday(date) === 6) date = addDays(date, -1);
  return date;
}

export function buildSchedule(ctx: PracticeContext): SeededAppointment[] {
  const rng = ctx.rng.fork('schedule');
  const appointments: SeededAppointment[] = [];
  const slotsTaken = new Map<string, Set<string>>();
  const clinicianFirstNames = new Map(
    ctx.rows.users.map((u) => [u.id, u.displayName.split(' ')[0] ?? u.displayName] as const),
  );

  const takeSlot = (clinicianId: string, preferredDay: number | null, minor: boolean) => {
    const taken = slotsTaken.get(clinicianId) ?? new Set<string>();
    slotsTaken.set(clinicianId, taken);
    const hours = minor ? [15, 16, 17] : [8, 9, 10, 11, 13, 14, 15, 16, 17];
    const days = preferredDay === null ? rng.shuffle([1, 2, 3, 4, 5]) : [preferredDay];
    for (const day of days) {
      for (const hour of rng.shuffle(hours)) {
        if (!taken.has(`${day}:${hour}`)) {
          taken.add(`${day}:${hour}`);
          return { day, hour };
        }
      }
    }
    // A full grid: double-book on the half hour rather than fail.
    return { day: days[0] ?? 1, hour: rng.pick(hours), half: true };
  };

  const push = (
    client: SeededClient,
    fields: Omit<SeededAppointment, 'id' | 'client' | 'endsAt' | 'date' | 'startsAt'> & {
      date: string;
      hour: number;
      minute: number;
    },
  ) => {
    const startsAt = zonedToUtc(fields.date, fields.hour, fields.minute, ctx.spec.timezone);
    const appt: SeededAppointment = {
      id: rng.id('apt'),
      client,
      clinicianId: fields.clinicianId,
      serviceType: fields.serviceType,
      startsAt,
      endsAt: addMinutes(startsAt, fields.minutes),
      date: fields.date,
      minutes: fields.minutes,
      modality: fields.modality,
      telehealthMode: fields.telehealthMode,
      placeOfService: fields.placeOfService,
      status: fields.status,
      transcriptKey: fields.transcriptKey,
    };
    appointments.push(appt);
    return appt;
  };

  const transcriptIndex = new Map(TRANSCRIPT_SCRIPTS.map((t, i) => [t.key, i] as const));

  for (const client of ctx.clients) {
    if (client.isCompanion) continue;
    const plan = client.plan;
    const script = plan.transcriptKey ? TRANSCRIPT_SCRIPTS.find((t) => t.key === plan.transcriptKey) : undefined;
    if (plan.transcriptKey && !script) throw new Error(`transcript ${plan.transcriptKey} has no script`);
    const recordedOn = script ? transcriptDate(ctx.anchor, transcriptIndex.get(script.key) ?? 0) : null;
    const prescriber = plan.clinician === 'priya.raman';
    const cadence = prescriber ? 28 : script || rng.chance(0.6) ? 7 : 14;
    const slot = takeSlot(
      client.clinicianId,
      recordedOn && script?.serviceType !== 'crisis' ? weekday(recordedOn) : null,
      client.isMinor,
    );
    const minute = 'half' in slot ? 30 : 0;
    let first = plan.transcriptKey === 'intake-evaluation-adult' && recordedOn ? recordedOn : client.startDate;
    while (weekday(first) !== slot.day) first = addDays(first, 1);
    // The transcript's session must fall on the cadence: walk the start back so it does.
    if (recordedOn && script?.serviceType !== 'crisis' && plan.transcriptKey !== 'intake-evaluation-adult') {
      first = recordedOn;
      while (first > client.startDate) first = addDays(first, -cadence);
    }
    client.startDate = first;
    const end = plan.discharged ? addDays(ctx.anchor, -rng.int(20, 40)) : addDays(ctx.anchor, 21);
    const regularService: ServiceType = prescriber
      ? 'medication_management'
      : plan.kind === 'couple'
        ? 'couples_therapy'
        : plan.kind === 'family'
          ? 'family_therapy'
          : 'individual_therapy';
    const regularMinutes =
      regularService === 'medication_management'
        ? 25
        : regularService === 'couples_therapy'
          ? 55
          : regularService === 'family_therapy'
            ? 50
            : client.sessionMinutes;

    let index = 0;
    for (let date = first; date <= end; date = addDays(date, cadence), index++) {
      const isFirst = index === 0;
      const isTranscript = recordedOn === date && script !== undefined && script.serviceType !== 'crisis';
      const telehealth = isTranscript ? script.modality === 'telehealth' : rng.chance(client.telehealthShare);
      const past = date < ctx.anchor;
      const status = isTranscript
        ? 'completed'
        : past
          ? rng.weighted([
              ['completed', 86],
              ['no_show', 4],
              ['cancelled', 6],
              ['late_cancelled', 4],
            ] as const)
          : rng.chance(0.05)
            ? 'cancelled'
            : 'scheduled';
      const serviceType: ServiceType = isTranscript
        ? script.serviceType
        : isFirst
          ? prescriber
            ? 'psychiatric_evaluation'
            : 'intake_evaluation'
          : regularService;
      const minutes = isTranscript ? script.durationMinutes : isFirst ? 60 : regularMinutes;
      push(client, {
        clinicianId: client.clinicianId,
        serviceType,
        date,
        hour: slot.hour,
        minute,
        minutes,
        modality: telehealth ? 'telehealth' : 'in_person',
        telehealthMode: telehealth ? (rng.chance(0.9) ? 'audio_video' : 'audio_only') : null,
        placeOfService: telehealth ? (rng.chance(0.8) ? '10' : '02') : '11',
        status: isFirst && status !== 'scheduled' && !isTranscript ? 'completed' : status,
        transcriptKey: isTranscript ? script.key : null,
      });
    }

    if (script?.serviceType === 'crisis' && recordedOn) {
      // The crisis call happened off the regular slot, with a follow-up the next day.
      push(client, {
        clinicianId: client.clinicianId,
        serviceType: 'crisis',
        date: recordedOn,
        hour: 18,
        minute: 0,
        minutes: script.durationMinutes,
        modality: script.modality,
        telehealthMode: script.modality === 'telehealth' ? 'audio_video' : null,
        placeOfService: script.modality === 'telehealth' ? '10' : '11',
        status: 'completed',
        transcriptKey: script.key,
      });
      push(client, {
        clinicianId: client.clinicianId,
        serviceType: 'individual_therapy',
        date: addDays(recordedOn, 1),
        hour: 10,
        minute: 0,
        minutes: 45,
        modality: 'telehealth',
        telehealthMode: 'audio_video',
        placeOfService: '10',
        status: addDays(recordedOn, 1) < ctx.anchor ? 'completed' : 'scheduled',
        transcriptKey: null,
      });
    }
  }

  appointments.sort((a, b) => (a.startsAt === b.startsAt ? (a.id < b.id ? -1 : 1) : a.startsAt < b.startsAt ? -1 : 1));
  for (const appt of appointments) {
    const client = appt.client;
    const participants: Array<{ kind: string; name: string; clientId?: string }> = [
      { kind: 'client', name: client.displayName, clientId: client.id },
    ];
    if (client.plan.kind === 'couple' && client.companionId) {
      participants.push({ kind: 'partner', name: `${client.companionFirstName}`, clientId: client.companionId });
    }
    if (client.plan.kind === 'family' && client.companionId) {
      participants.push({ kind: 'family_member', name: `${client.companionFirstName}`, clientId: client.companionId });
    }
    if (
      client.guardianName &&
      (client.plan.kind === 'family' || appt.serviceType === 'intake_evaluation' || appt.transcriptKey)
    ) {
      participants.push({ kind: 'guardian', name: client.guardianName });
    }
    ctx.rows.appointments.push({
      id: appt.id,
      practiceId: ctx.spec.id,
      clientId: client.id,
      clinicianId: appt.clinicianId,
      serviceType: appt.serviceType,
      startsAt: appt.startsAt,
      endsAt: appt.endsAt,
      modality: appt.modality,
      telehealthMode: appt.telehealthMode,
      placeOfService: appt.placeOfService,
      status: appt.status,
      participants: json(participants),
      location:
        appt.modality === 'telehealth'
          ? 'Telehealth (video room link sent by portal)'
          : `${ctx.spec.name}, Room ${1 + (appt.clinicianId.length % 4)}`,
      cancelReason:
        appt.status === 'cancelled' || appt.status === 'late_cancelled'
          ? rng.pick(['Client illness', 'Work conflict', 'Transportation', 'Childcare fell through', 'Weather'])
          : null,
      createdAt: `${addDays(appt.date, -21)}T14:00:00.000Z`,
    });
    if (appt.transcriptKey) {
      const script = TRANSCRIPT_SCRIPTS.find((t) => t.key === appt.transcriptKey);
      if (script) buildTranscript(ctx, appt, script, clinicianFirstNames.get(appt.clinicianId) ?? 'the clinician');
    }
  }
  return appointments;
}

function buildTranscript(
  ctx: PracticeContext,
  appt: SeededAppointment,
  script: TranscriptScript,
  clinicianFirstName: string,
): void {
  const segments: Array<{ speaker: string; start: number; end: number; text: string; atMs: number }> = [];
  let text = '';
  const totalWords = script.lines.reduce((n, [, line]) => n + line.split(/\s+/).length, 0);
  const msPerWord = (appt.minutes * 60_000) / Math.max(totalWords, 1);
  let words = 0;
  for (const [speaker, line] of script.lines) {
    const label = SPEAKER_LABEL[speaker] ?? speaker;
    const spoken = fill(line, ctx, appt.client, clinicianFirstName);
    const prefix = `${label}: `;
    const start = text.length + prefix.length;
    text += `${prefix}${spoken}\n`;
    segments.push({ speaker, start, end: start + spoken.length, text: spoken, atMs: Math.round(words * msPerWord) });
    words += spoken.split(/\s+/).filter(Boolean).length;
  }
  const id = ctx.rng.fork(`transcript:${script.key}`).id('trn');
  ctx.rows.transcripts.push({
    id,
    practiceId: ctx.spec.id,
    clientId: appt.client.id,
    appointmentId: appt.id,
    kind: 'transcript',
    source: 'ambient_recording',
    language: script.language,
    segments: json(segments),
    text,
    wordCount: words,
    createdBy: appt.clinicianId,
    createdAt: appt.endsAt,
  });
  ctx.annotations.transcriptAppointments[script.key] = appt.id;
}
