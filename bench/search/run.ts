// Search benchmark (not a test). Builds (or reuses) a store of N generated items through the real
// Store API, then times a query mix two ways on the same file:
//   - ours: compileQuery + Store.search with what `narrascope search` asks (page of 20, total),
//     and the same plus the CLI's snippets for every hit;
//   - raw: a hand-written FTS5 query on a second, read-only connection (MATCH, bm25 with the
//     same column weights, ORDER BY … LIMIT 20, the same filters as plain SQL, then the 20 rows).
// The raw query is given the MATCH expression our compiler wrote (computed once, outside the
// timing), so both sides ask the engine for the same words and differ only by our layer.
//
//   node dist/bench/search/run.js [--items 1000000] [--seed 7] [--reps 5] [--only CATEGORY] [--build-only]
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { snippet } from '../../src/cli/commands/search.js';
import { compileQuery } from '../../src/search/index.js';
import type { CompiledQuery } from '../../src/search/index.js';
import { openStore } from '../../src/store/index.js';
import type { SearchRequest, Store } from '../../src/store/index.js';
import { buildSearchStore } from './build.js';
import { queryMix } from './queries.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    reps: { type: 'string', default: '5' },
    only: { type: 'string' },
    'build-only': { type: 'boolean', default: false },
  },
});
const N = Number(values.items);
const seed = Number(values.seed);
const reps = Number(values.reps);
const PAGE = 20;
// The repository root: the first folder above this script with a package.json (dist/ or not).
let root = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
const outDir = join(root, 'bench', 'out');
const dbPath = join(outDir, `search-${N}-seed${seed}.db`);
const log = (s: string): void => void process.stderr.write(`${s}\n`);

mkdirSync(outDir, { recursive: true });
if (!existsSync(dbPath)) {
  log(`building ${dbPath} (${N} items) …`);
  const t = await buildSearchStore(dbPath, { items: N, seed, log });
  log(
    `built in ${(t.writeS + t.indexS).toFixed(1)} s: generate + write ${t.writeS.toFixed(1)} s (${Math.round(t.items / t.writeS)} items/s), ` +
      `index ${t.indexS.toFixed(1)} s (${Math.round(t.items / t.indexS)} items/s); ${(statSync(dbPath).size / 1e9).toFixed(2)} GB`,
  );
} else {
  log(`reusing ${dbPath} (${(statSync(dbPath).size / 1e9).toFixed(2)} GB)`);
}
if (values['build-only']) process.exit(0);

// ---------------------------------------------------------------------------------------------
// The query mix

const CATEGORIES = queryMix(seed);

interface Query {
  category: string;
  text: string;
  compiled: CompiledQuery;
  request: SearchRequest;
  rawSql: string;
  rawParams: unknown[];
}

const store: Store = await openStore(dbPath);
// The engine alone: a second connection on the same file, with the same page cache size as the store's.
const raw = new Database(dbPath, { readonly: true });
raw.pragma('cache_size = -65536');
const ITEM_COLS =
  'i.rowid, i.id, i.source_id, i.document_id, i.kind, i.parent_id, i.ordinal, i.title, i.author, i.url, i.published_at, ' +
  'i.date_precision, i.language, i.language_confidence, i.text, i.start_cp, i.end_cp, i.content_hash, i.metadata';
const sourceIdByName = new Map(raw.prepare<[], { id: string; name: string }>('SELECT id, name FROM sources').all().map((r) => [r.name, r.id]));

