import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stemmedText } from './analyze.js';
import { compileQuery, foldYo, ftsString, highlightSpans } from './compile.js';
import type { CompiledQuery } from './compile.js';
import { QueryError } from './parse.js';

// Fictional outlets, people and places; one line of news each.
interface Row {
  id: number;
  source: string;
  language: string;
  author: string | null;
  publishedAt: string | null;
  title: string;
  text: string;
}

const ROWS: Row[] = [
  { id: 1, source: 'northvale_daily', language: 'en', author: 'Arlen Doyle', publishedAt: '2024-03-02', title: 'Election day in Northvale', text: 'The Civic Renewal Party won the elections in Northvale, its spokesman said.' },
  { id: 2, source: 'northvale_daily', language: 'en', author: null, publishedAt: '2024-03-09', title: 'Ministers meet in Marbury', text: 'Minister Petra Voss was elected to lead the peace talks in Marbury.' },
  { id: 3, source: 'severny_vestnik', language: 'ru', author: 'Иван Сорокин', publishedAt: '2024-03-15', title: 'Выборы в Петербурге', text: 'Партия «Гражданский выбор» заявила о победе на выборах в Петербурге.' },
  { id: 4, source: 'severny_vestnik', language: 'ru', author: null, publishedAt: '2024-04', title: 'ПЕТЕРБУРГ: заявление', text: 'Представитель партии сообщил, что ёлка на площади останется до весны.' },
  { id: 5, source: 'free_speech_forum', language: 'ru', author: null, publishedAt: '2024', title: 'Война слухов', text: 'Канал снова пишет о войне и о Петербурге, не называя источников.' },
  { id: 6, source: 'nova_khvylia', language: 'uk', author: 'Олена Коваль', publishedAt: '2024-05-01', title: 'Вибори в Україні', text: 'Партія «Нова хвиля» перемогла на виборах у Києві.' },
  { id: 7, source: 'nova_khvylia', language: 'uk', author: null, publishedAt: '2024-05-20', title: 'Заява партії', text: 'Речниця партії заявила про війну брехні в мережі.' },
  { id: 8, source: 'free_speech_forum', language: 'en', author: null, publishedAt: '2023-12-31', title: 'Café talk', text: 'The electorate of Marbury gathered at a café to discuss the referendum.' },
];

let db: Database.Database;

beforeAll(() => {
  db = new Database(':memory:');
  db.exec(`
    CREATE TABLE items (rowid INTEGER PRIMARY KEY, source TEXT, language TEXT, author TEXT, published_at TEXT, title TEXT, text TEXT);
    CREATE VIRTUAL TABLE items_fts USING fts5(title, text, title_stems, text_stems, tokenize = 'unicode61 remove_diacritics 2');
  `);
  const item = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?)');
  const fts = db.prepare('INSERT INTO items_fts(rowid, title, text, title_stems, text_stems) VALUES (?, ?, ?, ?, ?)');
  for (const r of ROWS) {
    item.run(r.id, r.source, r.language, r.author, r.publishedAt, r.title, r.text);
    // The exact columns hold ё folded to е (see compile.ts); the stems columns the analysed text.
    fts.run(r.id, foldYo(r.title), foldYo(r.text), stemmedText(r.title, r.language), stemmedText(r.text, r.language));
  }
});

afterAll(() => db.close());

