import { escapeRegExp } from '../regexp.ts';
import {
  ASSUMED_NORMAL,
  CERTAINTY,
  DIAGNOSES,
  HEDGES,
  ICD10_CODE,
  KIN,
  MEDICATIONS,
  MONTHS,
  RELATIVE_TIME,
  WEEKDAYS,
} from './lexicon.ts';
import type { SourceIndex, SourceSentence } from './source.ts';
import { clockTimes, contentWords, quantities, words } from './text.ts';

export type FindingKind =
  | 'lexical'
  | 'number'
  | 'medication'
  | 'diagnosis'
  | 'date_time'
  | 'person'
  | 'quotation'
  | 'negation'
  | 'certainty'
  | 'assumed_normal';

export interface Finding {
  kind: FindingKind;
  label: 'unsupported' | 'contradicted';
  /** What is wrong, naming the term; no text beyond the claim's own words. */
  detail: string;
}

export interface ClaimContext {
  text: string;
  lower: string;
  tokens: readonly string[];
  evidence: readonly SourceSentence[];
  /** The evidence sentences and their neighbours, lower case. */
  window: string;
  index: SourceIndex;
}

const phrasePatterns = new Map<string, RegExp>();
/** Whether `phrase` occurs in `haystack` as whole words; patterns are compiled once per phrase. */
const hasPhrase = (haystack: string, phrase: string) => {
  let pattern = phrasePatterns.get(phrase);
  if (!pattern) {
    pattern = new RegExp(`(?:^|[^a-z])${escapeRegExp(phrase)}(?:$|[^a-z])`);
    phrasePatterns.set(phrase, pattern);
  }
  return pattern.test(haystack);
};

const phrasesIn = (lower: string, list: readonly string[]) => list.filter((p) => hasPhrase(lower, p));

export function checkNumbers(c: ClaimContext): Finding[] {
  const claimed = quantities(c.text);
  if (claimed.length === 0) return [];
  const inWindow = new Set(quantities(c.window));
  const findings: Finding[] = [];
  for (const n of new Set(claimed)) {
    if (inWindow.has(n)) continue;
    // A short claim ("Thursday at 4 works.") may have drawn its evidence elsewhere; its own sentence still counts.
    if (statedElsewhere(c, (s) => s.quantities.includes(n))) continue;
    findings.push({
      kind: 'number',
      label: inWindow.size > 0 ? 'contradicted' : 'unsupported',
      detail:
        inWindow.size > 0
          ? `The number ${n} differs from what the source says here.`
          : `The number ${n} is not in the source.`,
    });
  }
  for (const t of clockTimes(c.text)) {
    if (!clockTimes(c.window).includes(t)) {
      findings.push({ kind: 'date_time', label: 'unsupported', detail: `The time ${t} is not in the source here.` });
    }
  }
  return findings;
}

export function checkMedications(c: ClaimContext): Finding[] {
  return c.tokens
    .filter((w) => MEDICATIONS.includes(w) && !c.index.vocabulary.has(w))
    .map((w) => ({ kind: 'medication', label: 'unsupported', detail: `The medication "${w}" is not in the source.` }));
}

export function checkDiagnoses(c: ClaimContext): Finding[] {
  const findings: Finding[] = [];
  for (const d of phrasesIn(c.lower, DIAGNOSES)) {
    if (!hasPhrase(c.index.lower, d)) {
      findings.push({ kind: 'diagnosis', label: 'unsupported', detail: `The diagnosis "${d}" is not in the source.` });
    }
  }
  for (const m of c.text.matchAll(ICD10_CODE)) {
    if (!c.index.original.includes(m[0])) {
      findings.push({ kind: 'diagnosis', label: 'unsupported', detail: `The code ${m[0]} is not in the source.` });
    }
  }
  return findings;
}

/** A source sentence that has this and shares most of the claim's words: the claim's own source sentence. */
function statedElsewhere(c: ClaimContext, has: (s: SourceSentence) => boolean): boolean {
  const mine = contentWords(c.text);
  if (mine.length === 0) return false;
  return c.index.sentences.some(
    (s) => has(s) && mine.filter((w) => s.content.has(w)).length >= Math.ceil(mine.length / 2),
  );
}

