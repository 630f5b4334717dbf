import { describe, expect, it } from 'vitest';
import type { CueRule } from './cues.js';
import { en, ru, rule } from './cues.js';
import { EN_RULES } from './lexicon-en.js';
import { RU_RULES } from './lexicon-ru.js';
import { compileCueMatcher, literalPrefixes } from './matcher.js';

const WS = '\u0000';

// Written for these tests: ordinary reporting mixed with charged wording, odd spacing and case,
// characters that case-fold onto ASCII or Cyrillic letters (ſ, the Kelvin sign K, ᲂ), emoji.
const EN_TEXT = [
  'The SO-CALLED reform is a Disgraceful  betrayal; critics call it a witch hunt and a witch-hunt.',
  'Experts   say the plan will destroy our\u00a0country before it’s too late! What about the deficit?',
  'Either we act now or we lose everything. It is what it is. Period. Drain the swamp!',
  'A ſhameful, \u212Aleptocratic “regime” 🇺🇸 cracked down; the worst crisis in history, everyone knows.',
  "He's a crook's crony, not-so-called, anti-fascist: far right and far-left thugs and hooligans.",
  'Totally unprecedented: the greatest hoax of all time, #StopTheSteal and #ok, millions of voters agree.',
  'Mr. Smith said the report was questionable. Why did they wait?\nMake America Great Again!\n',
].join('\n');

const RU_TEXT = [
  'Киевский режим снова устроил чудовищную провокацию, а так  называемые эксперты якобы молчат.',
  'Пол-ужасный, полу-катастрофический сценарий: НАТО угрожает нашей стране, а кто поверит?',
  'Либо мы защитим Родину, либо её не станет. И точка. Слава России!',
  'Это ᲂчевидная ложь 🙂 — бред, по данным «экспертов»; ПОЗОР и позором, Ад и адский шабаш.',
  'Всё больше людей видят, что санкции приведут к голоду. Время покажет.',
].join('\n');

function reference(rules: readonly CueRule[], text: string): Array<Array<[number, string]>> {
  return rules.map((r) => [...text.matchAll(new RegExp(r.pattern.source, r.pattern.flags))].map((m): [number, string] => [m.index, m[0]]));
}

function indexed(rules: readonly CueRule[], text: string): Array<Array<[number, string]>> {
  return compileCueMatcher(rules)
    .matchAll(text)
    .map((list) => list.map((m): [number, string] => [m.index, m.text]));
}

describe('literalPrefixes', () => {
  it('expands optional groups and classes, and marks runs of whitespace', () => {
    expect(literalPrefixes('(?:the\\s+)?(?:worst|best)\\s+\\p{L}+')?.sort()).toEqual(
      [`the${WS}worst${WS}`, `the${WS}best${WS}`, `worst${WS}`, `best${WS}`].sort(),
    );
    expect(literalPrefixes('horde[s]?')?.sort()).toEqual(['horde', 'hordes']);
    expect(literalPrefixes('period\\.')).toEqual(['period.']);
  });

  it('stops a prefix where it cannot follow the pattern, and gives up without a literal start', () => {
    expect(literalPrefixes('чудовищн\\p{L}*')).toEqual(['чудовищн']);
    expect(literalPrefixes('witch[-\\s+]hunt')).toEqual(['witch']);
    expect(literalPrefixes('(?:\\p{Lu}\\p{L}+\\s+)?(?:said|told)')).toBeNull();
    expect(literalPrefixes('#[\\p{L}\\p{N}_]{3,}')).toEqual(['#']);
  });
});

describe('compileCueMatcher', () => {
  it('finds exactly what each English rule finds on its own, classify-only rules included', () => {
    expect(indexed(EN_RULES, EN_TEXT)).toEqual(reference(EN_RULES, EN_TEXT));
  });

  it('finds exactly what each Russian rule finds on its own, after hyphens and in any case', () => {
    expect(indexed(RU_RULES, RU_TEXT)).toEqual(reference(RU_RULES, RU_TEXT));
    const found = indexed(RU_RULES, RU_TEXT).flat().map(([, t]) => t);
    expect(found).toContain('ужасный');
    expect(found).toContain('ПОЗОР');
  });

  it('matches case-folded look-alikes as the regexes do', () => {
    const rules = [rule('Loaded_Language', en(['shameful', 'kleptocratic']), 0.5, 'test', 'match')];
    const text = 'A ſhameful and \u212Aleptocratic SHAMEFUL deal.';
    expect(indexed(rules, text)).toEqual(reference(rules, text));
    expect(indexed(rules, text)[0]?.map(([, t]) => t)).toEqual(['ſhameful', '\u212Aleptocratic', 'SHAMEFUL']);
  });

  it('resumes after a match as a global regex does, so matches never overlap', () => {
    const rules = [rule('Repetition', ru(['слава россии', 'россии$']), 0.5, 'test', 'match')];
    const text = 'Слава  России! России слава.';
    expect(indexed(rules, text)).toEqual([[[0, 'Слава  России'], [15, 'России']]]);
  });

  it('finds nothing in text with no cue, and copes with an empty text', () => {
    expect(indexed(EN_RULES, '').flat()).toEqual([]);
    expect(indexed(EN_RULES, 'The council met on Tuesday to discuss the bus timetable.').flat()).toEqual([]);
  });
});
