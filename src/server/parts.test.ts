// The pure parts of the API: snippets, time buckets, JSON escaping.
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../search/index.js';
import { HttpProblem } from './problem.js';
import { escapeJson } from './security.js';
import { plainSnippet } from '../search/snippet.js';
import { bucketOf, countSeries, MAX_BUCKETS } from './timeseries.js';

const cp = (s: string, start: number, end: number): string => Array.from(s).slice(start, end).join('');

async function* rows(list: Array<[string, string | null]>): AsyncGenerator<{ key: string; date: string | null }> {
  for (const [key, date] of list) yield await Promise.resolve({ key, date });
}

describe('plainSnippet', () => {
  it('collapses whitespace and keeps the highlight offsets on the collapsed text, in code points', () => {
    const text = '😀 Harbour   Council\n\nrefuses to publish its contracts. 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 aside, the council   meets on Monday.';
    const s = plainSnippet(text, 'en', compileQuery('council').highlight);
    expect(s.text).toBe('😀 Harbour Council refuses to publish its contracts. 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 aside, the council meets on Monday.');
    expect(s.highlights.map((h) => cp(s.text, h.start, h.end))).toEqual(['Council', 'council']);
    expect(s.matches.map((h) => cp(text, h.start, h.end))).toEqual(['Council', 'council']);
    expect([s.clippedStart, s.clippedEnd]).toEqual([false, false]);
  });

  it('opens a window around the first match in a long text and says it is clipped', () => {
    const filler = 'The ferry left the quay at dawn and the gulls followed it out past the breakwater. '.repeat(6);
    const text = `${filler}Then the observers said the report was written in advance. ${filler}`;
    const s = plainSnippet(text, 'en', compileQuery('"written in advance"').highlight);
    expect(s.clippedStart).toBe(true);
    expect(s.clippedEnd).toBe(true);
    expect(s.highlights.map((h) => cp(s.text, h.start, h.end))).toEqual(['written in advance']);
    expect(s.text.length).toBeLessThan(260);
  });
});

describe('time buckets', () => {
  it('names weeks by their Monday, across months and years', () => {
    expect(bucketOf('2024-03-10', 'week')).toBe('2024-03-04'); // a Sunday
    expect(bucketOf('2024-03-11', 'week')).toBe('2024-03-11'); // a Monday
    expect(bucketOf('2025-01-01', 'week')).toBe('2024-12-30');
    expect(bucketOf('2024-03', 'week')).toBeNull();
    expect(bucketOf('2024-03', 'month')).toBe('2024-03');
    expect(bucketOf('2024', 'month')).toBeNull();
  });

  it('lists every bucket between the first and the last, gaps as zeros', async () => {
    const s = await countSeries(
      rows([
        ['a', '2023-11-05'],
        ['b', '2024-02-01'],
        ['a', '2024-02-20'],
        ['a', null],
        ['b', '2024'],
      ]),
      'month',
    );
    expect(s.buckets).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(s.series).toEqual([
      { key: 'a', total: 2, counts: [1, 0, 0, 1] },
      { key: 'b', total: 1, counts: [0, 0, 0, 1] },
    ]);
    expect([s.total, s.undated, s.imprecise]).toEqual([3, 1, 1]);
  });

  it('refuses a day series longer than the limit with a 400 naming the interval', async () => {
    const err = await countSeries(rows([['a', '1990-01-01'], ['a', '2024-01-01']]), 'day').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpProblem);
    expect((err as HttpProblem).status).toBe(400);
    expect((err as HttpProblem).detail).toMatch(new RegExp(`^interval: .*more than ${MAX_BUCKETS} days`));
    expect((await countSeries(rows([['a', '1990-01-01'], ['a', '2024-01-01']]), 'month')).buckets).toHaveLength(409);
  });
});

describe('escapeJson', () => {
  it('leaves no markup characters in the JSON and the same data for a parser', () => {
    const value = { text: '<script>alert("x")</script> & <img src=x onerror=alert(1)>\u2028' };
    const json = escapeJson(JSON.stringify(value));
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
