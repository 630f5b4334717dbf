import { domToText, loadHtml } from './src/ingest/dom.js';
for (const n of [5000, 10000, 20000]) {
let t = performance.now();
const doc = loadHtml(`<body>${'<div><span>'.repeat(n)}deep text</body>`);
const a = performance.now() - t; t = performance.now();
const s = doc.body ? domToText(doc.body) : '';
console.log(n, a, performance.now() - t, s);
}
