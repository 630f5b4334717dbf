// `npm start`: ingest the bundled sample corpus into ./narrascope.db and show what came out.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../pipeline/ingest.js';
import { defaultStorePath, openStore } from '../store/index.js';
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
      `  node bin/narrascope.js reuse --json | head -n 1\n` +
      `  node bin/narrascope.js sources\n` +
      `  node bin/narrascope.js export --format csv --out items.csv\n` +
      `  node bin/narrascope.js ingest path/to/your/scrapes --source my-source\n`,
  );
} finally {
  await store.close();
}
