import { describe, expect, it } from 'vitest';
import { QueryError } from '../search/index.js';
import type { Narrative } from './codebook.js';
import { compileNarrative, compileNarrativeQuery, matchNarratives } from './match.js';
import type { NarrativeMeta } from './match.js';
import { splitSentences } from './sentences.js';

const META: NarrativeMeta = { source: 'Evening Courier', sourceId: 'src-1', publishedAt: '2024-03-15', title: null, author: 'Jane Roe' };

function narrative(queries: string[], id = 'n'): Narrative {
  return { id, title: id, description: '', queries, examples: [] };
}

/** The sentences a one-query narrative marks in `text`, as text. */
function marked(query: string, text: string, language = 'en', meta: Partial<NarrativeMeta> = {}): string[] {
  return matchNarratives([compileNarrative(narrative([query]))], text, language, { ...META, ...meta }).map((m) => text.slice(m.start, m.end));
}

function matches(query: string, text: string, language = 'en', meta: Partial<NarrativeMeta> = {}): boolean {
  return marked(query, text, language, meta).length > 0;
}

describe('matchNarratives: words as search matches them', () => {
  it('stems bare words in English, Russian and Ukrainian', () => {
    expect(matches('sanctions', 'The new sanction package was signed.')).toBe(true);
    expect(matches('elections', 'The election was held in May.')).toBe(true);
    expect(matches('санкции', 'Ввод новых санкций отложили до осени.', 'ru')).toBe(true);
    expect(matches('санкции', 'Європа запровадила нові санкції.', 'uk')).toBe(true);
    expect(matches('sanctions', 'The sanctuary was closed.')).toBe(false);
  });

  it('matches phrases as consecutive words, folded but never stemmed', () => {
    expect(matches('"black market"', 'Rifles turned up on the Black Market in Odesa.')).toBe(true);
    expect(matches('"black market"', 'Black markets flourish everywhere.')).toBe(false);
    expect(matches('"black market"', 'The market was black with smoke.')).toBe(false);
    expect(matches('"черный рынок"', 'Оружие ушло на чёрный рынок.', 'ru')).toBe(true);
    expect(matches('"черный рынок"', 'Оружие всплыло на черном рынке.', 'ru')).toBe(false);
  });

  it('matches prefixes on words as written', () => {
    expect(matches('biolab*', 'Secret biolaboratories were mentioned again.')).toBe(true);
    expect(matches('"black mark"*', 'They sold it on black markets.')).toBe(true);
    expect(matches('biolab*', 'The laboratory was closed.')).toBe(false);
  });

  it('applies AND, OR and NOT to the whole item', () => {
    const text = 'Sanctions have backfired. Europe pays for gas. There is no evidence for any of this.';
    expect(matches('sanctions Europe', text)).toBe(true);
    expect(matches('sanctions (Asia OR Europe)', text)).toBe(true);
    expect(matches('sanctions Asia', text)).toBe(false);
    expect(matches('sanctions -"no evidence"', text)).toBe(false);
    expect(matches('sanctions -Asia', text)).toBe(true);
  });

  it('counts NEAR distance as FTS5 does, in any order', () => {
    expect(matches('sanctions NEAR/2 Europe', 'Sanctions against all Europe.')).toBe(true);
    expect(matches('sanctions NEAR/2 Europe', 'Sanctions against all of Europe.')).toBe(false);
    expect(matches('sanctions NEAR/2 Europe', 'Sanctions were, as everyone knows by now, bad for Europe.')).toBe(false);
    expect(matches('NEAR(Europe sanctions, 1)', 'Sanctions hurt Europe.')).toBe(true);
    expect(matches('NEAR(Europe sanctions, 0)', 'Sanctions hurt Europe.')).toBe(false);
    // A mixed group compares words as written: "sanction" no longer finds "sanctions".
    expect(matches('NEAR(sanction "Europe", 3)', 'Sanctions hurt Europe.')).toBe(false);
    expect(matches('NEAR(sanctions "Europe", 3)', 'Sanctions hurt Europe.')).toBe(true);
  });

  it('looks in the title too, and only there with title:', () => {
    expect(matches('sanctions Europe', 'Europe pays more for gas.', 'en', { title: 'Sanctions backfire' })).toBe(true);
    expect(matches('title:sanctions', 'Sanctions backfire on Europe.', 'en', { title: 'Gas prices' })).toBe(false);
    expect(matches('title:sanctions Europe', 'Europe pays more for gas.', 'en', { title: 'Sanctions backfire' })).toBe(true);
  });
});