/** The SQL one would write by hand for this query straight on SQLite. */
function rawQuery(c: CompiledQuery): { sql: string; params: unknown[] } {
  const f = c.filters;
  const where: string[] = [];
  const params: unknown[] = [];
  const ids = (names: string[]): string[] => names.map((n) => sourceIdByName.get(n) ?? n);
  const inList = (col: string, vals: unknown[], not = false): void => {
    where.push(`${col} ${not ? 'NOT IN' : 'IN'} (${vals.map(() => '?').join(', ')})`);
    params.push(...vals);
  };
  if (f.sources.length) inList('f.source_id', ids(f.sources));
  if (f.excludeSources.length) inList('f.source_id', ids(f.excludeSources), true);
  if (f.languages.length) inList('f.language', f.languages);
  if (f.excludeLanguages.length) inList('f.language', f.excludeLanguages, true);
  if (f.authors.length) inList('f.author', f.authors);
  if (f.from) {
    where.push('f.published_at >= ?');
    params.push(f.from);
  }
  if (f.toExclusive) {
    where.push('f.published_at < ?');
    params.push(f.toExclusive);
  }
  if (c.mode === 'include') {
    const join = where.length ? ' JOIN items f ON f.rowid = items_fts.rowid' : '';
    return {
      sql: `SELECT ${ITEM_COLS}, s.score FROM (
          SELECT items_fts.rowid AS rowid, -bm25(items_fts, 2.0, 1.0, 2.0, 1.0) AS score FROM items_fts${join}
          WHERE items_fts MATCH ?${where.map((w) => ` AND ${w}`).join('')} ORDER BY score DESC, items_fts.rowid LIMIT ${PAGE}) s
        JOIN items i ON i.rowid = s.rowid ORDER BY s.score DESC, i.rowid`,
      params: [c.match, ...params],
    };
  }
  if (c.mode === 'exclude') {
    where.push('f.rowid NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)');
    params.push(c.match);
  }
  return {
    sql: `SELECT ${ITEM_COLS.replace(/\bi\./g, 'f.')} FROM items f ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY f.published_at DESC, f.rowid LIMIT ${PAGE}`,
    params,
  };
}

