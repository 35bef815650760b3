import { type ChartNote, noteCite, type Statement, sentencesOf } from './sources.ts';

/** Risk vocabulary clinicians write in notes. "Cutting" only of the body, so "cutting back on drinking" is not risk. */
const RISK =
  /\b(suicid\w*|self[- ]harm\w*|self-injur\w*|overdos\w*|homicid\w*|harm (?:him|her|them)sel(?:f|ves)|cutting (?:on |into )?(?:her|his|their|my)?\s*(?:self|arms?|wrists?|legs?|skin|thighs?))\b/i;
/** The abbreviations, case-sensitive: "si" is a word in Spanish. */
const RISK_ABBREVIATION = /\b(SI|HI)\b/;
/** A documented screen that came back negative: the denial comes before the risk word ("denied suicidal ideation"). */
const NEGATED =
  /\b(den(?:y|ies|ied|ying)|no|not|without|negative for|never)\b[^.;]*?\b(suicid|self[- ]harm|SI\b|HI\b|homicid|overdos)/i;
/** Any endorsement makes the sentence risk content whatever else it denies ("passive SI endorsed; denied plan"). */
const ENDORSED =
  /\b(endors\w*|admit\w*|acknowledg\w*|passive|reports? (?:having )?(?:suicid|thoughts)|reported (?:having )?(?:suicid|thoughts))/i;

export interface RiskMention {
  /** `screen_negative`: a documented screen the client denied; `mentioned`: risk content to review. */
  kind: 'screen_negative' | 'mentioned';
  sentence: string;
  note: ChartNote;
  section: string;
}

/** Sentences of the notes that speak of risk, in note order. Pure. */
export function riskMentions(notes: readonly ChartNote[]): RiskMention[] {
  const found: RiskMention[] = [];
  for (const note of notes) {
    for (const [section, text] of Object.entries(note.sections)) {
      for (const sentence of sentencesOf(text)) {
        if (!RISK.test(sentence) && !RISK_ABBREVIATION.test(sentence)) continue;
        const negative = NEGATED.test(sentence) && !ENDORSED.test(sentence);
        found.push({ kind: negative ? 'screen_negative' : 'mentioned', sentence, note, section });
      }
    }
  }
  return found;
}

/** Risk content of the notes as cited statements: what was said, quoted, never a judgement of ours. */
export function riskStatements(mentions: readonly RiskMention[]): Statement[] {
  return mentions
    .filter((m) => m.kind === 'mentioned')
    .map((m) => ({
      text: `Risk content in the ${m.section} section of the note of ${noteCite(m.note).date}: "${m.sentence}"`,
      cites: [noteCite(m.note)],
    }));
}
