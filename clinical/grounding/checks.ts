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
  RISK_KINDS,
  RISK_TOPIC,
  WEEKDAYS,
} from './lexicon.ts';
import type { SourceIndex, SourceSentence } from './source.ts';
import { clockTimes, contentWords, isNegated, NEGATION_WORDS, quantities, words } from './text.ts';

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

const hasPhrase = (haystack: string, phrase: string) =>
  new RegExp(`(?:^|[^a-z])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^a-z])`).test(haystack);

const phrasesIn = (lower: string, list: readonly string[]) => list.filter((p) => hasPhrase(lower, p));

export function checkNumbers(c: ClaimContext): Finding[] {
  const claimed = quantities(c.text);
  if (claimed.length === 0) return [];
  const inWindow = new Set(quantities(c.window));
  const findings: Finding[] = [];
  for (const n of new Set(claimed)) {
    if (inWindow.has(n)) continue;
    // A short claim ("Thursday at 4 works.") may have drawn its evidence elsewhere; its own sentence still counts.
    if (statedElsewhere(c, (s) => quantities(s.text).includes(n))) continue;
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
    const name = m[0].replace(/['’]s$/, '');
    if (NOT_NAMES.has(name) || sourceWords.has(name)) continue;
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

export function checkQuotations(c: ClaimContext): Finding[] {
  const findings: Finding[] = [];
  const source = ` ${quoteTokens(c.index.original).join(' ')} `;
  for (const m of c.text.matchAll(/["“]([^"”]{3,})["”]/g)) {
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

type RiskPolarity = Map<string, { affirmed: boolean; denied: boolean }>;
const riskKindsOf = (text: string) => RISK_KINDS.filter(([, p]) => p.test(text)).map(([k]) => k);
const clausesOf = (text: string) => text.split(/[,;]| and | but /);
const polarityCache = new WeakMap<SourceIndex, RiskPolarity>();

/**
 * For each kind of risk, whether the source affirms it and whether it denies it: clause by clause in statements,
 * and by the answer that follows a risk question.
 */
function sourceRiskPolarity(index: SourceIndex): RiskPolarity {
  const cached = polarityCache.get(index);
  if (cached) return cached;
  const out: RiskPolarity = new Map(RISK_KINDS.map(([k]) => [k, { affirmed: false, denied: false }]));
  const { sentences } = index;
  for (const [i, s] of sentences.entries()) {
    if (!RISK_TOPIC.test(s.text)) continue;
    if (!s.isQuestion) {
      for (const clause of clausesOf(s.text)) {
        for (const kind of riskKindsOf(clause)) {
          const entry = out.get(kind);
          if (entry && isNegated(clause)) entry.denied = true;
          else if (entry) entry.affirmed = true;
        }
      }
      continue;
    }
    for (const next of sentences.slice(i + 1, i + 3)) {
      const no =
        /^(?:no|nope|never|not really|nah)\b/i.test(next.text) ||
        /\b(?:haven't|have not|don't|never)\b/i.test(next.lower);
      const yes = /^(?:yes|yeah|sometimes|a little|i have)\b/i.test(next.text);
      if (!no && !yes) continue;
      for (const kind of riskKindsOf(s.text)) {
        const entry = out.get(kind);
        if (entry && no) entry.denied = true;
        else if (entry) entry.affirmed = true;
      }
      break;
    }
  }
  polarityCache.set(index, out);
  return out;
}

export function checkPolarity(c: ClaimContext): Finding[] {
  const negated = isNegated(c.text);
  // Risk is judged clause by clause and kind by kind: "reports self-harm urges and denies SI" affirms one risk
  // and denies another.
  const riskClauses = clausesOf(c.text).filter((clause) => RISK_TOPIC.test(clause));
  if (riskClauses.length > 0) {
    const source = sourceRiskPolarity(c.index);
    for (const clause of riskClauses) {
      const claimNegated = isNegated(clause);
      for (const kind of riskKindsOf(clause)) {
        const said = source.get(kind);
        if (!said) continue;
        if (!claimNegated && !said.affirmed) {
          return [
            {
              kind: 'negation',
              label: said.denied ? 'contradicted' : 'unsupported',
              detail: said.denied
                ? `The source denies this risk (${kind.replace('_', ' ')}); the claim affirms it.`
                : `The source does not state this risk (${kind.replace('_', ' ')}).`,
            },
          ];
        }
        if (claimNegated && !said.denied && said.affirmed) {
          return [
            {
              kind: 'negation',
              label: 'contradicted',
              detail: `The source affirms this risk (${kind.replace('_', ' ')}); the claim denies it.`,
            },
          ];
        }
      }
    }
  }
  // Compare with the statement that says the same thing once negations are set aside: if exactly one of the two
  // is negated, the claim flips the source.
  const mine = polarityWords(c.text);
  if (mine.size < 3) return [];
  let best: SourceSentence | undefined;
  let bestScore = 0;
  for (const s of c.evidence.length > 0 ? neighbours(c) : []) {
    if (s.isQuestion) continue;
    const theirs = polarityWords(s.text);
    let shared = 0;
    for (const w of mine) if (theirs.has(w)) shared++;
    const score = shared / (mine.size + theirs.size - shared);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  if (!best || bestScore < 0.6) return [];
  // A negation present on one side only flips the meaning; so does a different number of local negators ("not",
  // "never", "n't") in near-identical wording ("did not care" → "did care"). A repeated "denied" does not.
  const flipped =
    isNegated(c.text) !== isNegated(best.text) ||
    (bestScore >= 0.8 && localNegations(c.text) !== localNegations(best.text));
  if (flipped) {
    return [
      {
        kind: 'negation',
        label: 'contradicted',
        detail: negated ? 'The claim negates what the source states.' : 'The claim affirms what the source negates.',
      },
    ];
  }
  return [];
}

function localNegations(text: string): number {
  return words(text).filter((w) => w === 'not' || w === 'never' || w.endsWith("n't") || w === 'cannot').length;
}

/** Words of a sentence with negations removed and contractions opened: "haven't had any" → "have had". */
function polarityWords(text: string): Set<string> {
  return new Set(
    words(text)
      .map((w) => w.replace(/n't$/, ''))
      .filter((w) => !NEGATION_WORDS.has(w) && w !== 'any' && w !== 'ca' && w !== 'wo'),
  );
}

/** The evidence sentences and the ones either side of them. */
function neighbours(c: ClaimContext): SourceSentence[] {
  const ids = new Set<number>();
  for (const s of c.evidence) for (const i of [s.index - 1, s.index, s.index + 1]) ids.add(i);
  return [...ids].map((i) => c.index.sentences[i]).filter((s): s is SourceSentence => s !== undefined);
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

/**
 * A bare answer ("Yes.", "No.") to a risk question that precedes it in the note: it must agree with how the
 * source answered that question.
 */
export function checkRiskAnswer(answer: string, question: string, index: SourceIndex): Finding[] {
  if (!RISK_TOPIC.test(question) || !question.trim().endsWith('?')) return [];
  const yes = /^(?:yes|yeah|yep|sometimes|a little|i have)\b/i.test(answer);
  const no = /^(?:no|nope|never|not really|nah|none)\b/i.test(answer);
  if (!yes && !no) return [];
  const source = sourceRiskPolarity(index);
  for (const kind of riskKindsOf(question)) {
    const said = source.get(kind);
    if (!said) continue;
    if (yes && !said.affirmed) {
      return [
        {
          kind: 'negation',
          label: said.denied ? 'contradicted' : 'unsupported',
          detail: 'The source does not answer this risk question yes.',
        },
      ];
    }
    if (no && !said.denied && said.affirmed) {
      return [{ kind: 'negation', label: 'contradicted', detail: 'The source answers this risk question yes.' }];
    }
  }
  return [];
}
