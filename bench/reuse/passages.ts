// Shared-passage benchmark (not a test). Generates a corpus with planted shared passages and
// near-duplicates, indexes it with PassageIndex and scores the passages against the planted
// truth; the baseline, in the same run, is the same index without edit tolerance (exact n-gram
// runs only, maxGapWords 0), to show what bridging edits buys and what it costs.
//
//   npx tsc -p tsconfig.build.json && node dist/bench/reuse/passages.js --items 20000 [--seed 7]
//     [--filler varied|templates] [--baseline no]
//
// --filler picks the generator's filler sentences: 'varied' (default) composes phrases so that
// unrelated items rarely share long stretches, as in real prose; 'templates' is the original
// generator, whose ~20 templates per language make unrelated items share 20–30-word stretches.
//
// An occurrence is found when a reported occurrence in its item covers at least 80% of it. A
// reported occurrence is correct when at least half of it lies on a planted occurrence, or when
// the passage also occurs in a near-duplicate copy of its item (whole reposts share everything).
// A second precision column also accepts occurrences that repeat another occurrence of the same
// passage word for word: text really shared, though not planted (template sentences by chance).
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PassageIndex, type Passage, type PassageOptions } from '../../src/reuse/passages.js';
import { wordTokens } from '../../src/reuse/tokens.js';
import { generateReuseCorpus } from './generate.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '7' },
    filler: { type: 'string', default: 'varied' },
    baseline: { type: 'string', default: 'yes' },
  },
});
const filler = values.filler;
if (filler !== 'varied' && filler !== 'templates') {
  process.stderr.write(`--filler takes varied or templates, got ${filler}\n`);
  process.exit(2);
}
const sizes = values.items.split(',').map(Number);
const seed = Number(values.seed);
for (const n of sizes) {
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--items takes positive integers separated by commas, got ${values.items}\n`);
    process.exit(2);
  }
}

type Corpus = ReturnType<typeof generateReuseCorpus>;

interface Score {
  occRecall: number;
  passageRecall: number;
  precision: number;
  /** Precision when reported occurrences that repeat another occurrence word for word are not counted as errors. */
  precisionVerbatim: number;
  passages: number;
  occurrences: number;
}

function overlap(s1: number, e1: number, s2: number, e2: number): number {
  return Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
}

function score(corpus: Corpus, found: Passage[]): Score {
  const { truth } = corpus;
  // Reported occurrences per item, with the passage they belong to.
  const byItem = new Map<string, Array<{ start: number; end: number; passage: number }>>();
  found.forEach((p, k) => {
    for (const o of p.occurrences) {
      let list = byItem.get(o.itemId);
      if (!list) byItem.set(o.itemId, (list = []));
      list.push({ start: o.start, end: o.end, passage: k });
    }
  });
  let planted = 0;
  let hit = 0;
  let passagesWhole = 0;
  const plantedByItem = new Map<string, Array<{ start: number; end: number }>>();
  for (const tp of truth.passages) {
    // A planted passage is found whole when one reported passage covers every occurrence.
    const passageSets: Array<Set<number>> = [];
    for (const occ of tp.occurrences) {
      planted++;
      let list = plantedByItem.get(occ.itemId);
      if (!list) plantedByItem.set(occ.itemId, (list = []));
      list.push(occ);
      const need = 0.8 * (occ.end - occ.start);
      const covering = new Set<number>();
      for (const r of byItem.get(occ.itemId) ?? []) {
        if (overlap(r.start, r.end, occ.start, occ.end) >= need) covering.add(r.passage);
      }
      if (covering.size > 0) hit++;
      passageSets.push(covering);
    }
    const [firstSet, ...rest] = passageSets;
    if (firstSet && [...firstSet].some((k) => rest.every((s) => s.has(k)))) passagesWhole++;
  }
  const root = (id: string): string => {
    let r = id;
    for (let guard = 0; guard < 100; guard++) {
      const next = corpus.truth.duplicateOf.get(r);
      if (next === undefined) break;
      r = next;
    }
    return r;
  };
  let reported = 0;
  let correct = 0;
  let verbatim = 0;
  const texts = new Map(corpus.items.map((it) => [it.id, it.text]));
  for (const p of found) {
    const roots = p.occurrences.map((o) => root(o.itemId));
    let words: string[] | null = null;
    p.occurrences.forEach((o, k) => {
      reported++;
      const onPlanted = (plantedByItem.get(o.itemId) ?? []).some((t) => overlap(o.start, o.end, t.start, t.end) * 2 >= o.end - o.start);
      const inCopy = roots.some((r, j) => j !== k && r === roots[k] && p.occurrences[j]?.itemId !== o.itemId);
      if (onPlanted || inCopy) {
        correct++;
        return;
      }
      // The generator's filler comes from sentence templates with small slot lists, so unrelated
      // items share long identical stretches by chance; counted apart, not hidden.
      words ??= p.occurrences.map((x) => wordTokens((texts.get(x.itemId) ?? '').slice(x.start, x.end)).words.join(' '));
      const mine = words[k];
      if (words.some((w, j) => j !== k && w === mine)) verbatim++;
    });
  }
  return {
    occRecall: planted ? hit / planted : 1,
    passageRecall: truth.passages.length ? passagesWhole / truth.passages.length : 1,
    precision: reported ? correct / reported : 1,
    precisionVerbatim: reported ? (correct + verbatim) / reported : 1,
    passages: found.length,
    occurrences: reported,
  };
}

interface Row extends Score {
  method: string;
  items: number;
  indexMs: number;
  groupMs: number;
  heapMb: number;
}

function run(method: string, corpus: Corpus, opts: PassageOptions): Row {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = new PassageIndex(opts);
  for (const it of corpus.items) index.add(it);
  const t1 = performance.now();
  const found = index.passages();
  const t2 = performance.now();
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
  return { method, items: corpus.items.length, indexMs: t1 - t0, groupMs: t2 - t1, heapMb, ...score(corpus, found) };
}

const rows: Row[] = [];
for (const n of sizes) {
  const t = performance.now();
  const generated = generateReuseCorpus({ items: n, seed, filler });
  // Item texts are rebuilt on every read: read each once, outside the timings.
  const corpus: Corpus = { items: generated.items.map((it) => ({ id: it.id, source: it.source, publishedAt: it.publishedAt, text: it.text })), truth: generated.truth };
  const occ = corpus.truth.passages.reduce((k, p) => k + p.occurrences.length, 0);
  process.stderr.write(
    `generated ${n} items (${corpus.truth.passages.length} planted passages, ${occ} occurrences, ${corpus.truth.duplicateOf.size} near-duplicates) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
  rows.push(run('PassageIndex (edit-tolerant)', corpus, {}));
  process.stderr.write(`  edit-tolerant done\n`);
  if (values.baseline !== 'no') {
    rows.push(run('baseline: exact n-gram runs only', corpus, { maxGapWords: 0 }));
    process.stderr.write(`  baseline done\n`);
  }
}

const f2 = (x: number): string => x.toFixed(3);
const s1 = (ms: number): string => (ms / 1000).toFixed(1);
console.log(`Shared passages, seed ${seed}, filler ${filler}, Node ${process.version}; time per 100k items = (index + group) × 100000 / items.\n`);
console.log('| method | items | index s | group s | s per 100k items | occurrence recall | passage recall (all occurrences in one passage) | precision | precision, verbatim chance repeats not counted | passages | occurrences | heap MB |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.method} | ${r.items} | ${s1(r.indexMs)} | ${s1(r.groupMs)} | ${s1(((r.indexMs + r.groupMs) * 100000) / r.items)} | ${f2(r.occRecall)} | ${f2(r.passageRecall)} | ${f2(r.precision)} | ${f2(r.precisionVerbatim)} | ${r.passages} | ${r.occurrences} | ${r.heapMb.toFixed(0)} |`,
  );
}
