/**
 * The offline drafter: extractive. It selects transcript (or dictation) sentences, lightly normalizes them (fillers
 * out, first letter up, a full stop), labels who said them, and files them into the format's sections, each with
 * the exact source span it came from. It adds nothing the source does not say: a section it finds nothing for is
 * left visibly empty, and there is no default mental-status or "within normal limits" text.
 */
import { splitSentences } from '../grounding/text.ts';
import { type Classified, classify, isRiskQuestion, type Speaker } from './classify.ts';
import { type DraftFormat, EMPTY_SECTION_MARKER, FORMAT_SPECS } from './formats.ts';

export interface DraftSourceSegment {
  speaker: string;
  /** Offsets into the source's full text. */
  start: number;
  end: number;
  text: string;
}

export interface DraftSource {
  id: string;
  kind: 'transcript' | 'dictation';
  text: string;
  /** Speaker turns with offsets; when absent, "Label: text" lines are parsed from the text. */
  segments?: readonly DraftSourceSegment[];
}

/** Facts from the appointment record; they become the session line, which payers look for. */
export interface SessionFacts {
  appointmentId: string;
  /** Local date and times in the practice's time zone, e.g. "2026-11-19", "16:00", "16:53". */
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
  modality: string;
  serviceType: string;
}

export interface DraftEvidence {
  sourceId: string;
  sourceType: 'transcript' | 'appointment' | 'treatment_plan';
  start: number;
  end: number;
  quote: string;
}

export interface DraftedStatement {
  section: string;
  /** Offsets of the statement in its section's text. */
  start: number;
  end: number;
  text: string;
  evidence: DraftEvidence[];
}

export interface NoteDraft {
  format: DraftFormat;
  sections: Record<string, string>;
  statements: DraftedStatement[];
  emptySections: string[];
  /** The appointment-record line, when session facts were given: also a grounding source. */
  sessionLine: string | null;
  /** The plan goals the goals section quotes, one per line, when plan goals were given: also a grounding source. */
  planGoalsText: string | null;
}

/** Most statements one section gets; the most informative are kept, in the order they were said. */
export const MAX_PER_SECTION = 8;

const LABELS: Record<string, string> = { clinician: 'Clinician', client: 'Client', dictation: '' };
const labelOf = (speaker: string) =>
  LABELS[speaker] ?? (speaker.charAt(0).toUpperCase() + speaker.slice(1)).replace(/_/g, ' ');
const speakerKind = (speaker: string, sourceKind: DraftSource['kind']): Speaker =>
  speaker === 'clinician' || speaker === 'client' ? speaker : sourceKind === 'dictation' ? 'dictation' : 'other';

/** Segments from "Label: text" lines when the source came without them; unlabeled lines are the author's. */
export function segmentsOf(source: DraftSource): DraftSourceSegment[] {
  if (source.segments && source.segments.length > 0) return [...source.segments];
  const out: DraftSourceSegment[] = [];
  let offset = 0;
  for (const line of source.text.split('\n')) {
    // Dictation is the author's own prose: a "Plan:" in it is a heading, not a speaker.
    const m = source.kind === 'dictation' ? null : /^\s*([A-Za-z][A-Za-z ]{0,20}):\s+/.exec(line);
    const start = offset + (m ? m[0].length : 0);
    const text = line.slice(m ? m[0].length : 0);
    const speaker = m ? (m[1] as string).trim().toLowerCase() : source.kind === 'dictation' ? 'dictation' : 'unknown';
    if (text.trim()) out.push({ speaker, start, end: start + text.length, text });
    offset += line.length + 1;
  }
  return out;
}

const LEADING_FILLER = /^(?:(?:um+|uh+|so|okay|ok|well|yeah|and|but|oh|hmm+|mm+)\b[,.]?\s*)+/i;
const INLINE_FILLER = /,?\s*\b(?:um+|uh+)\b,?|,\s*(?:you know|i mean),/gi;

/** Invisible and direction-changing characters: nothing a reviewer can see, so nothing a note should carry. */
const INVISIBLE = /[\u{E0000}-\u{E007F}\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/gu;

/**
 * Light normalization: invisible characters and fillers out, first letter capitalized, a closing full stop. Words
 * are never changed.
 */
export function normalizeSentence(text: string): string {
  let s = text
    .replace(INVISIBLE, '')
    .replace(LEADING_FILLER, '')
    .replace(INLINE_FILLER, ',')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^[,;:\s]+/, '').replace(/,([.!?])$/, '$1');
  if (!s) return '';
  s = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?…"'”)]$/.test(s) ? s : `${s}.`;
}

interface Candidate {
  section: string;
  order: number;
  weight: number;
  text: string;
  evidence: DraftEvidence[];
}

/** Drafts a note in `format` from one transcript or dictation. Pure and deterministic. */
/** The goals of the client's active treatment plan: GIRP's goals section quotes them, citing the plan. */
export interface PlanGoals {
  planId: string;
  goals: readonly string[];
}

