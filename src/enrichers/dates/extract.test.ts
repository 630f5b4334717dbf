import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDates } from './index.js';
import type { DateOrder } from '../../core/types.js';

/** Each mention as "text => label:value", the form the cases below are written in. */
function found(text: string, order: DateOrder | null = null): string[] {
  return extractDates(text, { order }).map((d) => `${text.slice(d.start, d.end)} => ${d.label}:${d.value}`);
}

describe('extractDates: full dates', () => {
  it.each([
    ['The councillors met on July 5, 2024 in the old hall.', 'July 5, 2024 => date:2024-07-05'],
    ['It happened on 5 July 2024.', '5 July 2024 => date:2024-07-05'],
    ['Signed on the 5th of July, 2024 by both sides.', '5th of July, 2024 => date:2024-07-05'],
    ['Jul. 5, 2024: a note from the editor', 'Jul. 5, 2024 => date:2024-07-05'],
    ['Протокол подписан 5 мая 1920 г. в Нижнегорске.', '5 мая 1920 г. => date:1920-05-05'],
    ['Война началась 3 апреля 1914 года.', '3 апреля 1914 года => date:1914-04-03'],
    ['Гагарін полетів 12 квітня 1961 р. з Байконура.', '12 квітня 1961 р. => date:1961-04-12'],
    ['Meeting minutes, 2024-07-05, room 4', '2024-07-05 => date:2024-07-05'],
    ['Опубликовано 12.03.2024 14:05', '12.03.2024 => date:2024-03-12'],
    ['Это было 5-го мая 2024 года.', '5-го мая 2024 года => date:2024-05-05'],
    ['It was 5 July of 2024.', '5 July of 2024 => date:2024-07-05'],
    // Forms the patterns leave to chrono.
    ['Filed July, 5th 2024 by the clerk.', 'July, 5th 2024 => date:2024-07-05'],
    ['Filed 05-Jul-2024 by the clerk.', '05-Jul-2024 => date:2024-07-05'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('reads ambiguous numeric dates by the source order', () => {
    expect(found('The rally on 3.6.2023 drew a crowd.', 'dmy')).toEqual(['3.6.2023 => date:2023-06-03']);
    expect(found('The rally on 3.6.2023 drew a crowd.', 'mdy')).toEqual(['3.6.2023 => date:2023-03-06']);
    expect(found('Posted 05/07/2024', null)).toEqual(['05/07/2024 => date:2024-07-05']);
    expect(found('Posted 05/17/2024', 'dmy')).toEqual(['05/17/2024 => date:2024-05-17']);
  });

  it('gives settled dates more confidence than guessed ones', () => {
    const [guessed] = extractDates('on 3.6.2023', { order: null });
    const [settled] = extractDates('on 13.6.2023', { order: null });
    const [byOrder] = extractDates('on 3.6.2023', { order: 'dmy' });
    expect(guessed?.confidence).toBeLessThan(byOrder?.confidence ?? 0);
    expect(byOrder?.confidence).toBeLessThan(settled?.confidence ?? 0);
  });

  it('rejects impossible dates', () => {
    expect(found('on 31.02.2024 and 30 February 2024')).toEqual([]);
  });
});

describe('extractDates: months, years, ranges, decades', () => {
  it.each([
    ['Prices rose in March 2022 across the region.', 'March 2022 => month:2022-03'],
    ['By May of 2022 the plant had closed.', 'May of 2022 => month:2022-05'],
    ['Цены выросли в марте 2022 года.', 'марте 2022 года => month:2022-03'],
    ['Ціни зросли у березні 2022 року.', 'березні 2022 року => month:2022-03'],
    ['The plant was built in 1956 and closed later.', '1956 => year:1956'],
    ['Since 2014, the border has been closed.', '2014 => year:2014'],
    ['Завод построили в 1956 г. и закрыли позже.', '1956 г. => year:1956'],
    ['Это случилось в 1956-м году.', '1956-м году => year:1956'],
    ['Завод збудували у 1956 році.', '1956 році => year:1956'],
    ['The war lasted 1939-1945.', '1939-1945 => range:1939/1945'],
    ['The war lasted 1939–1945.', '1939–1945 => range:1939/1945'],
    ['Stalin (1878-1953) ruled for decades.', '1878-1953 => range:1878/1953'],
    ['from 1939 to 1945 the town was occupied', '1939 to 1945 => range:1939/1945'],
    ['the 2014-15 season', '2014-15 => range:2014/2015'],
    ['Гражданская война 1918–1921 гг. разорила край.', '1918–1921 гг. => range:1918/1921'],
    ['с 1941 по 1945 год', '1941 по 1945 год => range:1941/1945'],
    ['The siege (12.1.1945-8.5.1945) is remembered.', '12.1.1945-8.5.1945 => range:1945-01-12/1945-05-08'],
    ['26.12.1944-13.2.1945', '26.12.1944-13.2.1945 => range:1944-12-26/1945-02-13'],
    ['The forum met from 3 to 5 April 2023 in Harlow.', 'from 3 to 5 April 2023 => range:2023-04-03/2023-04-05'],
    ['The forum met 3-5 April 2023.', '3-5 April 2023 => range:2023-04-03/2023-04-05'],
    ['The forum met April 3-5, 2023.', 'April 3-5, 2023 => range:2023-04-03/2023-04-05'],
    ['The talks ran 30 March – 2 April 2023.', '30 March – 2 April 2023 => range:2023-03-30/2023-04-02'],
    ['The talks ran March 30 - April 2, 2023.', 'March 30 - April 2, 2023 => range:2023-03-30/2023-04-02'],
    ['Переговоры шли с 30 марта по 2 апреля 2023 года.', 'с 30 марта по 2 апреля 2023 года => range:2023-03-30/2023-04-02'],
    ['Форум прошёл с 3 по 5 апреля 2023 года.', 'с 3 по 5 апреля 2023 года => range:2023-04-03/2023-04-05'],
    ['Форум відбувся з 3 по 5 квітня 2023 р.', 'з 3 по 5 квітня 2023 р. => range:2023-04-03/2023-04-05'],
    ['Music of the 1990s', '1990s => decade:1990/1999'],
    ['Это было в 1990-х годах.', '1990-х годах => decade:1990/1999'],
    ['В 1990-е все изменилось.', '1990-е => decade:1990/1999'],
    ['Це було в 1990-ті роки.', '1990-ті роки => decade:1990/1999'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('labels values with their precision and confidence', () => {
    const [range, year] = extractDates('1939-1945; in 1956', { order: null });
    expect(range).toMatchObject({ label: 'range', precision: 'range', value: '1939/1945' });
    expect(year).toMatchObject({ label: 'year', precision: 'year', value: '1956' });
    expect(year?.confidence).toBeLessThan(range?.confidence ?? 0);
  });

  it('finds several dates in one text, sorted and without overlaps', () => {
    const text = 'Мэр заявил 5 мая 2023 года, что город не получит автобусов до 2026 года, а программа, начатая в 2019 г., будет свёрнута.';
    expect(found(text)).toEqual(['5 мая 2023 года => date:2023-05-05', '2026 года => year:2026', '2019 г. => year:2019']);
  });
});

describe('extractDates: what is not a date', () => {
  it.each([
    ['Watch from 0:42:15 in the video.'],
    ['The meeting starts at 14:05.'],
    ['Issue No. 117 is out now.'],
    ['Выпуск № 213 вышел сегодня.'],
    ['issue 213 – 13.12'],
    ['Read it in the Morning Star now.'],
    ['She may come today, or tomorrow.'],
    ['They march on the capital at dawn.'],
    ['May 5 was a quiet day.'],
    ['Population 1956, area 412 km.'],
    ['A budget of 2000 dollars was approved.'],
    ['In 2000 people gathered, 1500-1600 troops watched.'],
    ['Сбор составил 2000 рублей, пришли до 2000 человек.'],
    ['See pp. 1956-1960 of the report.'],
    ['Stream in 1080p tonight.'],
    ['The 2024 budget is late.'],
    ['Price: $1999, or €2010 with delivery.'],
    ['Call 1234-5678 now'],
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('reads the date after an issue number, and only the date', () => {
    expect(found('Issue 213 – 13.12.2023', 'dmy')).toEqual(['13.12.2023 => date:2023-12-13']);
    expect(found('Выпуск № 213 от 13.12.2023')).toEqual(['13.12.2023 => date:2023-12-13']);
  });

  it('handles non-breaking spaces like spaces', () => {
    expect(found('It happened on 5\u00a0July\u00a02024.')).toEqual(['5\u00a0July\u00a02024 => date:2024-07-05']);
    expect(found('в\u00a01956\u00a0г.')).toEqual(['1956\u00a0г. => year:1956']);
  });

  it('keeps spans sorted, disjoint and inside the text for any input', () => {
    const pieces = fc.constantFrom(
      ' ', '\n', '5', '12', '1945', '2024', '.', '-', '–', '/', ':', 'July', 'мая', 'квітня', 'in', 'в', 'г.', 'року',
      's', '-х', 'to', 'по', 'from', 'с', '(', ')', ',', 'No.', 'March', 'the',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')), fc.constantFrom<DateOrder | null>('dmy', 'mdy', null), (text, order) => {
        const dates = extractDates(text, { order });
        let last = 0;
        for (const d of dates) {
          expect(d.start).toBeGreaterThanOrEqual(last);
          expect(d.end).toBeGreaterThan(d.start);
          expect(d.end).toBeLessThanOrEqual(text.length);
          expect(d.value).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2}(-\d{2})?)?)?$/);
          last = d.end;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('extractDates: volume', () => {
  it('processes 2,000 mixed paragraphs', () => {
    const paragraphs = [
      'The Harlow Gazette reported that the council will not renew the contract signed in March 2019, citing costs of 2,400 dollars per household.',
      'Мэр Нижнегорска заявил 5 мая 2023 года, что город не получит новых автобусов до 2026 года, а программа, начатая в 2019 г., будет свёрнута.',
      'Президент виступив з промовою 12 квітня 2024 р. і нагадав про події 1918–1921 рр. та про 1990-ті роки.',
      'Watch the full interview at 0:42:15. Issue No. 117 is out now, price 300 rubles, 24 pages.',
      'Comments are closed. Share this: Facebook, Twitter. Like this: Loading...',
      'Он сказал, что переговоры продолжатся, но никаких сроков не назвал.',
      'Posted on July 5, 2024 by admin. The 26.12.1944-13.2.1945 siege is remembered every year.',
    ];
    let count = 0;
    for (let i = 0; i < 2000; i++) count += extractDates(`${paragraphs[i % paragraphs.length] ?? ''} (${i})`, { order: 'dmy' }).length;
    // 2000 paragraphs in 7 shapes: 2000/7 of each, dates per shape 1, 3, 3, 0, 0, 0, 2.
    expect(count).toBe(286 * 1 + 286 * 3 + 286 * 3 + 285 * 2);
  });
});
