/**
 * The offline assistant's answers to questions about one client's chart: a field of the client record, the PHQ-9 /
 * GAD-7 course, the treatment plan's goals, or any other topic looked up in the chart summary. Every value shown is
 * copied from the tool result with the record id it came from; when the result does not hold what was asked, the
 * answer says so and states no value. Pure.
 */

import { escapeRegExp } from '../../clinical/regexp.ts';

export type ClientField =
  | 'dateOfBirth'
  | 'pronouns'
  | 'preferredName'
  | 'preferredLanguage'
  | 'insurance'
  | 'diagnoses';

export interface ChartQuestion {
  /** The chart tool that holds the answer. */
  tool: 'get_client' | 'summarize_chart';
  field?: ClientField;
  /** Content words of the question, looked up in the result (a diagnosis asked about, a lab, a medication…). */
  terms: string[];
  /** The question's subject in the person's words, for "no record of …". */
  topic: string;
}

const FIELDS: [ClientField, RegExp, string][] = [
  ['dateOfBirth', /\b(date of birth|dob|birth ?date|birthday|born)\b/i, 'date of birth'],
  ['pronouns', /\bpronouns?\b/i, 'pronouns'],
  ['preferredName', /\b(preferred name|nickname|go(?:es)? by)\b/i, 'preferred name'],
  ['preferredLanguage', /\b(language|interpreter)\b/i, 'preferred language'],
  ['insurance', /\b(insurance|insurer|payer|member id)\b/i, 'insurance'],
  ['diagnoses', /\b(diagnos\w*|dx)\b/i, 'diagnoses'],
];
const FIELD_LABEL = Object.fromEntries(FIELDS.map(([f, , l]) => [f, l])) as Record<ClientField, string>;