/** Most plan goals one note quotes. */
const MAX_PLAN_GOALS = 5;
export const PLAN_GOAL_LABEL = 'Treatment plan goal';

export function draftNote(input: {
  format: DraftFormat;
  source: DraftSource;
  session?: SessionFacts;
  planGoals?: PlanGoals;
}): NoteDraft {
  const spec = FORMAT_SPECS[input.format];
  const { source } = input;
  const candidates: Candidate[] = [];
  const segments = segmentsOf(source);
  let afterIntervention = false;
  let order = 0;
  for (const [i, seg] of segments.entries()) {
    const speaker = speakerKind(seg.speaker, source.kind);
    const sentences = splitSentences(seg.text, seg.start);
    let sawIntervention = false;
    for (const sentence of sentences) {
      order++;
      const evidence = (s: { start: number; end: number; text: string }): DraftEvidence => ({
        sourceId: source.id,
        sourceType: 'transcript',
        start: s.start,
        end: s.end,
        quote: s.text,
      });
      // A risk question keeps its answer: "No." alone documents nothing, the question alone asserts nothing.
      if (speaker === 'clinician' && isRiskQuestion(sentence.text)) {
        const next = segments[i + 1];
        if (next && next.speaker !== seg.speaker) {
          const answer = splitSentences(next.text, next.start).slice(0, 2);
          const said = answer.map((a) => normalizeSentence(a.text)).filter(Boolean);
          if (said.length > 0) {
            candidates.push({
              section: spec.route.risk,
              order,
              weight: 100,
              text: `Risk screen — ${labelOf(seg.speaker)}: ${normalizeSentence(sentence.text)} ${labelOf(next.speaker)}: ${said.join(' ')}`,
              evidence: [evidence(sentence), ...answer.map(evidence)],
            });
          }
        }
        continue;
      }
      const kind: Classified | null = classify(sentence.text, speaker, afterIntervention);
      if (!kind) continue;
      if (kind.kind === 'intervention') sawIntervention = true;
      const text = normalizeSentence(sentence.text);
      if (!text) continue;
      const label = labelOf(seg.speaker);
      candidates.push({
        section: spec.route[kind.kind],
        order,
        weight: kind.weight,
        text: label ? `${label}: ${text}` : text,
        evidence: [evidence(sentence)],
      });
    }
    if (speaker === 'clinician') afterIntervention = sawIntervention;
  }

  const chosen = new Map<string, Candidate[]>();
  for (const s of spec.sections) {
    const mine = candidates.filter((c) => c.section === s.key);
    const kept = [...mine]
      .sort((a, b) => b.weight - a.weight || a.order - b.order)
      .slice(0, MAX_PER_SECTION)
      .sort((a, b) => a.order - b.order);
    chosen.set(s.key, kept);
  }

  const sessionLine = input.session
    ? `Session: ${input.session.date}, ${input.session.startTime}–${input.session.endTime}, ${input.session.minutes} minutes, ${input.session.modality.replace(/_/g, ' ')}, ${input.session.serviceType.replace(/_/g, ' ')}.`
    : null;

  const goals = spec.goalsSection
    ? (input.planGoals?.goals ?? [])
        .map((g) => g.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .slice(0, MAX_PLAN_GOALS)
    : [];
  const sections: Record<string, string> = {};
  const statements: DraftedStatement[] = [];
  const emptySections: string[] = [];
  for (const s of spec.sections) {
    const lines: string[] = [];
    let offset = 0;
    const add = (text: string, evidence: DraftEvidence[]) => {
      statements.push({ section: s.key, start: offset, end: offset + text.length, text, evidence });
      lines.push(text);
      offset += text.length + 1;
    };
    if (sessionLine && input.session && s.key === spec.sessionSection) {
      add(sessionLine, [
        {
          sourceId: input.session.appointmentId,
          sourceType: 'appointment',
          start: 0,
          end: sessionLine.length,
          quote: sessionLine,
        },
      ]);
    }
    if (goals.length > 0 && input.planGoals && s.key === spec.goalsSection) {
      let at = 0;
      for (const goal of goals) {
        add(`${PLAN_GOAL_LABEL}: ${goal}`, [
          {
            sourceId: input.planGoals.planId,
            sourceType: 'treatment_plan',
            start: at,
            end: at + goal.length,
            quote: goal,
          },
        ]);
        at += goal.length + 1;
      }
    }
    for (const c of chosen.get(s.key) ?? []) add(c.text, c.evidence);
    if (lines.length === 0) {
      emptySections.push(s.key);
      sections[s.key] = EMPTY_SECTION_MARKER;
    } else {
      sections[s.key] = lines.join('\n');
    }
  }
  return {
    format: input.format,
    sections,
    statements,
    emptySections,
    sessionLine,
    planGoalsText: goals.length > 0 ? goals.join('\n') : null,
  };
}
