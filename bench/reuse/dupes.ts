// Near-duplicate benchmark: the DuplicateIndex against exact all-pairs Jaccard over the same
// shingles, computed in the same run. All-pairs is O(n²), so it runs on a sample corpus and its
// time is extrapolated to 100,000 items by n²; the index runs on both the sample (for precision
// and recall) and the full corpus (for time).
//   npx tsc -p tsconfig.build.json && node dist/bench/reuse/dupes.js --items 100000 [--sample 4000] [--seed 7] [--threshold 0.8]
import { sha256 } from '../../src/core/hash.js';
import { DuplicateIndex } from '../../src/reuse/dupes.js';
import { jaccardSorted, shingleArray } from '../../src/reuse/minhash.js';
import { foldForMatching } from '../../src/text/normalise.js';
import { generateReuseCorpus } from './generate.js';

interface Args {
  items: number;
  sample: number;
  seed: number;
  threshold: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { items: 100_000, sample: 4_000, seed: 7, threshold: 0.8 };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value)) throw new Error(`${flag} needs a number, got ${argv[i + 1]}`);
    if (flag === '--items') args.items = value;
    else if (flag === '--sample') args.sample = value;
    else if (flag === '--seed') args.seed = value;
    else if (flag === '--threshold') args.threshold = value;
    else throw new Error(`unknown flag ${flag}; valid: --items, --sample, --seed, --threshold`);
  }
  return args;
}

// The store hashes the folded text with whitespace collapsed; the benchmark does the same.
const contentHash = (text: string): string => sha256(foldForMatching(text).replace(/\s+/g, ' '));

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let x = i;
    while ((this.parent[x] ?? x) !== x) {
      const p = this.parent[x] ?? x;
      this.parent[x] = this.parent[p] ?? p;
      x = p;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[rb] = ra;
  }
}

