// Technique detector speed: MB/s (UTF-8 bytes) of detectTechniques over the English (PTC 2020) and
// Russian (SemEval-2023 subtask 3) training articles, next to a baseline measured in the same run:
// split the text into words with a plain regex and look each lower-cased word up in a Set, the
// floor any lexicon matcher pays. Optionally saves or diffs the spans found (all confidences).
//   npx tsc -p tsconfig.build.json && node dist/bench/techniques/run.js [--runs 3] [--lang en|ru]
//     [--save FILE] [--diff FILE]
// (run from the repository root; reads ../shared/data at run time and skips a corpus that is absent)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectTechniques } from '../../src/techniques/rules/detect.js';
import type { TechniqueLanguage } from '../../src/techniques/rules/detect.js';
import { STOP_EN, STOP_RU } from '../../src/techniques/rules/text.js';

const DATA = resolve(process.cwd(), '../shared/data');
const CORPORA: Array<{ lang: TechniqueLanguage; dir: string }> = [
  { lang: 'en', dir: join(DATA, 'ptc2020-train/train-articles') },
  { lang: 'ru', dir: join(DATA, 'semeval2023-ru-train/train-articles-subtask-3') },
];

interface Doc {
  id: string;
  text: string;
}

/** One span as saved: technique, start, end, confidence, cue. */
type SavedSpan = [string, number, number, number, string];
type Saved = Record<string, Record<string, SavedSpan[]>>;

function readDocs(dir: string): Doc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(join(dir, f), 'utf8') }));
}

const WORDS = /[\p{L}\p{N}]+/gu;
function baseline(text: string, set: ReadonlySet<string>): number {
  let n = 0;
  for (const m of text.matchAll(WORDS)) if (set.has(m[0].toLowerCase())) n++;
  return n;
}

/**
 * Median CPU seconds (user + system) of `runs` timed passes, after one untimed pass over a tenth of
 * the texts (JIT warm-up). CPU time, not wall time: the figure is per core and stays put when other
 * processes share the machine.
 */
function time(docs: readonly Doc[], runs: number, fn: (t: string) => number): { s: number; found: number } {
  for (const d of docs.slice(0, Math.ceil(docs.length / 10))) fn(d.text);
  const times: number[] = [];
  let found = 0;
  for (let r = 0; r < runs; r++) {
    found = 0;
    const t0 = process.cpuUsage();
    for (const d of docs) found += fn(d.text);
    const t = process.cpuUsage(t0);
    times.push((t.user + t.system) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { s: times[Math.floor(times.length / 2)] ?? 0, found };
}

function arg(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function diff(before: Saved, after: Saved): void {
  for (const lang of Object.keys(after)) {
    const a = after[lang] ?? {};
    const b = before[lang];
    if (!b) {
      console.log(`${lang}: nothing saved before`);
      continue;
    }
    let same = 0;
    let total = 0;
    let docsDiffer = 0;
    const shown: string[] = [];
    for (const [id, spans] of Object.entries(a)) {
      const old = b[id] ?? [];
      const key = (s: SavedSpan): string => JSON.stringify(s);
      const oldKeys = new Set(old.map(key));
      const newKeys = new Set(spans.map(key));
      total += Math.max(old.length, spans.length);
      let docSame = 0;
      for (const k of newKeys) if (oldKeys.has(k)) docSame++;
      same += docSame;
      if (docSame !== old.length || docSame !== spans.length) {
        docsDiffer++;
        for (const k of oldKeys) if (!newKeys.has(k) && shown.length < 20) shown.push(`  ${id} - ${k}`);
        for (const k of newKeys) if (!oldKeys.has(k) && shown.length < 20) shown.push(`  ${id} + ${k}`);
      }
    }
    console.log(`${lang}: ${same}/${total} spans identical, ${docsDiffer} documents differ`);
    for (const line of shown) console.log(line);
  }
}

function main(): void {
  const argv = process.argv.slice(2);
  const runs = Number(arg(argv, '--runs') ?? 3) || 3;
  const only = arg(argv, '--lang');
  const save = arg(argv, '--save');
  const against = arg(argv, '--diff');
  const saved: Saved = {};
  const rows: string[] = [];
  for (const { lang, dir } of CORPORA) {
    if (only && only !== lang) continue;
    if (!existsSync(dir)) {
      console.log(`${lang}: ${dir} is absent, skipped`);
      continue;
    }
    const docs = readDocs(dir);
    const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
    const set = lang === 'en' ? STOP_EN : STOP_RU;
    const base = time(docs, runs, (t) => baseline(t, set));
    const ours = time(docs, runs, (t) => detectTechniques(t, lang).length);
    const mb = bytes / 1e6;
    rows.push(
      `${lang}  ${String(docs.length).padStart(5)}  ${mb.toFixed(2).padStart(6)}  ${(mb / base.s).toFixed(2).padStart(9)}  ${(mb / ours.s).toFixed(2).padStart(9)}  ${String(ours.found).padStart(7)}`,
    );
    if (save || against) {
      const out: Record<string, SavedSpan[]> = {};
      for (const d of docs) out[d.id] = detectTechniques(d.text, lang).map((s) => [s.technique, s.start, s.end, s.confidence, s.cue]);
      saved[lang] = out;
    }
  }
  console.log(`\nlang  docs      MB  base MB/s  ours MB/s    spans   (CPU time, median of ${runs} runs; spans at any confidence)`);
  for (const r of rows) console.log(r);
  if (save) {
    writeFileSync(save, JSON.stringify(saved));
    console.log(`\nspans saved to ${save}`);
  }
  if (against) {
    console.log(`\ncompared with ${against}:`);
    diff(JSON.parse(readFileSync(against, 'utf8')) as Saved, saved);
  }
}

main();
