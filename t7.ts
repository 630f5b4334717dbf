import { readFileSync } from 'node:fs';
import { parseDocument, detectFormat } from './src/ingest/index.js';
const f = process.argv[2] ?? '';
const text = readFileSync(f, 'utf8');
const fmt = detectFormat(f, text.slice(0, 4096));
console.log(fmt);
console.log(JSON.stringify(parseDocument(fmt, text, { inputName: f }), null, 1));
