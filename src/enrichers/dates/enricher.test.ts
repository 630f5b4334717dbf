import { describe, expect, it } from 'vitest';
import type { EnrichContext, EnrichInput } from '../types.js';
import { datesEnricher } from './index.js';

const ctx: EnrichContext = { dateOrder: 'dmy', languages: ['en', 'ru', 'uk'] };
const defaults = datesEnricher.options.parse({});

function input(over: Partial<EnrichInput>): EnrichInput {
  return { text: '', title: null, rawDate: null, publishedAt: null, datePrecision: null, language: null, ...over };
}

describe('datesEnricher', () => {
  it('declares itself and parses default options', () => {
    expect(datesEnricher).toMatchObject({ id: 'dates', version: '1.0.0', writes: 'date', requires: [] });
    expect(defaults).toEqual({});
    expect(datesEnricher.options.parse({ order: 'mdy' })).toEqual({ order: 'mdy' });
    expect(datesEnricher.options.safeParse({ order: 'ymd' }).success).toBe(false);
  });

  it('takes the publication date from metadata first', () => {
    const r = datesEnricher.run(
      input({ rawDate: 'Fri, 05 Jul 2024 10:00:00 GMT', title: 'Rally in the square (3.6.2023)', text: '12 May 2022\nText' }),
      defaults,
      ctx,
    );
    expect(r.patch).toEqual({ publishedAt: '2024-07-05', datePrecision: 'day' });
  });

  it('falls back to the headline, then the dateline, then the date already known', () => {
    const headline = datesEnricher.run(input({ rawDate: 'not a date', title: 'Rally in the square (3.6.2023)', text: 'Text' }), defaults, ctx);
    expect(headline.patch).toEqual({ publishedAt: '2023-06-03', datePrecision: 'day' });
    const dateline = datesEnricher.run(input({ title: 'Rally in the square', text: 'Posted on May 12, 2022 by admin\nText' }), defaults, ctx);
    expect(dateline.patch).toEqual({ publishedAt: '2022-05-12', datePrecision: 'day' });
    const kept = datesEnricher.run(input({ title: 'Rally', text: 'Text', publishedAt: '2021-08', datePrecision: 'month' }), defaults, ctx);
    expect(kept.patch).toEqual({ publishedAt: '2021-08', datePrecision: 'month' });
    const none = datesEnricher.run(input({ text: 'Text' }), defaults, ctx);
    expect(none.patch).toEqual({ publishedAt: null, datePrecision: null });
  });

  it('uses its own order over the source order', () => {
    const item = input({ title: 'Rally in the square (3.6.2023)' });
    expect(datesEnricher.run(item, defaults, ctx).patch?.publishedAt).toBe('2023-06-03');
    expect(datesEnricher.run(item, { order: 'mdy' }, ctx).patch?.publishedAt).toBe('2023-03-06');
    expect(datesEnricher.run(item, defaults, { ...ctx, dateOrder: 'mdy' }).patch?.publishedAt).toBe('2023-03-06');
  });

  it('dates a wire dateline by the year already known', () => {
    const r = datesEnricher.run(
      input({ text: 'KYIV, March 5 (Reuters) - The council said it would meet again.', publishedAt: '2024', datePrecision: 'year' }),
      defaults,
      ctx,
    );
    expect(r.patch).toEqual({ publishedAt: '2024-03-05', datePrecision: 'day' });
  });

  it('writes date spans with labels, ISO values and its producer', () => {
    const text = 'Гражданская война 1918–1921 гг. закончилась, а 5 мая 1920 г. город был взят. В 1990-х годах здесь открыли музей; в 1956 г. поставили памятник. Видео: 0:42:15.';
    const r = datesEnricher.run(input({ text }), defaults, ctx);
    expect(r.spans.map((s) => [s.label, s.value, text.slice(s.start, s.end)])).toEqual([
      ['range', '1918/1921', '1918–1921 гг.'],
      ['date', '1920-05-05', '5 мая 1920 г.'],
      ['decade', '1990/1999', '1990-х годах'],
      ['year', '1956', '1956 г.'],
    ]);
    for (const s of r.spans) {
      expect(s).toMatchObject({ layer: 'date', producer: { id: 'dates', version: '1.0.0' } });
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
    expect(r.spans[1]?.confidence).toBe(0.9);
  });
});
