import { auditChart, type Finding } from './audit.ts';
import { riskMentions } from './risk.ts';
import { type ChartNote, type Citation, noteCite, type Statement } from './sources.ts';

/** Clinical themes supervisors track, as words clinicians write. A theme is stated only with the notes naming it. */
const THEMES: ReadonlyArray<{ theme: string; pattern: RegExp }> = [
  { theme: 'sleep', pattern: /\b(sleep\w*|insomnia|nightmares?)\b/i },
  { theme: 'anxiety and worry', pattern: /\b(anxi\w*|worr\w*|on edge)\b/i },
  { theme: 'panic', pattern: /\bpanic\w*\b/i },
  { theme: 'low mood', pattern: /\b(depress\w*|low mood|hopeless\w*|anhedonia)\b/i },
  { theme: 'grief and loss', pattern: /\b(grie\w*|bereave\w*|loss)\b/i },
  { theme: 'family conflict', pattern: /\b(family conflict|arguments?|parent\w*)\b/i },
  { theme: 'relationships', pattern: /\b(partner|relationship\w*|couple)\b/i },
  { theme: 'work or school stress', pattern: /\b(work|job|school|classmates|coworkers?)\b/i },
  { theme: 'substance use', pattern: /\b(alcohol|drinking|cannabis|substance\w*|relapse|craving\w*)\b/i },
  { theme: 'trauma', pattern: /\b(trauma\w*|flashbacks?|PTSD)\b/i },
];

export interface SupervisionSummary {
  themes: Statement[];
  risks: Statement[];
  documentationGaps: Statement[];
  notFound: string[];
}

/**
 * Themes, risk content and documentation gaps across a supervisee's notes, for a supervision meeting. Themes name
 * how many notes mention them and cite each; risks quote the note; gaps are the chart audit's findings. Pure.
 */
export function summarizeSupervision(
  notes: readonly ChartNote[],
  options: { now: string; from: string; unsignedLimitHours: number; maxCitesPerTheme: number },
): SupervisionSummary {
  const themes: Statement[] = [];
  for (const { theme, pattern } of THEMES) {
    const naming = notes.filter((n) => Object.values(n.sections).some((t) => pattern.test(t)));
    if (naming.length === 0) continue;
    const clients = new Set(naming.map((n) => n.clientId)).size;
    themes.push({
      text: `${theme}: in ${naming.length} of ${notes.length} notes, across ${clients} client${clients === 1 ? '' : 's'}.`,
      cites: naming.slice(0, options.maxCitesPerTheme).map(noteCite),
    });
  }
  themes.sort((a, b) => b.cites.length - a.cites.length);

  const mentions = riskMentions(notes);
  const risks: Statement[] = mentions
    .filter((m) => m.kind === 'mentioned')
    .map((m) => ({ text: `Risk content (${m.section}): "${m.sentence}"`, cites: [noteCite(m.note)] }));
  const screened = new Set(mentions.map((m) => m.note.id));
  const unscreened = notes.filter((n) => n.kind === 'progress' && !screened.has(n.id));
  if (unscreened.length > 0) {
    risks.push({
      text: `${unscreened.length} of ${notes.length} notes document no risk screen.`,
      cites: unscreened.slice(0, options.maxCitesPerTheme).map(noteCite),
    });
  }

  const byClient = new Map<string, ChartNote[]>();
  for (const n of notes) byClient.set(n.clientId, [...(byClient.get(n.clientId) ?? []), n]);
  const findings: Finding[] = [...byClient].flatMap(([clientId, own]) =>
    auditChart(
      { clientId, notes: own, plans: [], appointments: [] },
      { now: options.now, unsignedLimitHours: options.unsignedLimitHours, sessionsFrom: options.from.slice(0, 10) },
    ),
  );
  const documentationGaps: Statement[] = findings.map((f) => ({ text: f.detail, cites: f.cites as Citation[] }));

  const notFound: string[] = [];
  if (notes.length === 0) notFound.push('No progress or intake notes by this clinician in the period.');
  else {
    if (themes.length === 0) notFound.push('None of the tracked themes appears in the notes.');
    if (risks.length === 0) notFound.push('No risk content and no note without a risk screen.');
    if (documentationGaps.length === 0) notFound.push('No documentation gaps: notes signed in time and complete.');
  }
  return { themes, risks, documentationGaps, notFound };
}
