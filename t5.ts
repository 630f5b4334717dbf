import { readFileSync } from 'node:fs';
import { parseFeed } from './src/ingest/feed.js';
const d = parseFeed(readFileSync(process.argv[2] ?? '', 'utf8'), { inputName: 'x' });
console.log(JSON.stringify(d, null, 1));
