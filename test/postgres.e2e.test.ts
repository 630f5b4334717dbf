// End to end: the same inputs ingested into SQLite and into PostgreSQL give the same items and the
// same search results (totals, order, scores, Russian and Ukrainian stemming included), and `copy`
// moves a corpus between them both ways without loss. Runs the built CLI, as a user would.
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliAsync, jsonl, ROOT, tempDir } from './cli-helpers.js';
import { createTestDatabase, dropTestDatabase } from './pg.js';

const PG = process.env.NARRASCOPE_TEST_PG;
const DATA = join(ROOT, '..', 'shared', 'data');

// A Russian and Ukrainian local-news dump of our own, beside the bundled samples: inflected forms
// the stemmers must bring together, ё, a phrase, and names for NEAR.
const REGION_DUMP = `Выборы в Светлогорске перенесли (12.03.2024)
Избирательная комиссия Светлогорска сообщила, что выборы в городской совет перенесены на осень. Депутат Игорь Веснин назвал решение «ударом по доверию». Жители Светлогорска узнали о переносе из объявления на двери комиссии.

Мост через Преголю снова закрыт (19.03.2024)
Мост через Преголю закрыли на ремонт в третий раз за год. Игорь Веснин обещал, что к маю мост откроют. Ёмкость объездной дороги не рассчитана на грузовики, и пробки в Светлогорске растут.

Депутаты спорят о бюджете (02.04.2024)
На заседании городского совета депутаты спорили о бюджете на ремонт мостов и школ. Веснин потребовал опубликовать смету. Председатель совета ответил, что смета будет готова после выборов.

Міст у Світлогорську: що відомо (05.04.2024)
Міст через річку закрили на ремонт. Депутати міської ради обіцяють відкрити його до травня. Мешканці Світлогорська скаржаться на затори на об'їзній дорозі.
`;

const QUERIES = [
  'Светлогорск',
  'Светлогорске',
  'выборы',
  'выборах OR выборов',
  '"Игорь Веснин"',
  'Весн*',
  'мост -ремонт',
  'мост NEAR/3 закрыт',
  'title:мост',
  'ёмкость',
  'емкость',
  'міст',
  'депутати',
  'lang:ru депутаты',
  'lang:uk',
  'from:2024-04',
  '-мост lang:ru',
  'council',
  '"the people"',
  'Petersburg OR Петербург',
  'source:zvezda-channel',
  'entity:PER',
  'technique:loaded',
];

interface Hit {
  id: string;
  score: number;
}

function searchBoth(sqlite: string, pg: string, q: string): { a: Hit[]; b: Hit[] } {
  const run = (db: string): Hit[] => {
    const r = cli(db, ['search', '--json', '--limit', '100', '--', q]);
    expect(r.code, `${q}: ${r.stderr}`).toBe(0);
    return jsonl<Hit>(r.stdout).map((h) => ({ id: h.id, score: h.score }));
  };
  return { a: run(sqlite), b: run(pg) };
}

