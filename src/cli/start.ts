// `npm start`: ingest the bundled sample corpus into ./narrascope.db, run every analysis over it
// (enrichers, shared passages, the sample codebook of narratives), show what came out, and serve
// it on 127.0.0.1 (NARRASCOPE_NO_SERVE=1 or --no-serve stops after the summary).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../pipeline/ingest.js';
import { defaultStorePath, openStore } from '../store/index.js';
import { loadCodebook } from '../narratives/index.js';
import { enrichStore } from '../pipeline/enrich.js';
import { ENRICHERS } from '../enrichers/registry.js';
import { storeNarratives } from './commands/narratives.js';
import { storePassages } from './commands/reuse.js';
import { runServe } from './commands/serve.js';
import { formatSourceLine } from './commands/sources.js';
import { createProgress } from './progress.js';

const samples = fileURLToPath(new URL('../../../samples', import.meta.url));
const dbPath = defaultStorePath();

const store = await openStore(dbPath);
try {
  process.stdout.write(`narrascope: ingesting the sample corpus (${samples}) into ${dbPath}\n`);
  const progress = createProgress();
  // One folder per source; samples/README.md describes the corpus and is not part of it.
  const inputs = readdirSync(samples, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(samples, e.name));
  const report = await ingest(store, { inputs, onProgress: (p) => progress.update(p) });
  progress.stop();
  process.stdout.write(
    `${report.files} files, ${(report.bytes / 1e3).toFixed(1)} KB: ${report.captures.added} new capture(s), ` +
      `${report.captures.unchanged} unchanged; items ${report.items.added} added, ${report.items.updated} updated, ${report.items.removed} removed\n\n`,
  );
  for (const f of report.failures) process.stdout.write(`  skipped ${f.input}: ${f.reason}\n`);
  // Enrichers outside the ingest default set run now; those ingest ran are skipped per item.
  const enriched = await enrichStore(store, { enrichers: ENRICHERS.map((e) => e.id) });
  const spans = Object.entries(enriched.spans)
    .filter(([, n]) => n > 0)
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  process.stdout.write(`enrich: ${enriched.enriched} item(s) enriched${spans ? ` (${spans} spans)` : ''}, ${enriched.skipped} already done\n`);
  const reuse = await storePassages(store, { minWords: 20 });
  process.stdout.write(`reuse: ${reuse.passages.length} shared passage(s) across ${reuse.items} items\n`);
  const codebookPath = join(samples, 'codebook.yaml');
  const narratives = await storeNarratives(store, loadCodebook(codebookPath));
  process.stdout.write(`narratives: ${narratives.spans} matching sentence(s) for the codebook ${codebookPath}\n\n`);
  for (const w of report.warnings) process.stdout.write(`  warning ${w.input}: ${w.reason}\n`);
  process.stdout.write('Per source: items, date range, languages\n');
  for (const s of await store.listSources()) process.stdout.write(`  ${formatSourceLine(s)}\n`);
  const stats = await store.stats();
  process.stdout.write(
    `\n${stats.items} items, ${stats.annotations} annotations in ${dbPath}. Try next:\n` +
      `  node bin/narrascope.js items --source patriot-truth-blog\n` +
      `  node bin/narrascope.js items --lang ru --json | head -n 2\n` +
      `  node bin/narrascope.js show <id from items>\n` +
      `  node bin/narrascope.js search 'Петербург' --facets\n` +
      `  node bin/narrascope.js search '"were never asked"' --collapse-duplicates\n` +
      `  node bin/narrascope.js dupes\n` +
      `  node bin/narrascope.js narratives --by week\n` +
      `  node bin/narrascope.js reuse --json | head -n 1\n` +
      `  node bin/narrascope.js sources\n` +
      `  node bin/narrascope.js export --format csv --out items.csv\n` +
      `  node bin/narrascope.js ingest path/to/your/scrapes --source my-source\n`,
  );
} finally {
  await store.close();
}

if (process.env.NARRASCOPE_NO_SERVE !== '1' && !process.argv.includes('--no-serve')) {
  process.stdout.write('\n');
  process.exitCode = await runServe({ db: dbPath });
}
