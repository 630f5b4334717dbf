// Choosing a store backend from the user's --db / NARRASCOPE_DB value happens here and only here.
import { createError, ERRORS } from '../core/errors.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

export type * from './store.js';
export { SqliteStore, openSqliteStore } from './sqlite/index.js';
export { PostgresStore, openPostgresStore } from './postgres/index.js';

const VALID_KINDS = 'valid store kinds: sqlite (a file path), postgres (a postgres:// URL)';

/** The store spec used when neither --db nor NARRASCOPE_DB names one. */
export function defaultStorePath(): string {
  return process.env.NARRASCOPE_DB ?? './narrascope.db';
}

/** True when a store spec names a PostgreSQL database. */
export function isPostgresSpec(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * Open the store a spec names: a file path (SQLite) or a postgres:// URL (PostgreSQL).
 * @example const store = await openStore(defaultStorePath());
 */
export async function openStore(spec: string): Promise<Store> {
  if (isPostgresSpec(spec)) return openPostgresStore(spec);
  // Any other URL would otherwise be taken for a relative path and fail with a puzzling message.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(spec);
  if (scheme) {
    throw createError(ERRORS.CONFIG, `Unknown store kind "${scheme[1] ?? ''}"; ${VALID_KINDS}`, spec);
  }
  return openSqliteStore(spec);
}
