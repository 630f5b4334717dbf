// `narrascope narratives` end to end: a codebook matched over ingested posts, spans on the
// matching sentences, counts over time; the bundled sample codebook finds its own examples.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCodebook, unmatchedExamples } from '../src/narratives/index.js';
import { periodOf } from '../src/cli/commands/narratives.js';
import { cli, jsonl, ROOT, tempDir } from './cli-helpers.js';

const CODEBOOK = `narratives:
  - id: sanctions-backfire
    title: Sanctions hurt Europe more than Russia
    description: Western sanctions are said to have backfired on Europe.
    queries:
      - sanctions (backfired OR boomerang) (Europe OR EU)
      - санкции бумеранг (Европа OR Евросоюз)
    examples:
      - lang: en
        text: The sanctions backfired and Europe pays for it.
      - lang: ru
        text: Санкции ударили бумерангом по Европе.
`;

const POSTS: Array<[string, string, string]> = [
  ['harbour-ledger', 'gas.txt', 'Winter Bills (3.1.2024)\n\nHeating bills rose again in January. The sanctions have backfired, and Europe is paying three times more for gas. Pensioners queue at the council office.\n'],
  ['harbour-ledger', 'ferry.txt', 'Ferry Timetable (9.2.2024)\n\nThe ferry timetable changes on Monday. Boats to the islands will leave twenty minutes earlier.\n'],
  ['zvezda', 'post.txt', 'Бумеранг (12.2.2024)\n\nЭкономисты спорят о ценах. Санкции ударили бумерангом по Европе, а немецкие заводы закрываются.\n'],
  ['zvezda', 'denial.txt', 'Опровержение (20.2.2024)\n\nНикакого бумеранга нет: санкции против Европы никто не вводил, пишет газета.\n'],
];

let tmp: { dir: string; cleanup: () => void };
let db: string;
let codebook: string;

beforeAll(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'n.db');
  for (const [source, file, text] of POSTS) {
    mkdirSync(join(tmp.dir, 'corpus', source), { recursive: true });
    writeFileSync(join(tmp.dir, 'corpus', source, file), text);
  }
  codebook = join(tmp.dir, 'codebook.yaml');
  writeFileSync(codebook, CODEBOOK);
  expect(cli(db, ['ingest', join(tmp.dir, 'corpus')]).code).toBe(0);
});
afterAll(() => tmp.cleanup());

interface Series {
  narrative: string;
  title: string | null;
  items: number;
  series: Array<{ period: string; items: number }>;
}

describe('narrascope narratives', () => {
  it('matches a codebook, stores spans on the matching sentences and counts items by month', () => {
    const r = cli(db, ['narratives', '--codebook', codebook, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [s] = jsonl<Series>(r.stdout);
    expect(s).toMatchObject({ narrative: 'sanctions-backfire', title: 'Sanctions hurt Europe more than Russia', items: 3 });
    expect(s?.series).toEqual([
      { period: '2024-01', items: 1 },
      { period: '2024-02', items: 2 },
    ]);
    const items = jsonl<{ id: string; text: string; title: string }>(cli(db, ['items', '--json']).stdout);
    const gas = items.find((i) => i.title.startsWith('Winter Bills'));
    const shown = jsonl<{ text: string; annotations: Array<{ layer: string; label: string; start: number; end: number }> }>(cli(db, ['show', gas?.id ?? '', '--json']).stdout)[0];
    const spans = shown?.annotations.filter((a) => a.layer === 'narrative') ?? [];
    expect(spans).toHaveLength(1);
    expect([...(shown?.text ?? '')].slice(spans[0]?.start, spans[0]?.end).join('')).toBe('The sanctions have backfired, and Europe is paying three times more for gas.');
  });

  it('counts from the stored spans by week and per source, without rematching', () => {
    const r = cli(db, ['narratives', '--by', 'week', '--source', 'zvezda', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [s] = jsonl<Series>(r.stdout);
    expect(s?.items).toBe(2);
    expect(s?.series.map((x) => x.period)).toEqual(['2024-W07', '2024-W08']);
  });

  it('names the codebook file and the faulty field', () => {
    const bad = join(tmp.dir, 'bad.yaml');
    writeFileSync(bad, 'narratives:\n  - id: broken\n    title: Broken\n    description: x\n    queries:\n      - (sanctions OR\n    examples: []\n');
    const r = cli(db, ['narratives', '--codebook', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml');
    expect(r.stderr).toContain('broken');
  });

  it('computes ISO weeks across a year boundary', () => {
    expect(periodOf('2024-12-30', 'week')).toBe('2025-W01');
    expect(periodOf('2021-01-03', 'week')).toBe('2020-W53');
    expect(periodOf('2024-03', 'week')).toBeNull();
    expect(periodOf('2024-03', 'month')).toBe('2024-03');
  });

  it('ships a sample codebook whose narratives find their own examples', () => {
    const path = join(ROOT, 'samples', 'codebook.yaml');
    expect(readFileSync(path, 'utf8')).toContain('narratives:');
    for (const n of loadCodebook(path)) expect(unmatchedExamples(n), n.id).toEqual([]);
  });
});