const QUESTION = /\?\s*$|^\s*(what|what's|which|when|who|whom|does|did|do|has|have|is|are|was|were|how|any|tell me)\b/i;

/** Words that frame a question rather than name what it asks about. */
const STOP = new Set(
  `a an the of for about on in at to from with by and or is are was were be been do does did has have had what what's
  which when who whom how any anything there their his her hers them they he she it its this that client client's
  chart record records recorded documented note notes latest last current currently recent most value level levels
  result results score scores reading say said tell me know we us you your our on file listed list show give taking
  take takes on use uses using prescribed ever ongoing get got diagnosis diagnosed diagnoses dx history mention
  mentioned mentions any`
    .split(/\s+/)
    .filter(Boolean),
);

/** The question a request asks about one client, or null when it is not a question about the chart. */
export function chartQuestionOf(request: string, clientName: string | null): ChartQuestion | null {
  if (!QUESTION.test(request)) return null;
  let text = request.replace(/\bcli_[A-Za-z0-9_-]+('s)?/g, ' ');
  if (clientName) text = text.replace(new RegExp(`${escapeRegExp(clientName)}('s)?`, 'gi'), ' ');
  const words = text
    .toLowerCase()
    .replace(/'s\b/g, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w.length > 1 && !STOP.has(w));
  const field = FIELDS.find(([, re]) => re.test(text))?.[0];
  if (field && field !== 'diagnoses') return { tool: 'get_client', field, terms: [], topic: FIELD_LABEL[field] };
  const terms = words.filter((w) => !/^(disorder|disease|condition)$/.test(w));
  if (field === 'diagnoses') return { tool: 'get_client', field, terms, topic: terms.join(' ') || 'diagnoses' };
  if (terms.length === 0) return null;
  return { tool: 'summarize_chart', terms, topic: terms.join(' ') };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A term matches a word that starts with its first five letters (allergy/allergies, medication/medications). */
function mentions(text: string, terms: string[]): boolean {
  return terms.every((t) =>
    new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(t.slice(0, Math.max(3, Math.min(5, t.length))))}`, 'iu').test(text),
  );
}

function fromClient(q: ChartQuestion, value: Obj): string | null {
  const client = isObj(value.client) ? value.client : null;
  if (!client) return null;
  const id = str(client.id);
  const cite = id ? ` [${id}]` : '';
  if (q.field === 'diagnoses') {
    const dx = Array.isArray(value.diagnoses) ? value.diagnoses.filter(isObj) : null;
    if (!dx) return `Your role does not see diagnoses, so I cannot answer that from the chart.${cite}`;
    const lines = dx.map((d) => `- ${str(d.code)} ${str(d.description)} (${str(d.status)})${cite}`);
    if (q.terms.length > 0 && !dx.some((d) => mentions(`${str(d.code)} ${str(d.description)}`, q.terms)))
      return [`There is no record of a ${q.topic} diagnosis in the chart.${cite}`, 'Recorded diagnoses:', ...lines]
        .filter(Boolean)
        .join('\n');
    if (dx.length === 0) return `There is no diagnosis recorded in the chart.${cite}`;
    return [`Diagnoses on record${cite}:`, ...lines].join('\n');
  }
  const label = FIELD_LABEL[q.field ?? 'dateOfBirth'];
  const raw = q.field === 'insurance' ? client.insurance : client[q.field ?? 'dateOfBirth'];
  if (raw === null || raw === undefined || raw === '') return `There is no ${label} recorded in the chart.${cite}`;
  if (isObj(raw)) {
    const parts = Object.entries(raw)
      .filter(([, v]) => typeof v === 'string' && v)
      .map(([k, v]) => `${k}: ${String(v)}`);
    return `${label[0]?.toUpperCase()}${label.slice(1)}${cite}: ${parts.join(', ')}`;
  }
  return `${label[0]?.toUpperCase()}${label.slice(1)}${cite}: ${String(raw)}`;
}

interface Statement {
  text: string;
  cites: { id: string }[];
}
const statements = (v: unknown): Statement[] =>
  Array.isArray(v) ? v.filter((s): s is Statement => isObj(s) && typeof s.text === 'string') : [];
const cited = (s: Statement) => `- ${s.text} ${s.cites.map((c) => `[${c.id}]`).join(' ')}`.trimEnd();

const SUMMARY_SECTIONS: [string, string][] = [
  ['recentSessions', 'Recent sessions'],
  ['diagnoses', 'Diagnoses'],
  ['activePlanGoals', 'Active treatment plan goals'],
  ['assessmentTrend', 'PHQ-9 / GAD-7'],
  ['openRisks', 'Open risks'],
];

/** The chart summary as cited statements by section, and what it looked for and did not find. */
function renderSummary(value: Obj): string {
  const out = [`Chart summary of ${str(value.clientId)} as of ${str(value.asOf)}:`];
  for (const [key, title] of SUMMARY_SECTIONS) {
    const list = statements(value[key]);
    if (list.length > 0) out.push(`${title}:`, ...list.map(cited));
  }
  const notFound = Array.isArray(value.notFound) ? value.notFound.map(String) : [];
  if (notFound.length > 0) out.push('Not found:', ...notFound.map((n) => `- ${n}`));
  if (typeof value.notice === 'string') out.push(value.notice);
  return out.join('\n');
}

function fromSummary(q: ChartQuestion | null, value: Obj): string {
  if (!q) return renderSummary(value);
  const hits = SUMMARY_SECTIONS.flatMap(([key]) => statements(value[key])).filter((s) => mentions(s.text, q.terms));
  if (hits.length === 0)
    return (
      `There is no record of “${q.topic}” in the chart of ${str(value.clientId)} that I can read (I looked in its ` +
      'recent notes, diagnoses, active treatment plan, PHQ-9/GAD-7 course and open risks). I will not guess a value.'
    );
  return [`What the chart says about “${q.topic}”:`, ...hits.map(cited)].join('\n');
}

function fromTrend(value: Obj): string | null {
  const points = Array.isArray(value.points) ? value.points.filter(isObj) : null;
  if (!points) return null;
  const instrument = str(value.instrument);
  if (points.length === 0)
    return `There is no ${instrument} administration recorded in the chart of ${str(value.clientId)}.`;
  const lines = points.map(
    (p) => `- ${str(p.administeredAt).slice(0, 10)}: ${String(p.total)} (${str(p.band)}) [${str(p.id)}]`,
  );
  const latest = points.at(-1) as Obj;
  return [
    `${instrument}: latest ${String(latest.total)} on ${str(latest.administeredAt).slice(0, 10)} [${str(latest.id)}]; direction ${str(value.direction)}.`,
    'All administrations:',
    ...lines,
  ].join('\n');
}

function fromPlan(value: Obj): string | null {
  const plan = isObj(value.plan) ? value.plan : null;
  if (!plan || !Array.isArray(plan.problems)) return null;
  const cite = `[${str(plan.id)}]`;
  const out = [`Treatment plan ${cite} (${str(plan.status)}, effective ${str(plan.effectiveOn) || 'no date'}):`];
  for (const problem of plan.problems.filter(isObj)) {
    out.push(`Problem: ${str(problem.description)}${problem.icd10 ? ` (${str(problem.icd10)})` : ''}`);
    for (const goal of Array.isArray(problem.goals) ? problem.goals.filter(isObj) : []) {
      out.push(`- Goal: ${str(goal.description)}`);
      for (const o of Array.isArray(goal.objectives) ? goal.objectives.filter(isObj) : [])
        out.push(`  - Objective: ${str(o.description)} (${str(o.status)}, target ${str(o.targetDate) || 'none'})`);
    }
  }
  if (typeof value.notice === 'string') out.push(value.notice);
  return out.join('\n');
}

/**
 * The answer to a chart question from the tool result that should hold it, or null when this tool's result has a
 * shape these answers do not cover (the generic answer takes over).
 */
export function chartAnswer(tool: string, value: unknown, question: ChartQuestion | null): string | null {
  if (!isObj(value) || isObj(value.error)) return null;
  switch (tool) {
    case 'get_client':
      return question?.tool === 'get_client' ? fromClient(question, value) : null;
    case 'summarize_chart':
      return fromSummary(question?.tool === 'summarize_chart' ? question : null, value);
    case 'assessment_trend':
      return fromTrend(value);
    case 'get_treatment_plan':
      return fromPlan(value);
    default:
      return null;
  }
}
