// Search filters over spans: technique:, entity:, narrative: (issue 4's layers in issue 3's query
// language), over posts ingested with the default enrichers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, jsonl, tempDir } from './cli-helpers.js';

const POSTS: Array<[string, string, string]> = [
  ['ledger', 'a.txt', 'Talks in Geneva (4.3.2024)\n\nVladimir Putin told reporters in Moscow that the talks would go on. Officials in Geneva said nothing.\n'],
  ['zvezda', 'b.txt', 'Заявление (5.3.2024)\n\nПутин заявил в Кремле, что переговоры продолжатся.\n'],
  ['ledger', 'c.txt', 'Ferry Timetable (6.3.2024)\n\nThe ferry timetable changes on Monday, the operator said. Boats leave twenty minutes earlier.\n'],
  ['ledger', 'd.txt', 'Traitors Everywhere (7.3.2024)\n\nThese corrupt traitors and their globalist puppet masters have betrayed every honest family in this country!\n'],
];

let tmp: { dir: string; cleanup: () => void };
let db: string;

beforeAll(() => {
  tmp = tempDir();
  db = join(tmp.dir, 's.db');
  for (const [source, file, text] of POSTS) {
    mkdirSync(join(tmp.dir, 'corpus', source), { recursive: true });
    writeFileSync(join(tmp.dir, 'corpus', source, file), text);
  }
  expect(cli(db, ['ingest', join(tmp.dir, 'corpus')]).code).toBe(0);
  writeFileSync(
    join(tmp.dir, 'codebook.yaml'),
    'narratives:\n  - id: talks-go-on\n    title: Talks go on\n    description: The talks continue.\n    queries:\n      - talks\n      - переговоры\n    examples: []\n',
  );
  expect(cli(db, ['narratives', '--codebook', join(tmp.dir, 'codebook.yaml')]).code).toBe(0);
});
afterAll(() => tmp.cleanup());

const titles = (q: string): string[] =>
  jsonl<{ title: string }>(cli(db, ['search', '--json', '--limit', '50', '--', q]).stdout)
    .map((h) => h.title)
    .sort();

describe('search over spans', () => {
  it('entity: finds every spelling of a known name, in any script', () => {
    expect(titles('entity:Putin')).toEqual(['Talks in Geneva', 'Заявление']);
    expect(titles('entity:Путин')).toEqual(['Talks in Geneva', 'Заявление']);
    expect(titles('entity:PER lang:ru')).toEqual(['Заявление']);
  });

  it('technique: matches a technique name or its prefix, in any case and separator', () => {
    expect(titles('technique:name-calling')).toContain('Traitors Everywhere');
    expect(titles('technique:Name_Calling,Labeling')).toContain('Traitors Everywhere');
    expect(titles('technique:name')).not.toContain('Ferry Timetable');
  });

  it('narrative: and its negation combine with words and filters', () => {
    expect(titles('narrative:talks-go-on')).toEqual(['Talks in Geneva', 'Заявление']);
    expect(titles('-narrative:talks-go-on source:ledger')).toEqual(['Ferry Timetable', 'Traitors Everywhere']);
    expect(titles('narrative:talks-go-on Geneva')).toEqual(['Talks in Geneva']);
  });
});
