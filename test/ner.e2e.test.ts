// `eval ner` end to end over a small CoNLL-2003-format file written here, and over the
// development splits in ../shared/data when they are present.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, jsonl, ROOT, tempDir } from './cli-helpers.js';

// token POS chunk NER (IOB2), invented sentences.
const CONLL = `Mayor NNP B-NP O
Edwin NNP I-NP B-PER
Marsh NNP I-NP I-PER
visited VBD B-VP O
Lisbon NNP B-NP B-LOC
on IN B-PP O
Monday NNP B-NP O
. . O O

The DT B-NP O
European NNP I-NP B-ORG
Commission NNP I-NP I-ORG
fined VBD B-VP O
Harbourline NNP B-NP B-ORG
Shipping NNP I-NP I-ORG
in IN B-PP O
Rotterdam NNP B-NP B-LOC
. . O O
`;

interface Report {
  documents: number;
  overall: { precision: number; recall: number; f1: number; gold: number };
  perType: Record<string, { gold: number; f1: number; recall: number }>;
}

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = tempDir();
  writeFileSync(join(tmp.dir, 'tiny.conll'), CONLL);
});
afterAll(() => tmp.cleanup());

const DATA = join(ROOT, '..', 'shared', 'data');

describe('narrascope eval ner', () => {
  it('reports precision, recall and F1 per type for a CoNLL file', () => {
    const r = cli(join(tmp.dir, 'unused.db'), ['eval', 'ner', '--format', 'conll', '--gold', join(tmp.dir, 'tiny.conll'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [rep] = jsonl<Report>(r.stdout);
    expect(rep?.overall.gold).toBe(5);
    expect(rep?.perType['LOC']?.gold).toBe(2);
    // "Mayor" is a title, not part of the name.
    expect(rep?.perType['PER']?.recall).toBe(1);
    expect(rep?.overall.f1).toBeGreaterThan(0.5);
  });

  it('names a missing gold path', () => {
    const r = cli(join(tmp.dir, 'unused.db'), ['eval', 'ner', '--format', 'factru', '--gold', join(tmp.dir, 'missing')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('missing');
  });

  describe.skipIf(!existsSync(join(DATA, 'conll2003-en-dev')))('on the development splits in ../shared/data', () => {
    it('keeps CoNLL-2003 and factRuEval-2016 dev F1 where they were measured', () => {
      const conll = jsonl<Report>(cli(join(tmp.dir, 'unused.db'), ['eval', 'ner', '--format', 'conll', '--gold', join(DATA, 'conll2003-en-dev', 'eng.testa'), '--json']).stdout)[0];
      expect(conll?.overall.f1).toBeGreaterThan(0.68);
      const factru = jsonl<Report>(cli(join(tmp.dir, 'unused.db'), ['eval', 'ner', '--format', 'factru', '--gold', join(DATA, 'factruEval2016-dev', 'devset'), '--json']).stdout)[0];
      expect(factru?.overall.f1).toBeGreaterThan(0.68);
    });
  });
});
