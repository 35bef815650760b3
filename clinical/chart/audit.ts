import { DRAFT_FORMATS, type DraftFormat, validateNote } from '../notes/formats.ts';
import {
  type ChartAppointment,
  type ChartNote,
  type ChartPlan,
  type Citation,
  cite,
  day,
  noteCite,
} from './sources.ts';

export type FindingKind =
  | 'unsigned_note'
  | 'missing_elements'
  | 'plan_review_overdue'
  | 'no_active_plan'
  | 'session_without_note';

export interface Finding {
  kind: FindingKind;
  clientId: string;
  detail: string;
  cites: Citation[];
}

export interface AuditOptions {
  /** Now, as an ISO timestamp: the reference for "past the limit" and "overdue". */
  now: string;
  unsignedLimitHours: number;
  /** Sessions from this date (YYYY-MM-DD) on are checked for a note, and notes written from then on for elements. */
  sessionsFrom: string;
}

const isDraftFormat = (format: string): format is DraftFormat => (DRAFT_FORMATS as readonly string[]).includes(format);

/** Session types that are documented in a progress or intake note. */
const DOCUMENTED = new Set([
  'intake_evaluation',
  'psychiatric_evaluation',
  'individual_therapy',
  'family_therapy',
  'couples_therapy',
  'group_therapy',
  'crisis',
  'medication_management',
]);

/**
 * Documentation compliance for one client's chart: unsigned notes past the limit, notes missing required elements
 * (by the note-format rules), a plan overdue for review or none active, and completed sessions without a note.
 * Every finding cites its record. Pure.
 */
export function auditChart(
  input: {
    clientId: string;
    notes: readonly ChartNote[];
    plans: readonly ChartPlan[];
    appointments: readonly ChartAppointment[];
  },
  options: AuditOptions,
): Finding[] {
  const findings: Finding[] = [];
  const now = Date.parse(options.now);
  const limitMs = options.unsignedLimitHours * 3_600_000;
  for (const note of input.notes) {
    if (note.status === 'draft' && now - Date.parse(note.createdAt) > limitMs) {
      const hours = Math.floor((now - Date.parse(note.createdAt)) / 3_600_000);
      findings.push({
        kind: 'unsigned_note',
        clientId: input.clientId,
        detail: `Note unsigned ${hours} hours after it was written (limit ${options.unsignedLimitHours}).`,
        cites: [cite('note', note.id, day(note.createdAt))],
      });
    }
    // Element checks cover the audit window, like sessions: an audit of years of notes would bury this month's gaps.
    if (note.kind === 'progress' && isDraftFormat(note.format) && day(note.createdAt) >= options.sessionsFrom) {
      const result = validateNote(note.format, note.sections);
      if (!result.complete) {
        const what = [...result.missing.map((m) => m.label), ...result.emptySections.map((s) => `empty ${s} section`)];
        findings.push({
          kind: 'missing_elements',
          clientId: input.clientId,
          detail: `${note.format} note lacks: ${what.join('; ')}.`,
          cites: [noteCite(note)],
        });
      }
    }
  }
  const sessions = input.appointments.filter(
    (a) => a.status === 'completed' && DOCUMENTED.has(a.serviceType) && day(a.startsAt) >= options.sessionsFrom,
  );
  const noted = new Set(input.notes.map((n) => n.appointmentId).filter((id) => id !== null));
  for (const session of sessions) {
    if (noted.has(session.id)) continue;
    findings.push({
      kind: 'session_without_note',
      clientId: input.clientId,
      detail: `Completed ${session.serviceType.replaceAll('_', ' ')} session of ${day(session.startsAt)} has no progress, intake or draft note.`,
      cites: [cite('appointment', session.id, day(session.startsAt))],
    });
  }
  const active = input.plans.find((p) => p.status === 'active');
  if (active?.reviewDueOn && active.reviewDueOn < day(options.now)) {
    findings.push({
      kind: 'plan_review_overdue',
      clientId: input.clientId,
      detail: `Treatment plan review was due ${active.reviewDueOn}.`,
      cites: [cite('treatment_plan', active.id, active.effectiveOn ?? day(active.createdAt))],
    });
  }
  const therapy = sessions.filter(
    (s) => s.serviceType !== 'intake_evaluation' && s.serviceType !== 'psychiatric_evaluation',
  );
  const last = therapy.at(-1);
  if (!active && last) {
    findings.push({
      kind: 'no_active_plan',
      clientId: input.clientId,
      detail: `In treatment (session of ${day(last.startsAt)}) without an active treatment plan.`,
      cites: [cite('appointment', last.id, day(last.startsAt))],
    });
  }
  return findings;
}
