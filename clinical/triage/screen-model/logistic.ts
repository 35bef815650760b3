import { FEATURE_DIMS, type FeatureVector } from './features.ts';

/**
 * L2-regularised logistic regression by seeded stochastic gradient descent, positives weighted up to balance the
 * classes. Deterministic: the same examples in the same order give the same weights, bit for bit, so the committed
 * weights can be checked against a fresh training run. Pure.
 */
export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainOptions = { epochs: 40, learningRate: 0.5, l2: 1e-3, seed: 1 };

export function trainLogistic(
  examples: ReadonlyArray<{ x: FeatureVector; y: 0 | 1 }>,
  options: TrainOptions = DEFAULT_TRAINING,
): Float64Array {
  const w = new Float64Array(FEATURE_DIMS);
  const positives = examples.filter((e) => e.y === 1).length;
  const positiveWeight = positives === 0 ? 1 : (examples.length - positives) / positives;
  let state = options.seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  // Each example's features as two flat arrays, in the map's own order: the same sums in the same order as reading
  // the map (so the same weights, bit for bit), several times faster than iterating a Map 40 times over.
  const packed = examples.map(({ x, y }) => ({
    keys: Int32Array.from(x.keys()),
    values: Float64Array.from(x.values()),
    y,
  }));
  const order = examples.map((_, i) => i);
  const { learningRate, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const i of order) {
      const { keys, values, y } = packed[i] as (typeof packed)[number];
      let z = 0;
      for (let f = 0; f < keys.length; f++) z += (w[keys[f] as number] as number) * (values[f] as number);
      const gradient = (1 / (1 + Math.exp(-z)) - y) * (y === 1 ? positiveWeight : 1);
      for (let f = 0; f < keys.length; f++) {
        const k = keys[f] as number;
        const wk = w[k] as number;
        w[k] = wk - learningRate * (gradient * (values[f] as number) + l2 * wk);
      }
    }
  }
  return w;
}

export function probability(weights: ArrayLike<number>, x: FeatureVector): number {
  let z = 0;
  for (const [k, v] of x) z += (weights[k] ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
}
