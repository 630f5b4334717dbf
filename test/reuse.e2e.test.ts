// Shared passages end to end: the real CLI over fictional outlets that paste one statement into
// otherwise different posts, one of them with a phrase changed, and a site footer on every post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, jsonl, tempDir } from './cli-helpers.js';

const STATEMENT =
  'The so-called independent observers were paid by foreign foundations to discredit the vote, and their report was written in advance, before a single polling station had opened its doors to the citizens of the region.';
// Pasted with one phrase changed and curly quotes around it.
const EDITED = STATEMENT.replace('paid by foreign foundations', 'financed by Western embassies');
const FOOTER =
  'Quay Watch is read by people who care about the waterfront. Subscribe to the evening letter, share this page with your neighbours and support independent reporting from the harbour districts every day.';

const QUAY_POSTS = [
  ['Night Shift at the Grain Terminal (2.4.2024)', 'Workers at the grain terminal say the new night shift was announced without any talks with the union, and that overtime rates were cut at the same time.'],
  ['Ferry Fares Rise Again (4.4.2024)', 'The ferry operator raised fares for the third time this year. Pensioners who cross daily to the market say the discount card no longer covers the morning boats.'],
  ['Council Delays the Sea Wall (6.4.2024)', `A council spokesman repeated the official line on the observers: “${EDITED}” Nobody at the council would say who had seen the report before it was published.`],
  ['Dredging Contract Questions (8.4.2024)', 'The dredging contract went to a firm registered three weeks before the tender closed. Its director used to sit on the harbour board.'],
  ['Lighthouse Museum Reopens (9.4.2024)', 'The lighthouse museum reopened after two years of repairs, with a new room on the shipwrecks of the northern channel and free entry for schools.'],
];

let tmp: { dir: string; cleanup: () => void };
let db: string;

interface PassageJson {
  id: string;
  text: string;
  words: number;
  sources: number;
  firstSeen: { item: string; source: string; publishedAt: string };
  occurrences: Array<{ item: string; source: string; publishedAt: string; start: number; end: number; first: boolean }>;
}

beforeAll(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'reuse.db');
  const write = (source: string, file: string, text: string): void => {
    mkdirSync(join(tmp.dir, 'corpus', source), { recursive: true });
    writeFileSync(join(tmp.dir, 'corpus', source, file), text);
  };
  write(
    'harbour-ledger',
    'observers.txt',
    `Who Is Afraid of the Observers? (1.4.2024)\n\nThe governor's office sent a statement to every newsroom on Monday morning. ${STATEMENT} The observers' mission answered that its budget is public and that it publishes every report only after the count.\n`,
  );
  QUAY_POSTS.forEach(([title, body], i) => write('quay-watch', `post-${i}.txt`, `${title}\n\n${body}\n\n${FOOTER}\n`));
  write(
    'island-news',
    'boats.txt',
    'Evening Boats Cut (3.4.2024)\n\nThe ferry operator cut the evening boats between the islands without warning. Passengers who commute to the mainland hospital say the last boat now leaves before their shifts end.\n',
  );
  const r = cli(db, ['ingest', join(tmp.dir, 'corpus')]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('narrascope reuse', () => {
  it('finds the pasted statement as one passage with both occurrences, first appearance first, and no footer', () => {
    const r = cli(db, ['reuse', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const passages = jsonl<PassageJson>(r.stdout);
    expect(passages).toHaveLength(1);
    const [p] = passages;
    expect(p?.firstSeen.source).toBe('harbour-ledger');
    expect(p?.occurrences.map((o) => [o.source, o.publishedAt, o.first])).toEqual([
      ['harbour-ledger', '2024-04-01', true],
      ['quay-watch', '2024-04-06', false],
    ]);
    expect(p?.text).toContain('independent observers');
    expect(p?.words).toBeGreaterThanOrEqual(30);
    expect(r.stderr).toMatch(/1 shared passage/);
  });

  it('stores the occurrences as reuse spans on the items, code point offsets into the item text', () => {
    const r = cli(db, ['reuse', '--json']);
    const [p] = jsonl<PassageJson>(r.stdout);
    for (const o of p?.occurrences ?? []) {
      const shown = jsonl<{ text: string; annotations: Array<{ layer: string; start: number; end: number; value: string }> }>(
        cli(db, ['show', o.item, '--json']).stdout,
      )[0];
      const spans = shown?.annotations.filter((a) => a.layer === 'reuse') ?? [];
      // A second run replaced the first run's spans rather than adding to them.
      expect(spans).toHaveLength(1);
      const span = spans[0];
      expect([span?.start, span?.end]).toEqual([o.start, o.end]);
      const covered = [...(shown?.text ?? '')].slice(o.start, o.end).join('');
      expect(covered).toMatch(/^The so-called independent observers/);
      expect(covered).toMatch(/citizens of the region\.?$/);
      expect(JSON.parse(span?.value ?? '{}')).toMatchObject({ passage: p?.id, occurrences: 2, firstItem: p?.firstSeen.item });
    }
  });

  it('filters by source and finds nothing above a longer minimum', () => {
    expect(jsonl(cli(db, ['reuse', '--json', '--source', 'island-news']).stdout)).toHaveLength(0);
    expect(jsonl(cli(db, ['reuse', '--json', '--source', 'quay-watch']).stdout)).toHaveLength(1);
    expect(jsonl(cli(db, ['reuse', '--json', '--min-words', '60']).stdout)).toHaveLength(0);
  });

  it('names a bad flag or an unknown source', () => {
    const bad = cli(db, ['reuse', '--min-words', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-words');
    const unknown = cli(db, ['reuse', '--source', 'nowhere']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nowhere');
  });
});
