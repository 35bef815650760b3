import { type CodingDocument, clausesOf, type Evidence, spanIn } from './evidence.ts';

/**
 * CPT for a behavioral-health encounter, from the service type and the documented time (CPT time rule as restated
 * in BCBSIL CPCP051 and Medicare LCD L34616; see data/reference/cpt-behavioral.json). Pure.
 */
export type Service =
  | 'intake_evaluation'
  | 'psychiatric_evaluation'
  | 'individual_therapy'
  | 'family_therapy'
  | 'couples_therapy'
  | 'group_therapy'
  | 'crisis'
  | 'medication_management';

/** What the appointment record says, when there is one. Documented time in the note wins over the schedule. */
export interface AppointmentFacts {
  serviceType: Service;
  scheduledMinutes: number;
  modality: 'telehealth' | 'in_person';
  telehealthMode: 'audio_video' | 'audio_only' | null;
  placeOfService: string;
}

export interface CptSuggestion {
  code: string;
  units: number;
  modifiers: string[];
  placeOfService: string;
  /** The minutes the code was chosen on, when it is timed. */
  minutes: number | null;
  rationale: string;
  evidence: Evidence[];
  confidence: number;
}

export interface CptResult {
  suggestions: CptSuggestion[];
  /** Why nothing (or less) could be coded: "under 16 minutes", "no service type documented". */
  notes: string[];
}

interface Fact<T> {
  value: T;
  evidence: Evidence[];
}

const find = (doc: CodingDocument, re: RegExp): Fact<RegExpExecArray> | null => {
  for (const clause of clausesOf(doc)) {
    const m = re.exec(clause.text);
    if (m) return { value: m, evidence: [spanIn(clause, m.index, m.index + m[0].length)] };
  }
  return null;
};

