import { describe, expect, it } from 'vitest';
import { recogniseEntities } from './recognise.js';

function show(text: string, lang: string): string[] {
  return recogniseEntities(text, lang).map((m) => `${m.type}:${text.slice(m.start, m.end)}=${m.canonical}`);
}

describe('recogniseEntities (English)', () => {
  it('strips titles and keeps the name, and types places and bodies', () => {
    const text = 'Comrade General Secretary Xi Jinping met President Vladimir Putin in Moscow on Tuesday.';
    expect(show(text, 'en')).toEqual(['PER:Xi Jinping=Xi Jinping', 'PER:Vladimir Putin=Vladimir Putin', 'LOC:Moscow=Moscow']);
  });

  it('splits lists and trims trailing punctuation and possessives', () => {
    const text = "Ministers from France, Italy and Greece met in Athens. Greece's premier spoke first.";
    expect(show(text, 'en')).toEqual(['LOC:France=France', 'LOC:Italy=Italy', 'LOC:Greece=Greece', 'LOC:Athens=Athens', 'LOC:Greece=Greece']);
  });

  it('separates a demonym and a title inside one capitalised run', () => {
    const text = 'Yesterday German Chancellor Angela Merkel phoned Kyiv Mayor Vitali Klitschko.';
    expect(show(text, 'en')).toEqual(['MISC:German=German', 'PER:Angela Merkel=Angela Merkel', 'LOC:Kyiv=Kyiv', 'PER:Vitali Klitschko=Vitali Klitschko']);
  });

  it('keeps initials and organisation names with connectors', () => {
    const text = 'A report by the University of Oxford and the Ministry of Defence was cited by J.R. Hartley, who said it was wrong.';
    expect(show(text, 'en')).toEqual([
      'ORG:University of Oxford=University of Oxford',
      'ORG:Ministry of Defence=Ministry of Defence',
      'PER:J.R. Hartley=J.R. Hartley',
    ]);
  });

  it('does not take sentence openers, months or weekdays for names', () => {
    const text = 'The talks ended. However, nothing changed in July. Police said on Monday that Anna Hartmann had left.\nLater the police closed the road.';
    const found = show(text, 'en');
    expect(found).toEqual(['PER:Anna Hartmann=Anna Hartmann']);
  });

  it('types a lone surname by the full name earlier in the text', () => {
    const text = 'Opposition leader Marek Dobrowolski arrived late. Critics of Dobrowolski stayed away.';
    expect(show(text, 'en')).toEqual(['PER:Marek Dobrowolski=Marek Dobrowolski', 'PER:Dobrowolski=Dobrowolski']);
  });

  it('gives UTF-16 offsets that slice the mention out of the text', () => {
    const text = '🙂 Zelensky told NATO leaders in Vilnius.';
    for (const m of recogniseEntities(text, 'en')) expect(text.slice(m.start, m.end)).toMatch(/^(Zelensky|NATO|Vilnius)$/);
    expect(recogniseEntities(text, 'en').map((m) => m.type)).toEqual(['PER', 'ORG', 'LOC']);
  });
});

describe('recogniseEntities (Russian and Ukrainian)', () => {
  it('lemmatises inflected names to the nominative', () => {
    const text = 'В Петербурге Путин обсудил с главой МИД ситуацию вокруг Зеленского и Москвы.';
    expect(show(text, 'ru')).toEqual(['LOC:Петербурге=Петербург', 'PER:Путин=Путин', 'ORG:МИД=МИД', 'PER:Зеленского=Зеленский', 'LOC:Москвы=Москва']);
  });

  it('keeps initials, drops titles, and splits a country from the name after it', () => {
    const text = 'Это заявил В.В. Путин. Премьер-министр Японии Наото Кан прибыл в Саратов, сообщил г-н Иванов.';
    expect(show(text, 'ru')).toEqual(['PER:В.В. Путин=В.В. Путин', 'LOC:Японии=Япония', 'PER:Наото Кан=Наото Кан', 'LOC:Саратов=Саратов', 'PER:Иванов=Иванов']);
  });

  it('marks quoted organisations with their descriptor and adjective-headed names', () => {
    const text = 'Представители партии «Единая Россия» и ООО «Северный ветер» посетили Свердловскую область и Большой театр.';
    expect(show(text, 'ru')).toEqual([
      'ORG:партии «Единая Россия=Единая Россия',
      'ORG:ООО «Северный ветер=ООО Северный ветер',
      'LOC:Свердловскую область=Свердловская область',
      'ORG:Большой театр=Большой театр',
    ]);
  });

  it('reads surnames in oblique cases as people', () => {
    const text = 'Суд отклонил иск Алексея Смирнова к Марине Ковалевой.';
    expect(show(text, 'ru')).toEqual(['PER:Алексея Смирнова=Алексей Смирнов', 'PER:Марине Ковалевой=Марина Ковалева']);
  });

  it('handles Ukrainian forms at best effort', () => {
    const text = 'Президент України Володимир Зеленський заявив у Києві, що Харків вистоїть.';
    expect(show(text, 'uk')).toEqual(['LOC:України=Україна', 'PER:Володимир Зеленський=Володимир Зеленський', 'LOC:Києві=Київ', 'LOC:Харків=Харків']);
  });
});
