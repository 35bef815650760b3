import { bandOf } from '../assessments/instruments.ts';
import {
  addDays,
  type ChartAssessment,
  type ChartDiagnosis,
  type ChartNote,
  type Citation,
  cite,
  day,
  noteCite,
  sentencesOf,
} from './sources.ts';

/** Which instrument measures a diagnosis's symptoms, by ICD-10-CM prefix (depressive → PHQ-9, anxiety → GAD-7). */
const MEASURED_BY: ReadonlyArray<{ prefix: string; instrument: 'PHQ-9' | 'GAD-7' }> = [
  { prefix: 'F32', instrument: 'PHQ-9' },
  { prefix: 'F33', instrument: 'PHQ-9' },
  { prefix: 'F34', instrument: 'PHQ-9' },
  { prefix: 'F43', instrument: 'PHQ-9' },
  { prefix: 'F40', instrument: 'GAD-7' },
  { prefix: 'F41', instrument: 'GAD-7' },
];

/** Sections where clinicians document what they did in session. */
const INTERVENTION_SECTIONS = ['intervention', 'plan'];
const INTERVENTION_WORDS =
  /\b(CBT|DBT|ACT|EMDR|exposure|cognitive|restructuring|psychoeducation|mindfulness|relaxation|breathing|behavioral activation|skills|motivational|role-play|reframe|worksheet|homework|safety plan|grounding|communication)\b/i;

export interface PlanCitation extends Citation {
  /** The plan item the record supports: a problem, goal or objective id, or `p1:interventions`. */
  item: string;
}

export interface DraftedPlan {
  problems: Array<{
    id: string;
    description: string;
    icd10: string;
    goals: Array<{
      id: string;
      description: string;
      objectives: Array<{ id: string; description: string; targetDate: string; status: 'not_started' }>;
      interventions: string[];
    }>;
  }>;
  reviewDueOn: string;
  citations: PlanCitation[];
  /** What the clinician must still write: the engine leaves it out rather than invent it. */
  gaps: string[];
}

/**
 * A treatment-plan draft from the chart: one problem per active diagnosis, a measurable objective from the
 * instrument that measures it (latest total → below the next lower severity band, by the target date), and the
 * interventions the recent notes document. Every item cites the records it came from. Pure.
 */
export function draftTreatmentPlan(input: {
  diagnoses: readonly ChartDiagnosis[];
  assessments: readonly ChartAssessment[];
  notes: readonly ChartNote[];
  asOf: string;
  reviewAfterDays: number;
}): DraftedPlan {
  const citations: PlanCitation[] = [];
  const gaps: string[] = [];
  const reviewDueOn = addDays(input.asOf, input.reviewAfterDays);
  const active = input.diagnoses.filter((d) => d.status === 'active').sort((a, b) => a.rank - b.rank);
  if (active.length === 0) gaps.push('No active diagnosis: the plan has no problem to address until one is recorded.');

  const interventions = new Map<string, Citation>();
  for (const note of [...input.notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 10)) {
    // The plan section only where the format has no intervention section (SOAP, DAP).
    const key = INTERVENTION_SECTIONS.find((k) => (note.sections[k] ?? '').trim() !== '');
    if (key) {
      for (const sentence of sentencesOf(note.sections[key] ?? '')) {
        if (INTERVENTION_WORDS.test(sentence) && !interventions.has(sentence))
          interventions.set(sentence, noteCite(note));
      }
    }
  }
  const chosen = [...interventions.entries()].slice(0, 4);
  if (chosen.length === 0) gaps.push('No intervention documented in the recent notes: the clinician adds them.');

  const problems = active.map((d, p) => {
    const pid = `p${p + 1}`;
    const diagnosisCite = cite('diagnosis', d.id, d.onsetOn);
    citations.push({ ...diagnosisCite, item: pid });
    const instrument = MEASURED_BY.find((m) => d.code.startsWith(m.prefix))?.instrument;
    const latest = [...input.assessments]
      .filter((a) => a.instrument === instrument)
      .sort((a, b) => b.administeredAt.localeCompare(a.administeredAt))[0];
    const gid = `${pid}g1`;
    citations.push({ ...diagnosisCite, item: gid });
    const objectives: DraftedPlan['problems'][number]['goals'][number]['objectives'] = [];
    if (instrument && latest) {
      const band = bandOf(instrument, latest.total);
      const target = band.min > 0 ? band.min : null;
      const oid = `${gid}o1`;
      objectives.push({
        id: oid,
        description:
          target === null
            ? `Keep the ${instrument} total below 5 (latest ${latest.total} on ${day(latest.administeredAt)}), re-administered every 4 weeks.`
            : `Reduce the ${instrument} total from ${latest.total} (${band.label}, ${day(latest.administeredAt)}) to below ${target}, re-administered every 4 weeks.`,
        targetDate: reviewDueOn,
        status: 'not_started',
      });
      citations.push({ ...cite('assessment', latest.id, day(latest.administeredAt)), item: oid });
    } else {
      gaps.push(
        `${d.code}: no ${instrument ?? 'standard measure'} score to set a measurable objective from; the clinician adds one.`,
      );
    }
    for (const [, c] of chosen) citations.push({ ...c, item: `${pid}:interventions` });
    return {
      id: pid,
      description: `${d.code} ${d.description}`,
      icd10: d.code,
      goals: [
        {
          id: gid,
          description: `Reduce the symptoms of ${d.description.toLowerCase()} and their effect on daily functioning.`,
          objectives,
          interventions: chosen.map(([sentence]) => sentence),
        },
      ],
    };
  });
  return { problems, reviewDueOn, citations, gaps };
}
