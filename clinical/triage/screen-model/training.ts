import { screenRisk } from '../risk.ts';
import { RISK_LEXICON } from '../risk-rules.ts';
import { prepare } from '../text.ts';
import { type FeatureVector, featuresOf } from './features.ts';
import { DEFAULT_TRAINING, probability, type TrainOptions, trainLogistic } from './logistic.ts';
import { escalates, readableTokens } from './screen.ts';

/**
 * From labelled messages to the screen's committed model: k-fold cross-validation, grouped by author, picks the
 * decision threshold (the lowest score at which held-out negatives are escalated no more often than
 * `maxFalseEscalation`), then one model is trained on every message. Pure and deterministic.
 */
export interface LabelledMessage {
  id: string;
  text: string;
  mustEscalate: boolean;
  /**
   * Who wrote it (a set's name): cross-validation holds out whole groups, so a held-out message is never scored by a
   * model that saw its author's other messages, or its twin in a contrast pair. Without one, each message is its own.
   */
  group?: string;
  /**
   * False: trains the model but does not set the threshold. Contrast pairs are hard negatives on purpose, far more of
   * them than an inbox holds; counted among the negatives, they would move the operating point off the real mix.
   */
  calibrates?: boolean;
}

export interface ScreenModel {
  version: 1;
  threshold: number;
  /** Cross-validated figures at the threshold, for the README and the closing note, not for any decision. */
  crossValidation: { folds: number; recall: number; falseEscalation: number; positives: number; negatives: number };
  trainedOn: { messages: number; sources: string[] };
  /** Sparse weights: [feature index, weight], index-ascending, rounded to 1e-5. */
  weights: Array<[number, number]>;
}

export const TRAINING_TARGET = { folds: 5, maxFalseEscalation: 0.04 } as const;

/**
 * The words the screen reads of a message, as it reads them in use: it runs only when the rules found no risk, and
 * then without the clauses the rules discounted (screen.ts). Trained on the whole of "I tried to kill myself years ago,
 * I am doing well", it learned that reassurance travels with risk, and then escalated the reassurance it was left
 * with once the past attempt was masked. A message the rules escalate is read whole: its words are what risk sounds
 * like.
 */
export function wordsOf(text: string): string[] {
  const p = prepare(text, RISK_LEXICON);
  const findings = screenRisk(p);
  const tokens = findings.some((f) => f.discounted === null) ? p.tokens : readableTokens(p, findings);
  return tokens.map((t) => t.norm);
}

const examplesOf = (rows: readonly LabelledMessage[]) =>
  rows.map((r) => {
    const words = wordsOf(r.text);
    return { x: featuresOf(words) as FeatureVector, y: (r.mustEscalate ? 1 : 0) as 0 | 1, words };
  });

/**
 * A held-out score as the screen uses it: one it would not escalate at any threshold (a bare pleasantry, a short
 * text that does not lean toward risk) counts as 0.
 */
const usable = (score: number, words: readonly string[]) => (escalates(score, words, 0) ? score : 0);

export function buildScreenModel(
  rows: readonly LabelledMessage[],
  sources: string[],
  options: TrainOptions = DEFAULT_TRAINING,
): ScreenModel {
  const examples = examplesOf(rows);
  const held: Array<{ score: number; y: 0 | 1; calibrates: boolean }> = [];
  const { folds, maxFalseEscalation } = TRAINING_TARGET;
  const fold = foldsByGroup(rows, folds);
  for (let k = 0; k < folds; k++) {
    const w = trainLogistic(
      examples.filter((_, i) => fold[i] !== k),
      options,
    );
    examples.forEach((e, i) => {
      if (fold[i] === k)
        held.push({ score: usable(probability(w, e.x), e.words), y: e.y, calibrates: rows[i]?.calibrates !== false });
    });
  }
  const negatives = held
    .filter((h) => h.y === 0 && h.calibrates)
    .map((h) => h.score)
    .sort((a, b) => b - a);
  const positives = held.filter((h) => h.y === 1 && h.calibrates).map((h) => h.score);
  // The k-th highest negative score, k = the false escalations allowed: anything above it escalates.
  const allowed = Math.floor(maxFalseEscalation * negatives.length);
  const threshold = round((negatives[allowed] ?? 0.5) + 1e-5);
  const weights = trainLogistic(examples, options);
  const sparse: Array<[number, number]> = [];
  weights.forEach((v, i) => {
    const r = round(v);
    if (r !== 0) sparse.push([i, r]);
  });
  return {
    version: 1,
    threshold,
    crossValidation: {
      folds,
      recall: round(positives.filter((s) => s >= threshold).length / Math.max(1, positives.length)),
      falseEscalation: round(negatives.filter((s) => s >= threshold).length / Math.max(1, negatives.length)),
      positives: positives.length,
      negatives: negatives.length,
    },
    trainedOn: { messages: rows.length, sources },
    weights: sparse,
  };
}

/** Each message's fold: its group's, groups dealt round in order of first appearance; a message with none alone. */
function foldsByGroup(rows: readonly LabelledMessage[], folds: number): number[] {
  const order = new Map<string, number>();
  return rows.map((r, i) => {
    if (r.group === undefined) return i % folds;
    if (!order.has(r.group)) order.set(r.group, order.size);
    return (order.get(r.group) ?? 0) % folds;
  });
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;
