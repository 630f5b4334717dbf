// Ingest benchmark (not a test). Generates a deterministic mixed en/ru/uk corpus (dumps, HTML,
// JSON Lines), ingests it end to end with the real CLI in a child process (so peak RSS is the
// ingest's own), and prints MB/s and items/s end to end and per stage next to the baseline: the
// language identifier alone over the same decoded text, measured in the same run.
//
//   npm run bench:ingest -- --mb 200 [--seed 7] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { eld } from 'eld/extrasmall';
import { DEFAULT_LANGUAGES } from '../../src/enrichers/language/index.js';
import { decode } from '../../src/text/index.js';
import { generateCorpus } from './generate.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    seed: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
const mb = Number(values.mb);
const seed = Number(values.seed);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = join(root, 'bench', 'out');
const corpus = join(outDir, `corpus-${mb}mb-seed${seed}`);
const db = join(outDir, `ingest-${process.pid}.db`);

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

mkdirSync(outDir, { recursive: true });
if (!existsSync(join(corpus, '.complete'))) {
  process.stderr.write(`generating ${mb} MB corpus in ${corpus} …\n`);
  rmSync(corpus, { recursive: true, force: true });
  const t = performance.now();
  const g = await generateCorpus(corpus, { totalBytes: mb * 1024 * 1024, seed });
  (await import('node:fs')).writeFileSync(join(corpus, '.complete'), JSON.stringify(g));
  process.stderr.write(`generated ${g.files} files, ${(g.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}
const files = listFiles(corpus).filter((f) => !f.endsWith('.complete'));
const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);

// Baseline: the language identifier alone (eld, restricted to the same candidate languages, as the
// pipeline uses it), per paragraph, over the same decoded text.
const identifier = eld.newInstance();
identifier.setLanguageSubset([...DEFAULT_LANGUAGES]);
let baselineMs = 0;
let paragraphs = 0;
for (const f of files) {
  const text = decode(readFileSync(f)).text;
  for (const para of text.split(/\n\s*\n/)) {
    if (!para.trim()) continue;
    const t = performance.now();
    identifier.detect(para);
    baselineMs += performance.now() - t;
    paragraphs++;
  }
}

// End to end: the CLI, as a user runs it, into a fresh store.
rmSync(db, { force: true });
const t0 = performance.now();
// Run the binary as installed (its shebang sets the heap cap users get).
const run = spawnSync(join(root, 'bin', 'narrascope.js'), ['ingest', corpus, '--json', '--db', db], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const wallMs = performance.now() - t0;
if (run.status !== 0 && run.status !== 1) {
  process.stderr.write(run.stderr);
  throw new Error(`ingest exited with ${run.status}`);
}
const report = JSON.parse(run.stdout) as {
  items: { added: number };
  stageMs: Record<string, number>;
  peakRssMb: number;
  failures: unknown[];
  warnings: unknown[];
};
const dbBytes = statSync(db).size;
if (!values.keep) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
}

const MB = totalBytes / 1e6;
const e2eMbs = MB / (wallMs / 1000);
const baseMbs = MB / (baselineMs / 1000);
const rows: Array<[string, string, string, string]> = [];
const fmt = (n: number, d = 1): string => n.toFixed(d);
rows.push(['end to end (CLI, 1 process)', `${fmt(e2eMbs, 2)} MB/s`, `${fmt(report.items.added / (wallMs / 1000), 0)} items/s`, `${fmt(wallMs / 1000)} s`]);
rows.push(['baseline: eld alone, per paragraph', `${fmt(baseMbs, 2)} MB/s`, `${fmt(paragraphs / (baselineMs / 1000), 0)} paras/s`, `${fmt(baselineMs / 1000)} s`]);
rows.push(['ratio end to end / baseline', fmt(e2eMbs / baseMbs, 2), '', '']);
const stageRows = Object.entries(report.stageMs)
  .sort((a, b) => b[1] - a[1])
  .map(([stage, ms]) => [stage, `${fmt(MB / (ms / 1000), 1)} MB/s`, `${fmt(report.items.added / (ms / 1000), 0)} items/s`, `${fmt(ms / 1000, 2)} s (${fmt((100 * ms) / wallMs, 0)}%)`] as [string, string, string, string]);

const table = (head: [string, string, string, string], body: Array<[string, string, string, string]>): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');

process.stdout.write(
  `\nIngest benchmark: ${files.length} files, ${fmt(MB)} MB (seed ${seed}), ${report.items.added} items, node ${process.version}\n\n` +
    table(['measure', 'throughput', 'items', 'time'], rows) +
    '\n\nPer stage (time inside the ingest process):\n\n' +
    table(['stage', 'throughput', 'items', 'time'], stageRows) +
    `\n\npeak RSS of the ingest process: ${report.peakRssMb} MB; store size ${fmt(dbBytes / 1e6)} MB; ` +
    `${report.failures.length} failures, ${report.warnings.length} warnings\n` +
    `targets: ≥ 5 MB/s end to end: ${e2eMbs >= 5 ? 'met' : 'NOT met'}; ≥ 0.7× baseline: ${e2eMbs / baseMbs >= 0.7 ? 'met' : 'NOT met'}; ` +
    `peak RSS < 1 GB: ${report.peakRssMb < 1024 ? 'met' : 'NOT met'}\n`,
);
