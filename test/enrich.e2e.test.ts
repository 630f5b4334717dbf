// `narrascope enrich` end to end: resumable runs over a stored corpus, without duplicate spans.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, jsonl, tempDir } from './cli-helpers.js';

let tmp: { dir: string; cleanup: () => void };
let db: string;

const POSTS = [
  'Port Lease Hearing Moved (12.3.2024)\n\nThe hearing on the port lease moved to 2 April 2024 after the consortium asked for more time.',
  'Митинг у мэрии (14.3.2024)\n\nЖители собрались у мэрии 14 марта 2024 года и потребовали опубликовать договор аренды порта.',
  'Громадські слухання (15.3.2024)\n\nСлухання щодо оренди порту перенесли на 3 квітня 2024 року.',
  'Budget Vote Tonight (16.3.2024)\n\nCouncillors vote on the harbour budget tonight; the opposition wants the lease annex published first.',
];

function count(sql: string): number {
  const conn = new Database(db, { readonly: true });
  try {
    return (conn.prepare(sql).get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

beforeAll(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'enrich.db');
  mkdirSync(join(tmp.dir, 'corpus', 'harbour-ledger'), { recursive: true });
  writeFileSync(join(tmp.dir, 'corpus', 'harbour-ledger', 'posts.txt'), `${POSTS.join('\n\n')}\n`);
  const r = cli(db, ['ingest', join(tmp.dir, 'corpus')]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('narrascope enrich', () => {
  it('skips items that ingest already enriched at the current versions', () => {
    const r = cli(db, ['enrich', '--only', 'language,dates', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [report] = jsonl<{ items: number; enriched: number; skipped: number }>(r.stdout);
    expect(report).toMatchObject({ items: 4, enriched: 0, skipped: 4 });
    // Everything else runs once, then never again at the same versions.
    cli(db, ['enrich']);
    expect(jsonl<{ enriched: number }>(cli(db, ['enrich', '--json']).stdout)[0]?.enriched).toBe(0);
  });

  it('resumes: only items missing an enricher are run, and spans are replaced, never doubled', () => {
    const before = count("SELECT count(*) AS n FROM annotations WHERE layer = 'date'");
    expect(before).toBe(3);
    // As if a run had been killed after enriching two of the four items with dates.
    const conn = new Database(db);
    conn.prepare("DELETE FROM item_enrichments WHERE producer_id = 'dates' AND item_id IN (SELECT id FROM items ORDER BY rowid LIMIT 2)").run();
    conn.close();
    const r = cli(db, ['enrich', '--only', 'dates', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonl<{ enriched: number; skipped: number }>(r.stdout)[0]).toMatchObject({ enriched: 2, skipped: 2 });
    expect(count("SELECT count(*) AS n FROM annotations WHERE layer = 'date'")).toBe(before);
    const redo = cli(db, ['enrich', '--only', 'dates', '--redo', '--json']);
    expect(jsonl<{ enriched: number }>(redo.stdout)[0]?.enriched).toBe(4);
    expect(count("SELECT count(*) AS n FROM annotations WHERE layer = 'date'")).toBe(before);
  });

  it('lists the enrichers and names an unknown id with the valid ones', () => {
    const list = cli(db, ['enrich', '--list', '--json']);
    expect(jsonl<{ id: string }>(list.stdout).map((e) => e.id)).toEqual(expect.arrayContaining(['language', 'dates']));
    const bad = cli(db, ['enrich', '--only', 'horoscope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/horoscope.*language/s);
  });
});
