import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptRuns } from './index.js';

function pieces(text: string): Array<[string, string]> {
  return scriptRuns(text).map((r) => [r.script, text.slice(r.start, r.end)]);
}

describe('scriptRuns', () => {
  it('keeps a brand name inside Russian text in the Cyrillic run', () => {
    expect(pieces('Компания Apple представила новый iPhone в Москве.')).toEqual([
      ['cyrillic', 'Компания Apple представила новый iPhone в Москве.'],
    ]);
  });

  it('splits substantial runs, with the cut after the space so quotes open their run', () => {
    const text =
      'Депутат Олег Стрельцов написал в своём канале: "The council has betrayed the people of this city and will answer for it." Через час пост из канала удалили.';
    expect(pieces(text)).toEqual([
      ['cyrillic', 'Депутат Олег Стрельцов написал в своём канале: '],
      ['latin', '"The council has betrayed the people of this city and will answer for it." '],
      ['cyrillic', 'Через час пост из канала удалили.'],
    ]);
  });

  it('attaches leading and trailing digits and punctuation to the neighbouring run', () => {
    const text = '2024: Harlow County council votes again on the budget — Голосование в Нижнегорском совете перенесли 12.03';
    const runs = scriptRuns(text);
    expect(runs.map((r) => r.script)).toEqual(['latin', 'cyrillic']);
    expect(runs[0]?.start).toBe(0);
    expect(runs[1]?.end).toBe(text.length);
  });

  it('gives one "other" run for text without letters and none for empty text', () => {
    expect(scriptRuns('12:30 — 14:05')).toEqual([{ start: 0, end: 13, script: 'other' }]);
    expect(scriptRuns('')).toEqual([]);
  });

  it('honours a smaller minimum run size', () => {
    expect(pieces('Он купил iPhone вчера').map((p) => p[0])).toEqual(['cyrillic']);
    expect(pieces('Он купил iPhone вчера').length).toBe(1);
    expect(scriptRuns('Он купил iPhone вчера', { minLetters: 1 }).map((r) => r.script)).toEqual(['cyrillic', 'latin', 'cyrillic']);
  });

  it('covers the text with contiguous runs whose neighbours differ in script', () => {
    const alphabet = fc.constantFrom('a', 'Z', 'é', 'д', 'Ї', ' ', '1', '.', '"', '\n', '😀', '中');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 300 }).map((a) => a.join('')), fc.integer({ min: 0, max: 30 }), (text, minLetters) => {
        const runs = scriptRuns(text, { minLetters });
        if (text.length === 0) return runs.length === 0;
        expect(runs[0]?.start).toBe(0);
        expect(runs[runs.length - 1]?.end).toBe(text.length);
        for (let i = 0; i < runs.length; i++) {
          const r = runs[i];
          expect(r && r.end > r.start).toBe(true);
          const next = runs[i + 1];
          if (r && next) {
            expect(next.start).toBe(r.end);
            expect(next.script).not.toBe(r.script);
          }
        }
        return true;
      }),
    );
  });
});
