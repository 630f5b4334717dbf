import { describe, expect, it } from 'vitest';
import { datelineDate, headlineDate, parseDate } from './index.js';

const dmy = { order: 'dmy' as const };
const none = { order: null };

describe('parseDate', () => {
  it.each([
    ['2024-07-05', '2024-07-05'],
    ['2024-07-05T23:30:00-05:00', '2024-07-05'],
    ['2024-07-05T01:30:00+03:00', '2024-07-05'],
    ['2024-07-05 14:05:00', '2024-07-05'],
    ['20240705', '2024-07-05'],
    ['Fri, 05 Jul 2024 10:00:00 GMT', '2024-07-05'],
    ['Fri, 5 Jul 2024 23:59:00 +0300', '2024-07-05'],
    ['1720180800', '2024-07-05'],
    ['1720180800000', '2024-07-05'],
    ['5.7.2024', '2024-07-05'],
    ['05.07.2024 14:05', '2024-07-05'],
    ['05.07.24', '2024-07-05'],
    ['July 5, 2024', '2024-07-05'],
    ['Friday, July 5th, 2024 at 10:00 am', '2024-07-05'],
    ['5 July 2024', '2024-07-05'],
    ['5 июля 2024', '2024-07-05'],
    ['5 июля 2024 г.', '2024-07-05'],
    ['5 липня 2024 р.', '2024-07-05'],
  ])('reads %s as a day', (raw, date) => {
    expect(parseDate(raw, none)).toEqual({ date, precision: 'day' });
  });

  it('reads months and years', () => {
    expect(parseDate('July 2024', none)).toEqual({ date: '2024-07', precision: 'month' });
    expect(parseDate('июль 2024', none)).toEqual({ date: '2024-07', precision: 'month' });
    expect(parseDate('липень 2024', none)).toEqual({ date: '2024-07', precision: 'month' });
    expect(parseDate('2024-07', none)).toEqual({ date: '2024-07', precision: 'month' });
    expect(parseDate('2024', none)).toEqual({ date: '2024', precision: 'year' });
    expect(parseDate('1956 г.', none)).toEqual({ date: '1956', precision: 'year' });
  });

  it('resolves ambiguous numeric dates by the order, day first when unknown', () => {
    expect(parseDate('05/07/2024', none)?.date).toBe('2024-07-05');
    expect(parseDate('05/07/2024', dmy)?.date).toBe('2024-07-05');
    expect(parseDate('05/07/2024', { order: 'mdy' })?.date).toBe('2024-05-07');
    expect(parseDate('3.6.2023', dmy)?.date).toBe('2023-06-03');
  });

  it('lets a component over 12 settle the order', () => {
    expect(parseDate('05/17/2024', dmy)?.date).toBe('2024-05-17');
    expect(parseDate('17/05/2024', { order: 'mdy' })?.date).toBe('2024-05-17');
  });

  it('rejects impossible dates and years out of range', () => {
    for (const raw of ['31.02.2024', '29.02.2023', '2024-13-01', '0999', '2150', '12.05.0999', 'July 2250', '']) {
      expect(parseDate(raw, none)).toBeNull();
    }
    expect(parseDate('29.02.2024', none)?.date).toBe('2024-02-29');
  });

  it('rejects text that is no date, and dates without a year unless given a reference', () => {
    for (const raw of ['yesterday', 'now', 'Morning Star', '14:05', 'No. 117', '5 July']) {
      expect(parseDate(raw, none)).toBeNull();
    }
    expect(parseDate('5 July', { order: null, now: new Date(Date.UTC(2024, 7, 1)) })).toEqual({ date: '2024-07-05', precision: 'day' });
  });
});

