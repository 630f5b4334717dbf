import { describe, expect, it } from 'vitest';
import { languageSpans } from './index.js';

const QUOTING_POST = `Harlow Free Press readers keep sending us screenshots from the channel run by councillor Oleg Streltsov. Yesterday he posted the following, and we reproduce it in full because it was deleted an hour later:

Городской совет Нижнегорска предал жителей. Мы не позволим чиновникам распоряжаться нашими деньгами, и каждый, кто голосовал за этот бюджет, ответит перед людьми.`;

function texts(text: string): Array<[string, string]> {
  return languageSpans(text).map((s) => [s.language, text.slice(s.start, s.end)]);
}

describe('languageSpans', () => {
  it('gives an English post quoting a Russian paragraph two spans', () => {
    const spans = texts(QUOTING_POST);
    expect(spans.map((s) => s[0])).toEqual(['en', 'ru']);
    expect(spans[0]?.[1].startsWith('Harlow Free Press')).toBe(true);
    expect(spans[0]?.[1].endsWith('an hour later:')).toBe(true);
    expect(spans[1]?.[1].startsWith('Городской совет')).toBe(true);
    expect(spans[1]?.[1].endsWith('перед людьми.')).toBe(true);
  });

  it('merges adjacent paragraphs of one language into one span', () => {
    const text = 'The vote was delayed again on Tuesday evening.\n\nNobody on the council would say why the ballots were wrong.\nThe contractor did not answer our calls.';
    const spans = languageSpans(text);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ start: 0, end: text.length, language: 'en' });
  });

  it('splits a paragraph that mixes substantial runs of two scripts', () => {
    const text =
      'Депутат Олег Стрельцов написал в своём канале: "The council has betrayed the people of this city and will answer for it." Через час пост из канала удалили.';
    expect(texts(text).map((s) => s[0])).toEqual(['ru', 'en', 'ru']);
  });

  it('tells Russian and Ukrainian paragraphs apart in one text', () => {
    const text =
      'Мэр Нижнегорска заявил, что бюджет будет пересмотрен уже в этом месяце.\nМер Верхньодольська заявив, що бюджет переглянуть уже цього місяця.';
    expect(texts(text).map((s) => s[0])).toEqual(['ru', 'uk']);
  });

  it('lets a short line take the language of the text around it', () => {
    const text =
      'The council met again on Thursday to discuss the delayed budget.\nThanks!\nMembers said the contractor would be replaced before the next vote.';
    expect(texts(text).map((s) => s[0])).toEqual(['en']);
  });

  it('skips lines without letters and trims spaces from spans', () => {
    const text = '   ***\n  The council met again on Thursday to discuss the budget.  \n12:30\n';
    const spans = languageSpans(text);
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0]?.start, spans[0]?.end)).toBe('The council met again on Thursday to discuss the budget.');
  });

  it('returns nothing for empty or letterless text', () => {
    expect(languageSpans('')).toEqual([]);
    expect(languageSpans('12 345\n—\n')).toEqual([]);
  });

  it('counts the letters of each span', () => {
    const spans = languageSpans('Мы не сдадимся никогда и никому');
    expect(spans[0]?.letters).toBe(26);
  });

  it('keeps a line in the language of the line before only when its function words agree', () => {
    const text =
      'The council met again on Thursday to discuss the delayed budget.\nMembers said that the contractor was not paid for the work.\nLe conseil municipal de Valmont a décidé de reporter le vote du budget.';
    expect(texts(text).map((s) => s[0])).toEqual(['en', 'fr']);
  });
});
