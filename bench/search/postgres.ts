// Search on PostgreSQL next to SQLite (not a test). Takes the generated SQLite store of run.ts
// (built first if missing), copies it into a PostgreSQL database once with `copyCorpus` (timed),
// then times the same query mix through Store.search on both stores in one run: what
// `narrascope search` asks (a page of 20 and the total). The baseline is SQLite on the same
// machine in the same run; the table gives p50/p95 per category and the PostgreSQL/SQLite ratio,
// and how many first pages (ids and order) and totals are identical across the stores.
//
//   node dist/bench/search/postgres.js --pg postgres://…/db [--items 1000000] [--seed 7] [--reps 5]
// The PostgreSQL database must exist; it is filled on the first run and reused after.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { copyCorpus } from '../../src/pipeline/copy.js';
import { compileQuery } from '../../src/search/index.js';
import { openStore } from '../../src/store/index.js';
import type { SearchRequest, Store } from '../../src/store/index.js';
import { buildSearchStore } from './build.js';
import { queryMix } from './queries.js';

const { values } = parseArgs({
  options: {
    pg: { type: 'string' },
    items: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    reps: { type: 'string', default: '5' },
  },
});
if (!values.pg) {
  process.stderr.write('usage: postgres.js --pg postgres://user@host/database [--items N] [--seed S] [--reps R]\n');
  process.exit(2);
}
const N = Number(values.items);
const seed = Number(values.seed);
const reps = Number(values.reps);
const PAGE = 20;
let root = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
const outDir = join(root, 'bench', 'out');
const dbPath = join(outDir, `search-${N}-seed${seed}.db`);
const log = (s: string): void => void process.stderr.write(`${s}\n`);

mkdirSync(outDir, { recursive: true });
if (!existsSync(dbPath)) {
  log(`building ${dbPath} (${N} items) …`);
  await buildSearchStore(dbPath, { items: N, seed, log });
}
const sqlite: Store = await openStore(dbPath);
const pg: Store = await openStore(values.pg);
const have = await pg.countItems();
if (have === 0) {
  log(`copying ${dbPath} (${(statSync(dbPath).size / 1e9).toFixed(2)} GB) into ${pg.location} …`);
  const t = performance.now();
  const r = await copyCorpus(sqlite, pg, { onProgress: (p) => p.records % 100_000 < 2_000 && log(`  ${p.records} records`) });
  log(`copied in ${((performance.now() - t) / 1000).toFixed(0)} s (${r.to.items} items, ${(r.bytes / 1e6).toFixed(0)} MB of captures)`);
} else if (have !== N) {
  log(`${pg.location} holds ${have} items, not ${N}: use an empty database`);
  process.exit(2);
} else {
  // An interrupted copy may have left items unindexed.
  await pg.syncSearchIndex();
}

const categories = queryMix(seed);
const queries = Object.entries(categories).flatMap(([category, texts]) => texts.map((text) => ({ category, text })));

async function run(store: Store, text: string): Promise<{ ids: string[]; total: number }> {
  const c = compileQuery(text);
  const req: SearchRequest = { match: c.match, mode: c.mode, filters: c.filters, limit: PAGE, offset: 0 };
  const r = await store.search(req);
  return { ids: r.hits.map((h) => h.item.id), total: r.total };
}

let samePage = 0;
let sameTotal = 0;
const differing: string[] = [];
const totals = new Map<string, number>();
for (const q of queries) {
  const a = await run(sqlite, q.text);
  const b = await run(pg, q.text);
  totals.set(q.text, a.total);
  if (a.total === b.total) sameTotal++;
  if (a.ids.join() === b.ids.join()) samePage++;
  else differing.push(`${q.text} (${a.total} hits)`);
}
log(`${queries.length} queries: ${sameTotal} identical totals, ${samePage} identical first pages`);

const samples = new Map<string, { sqlite: number[]; pg: number[] }>(queries.map((q) => [q.text, { sqlite: [], pg: [] }]));
for (let r = 0; r < reps + 1; r++) {
  const t0 = performance.now();
  for (const q of queries) {
    const s = samples.get(q.text);
    if (!s) continue;
    // Alternate the order so neither store always runs right after the other warmed the disk cache.
    for (const which of r % 2 === 0 ? (['sqlite', 'pg'] as const) : (['pg', 'sqlite'] as const)) {
      const t = performance.now();
      await run(which === 'sqlite' ? sqlite : pg, q.text);
      if (r > 0) s[which].push(performance.now() - t);
    }
  }
  log(`${r === 0 ? 'warm-up' : `repetition ${r}`}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const lines: string[] = [];
lines.push(`Search over ${N.toLocaleString('en-US')} items (seed ${seed}), Store.search with a page of ${PAGE} and the total, ${reps} repetitions after a warm-up; milliseconds. Baseline: the SQLite store, same run.`);
lines.push('');
lines.push('| queries | n | SQLite p50 | SQLite p95 | PostgreSQL p50 | PostgreSQL p95 | p95 PostgreSQL/SQLite |');
lines.push('|---|---:|---:|---:|---:|---:|---:|');
const row = (name: string, texts: string[]): void => {
  const a = texts.flatMap((t) => samples.get(t)?.sqlite ?? []);
  const b = texts.flatMap((t) => samples.get(t)?.pg ?? []);
  lines.push(`| ${name} | ${texts.length} | ${fmt(pct(a, 50))} | ${fmt(pct(a, 95))} | ${fmt(pct(b, 50))} | ${fmt(pct(b, 95))} | ${(pct(b, 95) / pct(a, 95)).toFixed(2)} |`);
};
for (const [category, texts] of Object.entries(categories)) row(category, texts);
row('**all**', queries.map((q) => q.text));
lines.push('');
lines.push(`Identical across the stores: totals ${sameTotal}/${queries.length}, first pages (ids in order) ${samePage}/${queries.length}.`);
if (differing.length > 0) lines.push(`First pages that differ (PostgreSQL ranks by ts_rank past 5,000 matches): ${differing.join('; ')}.`);
lines.push('');
lines.push('Per query (median ms):');
lines.push('');
lines.push('| query | hits | SQLite | PostgreSQL | ratio |');
lines.push('|---|---:|---:|---:|---:|');
for (const q of queries) {
  const s = samples.get(q.text);
  if (!s) continue;
  const a = pct(s.sqlite, 50);
  const b = pct(s.pg, 50);
  lines.push(`| \`${q.text.replace(/\|/g, '\\|')}\` | ${totals.get(q.text) ?? ''} | ${fmt(a)} | ${fmt(b)} | ${(b / a).toFixed(2)} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
await sqlite.close();
await pg.close();