const queries: Query[] = [];
for (const [category, texts] of Object.entries(CATEGORIES)) {
  if (values.only && !category.startsWith(values.only)) continue;
  for (const text of texts) {
    const compiled = compileQuery(text);
    const { sql, params } = rawQuery(compiled);
    queries.push({
      category,
      text,
      compiled,
      request: { match: compiled.match, mode: compiled.mode, filters: compiled.filters, limit: PAGE, offset: 0, collapseDuplicates: undefined, facets: undefined },
      rawSql: sql,
      rawParams: params,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Timing


/** What `narrascope search QUERY` does up to printing, minus the listing of sources. */
async function ours(q: Query, withSnippets: boolean, extra: Partial<SearchRequest> = {}): Promise<{ total: number }> {
  const compiled = compileQuery(q.text);
  const result = await store.search({ ...q.request, match: compiled.match, mode: compiled.mode, filters: compiled.filters, ...extra });
  if (withSnippets) for (const hit of result.hits) snippet(hit.item, compiled.highlight);
  return { total: result.total };
}

const rawStmts = new Map<string, Database.Statement<unknown[], { rowid: number; id: string }>>();
function rawRun(q: Query): string[] {
  let stmt = rawStmts.get(q.rawSql);
  if (!stmt) rawStmts.set(q.rawSql, (stmt = raw.prepare<unknown[], { rowid: number; id: string }>(q.rawSql)));
  return stmt.all(...q.rawParams).map((r) => r.id);
}

async function time(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const samples = new Map<string, { ours: number[]; snip: number[]; raw: number[] }>();
const totals = new Map<string, number>();
let mismatched = 0;
const mismatches: string[] = [];
for (const q of queries) {
  // Same pages from both sides, or the comparison means nothing.
  const a = (await store.search(q.request)).hits.map((h) => h.item.id);
  const b = rawRun(q);
  totals.set(q.text, (await ours(q, false)).total);
  if (a.join() !== b.join()) {
    mismatched++;
    mismatches.push(q.text);
  }
  samples.set(q.text, { ours: [], snip: [], raw: [] });
}
log(`${queries.length} queries; ${mismatched} with a first page that differs from the raw engine's${mismatched ? `: ${mismatches.join(' | ')}` : ''}`);

for (let r = 0; r < reps + 1; r++) {
  const t0 = performance.now();
  for (const q of queries) {
    const s = samples.get(q.text);
    if (!s) continue;
    // Alternate the order, so neither side always runs on the cache the other has just warmed.
    const order = r % 2 === 0 ? ['ours', 'raw', 'snip'] : ['raw', 'snip', 'ours'];
    for (const which of order) {
      const ms = await time(() => (which === 'raw' ? rawRun(q) : ours(q, which === 'snip')));
      if (r > 0) (which === 'raw' ? s.raw : which === 'snip' ? s.snip : s.ours).push(ms);
    }
  }
  log(`${r === 0 ? 'warm-up' : `repetition ${r}`}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

const lines: string[] = [];
lines.push(`Search over ${N.toLocaleString('en-US')} items (seed ${seed}), page of ${PAGE}, ${reps} repetitions after a warm-up; milliseconds.`);
lines.push('');
lines.push('| queries | n | ours p50 | ours p95 | ours+snippets p50 | ours+snippets p95 | raw p50 | raw p95 | p95 ours/raw | p95 ≤ 1.5× raw | p95 ≤ 50 ms |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
const row = (name: string, qs: Query[]): { ratio: number; p95: number } => {
  const o = qs.flatMap((q) => samples.get(q.text)?.ours ?? []);
  const sn = qs.flatMap((q) => samples.get(q.text)?.snip ?? []);
  const w = qs.flatMap((q) => samples.get(q.text)?.raw ?? []);
  const ratio = pct(o, 95) / pct(w, 95);
  lines.push(
    `| ${name} | ${qs.length} | ${fmt(pct(o, 50))} | ${fmt(pct(o, 95))} | ${fmt(pct(sn, 50))} | ${fmt(pct(sn, 95))} | ${fmt(pct(w, 50))} | ${fmt(pct(w, 95))} | ` +
      `${ratio.toFixed(2)} | ${ratio <= 1.5 ? 'met' : '**not met**'} | ${pct(o, 95) <= 50 ? 'met' : '**not met**'} |`,
  );
  return { ratio, p95: pct(o, 95) };
};
for (const category of Object.keys(CATEGORIES)) {
  const qs = queries.filter((q) => q.category === category);
  if (qs.length) row(category, qs);
}
const all = row('**all**', queries);
lines.push('');
lines.push(`Targets (all queries): ours p95 ≤ 1.5 × raw p95: ${all.ratio <= 1.5 ? 'met' : '**not met**'} (${all.ratio.toFixed(2)}); ours p95 ≤ 50 ms: ${all.p95 <= 50 ? 'met' : '**not met**'} (${fmt(all.p95)} ms).`);
lines.push('');
lines.push('Per query (median ms; hits = total matching items):');
lines.push('');
lines.push('| query | hits | ours | raw | ratio |');
lines.push('|---|---:|---:|---:|---:|');
for (const q of queries) {
  const s = samples.get(q.text);
  if (!s) continue;
  const o = pct(s.ours, 50);
  const w = pct(s.raw, 50);
  lines.push(`| \`${q.text.replace(/\|/g, '\\|')}\` | ${totals.get(q.text) ?? ''} | ${fmt(o)} | ${fmt(w)} | ${(o / w).toFixed(2)} |`);
}

// What the options the CLI offers cost on top (not part of the target): medians over the common words.
const common = queries.filter((q) => q.category === 'word (common)');
if (common.length) {
  lines.push('');
  lines.push('Options (common words, median ms over the queries and repetitions):');
  lines.push('');
  lines.push('| request | p50 | p95 |');
  lines.push('|---|---:|---:|');
  for (const [name, extra] of [
    ['default', {}],
    ['--facets', { facets: true }],
    ['--collapse-duplicates', { collapseDuplicates: true }],
    ['--offset 200', { offset: 200 }],
  ] as const) {
    const xs: number[] = [];
    for (let r = 0; r < Math.min(reps, 3); r++) for (const q of common) xs.push(await time(() => ours(q, false, extra)));
    lines.push(`| ${name} | ${fmt(pct(xs, 50))} | ${fmt(pct(xs, 95))} |`);
  }
  const ls: number[] = [];
  for (let r = 0; r < 3; r++) ls.push(await time(() => store.listSources()));
  lines.push(`| (the CLI also calls listSources() once per search, for source names) | ${fmt(pct(ls, 50))} | ${fmt(pct(ls, 95))} |`);
}

process.stdout.write(`${lines.join('\n')}\n`);
raw.close();
await store.close();
