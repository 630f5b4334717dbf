#!/usr/bin/env -S node --max-old-space-size=640
// The heap cap keeps memory bounded whatever the corpus size: without it V8 lets garbage pile up
// towards a quarter of the machine's memory before collecting it.
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (npm start does it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('narrascope: not built yet; run `npm run build` in the project folder first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
