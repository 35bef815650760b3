/**
 * Features for the learned risk screen: hashed word unigrams and bigrams plus character 4- and 5-grams inside each
 * word (so "overdosing", "overdosed" and a typo of either share evidence), over the triage engine's own folded,
 * spelling-corrected tokens, L2-normalised so a long message does not score higher for being long. Pure.
 */
export const FEATURE_DIMS = 1 << 18;
const CHAR_GRAM_WEIGHT = 0.5;
const NORM_FLOOR = 20;

/** 32-bit FNV-1a: stable across runs and platforms, which the committed weights depend on. */
function hash(s: string, dims: number): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % dims;
}

export type FeatureVector = ReadonlyMap<number, number>;

export interface FeatureShape {
  dims: number;
  charGrams: boolean;
}
const SCREEN_SHAPE: FeatureShape = { dims: FEATURE_DIMS, charGrams: true };

export function featuresOf(words: readonly string[], shape: FeatureShape = SCREEN_SHAPE): FeatureVector {
  const f = new Map<number, number>();
  const add = (key: string, value: number) => {
    const h = hash(key, shape.dims);
    f.set(h, (f.get(h) ?? 0) + value);
  };
  add('bias', 1);
  words.forEach((word, i) => {
    add(`w:${word}`, 1);
    const next = words[i + 1];
    if (next !== undefined) add(`b:${word} ${next}`, 1);
    if (!shape.charGrams) return;
    const bounded = `<${word}>`;
    for (let n = 4; n <= 5; n++)
      for (let j = 0; j + n <= bounded.length; j++) add(`c:${bounded.slice(j, j + n)}`, CHAR_GRAM_WEIGHT);
  });
  // Normalised with a floor, so a four-word message is not read as four words of pure signal.
  let norm = 0;
  for (const v of f.values()) norm += v * v;
  norm = Math.sqrt(Math.max(norm, NORM_FLOOR));
  for (const [k, v] of f) f.set(k, v / norm);
  return f;
}
