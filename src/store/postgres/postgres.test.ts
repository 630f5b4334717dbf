// The PostgreSQL store against a real server (the private cluster of the test run; see test/pg.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../../../test/pg.js';
import { ERRORS, NarrascopeError } from '../../core/errors.js';
import { openStore } from '../index.js';
import { runStoreConformance } from '../store.case.js';
import { openPostgresStore, redactUrl } from './index.js';
import { PG_MIGRATIONS } from './migrations.js';

const PG = process.env.NARRASCOPE_TEST_PG;
const made: string[] = [];

afterAll(async () => {
  for (const url of made) await dropTestDatabase(url);
});

async function fresh(prefix = 'conf'): Promise<string> {
  const url = await createTestDatabase(prefix);
  made.push(url);
  return url;
}

describe.skipIf(!PG)('PostgreSQL store', () => {
  runStoreConformance('postgres', async () => openPostgresStore(await fresh()));

  it('is chosen by a postgres:// URL and reports its kind', async () => {
    const store = await openStore(await fresh('spec'));
    try {
      expect(store.kind).toBe('postgres');
      expect(store.handle.kind).toBe('postgres');
    } finally {
      await store.close();
    }
  });

  it('migrates once when several processes open the same new database together', async () => {
    const url = await fresh('race');
    const stores = await Promise.all([openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)]);
    try {
      const rows = await stores[0].pool.query<{ version: number }>('SELECT version FROM narrascope_schema ORDER BY version');
      expect(rows.rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    } finally {
      for (const s of stores) await s.close();
    }
  });

  it('names the database and the reason when it cannot connect, without the password', async () => {
    const bad = new URL(PG ?? 'postgres://x@127.0.0.1:1/x');
    bad.pathname = '/no_such_database_here';
    bad.password = 's3cret-pass';
    const err = await openStore(bad.toString()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NarrascopeError);
    expect((err as NarrascopeError).code).toBe(ERRORS.CONFIG);
    expect((err as Error).message).toContain('no_such_database_here');
    expect((err as Error).message).toMatch(/does not exist/);
    expect((err as Error).message).not.toContain('s3cret-pass');
    expect(redactUrl('postgres://u:pw@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
});
