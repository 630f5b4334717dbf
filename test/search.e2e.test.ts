// Search end to end: the real CLI over a small corpus written for this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, jsonl, tempDir } from './cli-helpers.js';

interface Hit {
  id: string;
  title: string | null;
  source: string;
  language: string;
  publishedAt: string | null;
  score: number;
  snippet: string;
  highlights: Array<{ start: number; end: number }>;
  copies: number;
  text: string;
}

const EN = `Harbour Council Meets Again (4.3.2024)

The Harbour Council met on Monday and postponed the vote on the port lease. Elections to the council are due in autumn.

Ferry Timetable Cut (5.3.2024)

The ferry operator cut the evening boats. The council of the harbour said nothing about the ferry.

Election Night Chaos (6.3.2024)

Observers reported long queues at every polling station during the election in the northern district.
`;

const RU = `Выборы в Петербурге (7.3.2024)

Городская комиссия снова отказалась публиковать протоколы. Кандидаты от партии «Обновление» жалуются на давление.

ПЕТЕРБУРГ ЖДЁТ ОТВЕТА (8.3.2024)

Жители требуют ответа от мэрии. Депутаты партий оппозиции собрали подписи.
`;

const COPY_BODY = 'The people of the region were never asked about the harbour lease, and the council knows it.';
// The same statement on two sites: different pages (bytes), the same item text.
const COPY_ONE = `Statement Reposted (9.3.2024)\n\n${COPY_BODY}\n`;
const COPY_TWO = `Statement Reposted (10.3.2024)\n\n${COPY_BODY}\n`;

let tmp: { dir: string; cleanup: () => void };
let db: string;

beforeAll(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'search.db');
  for (const [source, file, text] of [
    ['harbour-blog', 'dump.txt', EN],
    ['piter-news', 'dump.txt', RU],
    ['copy-one', 'a.txt', COPY_ONE],
    ['copy-two', 'b.txt', COPY_TWO],
  ] as const) {
    mkdirSync(join(tmp.dir, 'corpus', source), { recursive: true });
    writeFileSync(join(tmp.dir, 'corpus', source, file), text);
  }
  const r = cli(db, ['ingest', join(tmp.dir, 'corpus')]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => tmp.cleanup());

function search(query: string, ...flags: string[]): Hit[] {
  const r = cli(db, ['search', query, '--json', ...flags]);
  expect(r.code, r.stderr).toBe(0);
  return jsonl<Hit>(r.stdout).filter((h) => 'id' in h);
}

const titles = (hits: Hit[]): Array<string | null> => hits.map((h) => h.title).sort();

describe('narrascope search', () => {
  it('finds inflected and differently cased Russian forms', () => {
    expect(titles(search('Петербург'))).toEqual(['Выборы в Петербурге', 'ПЕТЕРБУРГ ЖДЁТ ОТВЕТА']);
    expect(titles(search('партия'))).toEqual(['Выборы в Петербурге', 'ПЕТЕРБУРГ ЖДЁТ ОТВЕТА']);
    expect(titles(search('ждет'))).toEqual(['ПЕТЕРБУРГ ЖДЁТ ОТВЕТА']);
  });

  it('finds English inflections', () => {
    expect(titles(search('elections'))).toEqual(['Election Night Chaos', 'Harbour Council Meets Again']);
  });

  it('keeps a quoted phrase exact', () => {
    expect(titles(search('"harbour council"'))).toEqual(['Harbour Council Meets Again']);
  });

  it('applies NOT and lang: exactly', () => {
    expect(titles(search('harbour -ferry'))).toEqual(['Harbour Council Meets Again', 'Statement Reposted', 'Statement Reposted']);
    expect(search('lang:ru').every((h) => h.language === 'ru')).toBe(true);
    expect(search('lang:ru')).toHaveLength(2);
    expect(titles(search('lang:ru -партия'))).toEqual([]);
  });

  it('marks the matches in the snippet and gives their code point offsets', () => {
    const [hit] = search('протокол lang:ru');
    expect(hit?.snippet).toContain('**протоколы**');
    const h = hit?.highlights[0];
    expect(h && [...(hit?.text ?? '')].slice(h.start, h.end).join('')).toBe('протоколы');
  });

  it('collapses identical texts and counts facets', () => {
    expect(search('lease').length).toBe(3);
    const collapsed = search('lease', '--collapse-duplicates');
    expect(collapsed).toHaveLength(2);
    expect(collapsed.find((h) => h.title === 'Statement Reposted')?.copies).toBe(2);
    const r = cli(db, ['search', 'council', '--json', '--facets']);
    const facets = jsonl<{ facets?: { source: Record<string, number>; month: Record<string, number> } }>(r.stdout).find((l) => l.facets)?.facets;
    expect(facets?.source['harbour-blog']).toBe(2);
    expect(facets?.month['2024-03']).toBeGreaterThanOrEqual(3);
  });

  it('rejects an invalid query with exit 2 and points at the error', () => {
    const r = cli(db, ['search', 'harbour AND (ferry']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\(/);
    expect(r.stderr).toContain('^');
  });
});
