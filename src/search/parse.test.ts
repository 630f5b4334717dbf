import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../core/errors.js';
import { dateAfter, formatQueryError, isQueryDate, parseQuery, QueryError } from './parse.js';
import type { QueryNode } from './parse.js';

/** A compact, position-free rendering of the tree, so cases read like the query language. */
function show(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return `${node.field ? `${node.field}:` : ''}${node.text}${node.prefix ? '*' : ''}`;
    case 'phrase':
      return `${node.field ? `${node.field}:` : ''}"${node.text}"${node.prefix ? '*' : ''}`;
    case 'and':
      return `AND(${node.children.map(show).join(' ')})`;
    case 'or':
      return `OR(${node.children.map(show).join(' ')})`;
    case 'not':
      return `NOT(${show(node.child)})`;
    case 'near':
      return `NEAR/${node.distance}(${node.members.map(show).join(' ')})`;
    case 'filter':
      return `[${node.field}=${node.value}]`;
  }
}

function fails(query: string): QueryError {
  try {
    parseQuery(query);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(query)} to fail`);
}

describe('parseQuery: what a query means', () => {
  const cases: Array<[string, string]> = [
    ['Петербург', 'Петербург'],
    ['партия выборы', 'AND(партия выборы)'],
    ['партия AND выборы', 'AND(партия выборы)'],
    ['a OR b c', 'AND(OR(a b) c)'],
    ['a b OR c', 'AND(a OR(b c))'],
    ['a AND b OR c', 'AND(a OR(b c))'],
    ['(a b) OR c', 'OR(AND(a b) c)'],
    ['putin OR путин NEAR/3 санкции', 'OR(putin NEAR/3(путин санкции))'],
    ['(a OR b) c', 'AND(OR(a b) c)'],
    ['((a b)) c', 'AND(a b c)'],
    ['a OR (b OR c)', 'OR(a b c)'],
    ['war -peace', 'AND(war NOT(peace))'],
    ['war NOT peace', 'AND(war NOT(peace))'],
    ['war -(peace OR truce)', 'AND(war NOT(OR(peace truce)))'],
    ['war -"peace talks"', 'AND(war NOT("peace talks"))'],
    ['"в Петербурге"', '"в Петербурге"'],
    ['«Единая Россия» партия', 'AND("Единая Россия" партия)'],
    ['„Нова хвиля“', '"Нова хвиля"'],
    ['“peace talks”', '"peace talks"'],
    ['elect*', 'elect*'],
    ['"civic ren"*', '"civic ren"*'],
    ['NEAR(партия выборы, 5)', 'NEAR/5(партия выборы)'],
    ['NEAR(a "b c" d*,3)', 'NEAR/3(a "b c" d*)'],
    ['NEAR(a b)', 'NEAR/10(a b)'],
    ['a NEAR/5 b', 'NEAR/5(a b)'],
    ['a NEAR b NEAR c', 'NEAR/10(a b c)'],
    ['x a NEAR/2 b y', 'AND(x NEAR/2(a b) y)'],
    ['lang:ru', '[lang=ru]'],
    ['LANG:RU war', 'AND([lang=ru] war)'],
    ['source:"Free Speech Forum" lang:ru -война', 'AND([source=Free Speech Forum] [lang=ru] NOT(война))'],
    ['source:a OR source:b war', 'AND(OR([source=a] [source=b]) war)'],
    ['from:2024 to:2024-06-30', 'AND([from=2024] [to=2024-06-30])'],
    ['author:"Arlen Doyle" -source:kremlin_echo', 'AND([author=Arlen Doyle] NOT([source=kremlin_echo]))'],
    ['title:выборы', 'title:выборы'],
    ['title:"peace talks" OR title:elect*', 'OR(title:"peace talks" title:elect*)'],
    ['technique:loaded_language', '[technique=loaded_language]'],
    ['entity:"Ivan Sorokin" narrative:nato_expansion', 'AND([entity=Ivan Sorokin] [narrative=nato_expansion])'],
    ['and or not near', 'AND(and or not near)'],
    ['COVID-19', 'COVID-19'],
    ['Moscow – Kyiv', 'AND(Moscow Kyiv)'],
    ['peace - talks', 'AND(peace talks)'],
    ['Note: peace', 'AND(Note: peace)'],
    ['https://t.me/vestnik', 'https://t.me/vestnik'],
    ['12:30 summit', 'AND(12:30 summit)'],
    ['war -!!!', 'war'],
    ['war "" peace', 'AND(war peace)'],
  ];
  for (const [query, expected] of cases) {
    it(query, () => {
      expect(show(parseQuery(query))).toBe(expected);
    });
  }

  it('records where each node is', () => {
    const root = parseQuery('war -"peace talks" lang:ru');
    expect(root.kind).toBe('and');
    if (root.kind !== 'and') return;
    const [war, not, lang] = root.children;
    expect(war).toMatchObject({ start: 0, end: 3 });
    expect(not).toMatchObject({ start: 4, end: 18 });
    expect(lang).toMatchObject({ kind: 'filter', start: 19, end: 26, valueStart: 24, valueEnd: 26 });
  });
});

describe('parseQuery: errors point at the fault', () => {
  const cases: Array<[string, string | RegExp, number, number]> = [
    ['war "peace talks', 'unclosed quote starting at column 5', 4, 1],
    ['a (b OR c', 'missing ) for ( at column 3', 2, 1],
    ['a b)', 'unmatched ) at column 4', 3, 1],
    [') a', 'unmatched ) at column 1', 0, 1],
    ['a ()', 'empty parentheses at column 3', 2, 2],
    ['war NOT', 'NOT needs a term after it', 4, 3],
    ['NOT', 'NOT needs a term after it', 0, 3],
    ['war AND', 'AND needs a term on both sides', 4, 3],
    ['AND war', 'AND needs a term on both sides', 0, 3],
    ['war OR', 'OR needs a term on both sides', 4, 2],
    ['OR war', 'OR needs a term on both sides', 0, 2],
    ['a OR OR b', 'OR needs a term on both sides', 2, 2],
    ['sorce:rt', /^unknown field "sorce:"; did you mean source:\? known fields: source, lang, from, to, title, author, technique, entity, narrative/, 0, 6],
    ['war xyzzy:bar', /^unknown field "xyzzy:"; known fields: source, lang/, 4, 6],
    ['form:2024', /^unknown field "form:"; did you mean from:\?/, 0, 5],
    ['from:2024-13-01', 'bad date "2024-13-01" for from:; use YYYY, YYYY-MM or YYYY-MM-DD', 5, 10],
    ['to:2023-02-29', 'bad date "2023-02-29" for to:; use YYYY, YYYY-MM or YYYY-MM-DD', 3, 10],
    ['from:yesterday', /^bad date "yesterday" for from:/, 5, 9],
    ['lang:russian', 'bad language "russian" for lang:; use a code such as en, ru or uk', 5, 7],
    ['source:""', 'source: needs a value', 0, 9],
    ['title:!!!', 'title: needs a word or a "phrase"', 0, 9],
    ['source:(a b)', 'source: takes one value: a word or a "quoted value", not a group', 0, 8],
    ['-война', 'a query of only NOT terms matches nothing to exclude from; add a term', 0, 6],
    ['-война -мир', 'a query of only NOT terms matches nothing to exclude from; add a term', 0, 11],
    ['NOT a', 'a query of only NOT terms matches nothing to exclude from; add a term', 0, 5],
    ['-lang:en', 'a query of only NOT terms matches nothing to exclude from; add a term', 0, 8],
    ['a OR -b', 'NOT cannot be one side of OR (column 6); write "a -b" or "a OR b"', 5, 2],
    ['war (-a -b) OR c', 'a group of only NOT terms matches nothing to exclude from; add a term', 4, 7],
    ['-(-a) b', 'double negation at column 1; remove one of them', 0, 2],
    ['a NOT -b', 'double negation at column 3; remove one of them', 2, 5],
    ['a OR source:x', 'filters combine with AND: source:x cannot be one side of OR', 5, 8],
    ['(a lang:ru) OR b', /^filters combine with AND: lang:ru cannot be one side of OR/, 3, 7],
    ['source:a OR lang:ru', 'filters combine with AND; OR can only join values of one field (source: and lang: here)', 12, 7],
    ['a -(b source:x)', 'negate a filter on its own (-source:x), not inside -( )', 6, 8],
    ['-from:2024 a', 'from: cannot be negated; use to: for the other side', 0, 10],
    ['from:2024 from:2025 a', 'from: given twice (columns 1 and 11)', 10, 9],
    ['from:2025 to:2024-12', 'from:2025 is after to:2024-12; no date can be in both', 0, 9],
    ['a NEAR/x b', 'NEAR/ needs a whole number of words from 0 to 1000, as in NEAR/5', 2, 6],
    ['a NEAR/5 b NEAR/3 c', /^NEAR distances differ in one chain \(5 and 3\)/, 11, 6],
    ['a NEAR', 'NEAR needs a word or "phrase" on both sides', 2, 4],
    ['NEAR b', 'NEAR needs a word or "phrase" on both sides', 0, 4],
    ['(a b) NEAR c', /^NEAR joins words or "phrases", not a group/, 0, 5],
    ['NEAR(a)', 'NEAR needs at least two words or "phrases"', 0, 7],
    ['NEAR(a b, x)', /^NEAR\( \) needs a whole number of words from 0 to 1000 after the comma/, 10, 1],
    ['NEAR(a b, 5', 'missing ) for NEAR( at column 1', 0, 5],
    ['NEAR(a (b c))', /^NEAR\( \) takes words and "phrases" only/, 7, 1],
    ['NEAR(a lang:ru)', /^NEAR\( \) takes words and "phrases" only/, 7, 7],
    ['*', 'a prefix needs at least one letter or digit before *', 0, 1],
    ['', 'the query is empty; give a word, a "phrase" or a filter such as lang:ru', 0, 1],
    ['   ', 'the query is empty; give a word, a "phrase" or a filter such as lang:ru', 0, 3],
    ['!!! ---', 'the query has no letters or digits to search for', 0, 7],
  ];
  for (const [query, message, position, length] of cases) {
    it(`${JSON.stringify(query)} → ${String(message)}`, () => {
      const err = fails(query);
      if (typeof message === 'string') expect(err.message).toBe(message);
      else expect(err.message).toMatch(message);
      expect([err.position, err.length]).toEqual([position, length]);
    });
  }

  it('counts columns in code points', () => {
    const err = fails('😀 война (мир');
    expect(err.column).toBe(9);
    expect(err.message).toBe('missing ) for ( at column 9');
  });

  it('is a usage error: exit code 2 at the CLI', () => {
    expect(exitCodeFor(fails('a (b'))).toBe(2);
    expect(fails('a (b')).toBeInstanceOf(Error);
  });

  it('refuses very deep nesting instead of overflowing the stack', () => {
    expect(fails(`${'('.repeat(5000)}a${')'.repeat(5000)}`).message).toMatch(/nested more than 100 deep/);
  });
});

describe('formatQueryError', () => {
  it('puts a caret line under the fault', () => {
    const q = 'war sorce:rt';
    expect(formatQueryError(q, fails(q)).split('\n')).toEqual([expect.stringMatching(/^unknown field "sorce:"/), '  war sorce:rt', '      ^^^^^^']);
  });

  it('lines up under Cyrillic and tabs', () => {
    const q = 'война\t(мир';
    expect(formatQueryError(q, fails(q)).split('\n').slice(1)).toEqual(['  война\t(мир', '       \t^']);
  });
});

describe('dates', () => {
  it('accepts real years, months and days only', () => {
    expect(['2024', '2024-02', '2024-02-29', '0999-12-31'].every(isQueryDate)).toBe(true);
    expect(['24', '2024-2', '2024-00', '2023-02-29', '2024-04-31', '2024/01/01', '0000'].some(isQueryDate)).toBe(false);
  });

  it('dateAfter gives the exclusive upper bound at the same precision', () => {
    expect(dateAfter('2024')).toBe('2025');
    expect(dateAfter('2024-02')).toBe('2024-03');
    expect(dateAfter('2024-12')).toBe('2025-01');
    expect(dateAfter('2024-02-28')).toBe('2024-02-29');
    expect(dateAfter('2023-12-31')).toBe('2024-01-01');
    expect(dateAfter('0050-01-31')).toBe('0050-02-01');
    expect(dateAfter('9999-12-31')).toBe('9999~');
    expect(dateAfter('9999')).toBe('9999~');
  });
});

describe('parseQuery on arbitrary input', () => {
  it('returns a tree or throws QueryError, nothing else', () => {
    const piece = fc.oneof(
      fc.constantFrom('(', ')', '"', '«', '»', '„', '“', '”', '-', '*', ':', ',', ' ', '  ', 'AND', 'OR', 'NOT', 'NEAR', 'NEAR/3', 'NEAR(', 'source:', 'lang:ru', 'title:', 'from:2024', 'to:2023-05', 'technique:x', 'sorce:', 'война', 'партия', 'war', 'elect', '5', '\t'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const q = pieces.join('');
        try {
          parseQuery(q);
        } catch (e) {
          expect(e).toBeInstanceOf(QueryError);
          const err = e as QueryError;
          expect(err.position).toBeGreaterThanOrEqual(0);
          expect(err.position).toBeLessThanOrEqual(q.length);
          expect(err.length).toBeGreaterThan(0);
          expect(typeof formatQueryError(q, err)).toBe('string');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
