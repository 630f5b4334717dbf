// `eval techniques` and `train techniques` end to end over a small PTC-format folder written here
// (invented articles in the layout of the SemEval-2020 Task 11 release).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, jsonl, tempDir } from './cli-helpers.js';

const ARTICLES: Array<{ id: string; text: string; spans: Array<[string, string]> }> = [
  {
    id: '9001',
    text: 'Harbour Deal Exposed\n\nThe corrupt clique at the port authority betrayed every honest worker.\nExperts agree that the lease is a disaster for the city.\nWake up, citizens!\n',
    spans: [
      ['Name_Calling,Labeling', 'corrupt clique'],
      ['Loaded_Language', 'betrayed'],
      ['Appeal_to_Authority', 'Experts agree'],
      ['Slogans', 'Wake up, citizens!'],
    ],
  },
  {
    id: '9002',
    text: 'Ferry Fares Rise\n\nThese shameless bureaucrats want to destroy our island way of life.\nEither we stop them now or we lose everything.\nThe ferry company raised fares by four percent on Monday.\n',
    spans: [
      ['Name_Calling,Labeling', 'shameless bureaucrats'],
      ['Loaded_Language', 'destroy'],
      ['Black-and-White_Fallacy', 'Either we stop them now or we lose everything.'],
    ],
  },
  {
    id: '9003',
    text: 'Council Meeting\n\nThe council met on Tuesday to discuss the budget for the coming year.\nA radical mob of so-called activists terrorised the meeting.\nEveryone knows the truth about this council.\n',
    spans: [
      ['Loaded_Language', 'radical mob'],
      ['Doubt', 'so-called activists'],
      ['Bandwagon,Reductio_ad_hitlerum', 'Everyone knows the truth'],
    ],
  },
];

let tmp: { dir: string; cleanup: () => void };
let gold: string;

beforeAll(() => {
  tmp = tempDir();
  gold = join(tmp.dir, 'ptc');
  mkdirSync(join(gold, 'dev-articles'), { recursive: true });
  mkdirSync(join(gold, 'dev-labels-task-flc-tc'), { recursive: true });
  for (const a of ARTICLES) {
    writeFileSync(join(gold, 'dev-articles', `article${a.id}.txt`), a.text);
    const lines = a.spans.map(([technique, fragment]) => {
      const start = a.text.indexOf(fragment);
      if (start < 0) throw new Error(`fixture: ${fragment} not in ${a.id}`);
      return `${a.id}\t${technique}\t${start}\t${start + fragment.length}\n`;
    });
    writeFileSync(join(gold, 'dev-labels-task-flc-tc', `article${a.id}.task-flc-tc.labels`), lines.join(''));
  }
});
afterAll(() => tmp.cleanup());

interface EvalJson {
  si: { precision: number; recall: number; f1: number };
  tc: { microF1: number; perTechnique: Record<string, { f1: number; support: number }> };
}

describe('narrascope eval techniques', () => {
  it('scores the rule detector and writes PTC-format predictions', () => {
    const preds = join(tmp.dir, 'rules.labels');
    const r = cli(join(tmp.dir, 'unused.db'), ['eval', 'techniques', '--gold', gold, '--json', '--write-predictions', preds]);
    expect(r.code, r.stderr).toBe(0);
    const [res] = jsonl<EvalJson>(r.stdout);
    for (const x of [res?.si.precision, res?.si.recall, res?.si.f1, res?.tc.microF1]) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    // The fixture's cues are textbook ones: the rules must find some of them.
    expect(res?.si.recall).toBeGreaterThan(0);
    expect(res?.tc.perTechnique['Loaded_Language']?.support).toBe(3);
    const si = readFileSync(preds, 'utf8').trim().split('\n');
    expect(si.every((l) => /^900[123]\t\d+\t\d+$/.test(l))).toBe(true);
    const tc = readFileSync(join(tmp.dir, 'rules.tc.labels'), 'utf8').trim().split('\n');
    expect(tc).toHaveLength(10);
  });

  it('trains a model, saves it, and evaluates with it', () => {
    const model = join(tmp.dir, 'model.json');
    const t = cli(join(tmp.dir, 'unused.db'), ['train', 'techniques', '--data', gold, '--lang', 'en', '--out', model, '--seed', '3']);
    expect(t.code, t.stderr).toBe(0);
    expect(existsSync(model)).toBe(true);
    // No article text in the model file: weights and counts only.
    expect(readFileSync(model, 'utf8')).not.toContain('shameless bureaucrats');
    const r = cli(join(tmp.dir, 'unused.db'), ['eval', 'techniques', '--gold', gold, '--model', model, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [res] = jsonl<EvalJson>(r.stdout);
    // On its own training data the classifier must label most fragments right.
    expect(res?.tc.microF1).toBeGreaterThan(0.5);

    // The same model marks a stored corpus through `enrich --model`, replacing the rules' spans.
    const db = join(tmp.dir, 'model.db');
    mkdirSync(join(tmp.dir, 'posts', 'ledger'), { recursive: true });
    writeFileSync(join(tmp.dir, 'posts', 'ledger', 'post.txt'), `Harbour Deal Exposed (4.3.2024)\n\n${ARTICLES[0]?.text.split('\n\n')[1] ?? ''}`);
    expect(cli(db, ['ingest', join(tmp.dir, 'posts')]).code).toBe(0);
    const e = cli(db, ['enrich', '--model', model, '--json']);
    expect(e.code, e.stderr).toBe(0);
    expect(jsonl<{ enriched: number }>(e.stdout)[0]?.enriched).toBe(1);
    const [item] = jsonl<{ id: string }>(cli(db, ['items', '--json']).stdout);
    const shown = jsonl<{ annotations: Array<{ layer: string; value: string }> }>(cli(db, ['show', item?.id ?? '', '--json']).stdout)[0];
    const techniques = shown?.annotations.filter((a) => a.layer === 'technique') ?? [];
    expect(techniques.length).toBeGreaterThan(0);
    expect(techniques.every((t) => t.value.startsWith('trained model'))).toBe(true);
  });

  it('names a folder that is not a PTC corpus, and a file that is not a model', () => {
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = cli(join(tmp.dir, 'unused.db'), ['eval', 'techniques', '--gold', empty]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(empty);
    const notModel = join(tmp.dir, 'notes.json');
    writeFileSync(notModel, '{"hello": "world"}');
    const m = cli(join(tmp.dir, 'unused.db'), ['eval', 'techniques', '--gold', gold, '--model', notModel]);
    expect(m.code).not.toBe(0);
    expect(m.stderr).toContain(notModel);
  });
});