describe('matchNarratives: metadata filters', () => {
  const text = 'Sanctions have backfired on Europe.';
  it('filters by language', () => {
    expect(matches('sanctions lang:en', text)).toBe(true);
    expect(matches('sanctions lang:ru', text)).toBe(false);
    expect(matches('sanctions -lang:en', text)).toBe(false);
    expect(matches('sanctions (lang:ru OR lang:en)', text)).toBe(true);
  });

  it('filters by source name (any case) or id, and by author', () => {
    expect(matches('sanctions source:"evening courier"', text)).toBe(true);
    expect(matches('sanctions source:src-1', text)).toBe(true);
    expect(matches('sanctions -source:src-1', text)).toBe(false);
    expect(matches('sanctions author:"jane roe"', text)).toBe(true);
    expect(matches('sanctions author:smith', text)).toBe(false);
    expect(matches('sanctions -author:smith', text, 'en', { author: null })).toBe(true);
    expect(matches('sanctions author:smith', text, 'en', { author: null })).toBe(false);
  });

  it('filters by date bounds of any precision; undated items match no bound', () => {
    expect(matches('sanctions from:2024-03', text)).toBe(true);
    expect(matches('sanctions to:2024-03', text)).toBe(true);
    expect(matches('sanctions to:2024-02', text)).toBe(false);
    expect(matches('sanctions from:2024-03-16', text)).toBe(false);
    expect(matches('sanctions from:2024', text, 'en', { publishedAt: null })).toBe(false);
  });

  it('refuses filters it cannot apply, at compile time', () => {
    for (const q of ['sanctions technique:loaded-language', 'sanctions entity:Lavrov', 'sanctions -narrative:biolabs']) {
      expect(() => compileNarrativeQuery(q)).toThrow(QueryError);
      expect(() => compileNarrativeQuery(q)).toThrow(/cannot be used in a narrative query/);
    }
    expect(() => compileNarrativeQuery('lang:ru')).toThrow(/needs a word or "phrase"/);
    expect(() => compileNarrativeQuery('sanctions (')).toThrow(QueryError);
  });
});

describe('matchNarratives: sentence spans', () => {
  it('marks every sentence where the query matches on its own', () => {
    const text = 'Prices rose again. The sanctions hurt Europe most of all. Nobody asked farmers. Europe suffers from sanctions, he said.';
    expect(marked('sanctions Europe', text)).toEqual(['The sanctions hurt Europe most of all.', 'Europe suffers from sanctions, he said.']);
  });

  it('marks the sentence holding most of the words when they are spread', () => {
    const text = 'Europe is cold this winter. The sanctions package grew, and more sanctions followed. Gas costs more.';
    expect(marked('sanctions Europe gas', text)).toEqual(['The sanctions package grew, and more sanctions followed.']);
  });

  it('marks the whole text when only the title matched', () => {
    const text = 'Gas costs more. Factories close.';
    expect(marked('title:sanctions', text, 'en', { title: 'Sanctions backfire' })).toEqual([text]);
  });

  it('returns UTF-16 offsets with the query and a confidence', () => {
    const text = '😀 Срочно! Санкции ударили бумерангом по Европе.';
    const [m] = matchNarratives([compileNarrative(narrative(['санкции бумеранг', 'Европа'], 'sanctions-backfire'))], text, 'ru', META);
    expect(m).toEqual({ narrative: 'sanctions-backfire', start: 11, end: text.length, query: 'санкции бумеранг', confidence: 0.9 });
  });

  it('reports each narrative once per sentence', () => {
    const matchers = [compileNarrative(narrative(['sanctions', '"sanctions hurt"'], 'a')), compileNarrative(narrative(['Europe'], 'b'))];
    const text = 'Sanctions hurt Europe.';
    expect(matchNarratives(matchers, text, 'en', META).map((m) => [m.narrative, m.query])).toEqual([
      ['a', 'sanctions'],
      ['b', 'Europe'],
    ]);
  });
});

describe('splitSentences', () => {
  function sentences(text: string): string[] {
    return splitSentences(text).map((s) => text.slice(s.start, s.end));
  }

  it('splits English and Russian prose, keeping abbreviations and initials inside', () => {
    expect(sentences('Mr. Smith met U.S. officials on Monday. "It went well," he said! Then he left… Next year?')).toEqual([
      'Mr. Smith met U.S. officials on Monday.',
      '"It went well," he said!',
      'Then he left…',
      'Next year?',
    ]);
    expect(sentences('В. В. Путин прибыл в г. Москва в 2024 г. Встреча прошла, т. е. закончилась. — Да, — сказал он.')).toEqual([
      'В. В. Путин прибыл в г. Москва в 2024 г. Встреча прошла, т. е. закончилась.',
      '— Да, — сказал он.',
    ]);
  });

  it('ends sentences at line breaks and skips blank lines', () => {
    expect(sentences('Headline without a stop\n\n  First line. Second line\n')).toEqual(['Headline without a stop', 'First line.', 'Second line']);
    expect(sentences('')).toEqual([]);
  });
});
