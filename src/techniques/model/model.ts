// The trained technique model: a JSON file of hashed feature weights (no corpus text), and the two
// things it does: find propaganda spans in a text (SI) and name the technique of a fragment (TC).
import { readFileSync, writeFileSync } from 'node:fs';
import { createError, ERRORS } from '../../core/errors.js';
import { fragmentFeatures, prepareText, tokenFeatures, type PreparedText } from './features.js';
import { binaryProbability, FeatureBag, multinomialProbabilities } from './linear.js';
import { tokenizeText } from './text.js';

export const MODEL_FORMAT = 'narrascope-technique-model';
export const MODEL_VERSION = 1;

/** How token probabilities become spans; tuned on held-out articles at training time. */
export interface SpanDecoding {
  /** A token is inside a span when its probability reaches this. */
  threshold: number;
  /** A run of at most this many tokens below threshold, between two runs above it, is bridged. */
  bridge: number;
  /** Spans with fewer word tokens are dropped. */
  minWords: number;
}

/** A trained model, as saved: JSON with hashed feature weights (see SparseWeights), no corpus text. */
export interface TechniqueModel {
  format: typeof MODEL_FORMAT;
  version: number;
  lang: 'en' | 'ru';
  /** Technique names, in the order of the TC weight columns. */
  techniques: string[];
  /** log2 of the hashed feature space of each task. */
  hashBits: { si: number; tc: number };
  si: { weights: SparseWeights; decoding: SpanDecoding };
  tc: { weights: SparseWeights };
  /** What the model was trained on and how (counts and settings only). */
  training: { articles: number; siSpans: number; tcSpans: number; epochs: number; seed: number; createdAt: string };
}

/** A predicted span: UTF-16 offsets into the text, end exclusive. */
export interface PredictedSpan {
  technique: string;
  start: number;
  end: number;
  confidence: number;
}

/**
 * Weights as saved: only the non-zero entries (hashing leaves most of the space empty), positions
 * as base64 LEB128 varints of the gaps between them, values as base64 little-endian Float32Array.
 */
export interface SparseWeights {
  size: number;
  count: number;
  positions: string;
  values: string;
}

/** Encodes a weight vector for the model file, keeping its non-zero entries. */
export function encodeWeights(w: Float32Array): SparseWeights {
  let count = 0;
  for (const v of w) if (v !== 0) count++;
  const values = new Float32Array(count);
  const gaps: number[] = [];
  let last = -1;
  let k = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i] ?? 0;
    if (v === 0) continue;
    let gap = i - last;
    last = i;
    values[k++] = v;
    while (gap >= 0x80) {
      gaps.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    gaps.push(gap);
  }
  return {
    size: w.length,
    count,
    positions: Buffer.from(Uint8Array.from(gaps)).toString('base64'),
    values: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64'),
  };
}

function decodeWeights(s: SparseWeights, expected: number, what: string): Float32Array {
  if (s.size !== expected) throw new Error(`${what} weights have size ${s.size}, expected ${expected}`);
  const gaps = Buffer.from(s.positions, 'base64');
  const vbuf = Buffer.from(s.values, 'base64');
  if (vbuf.byteLength !== s.count * 4) throw new Error(`${what} weights hold ${vbuf.byteLength / 4} values, expected ${s.count}`);
  const values = new Float32Array(s.count);
  new Uint8Array(values.buffer).set(vbuf);
  const out = new Float32Array(expected);
  let pos = -1;
  let k = 0;
  let gap = 0;
  let shift = 0;
  for (const byte of gaps) {
    gap |= (byte & 0x7f) << shift;
    if (byte & 0x80) {
      shift += 7;
      continue;
    }
    pos += gap;
    if (pos >= expected || k >= s.count) throw new Error(`${what} weight positions run past the weight vector`);
    out[pos] = values[k++] ?? 0;
    gap = 0;
    shift = 0;
  }
  if (k !== s.count) throw new Error(`${what} weights list ${k} positions for ${s.count} values`);
  return out;
}

