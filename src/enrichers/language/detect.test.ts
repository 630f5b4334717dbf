import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGES, detectLanguage, letterStats } from './index.js';

// Fixture texts are written for these tests: fictional towns, outlets and politicians.
const PARAGRAPHS: Array<[string, string]> = [
  [
    'en',
    'The Harlow County council voted on Tuesday to delay the by-election, saying the ballots printed by the contractor carried the wrong district names.',
  ],
  [
    'ru',
    'Депутаты городского совета Нижнегорска снова отложили голосование по бюджету: по их словам, администрация так и не объяснила, куда ушли деньги на ремонт дорог.',
  ],
  [
    'uk',
    'Депутати міської ради Верхньодольська знову відклали голосування щодо бюджету: за їхніми словами, адміністрація так і не пояснила, куди пішли гроші на ремонт доріг.',
  ],
  [
    'de',
    'Der Stadtrat von Kleinfurt hat am Dienstag beschlossen, die Abstimmung über den Haushalt zu verschieben, weil die Verwaltung keine Zahlen vorgelegt hat.',
  ],
  [
    'fr',
    'Le conseil municipal de Valmont a décidé mardi de reporter le vote du budget, faute de chiffres fournis par la mairie sur les travaux de voirie.',
  ],
  [
    'pl',
    'Rada miejska Borowic ponownie przełożyła głosowanie nad budżetem, ponieważ urzędnicy nie wyjaśnili, na co wydano pieniądze przeznaczone na remont dróg.',
  ],
];

const HEADLINES: Array<[string, string]> = [
  ['en', 'Senator Blake wins runoff in Harlow County'],
  ['en', 'Why the pipeline deal collapsed'],
  ['en', 'We Need Unity!'],
  ['ru', 'Кто стоит за протестами?'],
  ['ru', 'Мэр Нижнегорска ушёл в отставку'],
  ['uk', 'Хто стоїть за протестами?'],
  ['uk', 'Мер Верхньодольська пішов у відставку'],
  ['de', 'Warum die Wahl verschoben wurde'],
  ['fr', 'Le gouvernement annonce des réformes'],
  ['pl', 'Dlaczego wybory przełożono'],
];

// Pairs that differ by a word or a letter: the letter check and the word vote must split them.
const NEAR_PAIRS: Array<[string, string]> = [
  ['Это наша земля', 'Це наша земля'],
  ['Новости дня', 'Новини дня'],
  ['Кто виноват?', 'Хто винен?'],
  ['Мы не сдадимся', 'Ми не здамося'],
  ['Правительство объявило о новых мерах поддержки', 'Уряд оголосив про нові заходи підтримки'],
  ['Путин заявил о победе', 'Путін заявив про перемогу'],
  ["Объект закрыт на ремонт", "Об'єкт закритий на ремонт"],
];

describe('detectLanguage', () => {
  it.each(PARAGRAPHS)('identifies a %s paragraph', (lang, text) => {
    const r = detectLanguage(text);
    expect(r.language).toBe(lang);
    expect(r.confidence).toBeGreaterThan(0.7);
  });

  it.each(HEADLINES)('identifies a short %s headline', (lang, text) => {
    expect(detectLanguage(text).language).toBe(lang);
  });

  it.each(NEAR_PAIRS)('tells Russian "%s" from Ukrainian "%s"', (ru, uk) => {
    expect(detectLanguage(ru).language).toBe('ru');
    expect(detectLanguage(uk).language).toBe('uk');
  });

  it('does not take a Russian paragraph quoting a Ukrainian name for Ukrainian', () => {
    const text =
      'Газета «Вечерний Нижнегорск» пишет, что делегация вернулась из поездки, в ходе которой встречалась с представителями общественных организаций. Их принимали в городе Київ, но подробности переговоров не раскрываются.';
    expect(detectLanguage(text).language).toBe('ru');
  });

  it('returns und with confidence 0 for digits, punctuation and very short text', () => {
    for (const text of ['', '12345 678', '2024-07-05 14:05', '*** --- ***', 'OK', '42 %']) {
      expect(detectLanguage(text)).toEqual({ language: 'und', confidence: 0 });
    }
  });

  it('returns und when the detector is unsure of a single word', () => {
    expect(detectLanguage('Hello').language).toBe('und');
  });

  it('keeps to the candidate languages', () => {
    expect(detectLanguage('Депутаты городского совета снова отложили голосование', ['en', 'de']).language).toBe('und');
    expect(detectLanguage(PARAGRAPHS[0]?.[1] ?? '', ['en', 'ru']).language).toBe('en');
  });

  it('uses the default candidates when none are given', () => {
    expect(DEFAULT_LANGUAGES).toEqual(['en', 'ru', 'uk', 'de', 'fr', 'es', 'it', 'pl']);
  });
});

describe('letterStats', () => {
  it('counts letters by script and the Russian-only and Ukrainian-only letters', () => {
    expect(letterStats("Це м'ясо, а не мясо 42")).toMatchObject({ letters: 13, cyrillic: 13, latin: 0, ukMarks: 1, ruMarks: 0 });
    expect(letterStats('Съезд, ёлка, мэр, мы')).toMatchObject({ ruMarks: 4, ukMarks: 0 });
    expect(letterStats('Їжак і ґанок є')).toMatchObject({ ukMarks: 4, ruMarks: 0 });
    expect(letterStats('Zürich и Kyiv')).toMatchObject({ latin: 10, cyrillic: 1 });
  });
});
