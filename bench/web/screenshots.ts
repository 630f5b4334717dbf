// Screenshots of the workbench's main pages over the bundled sample corpus, for docs/screenshots/:
// the samples are ingested and analysed as `npm start` does (into a temporary store), served on a
// free loopback port, and each page is captured in headless Chromium once it has drawn.
//
//   npx tsc -p tsconfig.build.json && npx tsc -p web/tsconfig.json && node dist/bench/web/screenshots.js [OUT_DIR]
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { storeNarratives } from '../../src/cli/commands/narratives.js';
import { storePassages } from '../../src/cli/commands/reuse.js';
import { ENRICHERS } from '../../src/enrichers/registry.js';
import { loadCodebook } from '../../src/narratives/index.js';
import { enrichStore } from '../../src/pipeline/enrich.js';
import { ingest } from '../../src/pipeline/ingest.js';
import { startServer } from '../../src/server/listen.js';
import { openStore } from '../../src/store/index.js';

/** The package root: the folder above this file (in bench/web or dist/bench/web) with package.json and samples/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'samples'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the package root (package.json next to samples/)');
}

const ROOT = packageRoot();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`no Chromium at ${CHROMIUM}; set CHROMIUM_PATH\n`);
    process.exitCode = 2;
    return;
  }
  const out = process.argv[2] ?? join(ROOT, 'docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  const samples = join(ROOT, 'samples');
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-shots-'));
  const store = await openStore(join(dir, 'samples.db'));
  try {
    const inputs = readdirSync(samples, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(samples, e.name));
    await ingest(store, { inputs });
    await enrichStore(store, { enrichers: ENRICHERS.map((e) => e.id) });
    await storePassages(store, { minWords: 20 });
    await storeNarratives(store, loadCodebook(join(samples, 'codebook.yaml')));
    const server = await startServer({ store, host: '127.0.0.1', port: 0 });
    const base = server.url.replace(/\/$/, '');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      // The item with the most technique spans shows the reader at its busiest.
      const items = (await (await fetch(`${base}/api/items?limit=500`)).json()) as { items: Array<{ id: string }> };
      let best = { id: items.items[0]?.id ?? '', n: -1 };
      for (const it of items.items) {
        const r = (await (await fetch(`${base}/api/items/${encodeURIComponent(it.id)}`)).json()) as { annotations: Record<string, unknown[]> };
        const n = (r.annotations.technique?.length ?? 0) * 10 + (r.annotations.reuse?.length ?? 0) * 5 + (r.annotations.entity?.length ?? 0);
        if (n > best.n) best = { id: it.id, n };
      }
      const passages = (await (await fetch(`${base}/api/passages?limit=1`)).json()) as { passages: Array<{ id: string }> };
      const shots: Array<{ name: string; path: string; ready: string }> = [
        { name: 'search', path: `/search?q=${encodeURIComponent('harbour OR порт')}`, ready: '.hit' },
        { name: 'item-reader', path: `/items/${encodeURIComponent(best.id)}`, ready: 'body[data-painted="1"]' },
        { name: 'lineage', path: `/lineage/passage/${encodeURIComponent(passages.passages[0]?.id ?? '')}`, ready: 'ol.lineage' },
        { name: 'timeline', path: '/timeline?by=technique&interval=week', ready: 'svg.chart' },
        { name: 'entities', path: '/entities', ready: 'svg.network' },
        { name: 'sources', path: '/sources', ready: '.source-card' },
        { name: 'review', path: `/review?item=${encodeURIComponent(best.id)}`, ready: '#item-text' },
      ];
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      for (const s of shots) {
        await page.goto(`${base}${s.path}`);
        await page.waitForSelector(s.ready, { timeout: 15_000 });
        await page.waitForLoadState('networkidle');
        if (s.name === 'item-reader' || s.name === 'review') {
          // Show the tooltip of the first technique span, as a keyboard user would see it.
          await page.keyboard.press('j');
        }
        if (s.name === 'entities') await page.focus('svg.network .node');
        const file = join(out, `${s.name}.png`);
        await page.screenshot({ path: file, fullPage: s.name !== 'item-reader' && s.name !== 'review' });
        process.stdout.write(`${file}\n`);
      }
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