interface Runtime {
  si: Float32Array;
  tc: Float32Array;
  siBag: FeatureBag;
  tcBag: FeatureBag;
  /** The last article prepared, so many fragments of one text are classified without re-tokenizing. */
  last: PreparedText | null;
}

const runtimes = new WeakMap<TechniqueModel, Runtime>();

function runtime(m: TechniqueModel): Runtime {
  let r = runtimes.get(m);
  if (!r) {
    const siDim = 1 << m.hashBits.si;
    const tcDim = 1 << m.hashBits.tc;
    r = {
      si: decodeWeights(m.si.weights, siDim, 'SI'),
      tc: decodeWeights(m.tc.weights, tcDim * m.techniques.length, 'TC'),
      siBag: new FeatureBag(siDim - 1),
      tcBag: new FeatureBag(tcDim - 1),
      last: null,
    };
    runtimes.set(m, r);
  }
  return r;
}

function prepared(m: TechniqueModel, r: Runtime, text: string): PreparedText {
  if (r.last?.text === text) return r.last;
  const p = prepareText(text, tokenizeText(text, m.lang));
  r.last = p;
  return p;
}

/** Writes the model as JSON to `path`. */
export function saveModel(m: TechniqueModel, path: string): void {
  writeFileSync(path, JSON.stringify(m) + '\n');
}

/** Reads a model written by saveModel; a file that is not one fails with an error naming `path`. */
export function loadModel(path: string): TechniqueModel {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw createError(ERRORS.INPUT_MISSING, `${path}: cannot read the model file (${(err as Error).message})`, path);
  }
  const notModel = (why: string): Error => createError(ERRORS.INPUT_MALFORMED, `${path} is not a narrascope technique model: ${why}`, path);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw notModel('not JSON');
  }
  if (typeof data !== 'object' || data === null) throw notModel('not a JSON object');
  const m = data as Partial<TechniqueModel>;
  if (m.format !== MODEL_FORMAT) throw notModel(`no "format": "${MODEL_FORMAT}" field`);
  if (m.version !== MODEL_VERSION) throw notModel(`version ${String(m.version)}, this narrascope reads version ${MODEL_VERSION}`);
  if (m.lang !== 'en' && m.lang !== 'ru') throw notModel(`language ${String(m.lang)}, expected en or ru`);
  if (!Array.isArray(m.techniques) || m.techniques.length === 0 || !m.techniques.every((t) => typeof t === 'string')) throw notModel('no technique list');
  const bits = m.hashBits;
  if (!bits || !Number.isInteger(bits.si) || !Number.isInteger(bits.tc) || bits.si < 4 || bits.si > 26 || bits.tc < 4 || bits.tc > 26) {
    throw notModel('bad hashBits');
  }
  const sparse = (w: unknown): boolean => {
    const x = w as Partial<SparseWeights> | undefined;
    return typeof x?.positions === 'string' && typeof x.values === 'string' && Number.isInteger(x.size) && Number.isInteger(x.count);
  };
  if (!sparse(m.si?.weights) || !sparse(m.tc?.weights) || !m.si || !m.tc) throw notModel('weights missing');
  const d = m.si.decoding as Partial<SpanDecoding> | undefined;
  if (typeof d?.threshold !== 'number' || typeof d.bridge !== 'number' || typeof d.minWords !== 'number') throw notModel('span decoding settings missing');
  const model = m as TechniqueModel;
  try {
    runtime(model);
  } catch (err) {
    throw notModel((err as Error).message);
  }
  return model;
}

/** Probability of each token of the text being inside a propaganda span. */
function tokenProbabilities(m: TechniqueModel, r: Runtime, p: PreparedText): Float64Array {
  const probs = new Float64Array(p.tok.tokens.length);
  const bag = r.siBag;
  for (let i = 0; i < probs.length; i++) {
    bag.clear();
    tokenFeatures(p, i, bag);
    probs[i] = binaryProbability(r.si, bag.ids, bag.values);
  }
  return probs;
}