const SESSION_TIME =
  /\b(?:session|psychotherapy|therapy|total|time|duration|length|visit|call|contact|face-to-face|group)\b(?:(?!\b(?:every|within|under|over|early|late|after|before|latency|for about)\b)[^0-9.;"”]){0,40}(\d{1,3})\s*(?:minutes?|mins?)\b(?!\s+(?:early|late|each|per|of (?:wakefulness|exposure)))/i;

const SERVICE_CUES: ReadonlyArray<readonly [Service, RegExp]> = [
  ['crisis', /\bcrisis (?:psychotherapy|session|intervention|visit)\b/i],
  [
    'psychiatric_evaluation',
    /\bpsychiatric (?:diagnostic )?evaluation\b.*\b(?:medical|medication|prescri|vitals|labs?)\b/i,
  ],
  ['intake_evaluation', /\b(?:diagnostic|intake|initial) (?:evaluation|assessment)\b/i],
  ['group_therapy', /\bgroup (?:psycho)?therapy\b|\bgroup session\b/i],
  ['couples_therapy', /\bcouples? (?:therapy|session|psychotherapy)\b|\bconjoint\b/i],
  ['family_therapy', /\bfamily (?:therapy|session|psychotherapy)\b/i],
  ['medication_management', /\bmedication management\b|\bmed(?:ication)? check\b/i],
  ['individual_therapy', /\bindividual (?:psycho)?therapy\b|\bpsychotherapy session\b|\btherapy session\b/i],
];

/** The facts coding depends on, read from the note and, where the note is silent, from the appointment. */
export function serviceFacts(doc: CodingDocument, appt: AppointmentFacts | null) {
  const cue = SERVICE_CUES.map(([s, re]) => ({ s, f: find(doc, re) })).find((c) => c.f);
  const service: Fact<Service> | null = appt
    ? { value: appt.serviceType, evidence: [{ kind: 'appointment', field: 'serviceType', value: appt.serviceType }] }
    : cue?.f
      ? { value: cue.s, evidence: cue.f.evidence }
      : null;
  const psyTime =
    find(doc, /\bpsychotherapy time\b[^0-9]{0,20}(\d{1,3})\s*(?:minutes?|mins?)\b/i) ??
    find(doc, /\b(\d{1,3})\s*(?:minutes?|mins?) (?:of )?(?:crisis )?psychotherapy\b/i);
  // Session time only: "session, 45 minutes", "total time 20 minutes", "a 50-minute session". Minutes of an
  // exercise, a commute or a symptom ("exposure for 40 minutes", "arrived 15 minutes early") are not billing time.
  const anyTime = find(doc, SESSION_TIME) ?? find(doc, /\b(\d{1,3})[- ]minute (?:session|visit|call|psychotherapy)\b/i);
  const timeFact = psyTime ?? anyTime;
  const minutes: Fact<number> | null = timeFact
    ? { value: Number(timeFact.value[1]), evidence: timeFact.evidence }
    : appt
      ? {
          value: appt.scheduledMinutes,
          evidence: [{ kind: 'appointment', field: 'minutes', value: String(appt.scheduledMinutes) }],
        }
      : null;
  const emWritten = find(doc, /\b(992(?:0[2-5]|1[1-5]))\b/);
  const withEm =
    emWritten ??
    (service?.value === 'medication_management'
      ? find(doc, /\bpsychotherapy\b/i) && find(doc, /\bmedication\b/i)
      : null);
  const audioOnly = find(doc, /\baudio[- ]only\b|\bby (?:tele)?phone\b|\btelephone (?:session|visit)\b/i);
  const video = find(doc, /\b(?:video|telehealth|telemedicine|zoom|virtual)\b/i);
  const tele: Fact<'audio_video' | 'audio_only'> | null = appt
    ? appt.modality === 'telehealth'
      ? {
          value: appt.telehealthMode ?? 'audio_video',
          evidence: [{ kind: 'appointment', field: 'telehealthMode', value: appt.telehealthMode ?? 'audio_video' }],
        }
      : null
    : audioOnly
      ? { value: 'audio_only', evidence: audioOnly.evidence }
      : video
        ? { value: 'audio_video', evidence: video.evidence }
        : null;
  const home = find(doc, /\b(?:from|at|in) (?:(?:the client's|their|his|her) )?home\b/i);
  const placeOfService = appt ? appt.placeOfService : tele ? (home ? '10' : '02') : '11';
  const interactive = find(
    doc,
    /\binteractive complexity\b|\binterpreter\b|\bplay (?:equipment|therapy materials)\b|\bcaregiver[^.;]{0,40}\b(?:interfer|disrupt)|\bsentinel event\b/i,
  );
  const clientAbsent = find(
    doc,
    /\bwithout the (?:client|patient)(?: present)?\b|\b(?:client|patient) (?:was )?not present\b/i,
  );
  return {
    service,
    minutes,
    emCode: emWritten?.value[1] ?? null,
    withEm,
    tele,
    placeOfService,
    interactive,
    clientAbsent,
  };
}

const PRIMARY_FOR_90785 = new Set(['90791', '90792', '90832', '90833', '90834', '90836', '90837', '90838', '90853']);

export function psychotherapyCode(minutes: number, withEm: boolean): string | null {
  if (minutes < 16) return null;
  if (minutes <= 37) return withEm ? '90833' : '90832';
  if (minutes <= 52) return withEm ? '90836' : '90834';
  return withEm ? '90838' : '90837';
}

/** 90839 for the first 30–74 minutes, then one 90840 for each further 30 minutes or part of at least 16. */
export function crisisUnits(totalMinutes: number): { base: boolean; addOn: number } {
  if (totalMinutes < 30) return { base: false, addOn: 0 };
  return { base: true, addOn: totalMinutes >= 75 ? Math.floor((totalMinutes - 75) / 30) + 1 : 0 };
}

export function suggestCpt(doc: CodingDocument, appt: AppointmentFacts | null): CptResult {
  const f = serviceFacts(doc, appt);
  const notes: string[] = [];
  if (!f.service) return { suggestions: [], notes: ['No service type is documented; nothing to code.'] };
  const modifiers = f.tele ? [f.tele.value === 'audio_only' ? '93' : '95'] : [];
  const teleEvidence = f.tele?.evidence ?? [];
  const out: CptSuggestion[] = [];
  const push = (
    code: string,
    minutes: number | null,
    rationale: string,
    evidence: Evidence[],
    confidence: number,
    units = 1,
  ) =>
    out.push({
      code,
      units,
      modifiers: [...modifiers],
      placeOfService: f.placeOfService,
      minutes,
      rationale,
      evidence: [...evidence, ...teleEvidence],
      confidence,
    });
  const timeConfidence = f.minutes?.evidence[0]?.kind === 'note' ? 0.95 : 0.75;
  const m = f.minutes?.value ?? null;
  const sv = f.service.evidence;
  const me = f.minutes?.evidence ?? [];

  switch (f.service.value) {
    case 'intake_evaluation':
      push('90791', null, 'Diagnostic evaluation without medical services (untimed).', sv, 0.9);
      break;
    case 'psychiatric_evaluation':
      push('90792', null, 'Diagnostic evaluation with medical services (untimed).', sv, 0.9);
      break;
    case 'group_therapy':
      push('90853', m, 'Group psychotherapy (untimed, per session).', sv, 0.9);
      break;
    case 'family_therapy':
    case 'couples_therapy':
      if (m !== null && m < 26)
        notes.push(`Family psychotherapy needs at least 26 documented minutes; ${m} documented.`);
      else {
        const absent = f.clientAbsent !== null;
        push(
          absent ? '90846' : '90847',
          m,
          absent
            ? 'Family psychotherapy without the client present.'
            : 'Family or couples psychotherapy with the client present.',
          [...sv, ...me, ...(f.clientAbsent?.evidence ?? [])],
          timeConfidence,
        );
      }
      break;
    case 'crisis': {
      if (m === null) {
        notes.push('Crisis psychotherapy is timed; no time is documented.');
        break;
      }
      const { base, addOn } = crisisUnits(m);
      if (!base) {
        const code = psychotherapyCode(m, f.withEm !== null);
        if (code)
          push(
            code,
            m,
            `Under 30 minutes of crisis care codes as psychotherapy by time (${m} minutes).`,
            [...sv, ...me],
            timeConfidence,
          );
        else notes.push(`${m} minutes is under the 16-minute minimum for any psychotherapy code.`);
        break;
      }
      push(
        '90839',
        Math.min(m, 74),
        `Crisis psychotherapy, first 30–74 minutes (${m} documented).`,
        [...sv, ...me],
        timeConfidence,
      );
      if (addOn > 0)
        push(
          '90840',
          m - 74,
          `Each further 30 minutes beyond 74 (${m} documented).`,
          [...sv, ...me],
          timeConfidence,
          addOn,
        );
      break;
    }
    case 'medication_management':
    case 'individual_therapy': {
      const withEm = f.withEm !== null || f.service.value === 'medication_management';
      if (withEm && f.emCode)
        push(f.emCode, null, 'Evaluation and management service as documented.', f.withEm?.evidence ?? [], 0.9);
      if (f.service.value === 'medication_management' && f.withEm === null) {
        if (!f.emCode)
          notes.push(
            'Medication management is an E/M service; its level is chosen on medical decision making and is not suggested here.',
          );
        break;
      }
      if (m === null) {
        notes.push('Psychotherapy is timed; no time is documented.');
        break;
      }
      const code = psychotherapyCode(m, withEm);
      if (!code) notes.push(`${m} minutes is under the 16-minute minimum for any psychotherapy code.`);
      else {
        if (withEm && !f.emCode)
          notes.push(`${code} is an add-on: it needs the E/M code of the same visit on the claim.`);
        push(
          code,
          m,
          `${withEm ? 'Psychotherapy add-on with E/M' : 'Psychotherapy'} by documented time: ${m} minutes.`,
          [...sv, ...me],
          timeConfidence,
        );
      }
      break;
    }
  }
  const primary = out.find((s) => PRIMARY_FOR_90785.has(s.code));
  if (f.interactive && primary) {
    push(
      '90785',
      null,
      `Interactive complexity documented, with primary ${primary.code}.`,
      f.interactive.evidence,
      0.85,
    );
  } else if (f.interactive) {
    notes.push(
      'Interactive complexity is documented, but 90785 only adds to evaluation, individual or group psychotherapy codes.',
    );
  }
  return { suggestions: out, notes };
}
