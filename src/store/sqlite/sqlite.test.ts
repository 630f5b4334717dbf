import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAnnotation, buildItem } from '../../../test/factories.js';
import { ERRORS, NarrascopeError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import type { DocumentRecord, Item } from '../../core/types.js';
import { defaultStorePath, openStore } from '../index.js';
import { runStoreConformance } from '../store.case.js';
import type { IngestUnit } from '../store.js';
import { openSqliteStore, type SqliteStore } from './index.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';

let suiteDir = '';
let fileNo = 0;
beforeAll(() => {
  suiteDir = mkdtempSync(join(tmpdir(), 'narrascope-store-'));
});
afterAll(() => {
  rmSync(suiteDir, { recursive: true, force: true });
});

runStoreConformance('sqlite file', () => openSqliteStore(join(suiteDir, `conformance-${++fileNo}.db`)));
runStoreConformance('sqlite in memory', () => openSqliteStore(':memory:'));

describe('SqliteStore specifics', () => {
  let dir: string;
  let path: string;
  let store: SqliteStore | undefined;
  let raw: Database.Database | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'narrascope-sqlite-'));
    path = join(dir, 'corpus.db');
  });
  afterEach(async () => {
    raw?.close();
    raw = undefined;
    await store?.close();
    store = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A second, plain connection to the same file, to look at what the store wrote. */
  function inspect(): Database.Database {
    raw ??= new Database(path, { readonly: true });
    return raw;
  }

  /** One final unit with one document holding the given item texts. */
  function unitFor(sourceId: string, origin: string, texts: Array<{ id: string; title: string | null; text: string }>): IngestUnit {
    const bytes = Buffer.from(texts.map((t) => t.text).join('\n'));
    const hash = sha256(bytes);
    const document: DocumentRecord = {
      id: `doc-${hash.slice(0, 12)}`,
      captureId: hash,
      sourceId,
      originKey: origin,
      format: 'text',
      charset: 'utf-8',
      title: null,
      text: texts.map((t) => t.text).join('\n'),
      metadata: {},
      createdAt: '2024-06-01T00:00:00.000Z',
    };
    const items: Item[] = texts.map((t, i) =>
      // A fixed language: a changed language re-queues the item for stemming.
      buildItem({ id: t.id, sourceId, documentId: document.id, ordinal: i, title: t.title, text: t.text, start: 0, language: /[а-яё]/i.test(t.text) ? 'ru' : 'en' }),
    );
    return {
      capture: { id: hash, sha256: hash, size: bytes.length, origin, sourceId, receivedAt: '2024-06-01T00:00:00.000Z', mediaType: null },
      chunks: [{ seq: 0, bytes }],
      documents: [{ document, items, annotations: [] }],
      final: true,
    };
  }

  function ftsIds(query: string): string[] {
    return inspect()
      .prepare<[string], { id: string }>(
        'SELECT items.id FROM items_fts JOIN items ON items.rowid = items_fts.rowid WHERE items_fts MATCH ? ORDER BY items.id',
      )
      .all(query)
      .map((r) => r.id);
  }

  it('opens in WAL mode with foreign keys on', async () => {
    store = await openSqliteStore(path);
    await store.upsertSource({ name: 'Northgate Ledger', kind: 'blog' });
    expect(inspect().pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.kind).toBe('sqlite');
    expect(store.location).toBe(path);
  });

  it('migrates once and keeps data on reopen', async () => {
    store = await openSqliteStore(path);
    const s = await store.upsertSource({ name: 'Northgate Ledger', kind: 'blog' });
    await store.close();
    store = await openSqliteStore(path);
    expect((await store.getSource(s.id))?.name).toBe('Northgate Ledger');
    await store.close();
    store = undefined;
    const db = new Database(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(migrate(db, path)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('applies each migration in its own transaction', () => {
    const db = new Database(path);
    try {
      const first = { version: 1, name: 'one', sql: 'CREATE TABLE kept (x);' };
      const broken = { version: 2, name: 'two', sql: 'CREATE TABLE half (x); INSERT INTO missing VALUES (1);' };
      expect(() => migrate(db, path, [first, broken])).toThrow(/missing/);
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      expect(tables.map((t) => t.name)).toEqual(['kept']);
      const fixed = { ...broken, sql: 'CREATE TABLE half (x);' };
      expect(migrate(db, path, [first, fixed])).toEqual([2]);
      expect(migrate(db, path, [first, fixed])).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses a store written by a newer version', async () => {
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(openSqliteStore(path)).rejects.toMatchObject({ code: ERRORS.CONFIG, message: expect.stringMatching(/newer/) as unknown });
  });

  it('keeps the full-text index in step with inserts, updates and deletes, folding Cyrillic case', async () => {
    store = await openSqliteStore(path);
    const s = await store.upsertSource({ name: 'Взгляд с реки', kind: 'channel' });
    await store.writeIngest(
      unitFor(s.id, 'tg.json', [
        { id: 'spb', title: 'Новости', text: 'Вчера в Петербурге прошёл митинг. Петербург ждёт ответа.' },
        { id: 'harbour', title: 'Harbour News', text: 'The Harbour Council met in Port Ellis.' },
      ]),
    );
    // New items wait in fts_pending until the run syncs the index in bulk.
    expect(ftsIds('ПЕТЕРБУРГ')).toEqual([]);
    expect(await store.syncSearchIndex()).toBe(2);
    expect(await store.syncSearchIndex()).toBe(0);
    expect(ftsIds('ПЕТЕРБУРГ')).toEqual(['spb']);
    expect(ftsIds('петербург')).toEqual(['spb']);
    expect(ftsIds('harbour')).toEqual(['harbour']);
    expect(ftsIds('title:новости')).toEqual(['spb']);

    // The same item id with new text: the old words go, the new ones are found.
    await store.writeIngest(
      unitFor(s.id, 'tg.json', [
        { id: 'spb', title: 'Новости', text: 'Вчера в Москве прошёл митинг.' },
        { id: 'harbour', title: 'Harbour News', text: 'The Harbour Council met in Port Ellis.' },
      ]),
    );
    // A changed text is queued again: the old words go at once, the new ones with the next sync.
    expect(ftsIds('ПЕТЕРБУРГ')).toEqual([]);
    expect(await store.syncSearchIndex()).toBe(1);
    expect(ftsIds('МОСКВЕ')).toEqual(['spb']);
    // The stemmed column finds other forms of the word.
    expect(ftsIds('text_stems:москв')).toEqual(['spb']);

    // An edited file without the item: the item and its index entry go.
    await store.writeIngest(unitFor(s.id, 'tg.json', [{ id: 'harbour', title: 'Harbour News', text: 'The Harbour Council met in Port Ellis.' }]));
    expect(ftsIds('москве')).toEqual([]);
    expect(ftsIds('harbour')).toEqual(['harbour']);

    // An item stored and removed again before any sync never touches the index. (The file
    // edited to hold only the ferry item drops harbour, which then comes back as a new row.)
    await store.writeIngest(unitFor(s.id, 'tg.json', [{ id: 'ferry', title: 'Ferry', text: 'The ferry timetable changed again.' }]));
    expect(ftsIds('harbour')).toEqual([]);
    await store.writeIngest(unitFor(s.id, 'tg.json', [{ id: 'harbour', title: 'Harbour News', text: 'The Harbour Council met in Port Ellis.' }]));
    expect(await store.syncSearchIndex()).toBe(1);
    expect(ftsIds('ferry')).toEqual([]);
    expect(ftsIds('harbour')).toEqual(['harbour']);
    const check = new Database(path);
    try {
      // Throws when the index's own structures disagree.
      expect(() => check.prepare("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    } finally {
      check.close();
    }
  });

  it('leaves nothing behind, not even chunks, when a write fails midway', async () => {
    store = await openSqliteStore(path);
    const s = await store.upsertSource({ name: 'Port Ellis Forum', kind: 'forum' });
    const unit = unitFor(s.id, 'thread.txt', [{ id: 'p1', title: null, text: 'The ferry prices rose again this week.' }]);
    const write = unit.documents[0];
    if (!write) throw new Error('no document');
    write.annotations = [
      buildAnnotation({ itemId: 'p1', start: 4, end: 9 }),
      // The check on offsets fails after the chunk, document, item and first annotation are written.
      buildAnnotation({ itemId: 'p1', start: 9, end: 4 }),
    ];
    const err = await store.writeIngest(unit).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NarrascopeError);
    expect(err).toMatchObject({ code: ERRORS.STORE, input: unit.capture.origin });
    const db = inspect();
    for (const table of ['capture_chunks', 'captures', 'documents', 'items', 'annotations']) {
      expect(db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n).toBe(0);
    }
    expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM items_fts WHERE items_fts MATCH 'ferry'").get()?.n).toBe(0);
    // The store stays usable after the failure.
    write.annotations = [];
    expect(await store.writeIngest(unit)).toEqual({ itemsAdded: 1, itemsUpdated: 0, itemsRemoved: 0 });
  });

  it('rejects calls after close', async () => {
    store = await openSqliteStore(path);
    await store.close();
    await expect(store.stats()).rejects.toThrow(/closed/);
    await store.close();
    store = undefined;
  });

  describe('openStore', () => {
    async function configError(spec: string): Promise<NarrascopeError> {
      const err = await openStore(spec).then(
        async (s) => {
          await s.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(NarrascopeError);
      const e = err as NarrascopeError;
      expect(e.code).toBe(ERRORS.CONFIG);
      expect(e.input).toBe(spec);
      return e;
    }

    it('opens a SQLite file by path', async () => {
      const s = await openStore(path);
      try {
        expect(s.kind).toBe('sqlite');
        expect((await s.stats()).items).toBe(0);
      } finally {
        await s.close();
      }
    });

    it('refuses an unknown URL scheme and lists the valid kinds', async () => {
      expect((await configError('mysql://localhost/corpus')).message).toMatch(/"mysql".*valid store kinds: sqlite \(a file path\), postgres \(a postgres:\/\/ URL\)/);
    });

    it('opens postgres:// URLs as PostgreSQL stores, naming an unreachable server', async () => {
      const e = await configError('postgresql://analyst@127.0.0.1:1/corpus');
      expect(e.message).toMatch(/Cannot open the PostgreSQL store postgresql:\/\/analyst@127\.0\.0\.1:1\/corpus: nothing listens there/);
    });

    it('names a missing parent directory', async () => {
      const spec = join(dir, 'no-such-folder', 'corpus.db');
      expect((await configError(spec)).message).toMatch(/no-such-folder.*does not exist/);
    });

    it('rejects a directory as the store path', async () => {
      const spec = join(dir, 'folder');
      mkdirSync(spec);
      expect((await configError(spec)).message).toMatch(/is a directory/);
    });

    it('rejects a file that is not a SQLite database, naming it, and leaves it unchanged', async () => {
      const spec = join(dir, 'notes.txt');
      const content = 'Notes from the Harbour Council meeting, 3 April 2024.\n'.repeat(200);
      writeFileSync(spec, content);
      const e = await configError(spec);
      expect(e.message).toContain(spec);
      expect(e.message).toMatch(/not a SQLite database/);
      expect(readFileSync(spec, 'utf8')).toBe(content);
    });

    it('rejects a SQLite database that is not a narrascope store', async () => {
      const db = new Database(path);
      db.exec('CREATE TABLE sources (x)');
      db.close();
      expect((await configError(path)).message).toMatch(/not a narrascope store/);
    });

    it('takes the default path from NARRASCOPE_DB', () => {
      const saved = process.env.NARRASCOPE_DB;
      try {
        delete process.env.NARRASCOPE_DB;
        expect(defaultStorePath()).toBe('./narrascope.db');
        process.env.NARRASCOPE_DB = '/srv/corpora/election.db';
        expect(defaultStorePath()).toBe('/srv/corpora/election.db');
      } finally {
        if (saved === undefined) delete process.env.NARRASCOPE_DB;
        else process.env.NARRASCOPE_DB = saved;
      }
    });
  });
});
