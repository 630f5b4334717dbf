import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearStemCache, foldToken, indexStem, scriptOf, stemCacheSize, stemmedText, stemTerm, tokenize } from './analyze.js';

/** True when a query word, stemmed for the query, meets the indexed form of `docWord`. */
function finds(queryWord: string, docWord: string, docLanguage: string): boolean {
  return stemTerm(queryWord).includes(indexStem(docWord, docLanguage));
}

describe('foldToken', () => {
  it('folds case in every script, ё to е, and Latin accents', () => {
    expect(foldToken('ПЕТЕРБУРГ')).toBe('петербург');
    expect(foldToken('Ёлка')).toBe('елка');
    expect(foldToken('Café')).toBe('cafe');
    expect(foldToken('ÉLECTION')).toBe('election');
  });

  it('keeps й and ї, as FTS5 does, and drops Cyrillic stress marks', () => {
    expect(foldToken('Новый')).toBe('новый');
    expect(foldToken('Її')).toBe('її');
    expect(foldToken('приме\u0301р')).toBe('пример');
  });

  it('accepts decomposed input', () => {
    expect(foldToken('и\u0306ти')).toBe('йти');
    expect(foldToken('cafe\u0301')).toBe('cafe');
  });
});

describe('tokenize', () => {
  it('splits on punctuation and keeps UTF-16 offsets', () => {
    const text = '«Северо-Западный» фронт: COVID-19, п\'ять 😀 слів';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['Северо', 'Западный', 'фронт', 'COVID', '19', 'п', 'ять', 'слів']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('cuts words where SQLite FTS5 unicode61 does (Latin, Cyrillic, Greek, punctuation)', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
             CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
    const ranges: Array<[number, number]> = [
      [0x20, 0x2ff],
      [0x370, 0x377],
      [0x384, 0x3ff],
      [0x400, 0x482],
      [0x48a, 0x52f],
      [0x1e00, 0x1eff],
      [0x2000, 0x2064],
      [0x2190, 0x21ff],
    ];
    const ins = db.prepare('INSERT INTO t(rowid, x) VALUES (?, ?)');
    db.transaction(() => {
      for (const [a, b] of ranges) for (let c = a; c <= b; c++) ins.run(c, `a${String.fromCodePoint(c)}b`);
    })();
    const counts = new Map<number, number>();
    for (const row of db.prepare('SELECT doc, count(*) AS n FROM v GROUP BY doc').all() as Array<{ doc: number; n: number }>) counts.set(row.doc, row.n);
    const disagree: string[] = [];
    for (const [a, b] of ranges) {
      for (let c = a; c <= b; c++) {
        // Unassigned code points: SQLite's Unicode tables and V8's may differ; nothing writes them.
        if (/\p{Cn}/u.test(String.fromCodePoint(c))) continue;
        const ours = tokenize(`a${String.fromCodePoint(c)}b`).length;
        if (ours !== counts.get(c)) disagree.push(c.toString(16));
      }
    }
    expect(disagree).toEqual([]);
    db.close();
  });
});

describe('stemming: a word finds its inflected forms', () => {
  it('Russian: Петербург, партия, выборы', () => {
    for (const form of ['Петербург', 'Петербурге', 'ПЕТЕРБУРГ', 'петербурга', 'Петербургом']) {
      expect(finds('Петербург', form, 'ru')).toBe(true);
      expect(finds(form, 'Петербург', 'ru')).toBe(true);
    }
    for (const form of ['партия', 'партии', 'партию', 'партией', 'ПАРТИЯМИ']) expect(finds('партия', form, 'ru')).toBe(true);
    for (const form of ['выборы', 'выборов', 'выборах']) expect(finds('выборы', form, 'ru')).toBe(true);
  });

  it('English: elections, election, elected; parties, party', () => {
    expect(finds('elections', 'election', 'en')).toBe(true);
    expect(finds('election', 'Elections', 'en')).toBe(true);
    // Porter conflates these; the Orama stemmer alone would stem "election" to "elec".
    expect(finds('elected', 'election', 'en')).toBe(true);
    expect(stemTerm('election')).toEqual(['elect']);
    expect(finds('party', 'parties', 'en')).toBe(true);
    expect(finds('sanctions', 'sanction', 'en')).toBe(true);
    expect(finds('station', 'stations', 'en')).toBe(true);
    expect(finds('election', 'electricity', 'en')).toBe(false);
  });

  it('Ukrainian: Україна, вибори, мова, війна', () => {
    for (const form of ['Україна', 'України', 'Україні', 'Україну']) expect(finds('Україна', form, 'uk')).toBe(true);
    for (const form of ['вибори', 'виборів', 'виборах']) expect(finds('вибори', form, 'uk')).toBe(true);
    for (const form of ['мова', 'мови', 'мовою']) expect(finds('мова', form, 'uk')).toBe(true);
    for (const form of ['війна', 'війни', 'війну']) expect(finds('війна', form, 'uk')).toBe(true);
    for (const form of ['партія', 'партії', 'партію', 'партією', 'партіями', 'партіях']) expect(finds('партія', form, 'uk')).toBe(true);
    for (const form of ['стратегія', 'стратегії', 'стратегією']) expect(finds('стратегії', form, 'uk')).toBe(true);
  });

  it('a Cyrillic query word gets its Russian and Ukrainian stems when they differ', () => {
    const stems = stemTerm('партії');
    expect(stems).toEqual([indexStem('партії', 'uk'), indexStem('партії', 'ru')]);
    expect(stems[0]).not.toBe(stems[1]);
    expect(stemTerm('партії', 'ru')).toEqual([indexStem('партії', 'ru')]);
    expect(stemTerm('партия')).toEqual(['парт']);
  });

  it('ё and е are one letter', () => {
    expect(stemmedText('Ёлка, ёлки', 'ru')).toBe(stemmedText('елка, елки', 'ru'));
    expect(finds('елка', 'Ёлки', 'ru')).toBe(true);
    expect(finds('ёлки', 'елка', 'ru')).toBe(true);
  });

  it('does not cut a Ukrainian word down to a stub', () => {
    expect(indexStem('Київ', 'uk')).toBe('київ');
    expect(finds('Київ', 'КИЇВ', 'uk')).toBe(true);
  });

  it('stems by script inside a mixed item', () => {
    expect(stemmedText('Партия Civic Renewal выиграла elections', 'ru')).toBe('парт civic renew выигра elect');
    expect(stemmedText('Партія заявила про вибори', 'und')).toBe(`${indexStem('Партія', 'uk')} ${indexStem('заявила', 'ru')} про ${indexStem('вибори', 'ru')}`);
    expect(scriptOf('Pусский')).toBe('cyrillic');
    expect(scriptOf('2024')).toBe('other');
  });

  it('the same word always has the same stem, from the query and from the index', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[а-яёіїєґА-ЯЁІЇЄҐa-zA-Zé]{1,14}$/), fc.constantFrom('ru', 'uk', 'en', 'und', 'de'), (word, lang) => {
        expect(stemTerm(word)).toContain(indexStem(word, lang));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives one stem per word, each a single FTS5 word', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
             CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
    const ins = db.prepare('INSERT INTO t(rowid, x) VALUES (?, ?)');
    const count = db.prepare('SELECT count(*) AS n FROM v WHERE doc = ?');
    let rowid = 0;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'Аа Ёё Йй Іі Її Єє Ґґ Ыы Ьь Щщ Ee Yy Ss Ii Oo Éé 1 2 - , . « » \' *'.split('')), maxLength: 60 }), fc.constantFrom('ru', 'uk', 'en'), (text, lang) => {
        const stems = stemmedText(text, lang);
        const words = tokenize(text).length;
        expect(stems === '' ? 0 : stems.split(' ').length).toBe(words);
        ins.run(++rowid, stems);
        expect((count.get(rowid) as { n: number }).n).toBe(words);
      }),
      { numRuns: 1000 },
    );
    db.close();
  });
});

