import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPtcLabels, mergeOverlaps, parsePtcLabels, PTC2020_TECHNIQUES, readPtc, SEMEVAL2023_TECHNIQUES } from './ptc.js';

const root = mkdtempSync(join(tmpdir(), 'ptc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

const ARTICLE = 'Traitors in Congress!\n\nThey will destroy everything we love 🇺🇸, the senator warned.\r\n';

describe('readPtc', () => {
  it('reads the SemEval-2020 per-article layout', () => {
    const d = join(root, 'ptc2020');
    write(join(d, 'dev-articles', 'article700.txt'), ARTICLE);
    write(join(d, 'dev-labels-task-si', 'article700.task-si.labels'), '700\t0\t20\n700\t23\t58\n');
    write(join(d, 'dev-labels-task-flc-tc', 'article700.task-flc-tc.labels'), '700\tName_Calling,Labeling\t0\t8\r\n700\tAppeal_to_fear-prejudice\t23\t58\n');
    const c = readPtc(d);
    expect(c.articles).toEqual([{ id: '700', text: ARTICLE }]);
    expect(c.si).toEqual([
      { articleId: '700', technique: null, start: 0, end: 20 },
      { articleId: '700', technique: null, start: 23, end: 58 },
    ]);
    expect(c.tc.map((s) => s.technique)).toEqual(['Name_Calling,Labeling', 'Appeal_to_fear-prejudice']);
  });

  it('reads concatenated label files', () => {
    const d = join(root, 'concat');
    write(join(d, 'train-articles', 'article5.txt'), ARTICLE);
    write(join(d, 'train-task-si.labels'), '5\t0\t8\n');
    write(join(d, 'train-task-flc-tc.labels'), '5\tDoubt\t0\t8\n5\tLoaded_Language\t2\t8\n');
    const c = readPtc(d);
    expect(c.si).toHaveLength(1);
    expect(c.tc).toHaveLength(2);
  });

  it('reads the SemEval-2023 layout and derives SI spans by merging overlapping TC spans', () => {
    const d = join(root, 'semeval2023');
    write(join(d, 'train-articles-subtask-3', 'article31.txt'), 'Предатели снова лгут народу.\n');
    write(
      join(d, 'train-labels-subtask-3-spans', 'article31-labels-subtask-3.txt'),
      '31\tName_Calling-Labeling\t0\t9\n31\tLoaded_Language\t5\t15\n31\tDoubt\t15\t20\n',
    );
    const c = readPtc(d);
    expect(c.articles[0]?.id).toBe('31');
    // 0-9 and 5-15 overlap; 15-20 only touches.
    expect(c.si.map((s) => [s.start, s.end])).toEqual([[0, 15], [15, 20]]);
  });

  it('names the file and line of a malformed label', () => {
    const d = join(root, 'bad');
    write(join(d, 'x-articles', 'article1.txt'), ARTICLE);
    write(join(d, 'x-labels-task-flc-tc', 'article1.task-flc-tc.labels'), '1\tDoubt\t0\t8\n1\tDoubt\t9\n');
    expect(() => readPtc(d)).toThrow(/article1\.task-flc-tc\.labels, line 2: expected 4 tab-separated columns/);
  });

  it('refuses spans beyond the article and labels of unknown articles', () => {
    const d = join(root, 'beyond');
    write(join(d, 'x-articles', 'article1.txt'), 'short');
    write(join(d, 'x-task-si.labels'), '1\t0\t50\n');
    expect(() => readPtc(d)).toThrow(/ends beyond its 5 characters/);
    const e = join(root, 'unknown');
    write(join(e, 'x-articles', 'article1.txt'), 'short');
    write(join(e, 'x-task-si.labels'), '2\t0\t3\n');
    expect(() => readPtc(e)).toThrow(/article 2, which has no article2\.txt/);
  });

  it('says what it expected when a folder holds no articles', () => {
    const d = join(root, 'empty');
    mkdirSync(d, { recursive: true });
    expect(() => readPtc(d)).toThrow(/no PTC articles found/);
    expect(() => readPtc(join(root, 'missing'))).toThrow(/no such folder/);
  });
});

describe('labels', () => {
  it('round-trips through formatPtcLabels and parsePtcLabels', () => {
    const spans = [
      { articleId: '9', technique: 'Slogans', start: 3, end: 17 },
      { articleId: '9', technique: 'Flag-Waving', start: 40, end: 52 },
    ];
    expect(parsePtcLabels(formatPtcLabels(spans, 'tc'), 'tc')).toEqual(spans);
    expect(formatPtcLabels(spans, 'si')).toBe('9\t3\t17\n9\t40\t52\n');
  });

  it('rejects non-numeric offsets and empty spans with the line number', () => {
    expect(() => parsePtcLabels('1\t0\t5\n1\tx\t5\n', 'si', 'f.labels')).toThrow(/f\.labels, line 2: offset "x"/);
    expect(() => parsePtcLabels('1\t5\t5\n', 'si', 'f.labels')).toThrow(/line 1: end 5 is not after start 5/);
  });

  it('merges only spans that share a character', () => {
    const merged = mergeOverlaps([
      { articleId: 'a', technique: 'Doubt', start: 10, end: 20 },
      { articleId: 'a', technique: 'Doubt', start: 0, end: 11 },
      { articleId: 'a', technique: 'Doubt', start: 20, end: 25 },
      { articleId: 'b', technique: 'Doubt', start: 0, end: 3 },
    ]);
    expect(merged.map((s) => `${s.articleId}:${s.start}-${s.end}`)).toEqual(['a:0-20', 'a:20-25', 'b:0-3']);
  });

  it('lists 14 and 23 techniques', () => {
    expect(new Set(PTC2020_TECHNIQUES).size).toBe(14);
    expect(new Set(SEMEVAL2023_TECHNIQUES).size).toBe(23);
  });
});

const DATA = join(import.meta.dirname, '../../../shared/data');
describe.skipIf(!existsSync(join(DATA, 'ptc2020-train')))('shared PTC data (skipped when ../shared/data is absent)', () => {
  it('reads the English training split with the documented counts and technique names', () => {
    const c = readPtc(join(DATA, 'ptc2020-train'));
    expect(c.articles).toHaveLength(371);
    expect(c.tc).toHaveLength(6128);
    expect(new Set(c.tc.map((s) => s.technique))).toEqual(new Set(PTC2020_TECHNIQUES));
  });

  it.skipIf(!existsSync(join(DATA, 'semeval2023-ru-train')))('reads the Russian split with the 23 technique names', () => {
    const c = readPtc(join(DATA, 'semeval2023-ru-train'));
    expect(c.articles).toHaveLength(143);
    expect(c.tc).toHaveLength(3399);
    expect(new Set(c.tc.map((s) => s.technique))).toEqual(new Set(SEMEVAL2023_TECHNIQUES));
    expect(c.si.length).toBeGreaterThan(0);
  });
});