describe('headlineDate', () => {
  it('finds a date in parentheses at the end', () => {
    const title = 'We Need Unity! (5.7.2024)';
    const d = headlineDate(title, 'dmy');
    expect(d).toEqual({ date: '2024-07-05', precision: 'day', start: 16, end: 24 });
    expect(title.slice(d?.start, d?.end)).toBe('5.7.2024');
  });

  it('finds a date after a separator', () => {
    const a = 'Election results in Harlow County - July 5, 2024';
    expect(headlineDate(a, null)).toMatchObject({ date: '2024-07-05', start: 36, end: a.length });
    expect(headlineDate('Новости Нижнегорска | 05.07.2024', null)?.date).toBe('2024-07-05');
    expect(headlineDate('Гроші на дороги — 5 липня 2024 р.', null)?.date).toBe('2024-07-05');
  });

  it('finds a numeric date alone at the end', () => {
    expect(headlineDate('Совет снова перенёс голосование 12.03.2024', 'dmy')).toMatchObject({ date: '2024-03-12', start: 32 });
  });

  it('follows the source order for ambiguous dates', () => {
    expect(headlineDate('Rally in the square (3.6.2023)', 'dmy')?.date).toBe('2023-06-03');
    expect(headlineDate('Rally in the square (3.6.2023)', 'mdy')?.date).toBe('2023-03-06');
  });

  it('ignores years, ranges and headlines without dates', () => {
    expect(headlineDate('Victory - 1945', null)).toBeNull();
    expect(headlineDate('The siege (12.1.1945-8.5.1945)', null)).toBeNull();
    expect(headlineDate('Is the grain corridor dead?', null)).toBeNull();
    expect(headlineDate('Issue 213 – 13.12', null)).toBeNull();
    expect(headlineDate(null, null)).toBeNull();
  });
});

describe('datelineDate', () => {
  it('finds a date opening the body', () => {
    const body = '5 July 2024\nThe council met again.';
    expect(datelineDate(body, null)).toEqual({ date: '2024-07-05', precision: 'day', start: 0, end: 11 });
  });

  it('skips publishing words, weekdays and leading space', () => {
    const a = 'Posted on July 5, 2024 by admin\nThe council met again.';
    expect(datelineDate(a, null)).toMatchObject({ date: '2024-07-05', start: 10, end: 22 });
    const b = '  Опубликовано 5 июля 2024\nСовет снова собрался.';
    const d = datelineDate(b, null);
    expect(d?.date).toBe('2024-07-05');
    expect(b.slice(d?.start, d?.end)).toBe('5 июля 2024');
    expect(datelineDate('Опубліковано: 12 квітня 2024 р.\nРада зібралася.', null)?.date).toBe('2024-04-12');
    expect(datelineDate('Friday, March 8, 2024\nText', null)?.date).toBe('2024-03-08');
  });

  it('reads numeric datelines with a time by the source order', () => {
    const body = '12.03.2024 14:05\nСовет снова собрался.';
    expect(datelineDate(body, 'dmy')).toEqual({ date: '2024-03-12', precision: 'day', start: 0, end: 10 });
    expect(datelineDate('03.12.2024 14:05\nText', 'mdy')?.date).toBe('2024-03-12');
  });

  it('reads a wire dateline without a year only with a reference year', () => {
    const body = 'KYIV, March 5 (Reuters) - The council said on Tuesday it would meet again.';
    expect(datelineDate(body, null)).toBeNull();
    const d = datelineDate(body, null, 2024);
    expect(d).toMatchObject({ date: '2024-03-05', precision: 'day' });
    expect(body.slice(d?.start, d?.end)).toBe('March 5');
    expect(datelineDate('KYIV, March 5, 2024 (Reuters) - Text', null)?.date).toBe('2024-03-05');
  });

  it('ignores dates inside the first sentence', () => {
    expect(datelineDate('In 1945 the war ended.', null)).toBeNull();
    expect(datelineDate('On 5 July 2024 the council met.', null)).toBeNull();
    expect(datelineDate('The council met on 5 July 2024.', null)).toBeNull();
    expect(datelineDate('', null)).toBeNull();
  });
});
