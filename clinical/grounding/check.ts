import {
  type ClaimContext,
  checkAssumedNormal,
  checkCertainty,
  checkDates,
  checkDiagnoses,
  checkMedications,
  checkNumbers,
  checkPeople,
  checkQuotations,
  type Finding,
} from './checks.ts';
import { MONTHS, WEEKDAYS } from './lexicon.ts';
import { checkPolarity, checkRiskAnswer } from './polarity.ts';
import { bestEvidence, type GroundingSource, indexSources, verbatimSource, windowText } from './source.ts';
import { contentWords, splitSentences, stem, words } from './text.ts';

export type { Finding, FindingKind } from './checks.ts';
export type { GroundingSource } from './source.ts';

export type ClaimLabel = 'supported' | 'unsupported' | 'contradicted';

export interface ClaimEvidence {
  sourceId: string;
  sourceType: string;
  start: number;
  end: number;
  quote: string;
}

export interface GroundedClaim {
  section: string;
  /** Offsets of the claim in its section's text. */
  start: number;
  end: number;
  text: string;
  label: ClaimLabel;
  findings: Finding[];
  evidence: ClaimEvidence[];
}

export interface GroundingReport {
  claims: GroundedClaim[];
  counts: Record<ClaimLabel, number>;
  /** True when any claim is unsupported or contradicted: the reviewer must acknowledge the flags. */
  flagged: boolean;
  /** Version of the rules, so a stored report can be re-checked when they change. */
  checker: string;
}

export const CHECKER_VERSION = 'deterministic-1';

/** Lines that are markers, not statements: the drafter's empty-section notice and bare headings. */
const NOT_A_CLAIM = /^\[.*\]$|^[A-Z][\w ]{0,40}:$/;
/** Speaker or element labels a drafter puts in front of a statement ("Client:", "Risk screen —"). */
const LEAD_LABEL =
  /^(?:(?:Client|Clinician|Parent|Partner|Sibling|Guardian|Dictation|Session|Risk screen|Treatment plan goal)\s*(?::|—|-)\s*)+/;
const DATE_WORDS: ReadonlySet<string> = new Set([...WEEKDAYS, ...MONTHS].map(stem));
/** Below this share of its content words found in the source, a claim is unsupported. */
const MIN_COVERAGE = 0.6;

/** Splits one section into claims: one per sentence, with offsets into the section text. */
export function splitClaims(
  section: string,
  text: string,
): Array<{ section: string; start: number; end: number; text: string }> {
  return splitSentences(text)
    .filter((s) => !NOT_A_CLAIM.test(s.text))
    .map((s) => ({ section, start: s.start, end: s.end, text: s.text }));
}

/**
 * Labels every claim of a draft supported, unsupported or contradicted against its sources, with the source
 * sentences that support it and the reasons for any flag. Deterministic: lexical coverage plus checks for numbers,
 * medications, diagnoses and codes, dates and times, people, quotations, negation and risk polarity, certainty
 * inflation and assumed-normal exam text. A model judge may add findings to this report but never remove them.
 */
export function checkGrounding(
  draft: Readonly<Record<string, string>>,
  sources: readonly GroundingSource[],
): GroundingReport {
  const index = indexSources(sources);
  const claims: GroundedClaim[] = [];
  for (const [section, text] of Object.entries(draft)) {
    let previous = '';
    for (const claim of splitClaims(section, text)) {
      const body = claim.text.replace(LEAD_LABEL, '');
      const question = previous;
      previous = body;
      if (words(body).length === 0) continue;
      // Days and months are left out of the evidence search, so a changed day cannot pull in the sentence that
      // has the new day and then look supported by it; the date check judges them against the evidence found.
      const tokens = contentWords(body).filter((w) => !DATE_WORDS.has(w));
      const found = bestEvidence(index, tokens);
      // A claim that copies a source sentence word for word is supported by it, whatever the other checks would
      // make of its names, numbers or days: that sentence leads its evidence. Only the answer to a risk question
      // is still judged against the question the note puts before it ("Yes." is in many transcripts).
      const copied = verbatimSource(index, body);
      const sentences = copied ? [copied, ...found.sentences.filter((s) => s !== copied)].slice(0, 3) : found.sentences;
      const coverage = copied ? 1 : found.coverage;
      const ctx: ClaimContext = {
        text: body,
        lower: body.toLowerCase().replace(/[’‘]/g, "'"),
        tokens: words(body),
        evidence: sentences,
        window: windowText(index, sentences).toLowerCase().replace(/[’‘]/g, "'"),
        index,
      };
      const findings: Finding[] = copied
        ? checkRiskAnswer(body, question, index)
        : [
            ...(coverage < MIN_COVERAGE
              ? [
                  {
                    kind: 'lexical' as const,
                    label: 'unsupported' as const,
                    detail: `Only ${Math.round(coverage * 100)}% of the claim's terms are found in the source.`,
                  },
                ]
              : []),
            ...checkNumbers(ctx),
            ...checkMedications(ctx),
            ...checkDiagnoses(ctx),
            ...checkDates(ctx),
            ...checkPeople(ctx),
            ...checkRiskAnswer(body, question, index),
            ...checkQuotations(ctx),
            // A question asserts nothing, so it cannot flip a polarity or inflate certainty.
            ...(body.trim().endsWith('?') ? [] : [...checkPolarity(ctx), ...checkCertainty(ctx)]),
            ...checkAssumedNormal(ctx),
          ];
      const label: ClaimLabel = findings.some((f) => f.label === 'contradicted')
        ? 'contradicted'
        : findings.length > 0
          ? 'unsupported'
          : 'supported';
      claims.push({
        ...claim,
        label,
        findings,
        evidence: sentences.map((s) => ({
          sourceId: s.sourceId,
          sourceType: s.sourceType,
          start: s.start,
          end: s.end,
          quote: s.text.slice(0, 300),
        })),
      });
    }
  }
  const counts: Record<ClaimLabel, number> = { supported: 0, unsupported: 0, contradicted: 0 };
  for (const c of claims) counts[c.label]++;
  return { claims, counts, flagged: counts.unsupported + counts.contradicted > 0, checker: CHECKER_VERSION };
}
