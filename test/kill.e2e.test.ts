// A SIGKILL in the middle of an ingest must leave the store consistent, and a rerun must finish
// the job without duplicates: the result equals an uninterrupted ingest of the same files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, cli, jsonl, ROOT, tempDir } from './cli-helpers.js';

const TOPICS = ['bridge contract', 'harbour strike', 'council budget', 'school closures', 'water tariffs', 'election commission'];
const PLACES = ['Marlow', 'Eastbrook', 'Kessel', 'Port Avon', 'Lindqvist'];

/** A dump of dated posts whose text differs per file and post, so every item is distinct. */
function dump(n: number): string {
  const posts: string[] = [];
  for (let p = 0; p < 8; p++) {
    const topic = TOPICS[(n + p) % TOPICS.length] ?? 'budget';
    const place = PLACES[(n * 3 + p) % PLACES.length] ?? 'Marlow';
    const day = ((n + p) % 27) + 1;
    posts.push(
      `Who Profits From the ${topic} in ${place}? (${day}.${(p % 12) + 1}.2023)\n\n` +
        `Post ${n}-${p}: residents of ${place} asked the council about the ${topic} again this week. ` +
        `The answer, as always, was a press release that said nothing about who was paid and why.\n\n` +
        `Our reader number ${n * 100 + p} sent us documents showing the ${topic} was approved without a tender. `.repeat(6),
    );
  }
  return posts.join('\n\n');
}

let tmp: { dir: string; cleanup: () => void };
let corpus: string;

beforeAll(() => {
  tmp = tempDir();
  corpus = join(tmp.dir, 'corpus');
  for (let s = 0; s < 4; s++) {
    const dir = join(corpus, `source-${s}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 250; f++) writeFileSync(join(dir, `page-${String(f).padStart(4, '0')}.txt`), dump(s * 1000 + f));
  }
});
afterAll(() => tmp.cleanup());

function snapshot(db: string): { ids: string[]; captures: number; fts: number } {
  const items = jsonl<{ id: string }>(cli(db, ['export']).stdout);
  const conn = new Database(db, { readonly: true });
  try {
    const captures = (conn.prepare('SELECT count(*) AS n FROM captures').get() as { n: number }).n;
    const fts = (conn.prepare("SELECT count(*) AS n FROM items_fts WHERE items_fts MATCH 'tender'").get() as { n: number }).n;
    return { ids: items.map((i) => i.id).sort(), captures, fts };
  } finally {
    conn.close();
  }
}

describe('SIGKILL mid-ingest', () => {
  it('leaves a consistent store and a rerun completes without duplicates', async () => {
    const killedDb = join(tmp.dir, 'killed.db');
    const child = spawn(process.execPath, [BIN, 'ingest', corpus, '--json'], { cwd: ROOT, env: { ...process.env, NARRASCOPE_DB: killedDb }, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Wait until some captures are committed, then kill without warning.
    const deadline = Date.now() + 60_000;
    let committed = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      try {
        const conn = new Database(killedDb, { readonly: true, fileMustExist: true });
        committed = (conn.prepare('SELECT count(*) AS n FROM captures').get() as { n: number }).n;
        conn.close();
      } catch {
        committed = 0;
      }
      if (committed >= 50) break;
    }
    child.kill('SIGKILL');
    await exited;
    expect(committed).toBeGreaterThanOrEqual(50);

    const partial = snapshot(killedDb);
    expect(partial.captures).toBeLessThan(1000);
    expect(new Set(partial.ids).size).toBe(partial.ids.length);

    const rerun = cli(killedDb, ['ingest', corpus, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const cleanDb = join(tmp.dir, 'clean.db');
    expect(cli(cleanDb, ['ingest', corpus, '--json']).code).toBe(0);

    const after = snapshot(killedDb);
    const clean = snapshot(cleanDb);
    expect(after.captures).toBe(1000);
    expect(after.ids).toEqual(clean.ids);
    expect(after.fts).toBe(clean.fts);
  }, 300_000);
});

/** Every span as a comparable row, ids left out (they differ between stores). */
function spans(db: string): string[] {
  const conn = new Database(db, { readonly: true });
  try {
    return (
      conn
        .prepare('SELECT item_id, layer, label, start_cp, end_cp, value, producer_id, producer_version FROM annotations ORDER BY item_id, start_cp, end_cp, layer, label')
        .all() as Array<Record<string, unknown>>
    ).map((r) => JSON.stringify(r));
  } finally {
    conn.close();
  }
}

describe('SIGKILL mid-enrich', () => {
  it('keeps whole batches, and a rerun ends with exactly the spans of an uninterrupted run', async () => {
    const killedDb = join(tmp.dir, 'enrich-killed.db');
    const cleanDb = join(tmp.dir, 'enrich-clean.db');
    for (const db of [killedDb, cleanDb]) expect(cli(db, ['ingest', corpus, '--enrichers', 'language,dates']).code).toBe(0);
    const total = jsonl<{ items: number }>(cli(cleanDb, ['stats', '--json']).stdout)[0]?.items ?? 0;
    expect(total).toBe(8000);

    const child = spawn(process.execPath, [BIN, 'enrich', '--json'], { cwd: ROOT, env: { ...process.env, NARRASCOPE_DB: killedDb }, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    let done = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const conn = new Database(killedDb, { readonly: true });
      done = (conn.prepare("SELECT count(*) AS n FROM item_enrichments WHERE producer_id = 'entities'").get() as { n: number }).n;
      conn.close();
      if (done >= 500) break;
    }
    child.kill('SIGKILL');
    await exited;
    // Killed after at least one batch and before the end: batches are all or nothing.
    expect(done).toBeGreaterThanOrEqual(500);
    const conn = new Database(killedDb, { readonly: true });
    const partial = (conn.prepare("SELECT count(*) AS n FROM item_enrichments WHERE producer_id = 'entities'").get() as { n: number }).n;
    conn.close();
    expect(partial).toBeLessThan(total);
    expect(partial % 500).toBe(0);

    const rerun = cli(killedDb, ['enrich', '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(jsonl<{ enriched: number; skipped: number }>(rerun.stdout)[0]).toMatchObject({ enriched: total - partial, skipped: partial });
    expect(cli(cleanDb, ['enrich']).code).toBe(0);
    expect(spans(killedDb)).toEqual(spans(cleanDb));
  }, 300_000);
});
