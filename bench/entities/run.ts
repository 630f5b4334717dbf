// Entity recogniser speed: MB/s (UTF-8 bytes) of recogniseEntities over generated English and
// Russian news paragraphs (or the development sets with --dev), next to two baselines measured in
// the same run: the search tokenizer alone, and a plain regex chunker of capitalised words.
//   npx tsc -p tsconfig.build.json && node dist/bench/entities/run.js [--mb 4] [--seed 7] [--dev]
// (run from the repository root; --dev reads ../shared/data)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { recogniseEntities } from '../../src/entities/recognise.js';
import { readConll, readFactRu } from '../../src/entities/eval.js';
import { tokenize } from '../../src/search/analyze.js';
import { Rng } from '../common/rng.js';

const EN_SUBJECTS = ['President Vladimir Putin', 'Ukrainian President Volodymyr Zelenskyy', 'Mr. Biden', 'NATO', 'the European Union', 'Gazprom', 'Dr. Anna Kowalski', 'Foreign Minister Sergei Lavrov', 'the IMF', 'Petro Poroshenko', 'Jens Stoltenberg', 'Reuters'];
const EN_VERBS = ['said on Monday that', 'told reporters in Brussels that', 'warned in a statement that', 'announced in Kyiv that', 'claimed during a visit to Warsaw that'];
const EN_OBJECTS = ['talks with France, Italy and Greece would resume', 'sanctions against Moscow would stay', 'the Black Sea grain deal was over', 'troops had left Kherson', 'the University of Oxford study was flawed', 'the Ministry of Defence had no comment'];
const RU_SUBJECTS = ['Президент России Владимир Путин', 'Глава МИД Сергей Лавров', 'Министерство обороны', 'Партия «Единая Россия»', 'В.В. Путин', 'Мэр Москвы Сергей Собянин', 'Пресс-секретарь Кремля Дмитрий Песков'];
const RU_VERBS = ['заявил в понедельник, что', 'сообщил журналистам в Петербурге, что', 'подчеркнул на встрече в Минске, что'];
const RU_OBJECTS = ['переговоры с Зеленским невозможны', 'санкции Евросоюза не помешают экономике России', 'войска НАТО стоят у границ Белоруссии', 'агентство «Интерфакс» получило документы из Киева'];

function generate(bytes: number, seed: number): string[] {
  const rng = new Rng(seed);
  const paras: string[] = [];
  let size = 0;
  while (size < bytes) {
    const ru = rng.chance(0.4);
    const n = rng.range(2, 6);
    const sentences: string[] = [];
    for (let i = 0; i < n; i++) {
      sentences.push(
        ru
          ? `${rng.pick(RU_SUBJECTS)} ${rng.pick(RU_VERBS)} ${rng.pick(RU_OBJECTS)}.`
          : `${rng.pick(EN_SUBJECTS)} ${rng.pick(EN_VERBS)} ${rng.pick(EN_OBJECTS)}.`,
      );
    }
    const p = sentences.join(' ');
    paras.push(p);
    size += Buffer.byteLength(p) + 1;
  }
  return paras;
}

const CAPS = /\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)*/gu;
function regexChunker(text: string): number {
  let n = 0;
  CAPS.lastIndex = 0;
  for (let m = CAPS.exec(text); m; m = CAPS.exec(text)) n++;
  return n;
}

function time(label: string, texts: readonly string[], bytes: number, fn: (t: string) => number): number {
  // Untimed passes first (up to 5, or 2 s): the JIT, the stemmer's and the gazetteer's caches warm
  // up as they do over a long ingest. Then three timed passes; the median is reported.
  const w0 = performance.now();
  for (let pass = 0; pass < 5 && performance.now() - w0 < 2000; pass++) for (const t of texts) fn(t);
  const runs: number[] = [];
  let found = 0;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    found = 0;
    for (const t of texts) found += fn(t);
    runs.push((performance.now() - t0) / 1000);
  }
  const s = runs.sort((x, y) => x - y)[1] ?? 0;
  const mbs = bytes / 1e6 / s;
  console.log(`${label.padEnd(34)} ${s.toFixed(2).padStart(6)} s  ${mbs.toFixed(2).padStart(7)} MB/s  (${found} items)`);
  return mbs;
}

function main(): void {
  const argv = process.argv.slice(2);
  const mb = Number(argv[argv.indexOf('--mb') + 1] ?? 4) || 4;
  const seed = Number(argv[argv.indexOf('--seed') + 1] ?? 7) || 7;
  const dev = argv.includes('--dev');
  let texts: Array<{ text: string; lang: string }>;
  const data = resolve(process.cwd(), '../shared/data') + '/';
  if (dev && existsSync(data)) {
    const docs = [...readConll(`${data}conll2003-en-dev/eng.testa`), ...readFactRu(`${data}factruEval2016-dev`)];
    texts = docs.map((d) => ({ text: d.text, lang: d.lang }));
    console.log(`development sets: ${docs.length} documents`);
  } else {
    texts = generate(mb * 1e6, seed).map((p) => ({ text: p, lang: /\p{Script=Cyrillic}/u.test(p) ? 'ru' : 'en' }));
    console.log(`generated: ${texts.length} paragraphs, seed ${seed}`);
  }
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);
  console.log(`${(bytes / 1e6).toFixed(2)} MB\n`);
  const plain = texts.map((t) => t.text);
  const langs = new Map(texts.map((t) => [t.text, t.lang]));
  time('tokenizer alone (search/analyze)', plain, bytes, (t) => tokenize(t).length);
  time('regex capitalised-word chunker', plain, bytes, regexChunker);
  const ours = time('recogniseEntities', plain, bytes, (t) => recogniseEntities(t, langs.get(t) ?? 'en').length);
  console.log(`\ntarget >= 1 MB/s per core: ${ours >= 1 ? 'met' : 'NOT met'}`);
}

main();
