import { describe, expect, it } from 'vitest';
import type { PtcSpan } from './ptc.js';
import { scoreSI, scoreTC } from './score.js';

const si = (articleId: string, start: number, end: number): PtcSpan => ({ articleId, technique: null, start, end });
const tc = (articleId: string, technique: string, start: number, end: number): PtcSpan => ({ articleId, technique, start, end });

describe('scoreSI', () => {
  it('gives full credit to exact matches', () => {
    expect(scoreSI([si('1', 0, 10), si('1', 20, 30)], [si('1', 0, 10), si('1', 20, 30)])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('credits partial overlap by the predicted and gold lengths', () => {
    // gold 0-10, pred 5-25: overlap 5 → precision 5/20, recall 5/10.
    const s = scoreSI([si('1', 0, 10)], [si('1', 5, 25)]);
    expect(s.precision).toBeCloseTo(0.25);
    expect(s.recall).toBeCloseTo(0.5);
    expect(s.f1).toBeCloseTo((2 * 0.25 * 0.5) / 0.75);
  });

  it('credits a predicted span that covers two gold spans with both', () => {
    // gold 0-10 and 20-30, pred 0-30: precision (10+10)/30 over 1 span, recall (1+1)/2.
    const s = scoreSI([si('1', 0, 10), si('1', 20, 30)], [si('1', 0, 30)]);
    expect(s.precision).toBeCloseTo(20 / 30);
    expect(s.recall).toBeCloseTo(1);
  });

  it('merges overlapping predicted spans before scoring, but not touching ones', () => {
    // 0-6 and 4-10 merge into 0-10 (one span, exact); 10-12 touches and stays a second span.
    const s = scoreSI([si('1', 0, 10)], [si('1', 0, 6), si('1', 4, 10), si('1', 10, 12)]);
    expect(s.precision).toBeCloseTo(1 / 2);
    expect(s.recall).toBeCloseTo(1);
  });

  it('merges overlapping gold spans too', () => {
    const s = scoreSI([si('1', 0, 8), si('1', 5, 10)], [si('1', 0, 10)]);
    expect(s).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('counts gold of articles without predictions in recall only, and never matches across articles', () => {
    const s = scoreSI([si('1', 0, 10), si('2', 0, 10)], [si('1', 0, 10), si('3', 0, 10)]);
    expect(s.precision).toBeCloseTo(1 / 2);
    expect(s.recall).toBeCloseTo(1 / 2);
  });

  it('follows the scorer on empty sets: F1 1 with nothing on either side, 0 with no predictions', () => {
    expect(scoreSI([], []).f1).toBe(1);
    expect(scoreSI([si('1', 0, 4)], [])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('refuses empty spans', () => {
    expect(() => scoreSI([si('1', 0, 4)], [si('1', 3, 3)])).toThrow(/end must be after start/);
  });
});

describe('scoreTC', () => {
  it('is the share of gold spans labelled right, with per-technique F1', () => {
    const gold = [tc('1', 'Doubt', 0, 5), tc('1', 'Slogans', 10, 20), tc('2', 'Doubt', 3, 9), tc('2', 'Repetition', 30, 35)];
    const pred = [tc('1', 'Doubt', 0, 5), tc('1', 'Doubt', 10, 20), tc('2', 'Doubt', 3, 9), tc('2', 'Repetition', 30, 35)];
    const s = scoreTC(gold, pred);
    expect(s.microF1).toBeCloseTo(3 / 4);
    // Doubt: TP 2, predicted 3, gold 2 → P 2/3, R 1, F1 0.8.
    expect(s.perTechnique['Doubt']).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8, support: 2 });
    expect(s.perTechnique['Slogans']).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(s.perTechnique['Repetition']?.f1).toBe(1);
  });

  it('pairs labels of identical spans to agree as much as possible, whatever their order', () => {
    // Two gold labels on one span; predictions in the other order still both agree.
    const gold = [tc('1', 'Loaded_Language', 0, 9), tc('1', 'Doubt', 0, 9)];
    const pred = [tc('1', 'Doubt', 0, 9), tc('1', 'Loaded_Language', 0, 9)];
    expect(scoreTC(gold, pred).microF1).toBe(1);
    // A doubled prediction agrees once.
    expect(scoreTC(gold, [tc('1', 'Doubt', 0, 9), tc('1', 'Doubt', 0, 9)]).microF1).toBeCloseTo(0.5);
  });

  it('reports listed techniques even when absent', () => {
    const s = scoreTC([tc('1', 'Doubt', 0, 5)], [tc('1', 'Doubt', 0, 5)], ['Doubt', 'Slogans']);
    expect(s.perTechnique['Slogans']).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('refuses predictions whose spans differ from the gold spans', () => {
    expect(() => scoreTC([tc('1', 'Doubt', 0, 5)], [tc('1', 'Doubt', 0, 6)])).toThrow(/exactly the gold spans/);
    expect(() => scoreTC([tc('1', 'Doubt', 0, 5)], [])).toThrow(/exactly the gold spans/);
  });
});
