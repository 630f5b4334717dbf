import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_SOURCES, encodeCp1251, generateCorpus } from './generate.js';
import type { GenerateResult } from './generate.js';

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out.sort();
}

function sourceOf(root: string, file: string): (typeof CORPUS_SOURCES)[number] {
  const name = relative(root, file).split(/[\\/]/)[0];
  const source = CORPUS_SOURCES.find((s) => s.name === name);
  if (source === undefined) throw new Error(`file outside any known source: ${file}`);
  return source;
}

const KB = 1024;
const temps: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'narrascope-gen-'));
  temps.push(d);
  return d;
}

let rootA = '';
let resultA: GenerateResult;
let filesA: string[] = [];

beforeAll(async () => {
  rootA = await tempDir();
  resultA = await generateCorpus(rootA, { totalBytes: 300 * KB, seed: 42 });
  filesA = await listFiles(rootA);
});

afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

describe('generateCorpus', () => {
  it('writes byte-identical files for the same seed', async () => {
    const rootB = await tempDir();
    const resultB = await generateCorpus(rootB, { totalBytes: 300 * KB, seed: 42 });
    const filesB = await listFiles(rootB);
    expect(resultB).toEqual(resultA);
    expect(filesB.map((f) => relative(rootB, f))).toEqual(filesA.map((f) => relative(rootA, f)));
    for (const f of filesA) {
      const twin = join(rootB, relative(rootA, f));
      expect((await readFile(twin)).equals(await readFile(f)), relative(rootA, f)).toBe(true);
    }
  });

  it('writes different text for a different seed', async () => {
    const rootC = await tempDir();
    await generateCorpus(rootC, { totalBytes: 300 * KB, seed: 43 });
    const read = (files: string[]): Promise<string[]> => Promise.all(files.map((f) => readFile(f, 'latin1')));
    const a = (await read(filesA)).join('');
    const c = (await read(await listFiles(rootC))).join('');
    expect(c).not.toBe(a);
  });

  it('reports what it wrote and reaches the requested size', async () => {
    expect(resultA.files).toBe(filesA.length);
    let total = 0;
    for (const f of filesA) total += (await stat(f)).size;
    expect(resultA.bytes).toBe(total);
    expect(total).toBeGreaterThanOrEqual(300 * KB);
    // The last file is finished properly, so the overshoot stays within one capped file.
    expect(total).toBeLessThan(300 * KB + 300 * KB / 8 + 10 * KB);
    expect(Object.values(resultA.byLanguage).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('mixes dumps, windows-1251 dumps, HTML pages and JSON Lines exports in all three languages', () => {
    expect(Object.keys(resultA.byFormat).sort()).toEqual(['html', 'jsonl', 'text', 'text-cp1251']);
    for (const lang of ['en', 'ru', 'uk']) expect(resultA.byLanguage[lang]).toBeGreaterThan(0);
    const langs = new Set(filesA.map((f) => sourceOf(rootA, f).lang));
    expect([...langs].sort()).toEqual(['en', 'ru', 'uk']);
  });

  it('writes text dumps with dated headlines, widget debris and a language per source', async () => {
    const dumps = filesA.filter((f) => sourceOf(rootA, f).format === 'text');
    expect(dumps.length).toBeGreaterThan(0);
    for (const f of dumps) {
      const { lang, style } = sourceOf(rootA, f);
      const text = await readFile(f, 'utf8');
      expect(text).toMatch(/^.+ \(\d{1,2}\.\d{1,2}\.20\d\d\)$/m);
      if (style === 'blog') expect(text).toMatch(lang === 'en' ? /^Share this:$/m : lang === 'ru' ? /^Поделиться$/m : /^Поділитися$/m);
      if (lang === 'en') expect(text).toMatch(/\b(the|and|of)\b/);
      if (lang === 'ru') expect(text).toMatch(/[ыэъё]/);
      if (lang === 'uk') expect(text).toMatch(/[іїєґ]/);
    }
  });

  it('writes HTML article pages with metadata and a comment list', async () => {
    const pages = filesA.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    for (const f of pages) {
      const html = await readFile(f, 'utf8');
      expect(html).toMatch(/<meta property="article:published_time" content="20\d\d-\d\d-\d\dT/);
      expect(html).toContain('"@type":"NewsArticle"');
      expect(html).toMatch(/<h1 class="entry-title">[^<]+<\/h1>/);
      expect(html).toContain('<ol class="comment-list">');
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      const ld = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? '';
      expect(() => JSON.parse(ld) as unknown).not.toThrow();
    }
  });

  it('writes JSON Lines with one complete object per line', async () => {
    const exports = filesA.filter((f) => f.endsWith('.jsonl'));
    expect(exports.length).toBeGreaterThan(0);
    for (const f of exports) {
      const lines = (await readFile(f, 'utf8')).split('\n');
      expect(lines.pop()).toBe('');
      for (const line of lines) {
        const rec = JSON.parse(line) as Record<string, unknown>;
        expect(Object.keys(rec).sort()).toEqual(['author', 'date', 'id', 'text', 'title', 'url']);
        expect(typeof rec.text).toBe('string');
        expect(Number.isNaN(Date.parse(String(rec.date)))).toBe(false);
      }
    }
  });

  it('writes windows-1251 dumps that are not UTF-8 and decode as Russian', async () => {
    const cp = filesA.filter((f) => sourceOf(rootA, f).format === 'text-cp1251');
    expect(cp.length).toBeGreaterThan(0);
    for (const f of cp) {
      const bytes = await readFile(f);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
      const text = new TextDecoder('windows-1251').decode(bytes);
      expect(text).not.toContain('\uFFFD');
      expect(text).toMatch(/^Поделиться$/m);
      expect(text).toMatch(/^.+ \(\d{1,2}\.\d{1,2}\.20\d\d\)$/m);
      const cyrillic = (text.match(/[а-яё]/gi) ?? []).length;
      const latin = (text.match(/[a-z]/gi) ?? []).length;
      expect(cyrillic).toBeGreaterThan(latin * 3);
      expect(text).toMatch(/(^|\s)(что|это|не|на|в)\s/);
      expect(encodeCp1251(text).equals(bytes)).toBe(true);
    }
  });

  it('keeps language shares near 50/35/15 by bytes on a larger corpus', async () => {
    const root = await tempDir();
    const r = await generateCorpus(root, { totalBytes: 4 * KB * KB, seed: 7 });
    const share = (l: string): number => (r.byLanguage[l] ?? 0) / r.bytes;
    expect(share('en')).toBeGreaterThan(0.4);
    expect(share('en')).toBeLessThan(0.6);
    expect(share('ru')).toBeGreaterThan(0.25);
    expect(share('ru')).toBeLessThan(0.45);
    expect(share('uk')).toBeGreaterThan(0.08);
    expect(share('uk')).toBeLessThan(0.22);
    const sizes = await Promise.all((await listFiles(root)).map(async (f) => (await stat(f)).size));
    expect(Math.min(...sizes)).toBeLessThan(10 * KB);
    expect(Math.max(...sizes)).toBeGreaterThan(100 * KB);
  });

  it('rejects a size that is not a positive number', async () => {
    await expect(generateCorpus(await tempDir(), { totalBytes: 0 })).rejects.toThrow(/totalBytes/);
  });
});

describe('encodeCp1251', () => {
  it('round-trips Russian and Ukrainian letters, quotes and dashes', () => {
    const s = 'Выборы в Петербурге — «нас не спрашивали»… Київ, Європа, ґанок, № 5';
    expect(new TextDecoder('windows-1251').decode(encodeCp1251(s))).toBe(s);
  });

  it('refuses characters that windows-1251 cannot hold', () => {
    expect(() => encodeCp1251('日本')).toThrow(/windows-1251/);
  });
});
