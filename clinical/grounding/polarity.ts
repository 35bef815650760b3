import type { ClaimContext, Finding } from './checks.ts';
import { RISK_KINDS, RISK_TOPIC } from './lexicon.ts';
import type { SourceIndex, SourceSentence } from './source.ts';
import { isNegated, NEGATION_WORDS, words } from './text.ts';

/**
 * Negation and polarity checks: a claim must not flip what its source says ("denies SI" vs "reports SI"). Risk is
 * judged by kind (suicide, self-harm, violence, overdose) and clause; other statements against the source sentence
 * worded most like them.
 */

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
  // A claim with no content words of its own besides a day ("I did not go on Wednesday.") has no evidence: it is
  // compared with every source sentence.
  for (const s of c.evidence.length > 0 ? neighbours(c) : c.index.sentences) {
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