/** What the store is expected to do with a compiled query, in the simplest SQL. */
function sqlFor(c: CompiledQuery): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const list = (column: string, values: string[], negate: boolean, nocase = false): void => {
    if (values.length === 0) return;
    const collate = nocase ? ' COLLATE NOCASE' : '';
    where.push(`${column}${collate} ${negate ? 'NOT IN' : 'IN'} (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (c.mode !== 'none') {
    where.push(`rowid ${c.mode === 'exclude' ? 'NOT IN' : 'IN'} (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)`);
    params.push(c.match);
  }
  list('source', c.filters.sources, false);
  list('source', c.filters.excludeSources, true);
  list('language', c.filters.languages, false);
  list('language', c.filters.excludeLanguages, true);
  list('author', c.filters.authors, false, true);
  if (c.filters.excludeAuthors.length > 0) {
    where.push(`(author IS NULL OR author COLLATE NOCASE NOT IN (${c.filters.excludeAuthors.map(() => '?').join(', ')}))`);
    params.push(...c.filters.excludeAuthors);
  }
  if (c.filters.from !== null) {
    where.push('published_at >= ?');
    params.push(c.filters.from);
  }
  if (c.filters.toExclusive !== null) {
    where.push('published_at < ?');
    params.push(c.filters.toExclusive);
  }
  return { sql: `SELECT rowid AS id FROM items${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid`, params };
}

function search(query: string): number[] {
  const { sql, params } = sqlFor(compileQuery(query));
  return (db.prepare(sql).all(...params) as Array<{ id: number }>).map((r) => r.id);
}

describe('compiled queries on SQLite FTS5 return exactly what they say', () => {
  const cases: Array<[string, number[]]> = [
    // Stemming and case folding
    ['Петербург', [3, 4, 5]],
    ['ПЕТЕРБУРГЕ', [3, 4, 5]],
    ['партия', [3, 4, 6, 7]],
    ['партії', [3, 4, 6, 7]],
    ['выборы', [3]],
    ['вибори', [6]],
    ['Україна', [6]],
    ['війна', [7]],
    ['elections', [1, 2]],
    ['Election', [1, 2]],
    ['cafe', [8]],
    ['елка', [4]],
    ['ЁЛКИ', [4]],
    // Phrases stay exact (but fold case, accents and ё)
    ['"в Петербурге"', [3]],
    ['"Петербург"', [4]],
    ['"peace talks"', [2]],
    ['"talks peace"', []],
    ['"ёлка на площади"', [4]],
    ['"елка на площади"', [4]],
    ['"CAFÉ"', [8]],
    ['«Гражданский выбор»', [3]],
    ['"election"', [1]],
    // Prefixes match word forms as written
    ['elect*', [1, 2, 8]],
    ['Петербург*', [3, 4, 5]],
    ['"гражданский выб"*', [3]],
    ['парті*', [6, 7]],
    // Boolean
    ['Петербург -"в Петербурге"', [4, 5]],
    ['Петербург NOT война', [3, 4]],
    ['ёлка OR café', [4, 8]],
    ['Marbury', [2, 8]],
    ['Marbury -(café OR referendum)', [2]],
    ['(Petra OR Сорокин OR Коваль) -Petra', []],
    ['партия Петербург', [3, 4]],
    ['партия AND (Петербург OR Києві)', [3, 4, 6]],
    ['партия OR Marbury Петербург', [3, 4]],
    // NEAR (FTS5 counts the words between the end of one and the start of the next)
    ['NEAR(партия победа, 4)', [3]],
    ['NEAR(партия победа, 3)', []],
    ['партия NEAR/4 победе', [3]],
    ['победа NEAR/4 партия', [3]],
    ['NEAR(elect* Marbury)', [2, 8]],
    ['NEAR("peace talks" Marbury, 2)', [2]],
    ['NEAR("peace talks" Marbury, 1)', [2]],
    ['NEAR("peace talks" Marbury, 0)', []],
    // title:
    ['title:петербург', [3, 4]],
    ['title:election', [1]],
    ['title:"Café talk"', [8]],
    ['title:партії', [7]],
    ['title:выбор*', [3]],
    // Filters
    ['lang:ru', [3, 4, 5]],
    ['lang:ru -война', [3, 4]],
    ['lang:uk -партия', []],
    ['-lang:ru партия', [6, 7]],
    ['source:nova_khvylia', [6, 7]],
    ['source:nova_khvylia OR source:severny_vestnik партия', [3, 4, 6, 7]],
    ['-source:free_speech_forum Петербург', [3, 4]],
    ['author:"arlen doyle"', [1]],
    ['-author:"Arlen Doyle" lang:en', [2, 8]],
    ['from:2024-03 to:2024-04', [1, 2, 3, 4]],
    ['from:2024-05-01', [6, 7]],
    ['to:2023', [8]],
    ['to:2024-03-09 Marbury', [2, 8]],
    ['lang:ru партии', [3, 4]],
  ];
  for (const [query, expected] of cases) {
    it(query, () => {
      expect(search(query)).toEqual(expected);
    });
  }
});

describe('compileQuery output', () => {
  it('quotes every term and names the column groups', () => {
    const c = compileQuery('партия "в Петербурге" elect*');
    expect(c.mode).toBe('include');
    expect(c.match).toBe('({title_stems text_stems} : "парт" AND {title text} : "в Петербурге" AND {title text} : "elect" *)');
  });

  it('offers both stems of a Cyrillic word unless lang: says which', () => {
    expect(compileQuery('партії').match).toBe('({title_stems text_stems} : "парт" OR {title_stems text_stems} : "партії")');
    expect(compileQuery('партії lang:ru').match).toBe('{title_stems text_stems} : "партії"');
  });

  it('filters alone give no MATCH; NOT terms with filters give an exclusion', () => {
    const f = compileQuery('lang:ru source:"Free Speech Forum" from:2024-02 to:2024-02');
    expect(f).toMatchObject({ mode: 'none', match: null });
    expect(f.filters).toMatchObject({ languages: ['ru'], sources: ['Free Speech Forum'], from: '2024-02', to: '2024-02', toExclusive: '2024-03' });
    const x = compileQuery('lang:ru -война -"мирные переговоры"');
    expect(x.mode).toBe('exclude');
    expect(x.match).toBe('({title_stems text_stems} : "войн" OR {title text} : "мирные переговоры")');
  });

  it('compiles span filters: technique names normalised, entity names to canonical keys, types kept', () => {
    const q = compileQuery('war technique:Name-Calling -narrative:biolabs-ukraine entity:Путин entity:loc');
    expect(q.filters.annotations).toEqual([
      { layer: 'technique', negated: false, label: 'name_calling', keys: [] },
      { layer: 'narrative', negated: true, label: 'biolabs-ukraine', keys: [] },
      { layer: 'entity', negated: false, label: '', keys: expect.arrayContaining(['vladimir putin']) as string[] },
      { layer: 'entity', negated: false, label: 'LOC', keys: [] },
    ]);
  });

  it('cannot be steered into FTS5 syntax by the text of a term', () => {
    expect(ftsString('a"b')).toBe('"a""b"');
    for (const q of ['title_stems:x', '"x" OR "y"', 'a* NEAR/2 "b OR c"', '{title}:x', 'x^', '^x', 'x:*']) {
      let c: CompiledQuery | null = null;
      try {
        c = compileQuery(q);
      } catch (e) {
        expect(e).toBeInstanceOf(QueryError);
      }
      if (c?.match) expect(() => db.prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ?').all(c.match)).not.toThrow();
    }
  });
});

describe('highlightSpans', () => {
  it('marks stemmed words, phrases and prefixes, but not NOT terms', () => {
    const c = compileQuery('партия "в Петербурге" побед* -выбор');
    const text = ROWS[2]?.text ?? '';
    const marked = highlightSpans(text, 'ru', c.highlight).map((s) => text.slice(s.start, s.end));
    expect(marked).toEqual(['Партия', 'победе', 'в Петербурге']);
  });

  it('folds ё and case in phrases', () => {
    const c = compileQuery('"ЕЛКА на площади"');
    const text = ROWS[3]?.text ?? '';
    expect(highlightSpans(text, 'ru', c.highlight).map((s) => text.slice(s.start, s.end))).toEqual(['ёлка на площади']);
  });

  it('merges overlapping marks', () => {
    const c = compileQuery('peace "peace talks"');
    const text = ROWS[1]?.text ?? '';
    expect(highlightSpans(text, 'en', c.highlight).map((s) => text.slice(s.start, s.end))).toEqual(['peace talks']);
  });
});

describe('any user string', () => {
  it('throws QueryError or compiles to a MATCH that SQLite accepts', () => {
    const stmt = db.prepare('SELECT count(*) AS n FROM items_fts WHERE items_fts MATCH ?');
    const piece = fc.oneof(
      fc.constantFrom('(', ')', '"', '«', '»', '-', '*', ':', ',', ' ', 'AND', 'OR', 'NOT', 'NEAR', 'NEAR/2', 'NEAR(', '^', '{', '}', '+', "'", 'source:', 'lang:ru', 'title:', 'from:2024', 'author:', 'Петербург', 'партії', 'election', 'ёлка', 'x', '5'),
      fc.string({ maxLength: 5 }),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    );
    let compiled = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join(' ')), fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), (spaced, glued) => {
        for (const q of [spaced, glued]) {
          let c: CompiledQuery;
          try {
            c = compileQuery(q);
          } catch (e) {
            expect(e).toBeInstanceOf(QueryError);
            continue;
          }
          compiled++;
          expect(c.mode === 'none').toBe(c.match === null);
          if (c.match !== null) expect(() => stmt.get(c.match)).not.toThrow();
        }
      }),
      { numRuns: 3000 },
    );
    expect(compiled).toBeGreaterThan(500);
  });
});
