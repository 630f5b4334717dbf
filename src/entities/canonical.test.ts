import { describe, expect, it } from 'vitest';
import { canonicalKey, EntityCatalogue, latinFold, transliterate } from './canonical.js';
import { recogniseEntities } from './recognise.js';

describe('canonicalKey', () => {
  it('merges spellings, transliterations and case forms of a known name', () => {
    const keys = ['Zelensky', 'Zelenskyy', 'Zelenskiy', 'Зеленский', 'Зеленского', 'Зеленський'].map((n) => canonicalKey(n, 'PER', 'ru'));
    expect(new Set(keys).size).toBe(1);
    const putin = ['V.V. Putin', 'Putin', 'Путин', 'Путина', 'В.В. Путин', 'Vladimir Putin'].map((n) => canonicalKey(n, 'PER', 'ru'));
    expect(new Set(putin).size).toBe(1);
    expect(canonicalKey('Петербурге', 'LOC', 'ru')).toBe(canonicalKey('St Petersburg', 'LOC', 'en'));
  });

  it('folds transliteration variants of names the gazetteer does not know', () => {
    expect(canonicalKey('Oleksandr Hryshchenkiy', 'PER')).toBe(canonicalKey('Oleksandr Hryshchenky', 'PER'));
    expect(canonicalKey('Козловский', 'PER', 'ru')).toBe(canonicalKey('Kozlovsky', 'PER', 'en'));
    expect(canonicalKey('Козловского', 'PER', 'ru')).toBe(canonicalKey('Kozlovskiy', 'PER', 'en'));
    expect(canonicalKey('И. Петров', 'PER', 'ru')).toBe('petrov');
    expect(latinFold('Khodorkovskii')).toBe(latinFold('Hodorkovsky'));
    expect(transliterate('Щукин')).toBe('shchukin');
    expect(transliterate('Харків')).toBe('kharkiv');
  });
});

describe('EntityCatalogue', () => {
  it('collects mentions across languages into entities with aliases', () => {
    const cat = new EntityCatalogue();
    const docs: Array<[string, string]> = [
      ['President Volodymyr Zelenskyy met Ivan Petrov in Kyiv. Petrov said little.', 'en'],
      ['Зеленский прибыл в Киев, сообщил Иван Петров.', 'ru'],
      ['Zelensky returned to Kiev on Friday.', 'en'],
    ];
    for (const [text, lang] of docs) for (const m of recogniseEntities(text, lang)) cat.add(m, lang);
    const list = cat.entities();
    const zel = list.find((e) => e.id === 'PER:volodymyr zelensky');
    expect(zel).toMatchObject({ type: 'PER', name: 'Volodymyr Zelenskyy', mentions: 3 });
    expect(zel?.aliases.sort()).toEqual(['Volodymyr Zelenskyy', 'Zelensky', 'Зеленский']);
    const kyiv = list.find((e) => e.id === 'LOC:kyiv');
    expect(kyiv?.mentions).toBe(3);
    // The lone surname joins the one full name that ends with it.
    const petrov = list.filter((e) => e.aliases.includes('Petrov'));
    expect(petrov).toHaveLength(1);
    expect(petrov[0]).toMatchObject({ name: 'Ivan Petrov', mentions: 3 });
  });
});
