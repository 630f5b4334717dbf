// How long the item reader takes to draw a large item in headless Chromium: a synthetic item of
// 50,000 characters with 2,000 overlapping spans over five layers, from navigation to the reader's
// "rendered" mark (set once the text and its spans are in the DOM), median of 5 runs. The baseline,
// measured in the same run on the same page, is the same text inserted as one text node without
// spans (?plain=1): the cost of the page, the fetch and the text itself.
//
//   npx tsc -p tsconfig.build.json && npx tsc -p web/tsconfig.json && node dist/bench/web/item-render.js
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Annotation, Layer } from '../../src/core/types.js';
import { ingest } from '../../src/pipeline/ingest.js';
import { startServer } from '../../src/server/listen.js';
import { openStore } from '../../src/store/index.js';
import { Rng } from '../common/rng.js';

const CHARS = 50_000;
const SPANS = 2_000;
const RUNS = 5;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const WORDS = [
  'the', 'harbour', 'committee', 'never', 'saw', 'contract', 'minister', 'said', 'grain', 'terminal', 'lease', 'owners', 'Cyprus', 'vote',
  'dockers', 'bread', 'prices', 'rose', 'again', 'and', 'of', 'to', 'in', 'a', 'they', 'want', 'you', 'to', 'believe', 'порт', 'выборы',
  'министр', 'заявил', 'что', 'терминал', 'продали', '«правда»', '—', 'Brenner', 'Prewitt', 'Port', 'Harwick', '2024', '🔥',
];
const TECHNIQUES = ['Loaded_Language', 'Name_Calling,Labeling', 'Doubt', 'Exaggeration,Minimisation', 'Appeal_to_fear-prejudice', 'Flag-Waving', 'Causal_Oversimplification', 'Slogans', 'Repetition', 'Whataboutism'];
const LAYERS: Array<{ layer: Layer; labels: string[]; share: number }> = [
  { layer: 'technique', labels: TECHNIQUES, share: 0.4 },
  { layer: 'entity', labels: ['PER', 'ORG', 'LOC', 'MISC'], share: 0.3 },
  { layer: 'quote', labels: ['quote'], share: 0.1 },
  { layer: 'date', labels: ['day', 'month'], share: 0.1 },
  { layer: 'reuse', labels: ['passage'], share: 0.1 },
];

/** Words to a paragraph-broken text of exactly `n` code points. */
function makeText(rng: Rng, n: number): string {
  const out: string[] = [];
  let len = 0;
  while (len < n) {
    const w = rng.pick(WORDS);
    const sep = rng.chance(0.01) ? '.\n\n' : rng.chance(0.08) ? '. ' : ' ';
    out.push(w, sep);
    len += Array.from(w).length + sep.length;
  }
  return Array.from(out.join('')).slice(0, n).join('');
}

function makeSpans(rng: Rng, itemId: string, length: number): Annotation[] {
  const spans: Annotation[] = [];
  for (let i = 0; i < SPANS; i++) {
    let r = rng.next();
    const kind = LAYERS.find((l) => (r -= l.share) < 0) ?? LAYERS[0]!;
    const size = kind.layer === 'technique' || kind.layer === 'quote' ? rng.range(10, 160) : rng.range(3, 30);
    const start = rng.int(length - size);
    spans.push({
      itemId,
      layer: kind.layer,
      label: rng.pick(kind.labels),
      start,
      end: start + size,
      value: kind.layer === 'technique' ? 'a cue' : null,
      confidence: 1,
      producer: { id: 'bench', version: '1' },
    });
  }
  return spans;
}

interface Timing {
  /** Navigation start → the "rendered" mark (text and spans in the DOM). */
  total: number[];
  /** The item's JSON received ("data" mark) → "rendered": drawing alone. */
  draw: number[];
  /** Navigation start → the first frame after "rendered" (style, layout and paint done). */
  painted: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`no Chromium at ${CHROMIUM}; set CHROMIUM_PATH\n`);
    process.exitCode = 2;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-bench-web-'));
  const store = await openStore(join(dir, 'bench.db'));
  try {
    const rng = new Rng(20240517);
    const text = makeText(rng, CHARS);
    writeFileSync(join(dir, 'big.jsonl'), `${JSON.stringify({ title: 'A long synthetic item', date: '2024-05-17', text })}\n`);
    // Language and dates only: the spans to draw are the synthetic ones.
    await ingest(store, { inputs: [join(dir, 'big.jsonl')], source: 'bench', enrichers: [] });
    const [item] = await store.listItems({ limit: 1 });
    if (!item) throw new Error('the synthetic item was not stored');
    await store.replaceProducerAnnotations('bench', makeSpans(rng, item.id, Array.from(item.text).length));
    const spans = (await store.listAnnotations(item.id)).length;
    const server = await startServer({ store, host: '127.0.0.1', port: 0 });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const url = `${server.url}items/${encodeURIComponent(item.id)}`;
      const times: Record<'spans' | 'plain', Timing> = { spans: { total: [], draw: [], painted: [] }, plain: { total: [], draw: [], painted: [] } };
      // One warm-up of each (script compilation, caches), then the runs, interleaved.
      for (let run = -1; run < RUNS; run++) {
        for (const variant of ['spans', 'plain'] as const) {
          await page.goto(variant === 'plain' ? `${url}?plain=1` : url);
          await page.waitForSelector('body[data-painted="1"]', { timeout: 30_000 });
          const [total, draw, painted] = await page.evaluate<[number, number, number]>(
            "(() => { const t = (n) => performance.getEntriesByName(n)[0].startTime; return [t('rendered'), t('rendered') - t('data'), t('painted')]; })()",
          );
          if (run >= 0) {
            times[variant].total.push(total);
            times[variant].draw.push(draw);
            times[variant].painted.push(painted);
          }
        }
      }
      const elements = await page.goto(url).then(() => page.waitForSelector('body[data-rendered="1"]')).then(() => page.evaluate<number>("document.querySelectorAll('#item-text span').length"));
      const row = (name: string, t: Timing): string =>
        `| ${name.padEnd(34)} | ${median(t.total).toFixed(1).padStart(26)} | ${median(t.draw).toFixed(1).padStart(23)} | ${median(t.painted).toFixed(1).padStart(25)} | ${t.total.map((x) => x.toFixed(0)).join(', ').padEnd(26)} |`;
      process.stdout.write(
        `item: ${Array.from(item.text).length} code points, ${spans} spans over ${LAYERS.length} layers, ${elements} span elements; Chromium headless, median of ${RUNS}\n\n` +
          `| variant                            | navigation → rendered (ms) | fetched → rendered (ms) | navigation → painted (ms) | runs → rendered (ms)       |\n` +
          `|------------------------------------|---------------------------:|------------------------:|--------------------------:|----------------------------|\n` +
          `${row('reader, every span drawn', times.spans)}\n` +
          `${row('baseline: one text node, no spans', times.plain)}\n`,
      );
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
