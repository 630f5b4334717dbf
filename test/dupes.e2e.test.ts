// Duplicate clusters end to end: the real CLI over posts copied between fictional outlets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, jsonl, tempDir } from './cli-helpers.js';

const ORIGINAL =
  'The regional port authority signed a forty-year lease with a foreign consortium on Tuesday night, two weeks before the public consultation was due to open. ' +
  'Dock workers learned about it from a press release. The union says nobody asked them and that the contract contains no clause on jobs or wages. ' +
  'The mayor refused to comment and the minister of trade said the documents would be published after the signing ceremony next month.';
// Lightly edited: one word changed near the end, quotes and case differ.
const NEAR = ORIGINAL.replace('next month', 'in the spring').replace('Dock workers', 'DOCK WORKERS');
const OTHER =
  'The ferry operator cut the evening boats between the islands without warning. Passengers who commute to the mainland hospital say the last boat now leaves before their shifts end, and the operator has not answered their letters.';

interface Cluster {
  cluster: string;
  size: number;
  firstSeen: { id: string; source: string; publishedAt: string };
  reposts: Array<{ source: string; publishedAt: string; similarity: number; exact: boolean }>;
}

let tmp: { dir: string; cleanup: () => void };
let db: string;

beforeAll(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'dupes.db');
  const posts: Array<[string, string, string]> = [
    ['harbour-ledger', 'Lease Signed in Secret (5.3.2024)', ORIGINAL],
    ['quay-watch', 'They Signed It at Night! (7.3.2024)', NEAR],
    ['port-forum', 'Re: the lease (9.3.2024)', ORIGINAL],
    ['island-news', 'Evening Boats Cut (6.3.2024)', OTHER],
  ];
  for (const [source, title, body] of posts) {
    mkdirSync(join(tmp.dir, 'corpus', source), { recursive: true });
    writeFileSync(join(tmp.dir, 'corpus', source, 'post.txt'), `${title}\n\n${body}\n`);
  }
  expect(cli(db, ['ingest', join(tmp.dir, 'corpus')]).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('narrascope dupes', () => {
  it('clusters exact and near copies with the first seen first and reposts in time order', () => {
    const r = cli(db, ['dupes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const clusters = jsonl<Cluster>(r.stdout);
    expect(clusters).toHaveLength(1);
    const [c] = clusters;
    expect(c?.size).toBe(3);
    expect(c?.firstSeen.source).toBe('harbour-ledger');
    expect(c?.reposts.map((x) => [x.source, x.publishedAt, x.exact])).toEqual([
      ['quay-watch', '2024-03-07', false],
      ['port-forum', '2024-03-09', true],
    ]);
    expect(c?.reposts[0]?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(r.stderr).toContain('4 item(s) newly signed');
  });

  it('keeps signatures, so a second run hashes nothing again', () => {
    const r = cli(db, ['dupes', '--json']);
    expect(r.stderr).toContain('0 item(s) newly signed');
    const conn = new Database(db, { readonly: true });
    try {
      expect((conn.prepare('SELECT count(*) AS n FROM item_signatures').get() as { n: number }).n).toBe(4);
    } finally {
      conn.close();
    }
  });

  it('rejects a similarity outside (0, 1]', () => {
    expect(cli(db, ['dupes', '--min-similarity', '1.5']).code).toBe(2);
  });
});
