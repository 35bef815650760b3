/**
 * What each progress-note format must contain, as data: the sections (from clinical/note-formats.ts), what belongs
 * in each, which kinds of source sentence the extractive drafter files there, and the documentation elements a
 * reviewer or payer looks for in a behavioral-health note. Validation and drafting both read this table.
 */
import { NOTE_FORMAT_SECTIONS } from '../note-formats.ts';

export const DRAFT_FORMATS = ['SOAP', 'DAP', 'BIRP', 'GIRP'] as const;
export type DraftFormat = (typeof DRAFT_FORMATS)[number];

/** What a source sentence is about; the drafter classifies each sentence into one of these. */
export type SentenceKind =
  | 'report'
  | 'measure'
  | 'observation'
  | 'intervention'
  | 'response'
  | 'assessment'
  | 'risk'
  | 'goal'
  | 'plan';

/** Words that name a therapeutic technique or what a clinician does in session. */
export const INTERVENTION_CUES =
  /\b(?:CBT|DBT|CPT|EMDR|cognitive|thought record|reframe|restructur\w*|exposure|ladder|hierarchy|breathing|grounding|mindful\w*|skills?|psychoeducat\w*|validat\w*|motivational|role[- ]play|safety plan|relaxation|activation|problem[- ]solving|chain analysis|stuck point|evidence|balanced thought|coping|worked (?:on|through)|explored|reviewed|taught|practiced?|let's (?:try|look|practice|plan|slow|walk|go over|do)|TIPP|opposite action|urge surfing|soft start-up|behavior chart|sleep (?:log|hygiene)|worry time)\b/i;

export type ElementId =
  | 'session_time_modality'
  | 'client_report'
  | 'interventions'
  | 'client_response'
  | 'risk_assessment'
  | 'clinical_assessment'
  | 'goals_addressed'
  | 'plan_next_session';

export interface NoteElement {
  id: ElementId;
  label: string;
  /** Payers look for it in behavioral-health progress notes (time and modality, interventions, response, risk, plan). */
  payer: boolean;
  /** A statement in the right section that matches this is taken as the element being present. */
  pattern: RegExp;
}

export const ELEMENTS: Record<ElementId, NoteElement> = {
  session_time_modality: {
    id: 'session_time_modality',
    label: 'Session time and modality (start/end or minutes; in person or telehealth)',
    payer: true,
    pattern:
      /\b\d+ ?(?:min|minutes)\b|\b\d{1,2}:\d{2}\b.*(?:in person|in-person|telehealth|video|audio|phone)|(?:in person|in-person|telehealth|video|audio)\b.*\b\d/i,
  },
  client_report: {
    id: 'client_report',
    label: 'What the client reported this session',
    payer: false,
    pattern: /\S/,
  },
  interventions: {
    id: 'interventions',
    label: 'Interventions used',
    payer: true,
    pattern: INTERVENTION_CUES,
  },
  client_response: {
    id: 'client_response',
    label: 'Client response to the interventions',
    payer: true,
    pattern: /\S/,
  },
  risk_assessment: {
    id: 'risk_assessment',
    label: 'Risk assessment statement (suicidal/homicidal ideation, self-harm, safety)',
    payer: true,
    pattern:
      /suicid|\bSI\b|\bHI\b|homicid|self-harm|kill(?:ing)? (?:myself|yourself)|hurt (?:myself|yourself|anyone)|safety plan|\bsafe\b|wish(?:ing)? (?:i|you) (?:were|was) dead|risk/i,
  },
  clinical_assessment: {
    id: 'clinical_assessment',
    label: 'Clinical assessment of progress',
    payer: false,
    pattern: /\S/,
  },
  goals_addressed: {
    id: 'goals_addressed',
    label: 'Treatment goals addressed',
    payer: false,
    pattern: /\S/,
  },
  plan_next_session: {
    id: 'plan_next_session',
    label: 'Plan and next session',
    payer: true,
    pattern:
      /next (?:session|week|time|appointment)|same time|follow[- ]up|schedul|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|in (?:two|2|three|3|four|4) weeks|homework|practice/i,
  },
};

export interface SectionSpec {
  key: string;
  title: string;
  /** What belongs here, in words for the reviewer and the model prompt. */
  contains: string;
  /** The elements this section is where a reviewer looks for. */
  elements: readonly ElementId[];
}

export interface FormatSpec {
  format: DraftFormat;
  sections: readonly SectionSpec[];
  /** Which section each kind of source sentence is filed under by the extractive drafter. */
  route: Record<SentenceKind, string>;
  /** Where the session line (date, time, minutes, modality, from the appointment record) goes. */
  sessionSection: string;
  /** Where the active treatment plan's goals are quoted, when the format has a place for them. */
  goalsSection?: string;
}

const titles = (format: DraftFormat) => Object.fromEntries(NOTE_FORMAT_SECTIONS[format].map((s) => [s.key, s.title]));
const spec = (
  format: DraftFormat,
  sections: Array<[key: string, contains: string, elements: ElementId[]]>,
  route: Record<SentenceKind, string>,
  sessionSection: string,
  goalsSection?: string,
): FormatSpec => {
  const t = titles(format);
  return {
    format,
    sections: sections.map(([key, contains, elements]) => ({ key, title: t[key] ?? key, contains, elements })),
    route,
    sessionSection,
    ...(goalsSection ? { goalsSection } : {}),
  };
};

export const FORMAT_SPECS: Record<DraftFormat, FormatSpec> = {
  SOAP: spec(
    'SOAP',
    [
      [
        'subjective',
        'What the client reported: symptoms, events, functioning, medication adherence, in their words.',
        ['client_report'],
      ],
      [
        'objective',
        'Session facts and what was observed or measured: time, modality, scores, interventions delivered.',
        ['session_time_modality', 'interventions'],
      ],
      [
        'assessment',
        'Clinical assessment: progress, response to treatment, and the risk assessment statement.',
        ['clinical_assessment', 'client_response', 'risk_assessment'],
      ],
      ['plan', 'Homework, changes to treatment, referrals, and the next session.', ['plan_next_session']],
    ],
    {
      report: 'subjective',
      measure: 'objective',
      observation: 'objective',
      intervention: 'objective',
      response: 'assessment',
      assessment: 'assessment',
      risk: 'assessment',
      goal: 'plan',
      plan: 'plan',
    },
    'objective',
  ),
  DAP: spec(
    'DAP',
    [
      [
        'data',
        'Session facts, what the client reported, what was observed and measured, and the interventions used.',
        ['session_time_modality', 'client_report', 'interventions'],
      ],
      [
        'assessment',
        'Clinical assessment: progress, response to interventions, and the risk assessment statement.',
        ['clinical_assessment', 'client_response', 'risk_assessment'],
      ],
      ['plan', 'Homework, changes to treatment, and the next session.', ['plan_next_session']],
    ],
    {
      report: 'data',
      measure: 'data',
      observation: 'data',
      intervention: 'data',
      response: 'assessment',
      assessment: 'assessment',
      risk: 'assessment',
      goal: 'plan',
      plan: 'plan',
    },
    'data',
  ),
  BIRP: spec(
    'BIRP',
    [
      [
        'behavior',
        'Session facts and the client’s presentation and reports, including risk.',
        ['session_time_modality', 'client_report', 'risk_assessment'],
      ],
      ['intervention', 'What the clinician did: techniques, skills taught, psychoeducation.', ['interventions']],
      ['response', 'How the client responded to the interventions; progress.', ['client_response']],
      ['plan', 'Homework, changes to treatment, and the next session.', ['plan_next_session']],
    ],
    {
      report: 'behavior',
      measure: 'behavior',
      observation: 'behavior',
      risk: 'behavior',
      intervention: 'intervention',
      response: 'response',
      assessment: 'response',
      goal: 'plan',
      plan: 'plan',
    },
    'behavior',
  ),
  GIRP: spec(
    'GIRP',
    [
      ['goals', 'The treatment goals and objectives this session addressed.', ['goals_addressed']],
      [
        'intervention',
        'Session facts and what the clinician did toward those goals.',
        ['session_time_modality', 'interventions'],
      ],
      [
        'response',
        'How the client responded, what they reported, progress, and the risk assessment statement.',
        ['client_response', 'client_report', 'risk_assessment'],
      ],
      ['plan', 'Homework, changes to treatment, and the next session.', ['plan_next_session']],
    ],
    {
      goal: 'goals',
      intervention: 'intervention',
      report: 'response',
      measure: 'response',
      observation: 'response',
      response: 'response',
      assessment: 'response',
      risk: 'response',
      plan: 'plan',
    },
    'intervention',
    'goals',
  ),
};

/** What the drafter writes in a section it found nothing for: visibly empty, never invented. */
export const EMPTY_SECTION_MARKER = '[Nothing in the source for this section — to be completed by the clinician.]';

export interface MissingElement {
  element: ElementId;
  label: string;
  payer: boolean;
  /** The sections where it was looked for. */
  sections: string[];
}

export interface NoteValidation {
  complete: boolean;
  emptySections: string[];
  missing: MissingElement[];
}

/** Reports which sections are empty and which required elements a draft lacks. Pure. */
export function validateNote(format: DraftFormat, sections: Readonly<Record<string, string>>): NoteValidation {
  const spec = FORMAT_SPECS[format];
  const textOf = (key: string) => (sections[key] ?? '').replace(EMPTY_SECTION_MARKER, '').trim();
  const emptySections = spec.sections.filter((s) => textOf(s.key) === '').map((s) => s.key);
  const missing: MissingElement[] = [];
  const byElement = new Map<ElementId, string[]>();
  for (const s of spec.sections) for (const e of s.elements) byElement.set(e, [...(byElement.get(e) ?? []), s.key]);
  for (const [id, keys] of byElement) {
    const element = ELEMENTS[id];
    if (keys.some((k) => element.pattern.test(textOf(k)))) continue;
    missing.push({ element: id, label: element.label, payer: element.payer, sections: keys });
  }
  return { complete: emptySections.length === 0 && missing.length === 0, emptySections, missing };
}
