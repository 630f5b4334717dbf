// API latency at scale (issue 5): /api/search and /api/items/ID over HTTP on the 1M-item store of
// bench/search, next to the same work done directly on the Store in the same run (the baseline:
// what the API adds is HTTP, validation, presentation and serialisation).
// Run: npm run bench:search -- --build-only (once), then node dist/bench/web/api.js [--items N] [--reps R]
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileQuery } from '../../src/search/index.js';
import { startServer } from '../../src/server/listen.js';
import { openStore } from '../../src/store/index.js';

const { values } = parseArgs({ options: { items: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '7' }, reps: { type: 'string', default: '5' } } });
let root = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
const dbPath = join(root, 'bench', 'out', `search-${values.items}-seed${values.seed}.db`);
if (!existsSync(dbPath)) {
  process.stderr.write(`${dbPath} is missing: build it first with npm run bench:search -- --items ${values.items} --build-only\n`);
  process.exit(2);
}
const reps = Number(values.reps);

// The search mix of bench/search without its generated rare words.
const QUERIES = [
  'government', 'election', 'sanctions', 'правительство', 'уряд',
  '"state of emergency"', '"избирательная комиссия"', '"у Києві"',
  'election fraud', 'police OR army', 'war -propaganda', 'выборы AND комиссия',
  'elect*', 'санкц*', 'корупц*',
  'lang:ru выборы', 'source:harbour-gazette from:2024-01-01 council', 'from:2023-06 to:2023-12 grain', 'title:election lang:en',
  'выборах', 'Петербурге', 'партії', 'Києві',
];

const store = await openStore(dbPath);
const server = await startServer({ store, host: '127.0.0.1', port: 0 });
const pick: string[] = [];
for (let k = 0; k < 100; k++) {
  const [it] = await store.listItems({ limit: 1, offset: (k * 9973) % Number(values.items) });
  if (it) pick.push(it.id);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const results: Record<string, { api: number[]; base: number[] }> = { search: { api: [], base: [] }, item: { api: [], base: [] } };
const get = async (path: string): Promise<void> => {
  const r = await fetch(`${server.url}${path.slice(1)}`);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  await r.arrayBuffer();
};
// Warm-up: one pass of each.
for (const q of QUERIES) await get(`/api/search?q=${encodeURIComponent(q)}&limit=20`);
for (let r = 0; r < reps; r++) {
  for (const q of QUERIES) {
    results.search?.api.push(await time(() => get(`/api/search?q=${encodeURIComponent(q)}&limit=20`)));
    const c = compileQuery(q);
    results.search?.base.push(await time(() => store.search({ match: c.match, mode: c.mode, filters: c.filters, limit: 20, offset: 0 })));
  }
  for (const id of pick) {
    results.item?.api.push(await time(() => get(`/api/items/${id}`)));
    results.item?.base.push(await time(async () => Promise.all([store.getItem(id), store.listAnnotations(id)])));
  }
}
await server.close();
await store.close();

console.log(`\nAPI latency over HTTP on ${dbPath} (${values.items} items), ${reps} repetitions after a warm-up; milliseconds\n`);
console.log('| endpoint | requests | API p50 | API p95 | baseline (Store directly) p50 | baseline p95 | p95 API / baseline |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [name, r] of Object.entries(results)) {
  const label = name === 'search' ? '/api/search?q=…&limit=20' : '/api/items/ID (item + annotations + provenance)';
  console.log(`| ${label} | ${r.api.length} | ${pct(r.api, 50).toFixed(1)} | ${pct(r.api, 95).toFixed(1)} | ${pct(r.base, 50).toFixed(1)} | ${pct(r.base, 95).toFixed(1)} | ${(pct(r.api, 95) / pct(r.base, 95)).toFixed(2)} |`);
}
