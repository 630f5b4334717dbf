import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateNer, readConll, readFactRu } from './eval.js';
import { recogniseEntities } from './recognise.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-ner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readConll', () => {
  it('rebuilds text from tokens and reads IOB2 and IOB1 tags', () => {
    const file = join(dir, 'mini.conll');
    writeFileSync(
      file,
      ['-DOCSTART- -X- -X- O', '', 'Ivan NNP B-NP B-PER', 'Petrov NNP I-NP I-PER', 'visited VBD B-VP O', 'Minsk NNP B-NP B-LOC', '. . O O', '', 'Acme NNP B-NP I-ORG', 'Corp NNP I-NP I-ORG', 'grew VBD B-VP O', ''].join('\n'),
    );
    const docs = readConll(file);
    expect(docs).toHaveLength(1);
    expect(docs[0]?.text).toBe('Ivan Petrov visited Minsk .\nAcme Corp grew');
    expect(docs[0]?.gold).toEqual([
      { type: 'PER', start: 0, end: 11 },
      { type: 'LOC', start: 20, end: 25 },
      { type: 'ORG', start: 28, end: 37 },
    ]);
  });
});

describe('readFactRu and evaluateNer', () => {
  it('joins an object over its spans, maps LocOrg to LOC and scores exact and overlapping matches', () => {
    const text = 'Мэр Казани Иван Петров открыл мост.';
    writeFileSync(join(dir, 'book_1.txt'), text);
    writeFileSync(join(dir, 'book_1.spans'), ['1 loc_name 4 6 10 1  # 10 Казани', '2 name 11 4 11 1  # 11 Иван', '3 surname 16 6 12 1  # 12 Петров'].join('\n'));
    writeFileSync(join(dir, 'book_1.objects'), ['7 LocOrg 1 # Казани', '8 Person 2 3 # Иван Петров', '9 Project 1 # x'].join('\n'));
    const docs = readFactRu(dir);
    expect(docs[0]?.gold).toEqual([
      { type: 'LOC', start: 4, end: 10 },
      { type: 'PER', start: 11, end: 22 },
    ]);
    const report = evaluateNer(docs, () => [
      { type: 'LOC', start: 4, end: 10 },
      { type: 'PER', start: 16, end: 22 },
      { type: 'ORG', start: 30, end: 34 },
    ]);
    expect(report.overall).toMatchObject({ precision: 0.3333, recall: 0.5, correct: 1, gold: 2, predicted: 3 });
    expect(report.perType.PER).toMatchObject({ precision: 0, recall: 0 });
    expect(report.overlap.perType.PER).toMatchObject({ precision: 1, recall: 1 });
    expect(report.overlap.overall.correct).toBe(2);
  });
});

const DATA = join(process.cwd(), '..', 'shared', 'data');
const CONLL = join(DATA, 'conll2003-en-dev', 'eng.testa');
const FACTRU = join(DATA, 'factruEval2016-dev');

describe.skipIf(!existsSync(CONLL))('CoNLL-2003 development split (../shared/data)', () => {
  it('scores above the floor measured when the recogniser was written', () => {
    const report = evaluateNer(readConll(CONLL), recogniseEntities);
    expect(report.overall.f1).toBeGreaterThan(0.68);
    expect(report.perType.PER.f1).toBeGreaterThan(0.75);
    expect(report.perType.LOC.f1).toBeGreaterThan(0.8);
  });
});

describe.skipIf(!existsSync(FACTRU))('factRuEval-2016 development split (../shared/data)', () => {
  it('scores above the floor measured when the recogniser was written', () => {
    const report = evaluateNer(readFactRu(FACTRU), recogniseEntities);
    expect(report.overall.f1).toBeGreaterThan(0.69);
    expect(report.perType.PER.f1).toBeGreaterThan(0.78);
    expect(report.perType.LOC.f1).toBeGreaterThan(0.78);
  });
});