/** Token index ranges [from, to) of spans decoded from token probabilities. */
export function decodeSpans(p: PreparedText, probs: ArrayLike<number>, d: SpanDecoding): Array<{ from: number; to: number; confidence: number }> {
  const { tokens, sentences } = p.tok;
  const out: Array<{ from: number; to: number; confidence: number }> = [];
  for (const s of sentences) {
    let i = s.first;
    while (i < s.end) {
      if ((probs[i] ?? 0) < d.threshold) {
        i++;
        continue;
      }
      let to = i + 1;
      // Extend over tokens above threshold and over short dips between two such runs.
      for (;;) {
        if (to < s.end && (probs[to] ?? 0) >= d.threshold) {
          to++;
          continue;
        }
        let gap = 0;
        while (to + gap < s.end && gap <= d.bridge && (probs[to + gap] ?? 0) < d.threshold) gap++;
        if (gap > 0 && gap <= d.bridge && to + gap < s.end) {
          to += gap;
          continue;
        }
        break;
      }
      let from = i;
      // Spans start and end on words (a closing quote or ! after the last word stays in).
      while (from < to && !tokens[from]?.isWord) from++;
      let last = to;
      while (last > from && !tokens[last - 1]?.isWord) last--;
      let words = 0;
      let sum = 0;
      for (let k = from; k < last; k++) {
        if (tokens[k]?.isWord) words++;
        sum += probs[k] ?? 0;
      }
      if (words >= d.minWords && last > from) out.push({ from, to: last, confidence: sum / (last - from) });
      i = to;
    }
  }
  return out;
}

/** Technique probabilities for the fragment [start, end) (UTF-16) of `text`, best first. */
export function rankTechniques(m: TechniqueModel, text: string, start: number, end: number): Array<{ technique: string; confidence: number }> {
  const r = runtime(m);
  const p = prepared(m, r, text);
  const { from, to } = tokenRange(p, start, end);
  return rankRange(m, r, p, from, to, text.slice(start, end));
}

function rankRange(m: TechniqueModel, r: Runtime, p: PreparedText, from: number, to: number, fragment: string): Array<{ technique: string; confidence: number }> {
  const bag = r.tcBag;
  bag.clear();
  fragmentFeatures(p, from, to, fragment, bag);
  const probs = multinomialProbabilities(r.tc, m.techniques.length, bag.ids, bag.values);
  return m.techniques.map((technique, k) => ({ technique, confidence: probs[k] ?? 0 })).sort((a, b) => b.confidence - a.confidence);
}

/** Token indices [from, to) of the tokens overlapping [start, end) (UTF-16). */
export function tokenRange(p: PreparedText, start: number, end: number): { from: number; to: number } {
  const tokens = p.tok.tokens;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.end ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < tokens.length && (tokens[to]?.start ?? Infinity) < end) to++;
  return { from: lo, to };
}

/** The most likely technique of the fragment [start, end) (UTF-16 offsets into `text`). */
export function classifyFragment(m: TechniqueModel, text: string, start: number, end: number): { technique: string; confidence: number } {
  const best = rankTechniques(m, text, start, end)[0];
  if (!best) throw createError(ERRORS.INPUT_MALFORMED, 'the model has no techniques');
  return best;
}

/** Propaganda spans found in `text`, each with its most likely technique; UTF-16 offsets. */
export function predictSpans(m: TechniqueModel, text: string): PredictedSpan[] {
  const r = runtime(m);
  const p = prepared(m, r, text);
  const probs = tokenProbabilities(m, r, p);
  const out: PredictedSpan[] = [];
  for (const s of decodeSpans(p, probs, m.si.decoding)) {
    const start = p.tok.tokens[s.from]?.start ?? 0;
    const end = p.tok.tokens[s.to - 1]?.end ?? start;
    const best = rankRange(m, r, p, s.from, s.to, text.slice(start, end))[0];
    if (!best) continue;
    out.push({ technique: best.technique, start, end, confidence: s.confidence });
  }
  return out;
}

/** Token probabilities of a text (for tuning span decoding and for inspection). */
export function spanProbabilities(m: TechniqueModel, text: string): { prepared: PreparedText; probs: Float64Array } {
  const r = runtime(m);
  const p = prepared(m, r, text);
  return { prepared: p, probs: tokenProbabilities(m, r, p) };
}