/** Items as `items --json` prints them, the corpus a user sees. */
function items(db: string): unknown[] {
  const r = cli(db, ['items', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return jsonl(r.stdout);
}

function exportAll(db: string): unknown[] {
  const r = cli(db, ['export', '--annotations']);
  expect(r.code, r.stderr).toBe(0);
  return jsonl(r.stdout);
}

describe.skipIf(!PG)('SQLite and PostgreSQL give the same corpus and the same answers', () => {
  const tmp = tempDir('narrascope-pg-parity-');
  const sqlite = join(tmp.dir, 'corpus.db');
  const databases: string[] = [];
  let pg = '';

  beforeAll(async () => {
    const corpus = join(tmp.dir, 'inputs');
    mkdirSync(join(corpus, 'svetlogorsk-vestnik'), { recursive: true });
    writeFileSync(join(corpus, 'svetlogorsk-vestnik', 'vestnik-2024.txt'), REGION_DUMP);
    pg = await createTestDatabase('parity');
    databases.push(pg);
    for (const db of [sqlite, pg]) {
      const r = await cliAsync(db, ['ingest', join(ROOT, 'samples'), corpus]);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 180_000);

  afterAll(async () => {
    for (const db of databases) await dropTestDatabase(db);
    tmp.cleanup();
  });

  it('stores the same items, annotations and totals', () => {
    expect(items(pg)).toEqual(items(sqlite));
    expect(exportAll(pg)).toEqual(exportAll(sqlite));
    const stats = (db: string): unknown => {
      const s = JSON.parse(cli(db, ['stats', '--json']).stdout) as Record<string, unknown>;
      delete s.store;
      return s;
    };
    expect(stats(pg)).toEqual(stats(sqlite));
  });

  it('answers every query with the same items in the same order and the same scores', () => {
    let nonEmpty = 0;
    for (const q of QUERIES) {
      const { a, b } = searchBoth(sqlite, pg, q);
      expect(b, q).toEqual(a);
      if (a.length > 0) nonEmpty++;
    }
    // The comparison means something only if most queries find items.
    expect(nonEmpty).toBeGreaterThanOrEqual(QUERIES.length - 3);
    const stem = searchBoth(sqlite, pg, 'Светлогорске');
    expect(stem.a.length).toBeGreaterThanOrEqual(2);
  });

  it('copies SQLite → PostgreSQL → SQLite without losing anything, and refuses to merge corpora', async () => {
    const target = await createTestDatabase('copy');
    databases.push(target);
    const there = await cliAsync(sqlite, ['copy', '--from', sqlite, '--to', target, '--json']);
    expect(there.code, there.stderr).toBe(0);
    const report = JSON.parse(there.stdout) as { stats: { items: number } };
    expect(report.stats.items).toBeGreaterThan(50);
    expect(exportAll(target)).toEqual(exportAll(sqlite));
    for (const q of ['Светлогорск', '"Игорь Веснин"', 'council']) expect(searchBoth(sqlite, target, q).b).toEqual(searchBoth(sqlite, target, q).a);

    const back = join(tmp.dir, 'back.db');
    const home = await cliAsync(sqlite, ['copy', '--from', target, '--to', back]);
    expect(home.code, home.stderr).toBe(0);
    expect(home.stdout).toMatch(/totals checked equal/);
    expect(exportAll(back)).toEqual(exportAll(sqlite));
    // Capture bytes survive both trips: the same hashes, the same first item's provenance.
    const show = (db: string, id: string): unknown => (JSON.parse(cli(db, ['show', id, '--json']).stdout) as { capture: unknown }).capture;
    const first = (items(sqlite)[0] as { id: string }).id;
    expect(show(back, first)).toEqual(show(sqlite, first));

    // Copying again completes without duplicates; into another corpus it is refused.
    expect((await cliAsync(sqlite, ['copy', '--from', sqlite, '--to', target])).code).toBe(0);
    expect(exportAll(target)).toEqual(exportAll(sqlite));
    const other = join(tmp.dir, 'other.db');
    writeFileSync(join(tmp.dir, 'note.txt'), 'A different corpus: one note about harbour fees.\n');
    expect((await cliAsync(other, ['ingest', join(tmp.dir, 'note.txt')])).code).toBe(0);
    const refused = await cliAsync(sqlite, ['copy', '--from', sqlite, '--to', other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already holds another corpus/);
  }, 180_000);

  it('reports the schema with migrate', () => {
    const r = cli(pg, ['migrate', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout) as { kind: string; from: number; pending: unknown[] };
    expect(m.kind).toBe('postgres');
    expect(m.pending).toEqual([]);
    expect(m.from).toBeGreaterThanOrEqual(8);
  });
});

// Real news articles (English and Russian) from the development corpora, when they are present.
const REAL = [join(DATA, 'ptc2020-train', 'train-articles'), join(DATA, 'semeval2023-ru-train', 'train-articles-subtask-3')];

describe.skipIf(!PG || !REAL.every((d) => existsSync(d)))('the same answers on real articles (../shared/data)', () => {
  const tmp = tempDir('narrascope-pg-real-');
  const sqlite = join(tmp.dir, 'real.db');
  let pg = '';

  beforeAll(async () => {
    pg = await createTestDatabase('real');
    // A slice of each corpus keeps the test short; every file name is the same on both sides.
    const [ptc, ru] = REAL as [string, string];
    const args = ['ingest', join(ptc, 'article70*.txt'), join(ptc, 'article71*.txt'), join(ru, 'article241*.txt'), '--enrichers', 'language,dates'];
    for (const db of [sqlite, pg]) {
      const r = await cliAsync(db, args);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 240_000);

  afterAll(async () => {
    if (pg) await dropTestDatabase(pg);
    tmp.cleanup();
  });

  it('gives the same items and the same ranked results', () => {
    expect(items(pg)).toEqual(items(sqlite));
    const queries = [
      'Россия', 'России', 'российских', 'президента Путина', '"Владимир Путин"', 'санкции OR санкций', 'Trump', 'immigrants',
      '"the media" OR press', 'lang:en -Trump', 'Путин*', 'title:Россия', 'Украина NEAR/5 Россия', 'Москве', 'church NEAR/3 Catholic',
    ];
    let found = 0;
    for (const q of queries) {
      const { a, b } = searchBoth(sqlite, pg, q);
      expect(b, q).toEqual(a);
      if (a.length > 0) found++;
    }
    expect(found).toBeGreaterThanOrEqual(8);
  });
});
