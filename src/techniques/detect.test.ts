import { describe, expect, it } from 'vitest';
import { PTC2020_TECHNIQUES, SEMEVAL2023_TECHNIQUES } from './ptc.js';
import { classifyFragment, detectTechniques } from './rules/index.js';

const EN = [
  'The senator called the bill a disgraceful betrayal of working families.',
  'Experts say the reform will ruin the economy before it’s too late.',
  'Either we stop them now or we lose everything.',
  'What about the billions wasted by the last administration?',
  'This is the worst scandal in history, and everyone knows it.',
  'Drain the swamp!',
  'It is what it is.',
].join('\n');

const RU = [
  'Киевский режим снова устроил чудовищную провокацию.',
  'Так называемые эксперты якобы нашли доказательства, но кто им поверит?',
  'Либо мы защитим Родину, либо её не станет.',
  'А как же бомбардировки Белграда, о которых на Западе молчат?',
  'Пора действовать, промедление недопустимо.',
].join('\n');

function found(text: string, lang: 'en' | 'ru'): Array<[string, string]> {
  return detectTechniques(text, lang).map((d) => [d.technique, text.slice(d.start, d.end)]);
}

describe('detectTechniques (English)', () => {
  const spans = found(EN, 'en');

  it('marks charged words, superlatives, dilemmas, deflection, bandwagon, slogans and clichés', () => {
    expect(spans).toContainEqual(['Loaded_Language', 'disgraceful']);
    expect(spans).toContainEqual(['Loaded_Language', 'betrayal']);
    expect(spans).toContainEqual(['Exaggeration,Minimisation', 'the worst scandal in history']);
    expect(spans).toContainEqual(['Black-and-White_Fallacy', 'Either we stop them now or we lose everything']);
    expect(spans).toContainEqual(['Whataboutism,Straw_Men,Red_Herring', 'What about the billions wasted by the last administration?']);
    expect(spans).toContainEqual(['Bandwagon,Reductio_ad_hitlerum', 'This is the worst scandal in history, and everyone knows it']);
    expect(spans).toContainEqual(['Slogans', 'Drain the swamp!']);
    expect(spans).toContainEqual(['Thought-terminating_Cliches', 'It is what it is']);
  });

  it('reaches the clause for appeals to authority and fear', () => {
    const clause = 'Experts say the reform will ruin the economy before it’s too late';
    expect(spans).toContainEqual(['Appeal_to_Authority', clause]);
    expect(spans).toContainEqual(['Appeal_to_fear-prejudice', clause]);
  });

  it('explains each span, keeps confidences in (0, 1] and uses only the SemEval-2020 names', () => {
    for (const d of detectTechniques(EN, 'en')) {
      expect(PTC2020_TECHNIQUES).toContain(d.technique);
      expect(d.cue.length).toBeGreaterThan(5);
      expect(d.confidence).toBeGreaterThan(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
      expect(d.end).toBeGreaterThan(d.start);
    }
  });

  it('marks a charged label said again as repetition', () => {
    const text = 'The crooked mayor lied again. The crooked mayor will lie tomorrow.';
    const rep = detectTechniques(text, 'en').filter((d) => d.technique === 'Repetition');
    expect(rep.map((d) => [d.start, text.slice(d.start, d.end)])).toEqual([[34, 'crooked mayor']]);
  });

  it('finds nothing in plain reporting', () => {
    const plain = 'The council met on Tuesday to discuss the new bus timetable. The meeting lasted two hours.';
    expect(detectTechniques(plain, 'en', { minConfidence: 0.35 })).toEqual([]);
  });

  it('works in UTF-16 offsets past emoji', () => {
    const text = '🇺🇸🇺🇸 A shameful decision.';
    const d = detectTechniques(text, 'en').find((x) => x.technique === 'Loaded_Language');
    expect(d && text.slice(d.start, d.end)).toBe('shameful');
  });
});

describe('detectTechniques (Russian)', () => {
  const spans = found(RU, 'ru');

  it('uses the SemEval-2023 technique set', () => {
    expect(spans).toContainEqual(['Name_Calling-Labeling', 'Киевский режим']);
    expect(spans).toContainEqual(['Loaded_Language', 'чудовищную']);
    expect(spans).toContainEqual(['Doubt', 'Так называемые эксперты якобы нашли доказательства, но кто им поверит?']);
    expect(spans).toContainEqual(['False_Dilemma-No_Choice', 'Либо мы защитим Родину, либо её не станет']);
    expect(spans).toContainEqual(['Whataboutism', 'А как же бомбардировки Белграда, о которых на Западе молчат?']);
    expect(spans).toContainEqual(['Appeal_to_Time', 'Пора действовать, промедление недопустимо']);
    for (const d of detectTechniques(RU, 'ru')) expect(SEMEVAL2023_TECHNIQUES).toContain(d.technique);
  });
});

describe('classifyFragment', () => {
  const text =
    'He called his rivals traitors and cowards. Officials warned that the flood of migrants could lead to the collapse of public services within a year. Traitors and cowards, all of them.';
  const at = (s: string, from = 0): [number, number] => {
    const i = text.indexOf(s, from);
    return [i, i + s.length];
  };

  it('labels a lone label by its cue', () => {
    expect(classifyFragment(text, ...at('cowards'), 'en').technique).toBe('Name_Calling,Labeling');
  });

  it('labels a long fragment by its sentence-level cue', () => {
    const [s, e] = at('the flood of migrants could lead to the collapse of public services within a year');
    expect(classifyFragment(text, s, e, 'en').technique).toBe('Appeal_to_fear-prejudice');
  });

  it('prefers repetition for a phrase said again', () => {
    const first = at('traitors and cowards');
    expect(classifyFragment(text, ...at('Traitors and cowards', first[1]), 'en').technique).toBe('Repetition');
  });

  it('falls back by fragment length when no cue fires', () => {
    const t = 'They said the harvest was late this year, and the farmers in the valley had to wait for rain that never came.';
    expect(classifyFragment(t, 0, t.length, 'en').technique).toBe('Doubt');
    expect(classifyFragment(t, 14, 21, 'en').technique).toBe('Loaded_Language');
    const r = 'Урожай в этом году собрали позже обычного, и фермерам долины пришлось ждать дождя.';
    expect(classifyFragment(r, 0, r.length, 'ru').technique).toBe('Doubt');
  });
});