export function checkDates(c: ClaimContext): Finding[] {
  const findings: Finding[] = [];
  for (const day of phrasesIn(c.lower, [...WEEKDAYS, ...MONTHS, ...RELATIVE_TIME])) {
    // "may" is a month and a verb; only a capitalized May followed by a day number is a date.
    if (day === 'may' && !/\bMay \d/.test(c.text)) continue;
    // Days are matched in the evidence sentences themselves: a neighbour naming another day is another event.
    if (c.evidence.some((e) => hasPhrase(e.lower, day))) continue;
    if (statedElsewhere(c, (s) => hasPhrase(s.lower, day))) continue;
    const peers = WEEKDAYS.includes(day) ? WEEKDAYS : MONTHS.includes(day) ? MONTHS : RELATIVE_TIME;
    const other = phrasesIn(c.window, peers).length > 0;
    findings.push({
      kind: 'date_time',
      label: other ? 'contradicted' : 'unsupported',
      detail: `"${day}" is not what the source says here.`,
    });
  }
  for (const m of c.text.matchAll(/\b\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\b/g)) {
    if (!c.index.original.includes(m[0])) {
      findings.push({ kind: 'date_time', label: 'unsupported', detail: `The date ${m[0]} is not in the source.` });
    }
  }
  return findings;
}

/** Capitalized words that are not names: roles, instruments, therapies, days. */
const NOT_NAMES = new Set(
  'I Client Clinician Parent Partner Sibling Guardian Session Plan Risk PHQ GAD CBT DBT MI CPT EMDR ACT TIPP DEAR MAN SUDS SI HI OK Okay Mr Ms Mrs Dr'.split(
    ' ',
  ),
);

export function checkPeople(c: ClaimContext): Finding[] {
  const findings: Finding[] = [];
  const sourceWords = c.index.cased;
  // Capitalized words after the first word of a clause: names (sentence-initial words are capitalized anyway).
  for (const m of c.text.matchAll(/(?<=[\p{L},;] )\p{Lu}[\p{Ll}'’-]+(?![\p{L}\p{N}])/gu)) {
    // A possessive in the claim or the source ("the Alzheimer's helpline") names the same thing as the bare word.
    const name = m[0].replace(/['’]s$/, '');
    if (NOT_NAMES.has(name) || sourceWords.has(name) || sourceWords.has(`${name}'s`) || sourceWords.has(`${name}’s`))
      continue;
    const lower = name.toLowerCase();
    if ([...WEEKDAYS, ...MONTHS, ...MEDICATIONS].includes(lower) || c.index.vocabulary.has(lower)) continue;
    findings.push({ kind: 'person', label: 'unsupported', detail: `"${name}" is not named in the source.` });
  }
  for (const k of c.tokens.filter((w) => KIN.includes(w.replace(/'s$/, '')))) {
    const base = k.replace(/'s$/, '');
    if (!c.index.vocabulary.has(base) && !c.index.vocabulary.has(`${base}s`) && !c.index.vocabulary.has(`${base}'s`)) {
      findings.push({ kind: 'person', label: 'unsupported', detail: `No ${base} is mentioned in the source.` });
    }
  }
  return findings;
}

const FILLER = new Set(['um', 'uh', 'like', 'you', 'know', 'i', 'mean', 'so', 'well']);
const quoteTokens = (text: string) => words(text).filter((w) => !FILLER.has(w));

const sourceTokens = new WeakMap<SourceIndex, string>();

export function checkQuotations(c: ClaimContext): Finding[] {
  const findings: Finding[] = [];
  for (const m of c.text.matchAll(/["“]([^"”]{3,})["”]/g)) {
    let source = sourceTokens.get(c.index);
    if (source === undefined) {
      source = ` ${quoteTokens(c.index.original).join(' ')} `;
      sourceTokens.set(c.index, source);
    }
    const quoted = quoteTokens(m[1] ?? '');
    if (quoted.length < 2) continue;
    if (!source.includes(` ${quoted.join(' ')} `)) {
      findings.push({
        kind: 'quotation',
        label: 'unsupported',
        detail: 'The quotation is not in the source verbatim.',
      });
    }
  }
  return findings;
}

export function checkCertainty(c: ClaimContext): Finding[] {
  const inflated = phrasesIn(c.lower, CERTAINTY).filter((w) => !hasPhrase(c.window, w));
  if (inflated.length === 0) return [];
  const hedged = phrasesIn(c.window, HEDGES).length > 0;
  return [
    {
      kind: 'certainty',
      label: 'unsupported',
      detail: `"${inflated[0]}" states more certainty than the source${hedged ? ', which hedges' : ''}.`,
    },
  ];
}

export function checkAssumedNormal(c: ClaimContext): Finding[] {
  const m = ASSUMED_NORMAL.exec(c.text);
  if (!m || c.index.lower.includes(m[0].toLowerCase())) return [];
  return [
    { kind: 'assumed_normal', label: 'unsupported', detail: `"${m[0]}" was not observed or stated in the source.` },
  ];
}
