// The query mix both search benchmarks time (run.ts against raw FTS5, postgres.ts across stores):
// ten queries per category, words drawn from the generator's vocabulary by Zipf rank.
import { vocabulary } from './generate.js';
import type { SearchLang } from './generate.js';

/** Queries by category for a store generated with `seed`. */
export function queryMix(seed: number): Record<string, string[]> {
  /** The first form of the lexeme at a rank of a language's vocabulary (the generator's Zipf rank). */
  const wordAt = (lang: SearchLang, rank: number): string => {
  const forms = vocabulary(lang, seed).lexemes[rank];
  if (!forms?.[0]) throw new Error(`no lexeme at rank ${rank} (${lang})`);
  return forms[0].toLowerCase();
}

return {
  'word (common)': ['government', 'election', 'people', 'police', 'war', 'minister', 'said', 'sanctions', 'правительство', 'уряд'],
  'word (rare)': [
    wordAt('en', 30_000), wordAt('en', 60_000), wordAt('en', 99_000), wordAt('ru', 20_000), wordAt('ru', 50_000),
    wordAt('ru', 90_000), wordAt('uk', 10_000), wordAt('uk', 40_000), wordAt('uk', 80_000), wordAt('en', 5_000),
  ],
  phrase: [
    '"state of emergency"', '"Harbour Council"', '"foreign agents"', '"the people were never asked"', '"energy prices"',
    '"гуманитарная помощь"', '"избирательная комиссия"', '"как сообщили в мэрии"', '"гуманітарна допомога"', '"у Києві"',
  ],
  boolean: [
    'election fraud', 'police OR army', 'war -propaganda', 'grain NOT harbour', '(gas OR fuel) prices',
    'выборы AND комиссия', 'санкции OR цены', 'війна -пропаганда', 'minister (scandal OR corruption)', 'council AND (lease OR contract) -ferry',
  ],
  prefix: ['elect*', 'propagand*', 'harb*', 'corrupt*', 'sanct*', 'выбор*', 'пропаганд*', 'санкц*', 'корупц*', 'journal*'],
  filtered: [
    'lang:ru выборы', 'lang:en election', 'source:harbour-gazette from:2024-01-01 council', 'source:vestnik-kraya санкции',
    'from:2023-06 to:2023-12 grain', 'lang:uk -війна', 'source:zvezda-obzor from:2024-03-01 to:2024-03-31 пропаганда',
    'lang:en -source:harbour-gazette sanctions', 'title:election lang:en', 'lang:ru from:2024 коррупция', 'source:westbridge-observer from:2024-06',
  ],
  'Cyrillic (inflected)': ['выборах', 'Петербурге', 'правительством', 'партии', 'депутатов', 'киеве', 'виборах', 'партії', 'Києві', 'санкціями'],
};
}
