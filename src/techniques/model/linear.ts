// Hashed sparse features and the two linear learners of the technique model: a binary logistic
// regression (is this token inside a propaganda span?) and a multinomial one (which technique is
// this fragment?). Both train by AdaGrad over shuffled examples, which converges in a few passes
// without a tuned learning-rate schedule.

/** 32-bit FNV-1a hash of a string; feature names never leave this process, only their hashes. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Collects hashed feature indices for one example. */
export class FeatureBag {
  readonly ids: number[] = [];
  readonly values: number[] = [];
  constructor(private readonly mask: number) {}
  /** Adds a feature by name with value `v` (1 for indicators). */
  add(name: string, v = 1): void {
    this.ids.push(fnv1a(name) & this.mask);
    this.values.push(v);
  }
  /** Adds a feature by the fnv1a hash of its name. */
  addHash(hash: number, v = 1): void {
    this.ids.push(hash & this.mask);
    this.values.push(v);
  }
  clear(): void {
    this.ids.length = 0;
    this.values.length = 0;
  }
}

/** Many sparse examples in flat arrays (compact enough for 350k tokens × 60 features). */
export class ExampleSet {
  private ids: Int32Array = new Int32Array(1024);
  private vals: Float32Array = new Float32Array(1024);
  private offsets: number[] = [0];
  readonly labels: number[] = [];
  readonly weights: number[] = [];

  get size(): number {
    return this.labels.length;
  }

  /** Appends one example with label `y` and an importance weight. */
  push(bag: FeatureBag, y: number, weight = 1): void {
    const start = this.offsets[this.offsets.length - 1] ?? 0;
    const need = start + bag.ids.length;
    if (need > this.ids.length) {
      let cap = this.ids.length * 2;
      while (cap < need) cap *= 2;
      const ids = new Int32Array(cap);
      ids.set(this.ids);
      const vals = new Float32Array(cap);
      vals.set(this.vals);
      this.ids = ids;
      this.vals = vals;
    }
    for (let i = 0; i < bag.ids.length; i++) {
      this.ids[start + i] = bag.ids[i] ?? 0;
      this.vals[start + i] = bag.values[i] ?? 0;
    }
    this.offsets.push(need);
    this.labels.push(y);
    this.weights.push(weight);
  }

  /** Feature ids and values of example `i` as views (no copy). */
  example(i: number): { ids: Int32Array; vals: Float32Array } {
    const a = this.offsets[i] ?? 0;
    const b = this.offsets[i + 1] ?? a;
    return { ids: this.ids.subarray(a, b), vals: this.vals.subarray(a, b) };
  }
}

/** Deterministic PRNG (mulberry32) so a seed reproduces a model exactly. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, rng: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  return order;
}

export interface LearnOptions {
  epochs: number;
  rng: () => number;
  learningRate?: number;
  /** L2 penalty applied to the weights an example touches (lazy, per update). */
  l2?: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Score of one sparse example under weights `w` (dimension = w.length). */
export function dot(w: Float32Array, ids: ArrayLike<number>, vals: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < ids.length; i++) z += (w[ids[i] ?? 0] ?? 0) * (vals[i] ?? 0);
  return z;
}

/** Probability of the positive class for one example. */
export function binaryProbability(w: Float32Array, ids: ArrayLike<number>, vals: ArrayLike<number>): number {
  return sigmoid(dot(w, ids, vals));
}

/** Trains a binary logistic regression over hashed features of dimension `dim`. */
export function trainBinary(data: ExampleSet, dim: number, opts: LearnOptions): Float32Array {
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-6);
  const eta = opts.learningRate ?? 0.1;
  const l2 = opts.l2 ?? 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = shuffled(data.size, opts.rng);
    let loss = 0;
    for (const i of order) {
      const { ids, vals } = data.example(i);
      const y = data.labels[i] ?? 0;
      const weight = data.weights[i] ?? 1;
      const p = sigmoid(dot(w, ids, vals));
      loss -= weight * Math.log(Math.max(1e-12, y === 1 ? p : 1 - p));
      const err = weight * (p - y);
      for (let k = 0; k < ids.length; k++) {
        const f = ids[k] ?? 0;
        const g = err * (vals[k] ?? 0) + l2 * (w[f] ?? 0);
        const acc = (g2[f] ?? 0) + g * g;
        g2[f] = acc;
        w[f] = (w[f] ?? 0) - (eta * g) / Math.sqrt(acc);
      }
    }
    opts.onEpoch?.(epoch, loss / Math.max(1, data.size));
  }
  return w;
}

/** Class probabilities for one example under multinomial weights laid out feature-major (f*K + k). */
export function multinomialProbabilities(w: Float32Array, classes: number, ids: ArrayLike<number>, vals: ArrayLike<number>): Float64Array {
  const z = new Float64Array(classes);
  for (let i = 0; i < ids.length; i++) {
    const base = (ids[i] ?? 0) * classes;
    const v = vals[i] ?? 0;
    for (let k = 0; k < classes; k++) z[k] = (z[k] ?? 0) + (w[base + k] ?? 0) * v;
  }
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    const e = Math.exp((z[k] ?? 0) - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k++) z[k] = (z[k] ?? 0) / sum;
  return z;
}

/** Trains a multinomial logistic regression with `classes` outputs over hashed features. */
export function trainMultinomial(data: ExampleSet, dim: number, classes: number, opts: LearnOptions): Float32Array {
  const w = new Float32Array(dim * classes);
  const g2 = new Float32Array(dim * classes).fill(1e-6);
  const eta = opts.learningRate ?? 0.1;
  const l2 = opts.l2 ?? 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = shuffled(data.size, opts.rng);
    let loss = 0;
    for (const i of order) {
      const { ids, vals } = data.example(i);
      const y = data.labels[i] ?? 0;
      const weight = data.weights[i] ?? 1;
      const p = multinomialProbabilities(w, classes, ids, vals);
      loss -= weight * Math.log(Math.max(1e-12, p[y] ?? 0));
      for (let j = 0; j < ids.length; j++) {
        const base = (ids[j] ?? 0) * classes;
        const v = vals[j] ?? 0;
        for (let k = 0; k < classes; k++) {
          const idx = base + k;
          const g = weight * ((p[k] ?? 0) - (k === y ? 1 : 0)) * v + l2 * (w[idx] ?? 0);
          if (g === 0) continue;
          const acc = (g2[idx] ?? 0) + g * g;
          g2[idx] = acc;
          w[idx] = (w[idx] ?? 0) - (eta * g) / Math.sqrt(acc);
        }
      }
    }
    opts.onEpoch?.(epoch, loss / Math.max(1, data.size));
  }
  return w;
}
