import { readFileSync } from 'node:fs';
import { parseHtml } from './src/ingest/html.js';
const t0 = performance.now();
const d = parseHtml(readFileSync(process.argv[2] ?? '', 'utf8'), { inputName: 'x.html' });
console.log(performance.now() - t0);
console.log(JSON.stringify(d, null, 1));
