// The accounts conformance suite on every backend: SQLite in memory and in a file (tables from
// migration 8), and PostgreSQL (a fresh test database with ACCOUNTS_PG_MIGRATION applied).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../../test/pg.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { runAccountsConformance } from './accounts.case.js';
import { accountsBackend } from './accounts.js';
import { ACCOUNTS_PG_MIGRATION, PostgresAccountsBackend } from './store-postgres.js';

let dir = '';
let fileNo = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'narrascope-accounts-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function sqlite(path: () => string): Promise<{ backend: ReturnType<typeof accountsBackend>; close: () => Promise<void> }> {
  const store: Store = await openStore(path());
  return { backend: accountsBackend(store.handle), close: () => store.close() };
}

runAccountsConformance('sqlite in memory', () => sqlite(() => ':memory:'));
runAccountsConformance('sqlite file', () => sqlite(() => join(dir, `accounts-${++fileNo}.db`)));

describe.skipIf(!process.env.NARRASCOPE_TEST_PG)('postgres', () => {
  runAccountsConformance('postgres', async () => {
    const url = await createTestDatabase('accounts');
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    await pool.query(ACCOUNTS_PG_MIGRATION.sql);
    return {
      backend: new PostgresAccountsBackend(pool),
      close: async () => {
        await pool.end();
        await dropTestDatabase(url);
      },
    };
  });
});