const ms = (t0: number): number => performance.now() - t0;
const fmt = (x: number, digits = 3): string => x.toFixed(digits);
const secs = (msValue: number): string => (msValue >= 100_000 ? `${(msValue / 1000).toFixed(0)} s` : `${(msValue / 1000).toFixed(2)} s`);

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const t = args.threshold;
  const S = args.sample;
  console.error(`sample corpus: ${S} items, seed ${args.seed}`);
  const sample = generateReuseCorpus({ items: S, seed: args.seed });
  const texts = sample.items.map((it) => it.text);
  const hashes = texts.map(contentHash);
  const ids = sample.items.map((it) => it.id);
  const meta = sample.items.map((it) => ({ publishedAt: it.publishedAt, capturedAt: `${it.publishedAt}T12:00:00.000Z` }));

  // Baseline: exact Jaccard over every pair of shingle sets.
  let t0 = performance.now();
  const sh = texts.map(shingleArray);
  const baseShingleMs = ms(t0);
  t0 = performance.now();
  const truthPairs: Array<[number, number]> = [];
  for (let i = 0; i < S; i++) {
    const a = sh[i] ?? new Uint32Array(0);
    for (let j = i + 1; j < S; j++) {
      if (jaccardSorted(a, sh[j] ?? new Uint32Array(0)) >= t) truthPairs.push([i, j]);
    }
  }
  const basePairsMs = ms(t0);
  console.error(`baseline: ${truthPairs.length} pairs at J ≥ ${t} in ${secs(baseShingleMs + basePairsMs)}`);

  // The index on the same sample.
  t0 = performance.now();
  const index = new DuplicateIndex({ threshold: t });
  for (let i = 0; i < S; i++) {
    index.add({ id: ids[i] ?? '', contentHash: hashes[i] ?? '', text: texts[i] ?? '', ...(meta[i] ?? { publishedAt: null, capturedAt: '' }) });
  }
  const clusters = index.clusters();
  const indexSampleMs = ms(t0);

  const pos = new Map(ids.map((id, i) => [id, i]));
  const clusterOf = new Int32Array(S).fill(-1);
  clusters.forEach((c, k) => c.members.forEach((m) => (clusterOf[pos.get(m.id) ?? 0] = k)));
  const truthUf = new UnionFind(S);
  for (const [i, j] of truthPairs) truthUf.union(i, j);

  // Recall: pairs at J ≥ t that ended up in one cluster.
  let found = 0;
  for (const [i, j] of truthPairs) if ((clusterOf[i] ?? -1) >= 0 && clusterOf[i] === clusterOf[j]) found++;
  // Precision: co-clustered pairs that belong together (same component of the J ≥ t graph, since
  // clusters are transitive), and the stricter share whose own Jaccard is ≥ t.
  let predicted = 0;
  let inComponent = 0;
  let direct = 0;
  for (const c of clusters) {
    const members = c.members.map((m) => pos.get(m.id) ?? 0);
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x] ?? 0;
        const j = members[y] ?? 0;
        predicted++;
        if (truthUf.find(i) === truthUf.find(j)) inComponent++;
        if (jaccardSorted(sh[i] ?? new Uint32Array(0), sh[j] ?? new Uint32Array(0)) >= t) direct++;
      }
    }
  }
  const recall = truthPairs.length === 0 ? 1 : found / truthPairs.length;
  const precision = predicted === 0 ? 1 : inComponent / predicted;
  const strictPrecision = predicted === 0 ? 1 : direct / predicted;

  // The index on the full corpus: time per item, hashing of content outside the clock.
  const N = args.items;
  console.error(`full corpus: ${N} items`);
  const full = generateReuseCorpus({ items: N, seed: args.seed + 1 });
  const big = new DuplicateIndex({ threshold: t });
  let addMs = 0;
  const links: Array<[number, number]> = [];
  const fullPos = new Map<string, number>();
  full.items.forEach((it, i) => {
    const text = it.text;
    const hash = contentHash(text);
    fullPos.set(it.id, i);
    const t1 = performance.now();
    const r = big.add({ id: it.id, contentHash: hash, text, publishedAt: it.publishedAt, capturedAt: `${it.publishedAt}T12:00:00.000Z` });
    addMs += ms(t1);
    if (r.similarTo !== null) links.push([i, fullPos.get(r.similarTo) ?? 0]);
  });
  t0 = performance.now();
  const bigClusters = big.clusters();
  const clustersMs = ms(t0);
  const mem = process.memoryUsage();

  // Full-scale checks that need no all-pairs: every link the index made, and every planted copy.
  const shOf = (i: number): Uint32Array => shingleArray(full.items[i]?.text ?? '');
  let goodLinks = 0;
  for (const [i, j] of links) if (jaccardSorted(shOf(i), shOf(j)) >= t) goodLinks++;
  let plantedHigh = 0;
  let plantedFound = 0;
  for (const [copy, orig] of full.truth.duplicateOf) {
    const i = fullPos.get(copy) ?? 0;
    const j = fullPos.get(orig) ?? 0;
    if (jaccardSorted(shOf(i), shOf(j)) < t) continue;
    plantedHigh++;
    if (big.clusterOf(copy) === big.clusterOf(orig)) plantedFound++;
  }

  const per100k = (x: number, n: number): number => (x * 100_000) / n;
  const scale = 100_000 / S;
  const baselineAt100k = baseShingleMs * scale + basePairsMs * scale * scale;
  const oursAt100k = per100k(addMs + clustersMs, N);
  const oursSampleAt100k = per100k(indexSampleMs, S);

  const lines = [
    `## Near-duplicates (Jaccard ≥ ${t} over 5-word shingles; index ${big.bands} bands × ${big.rows} rows)`,
    '',
    `Sample: ${S} items (seed ${args.seed}), ${truthPairs.length} pairs at J ≥ ${t}; full run: ${N} items (seed ${args.seed + 1}). Node ${process.version}.`,
    '',
    '| | exact all-pairs (baseline) | DuplicateIndex |',
    '|---|---|---|',
    `| recall at J ≥ ${t} (sample) | 1 (by definition) | ${fmt(recall)} (${found}/${truthPairs.length}) |`,
    `| precision: co-clustered pairs linked by J ≥ ${t} (sample) | 1 | ${fmt(precision)} (${inComponent}/${predicted}) |`,
    `| precision: co-clustered pairs with their own J ≥ ${t} (sample) | 1 | ${fmt(strictPrecision)} |`,
    `| time on the sample (${S} items) | ${secs(baseShingleMs + basePairsMs)} (shingles ${secs(baseShingleMs)}, pairs ${secs(basePairsMs)}) | ${secs(indexSampleMs)} |`,
    `| time per 100,000 items | ${secs(baselineAt100k)} (extrapolated: shingles × n, pairs × n²) | ${secs(oursAt100k)} (measured on ${N}; sample rate ${secs(oursSampleAt100k)}) |`,
    `| speed ratio at 100,000 items | 1× | ${(baselineAt100k / oursAt100k).toFixed(0)}× |`,
    '',
    `Full run: ${bigClusters.length} clusters; links verified exactly: ${goodLinks}/${links.length} at J ≥ ${t} (${fmt(links.length === 0 ? 1 : goodLinks / links.length)}); ` +
      `planted copies at J ≥ ${t} found: ${plantedFound}/${plantedHigh} (${fmt(plantedHigh === 0 ? 1 : plantedFound / plantedHigh)}); ` +
      `add ${fmt((addMs * 1000) / N, 1)} µs/item, clusters() ${secs(clustersMs)}; heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB.`,
  ];
  console.log(lines.join('\n'));
}

main();