describe('speed (logged, never asserted)', () => {
  it('stems a mixed corpus', () => {
    const base = [
      'Представитель партии Гражданский выбор заявил о победе на выборах в Петербурге и пообещал новые реформы',
      'Речник партії Нова хвиля заявила що вибори у Києві пройшли без порушень попри заяви опонентів',
      'The Civic Renewal Party claimed victory in the Northvale elections while opponents alleged irregularities',
    ];
    // Vary the words so the cache sees new forms, as a real corpus would show it.
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) texts.push(`${base[i % 3] ?? ''} ${i.toString(36)}ов ${i.toString(36)}ing`);
    const words = texts.reduce((n, t) => n + tokenize(t).length, 0);
    clearStemCache();
    let t0 = performance.now();
    for (const t of texts) stemmedText(t, t.includes('партії') ? 'uk' : 'ru');
    const cold = performance.now() - t0;
    t0 = performance.now();
    for (let r = 0; r < 3; r++) for (const t of texts) stemmedText(t, 'ru');
    const warm = (performance.now() - t0) / 3;
    console.log(
      `stemmedText: ${words} words; first pass ${Math.round(words / (cold / 1000)).toLocaleString('en')} words/s, ` +
        `cached ${Math.round(words / (warm / 1000)).toLocaleString('en')} words/s; cache ${stemCacheSize()} entries`,
    );
    expect(stemCacheSize()).toBeGreaterThan(0);
  });
});
