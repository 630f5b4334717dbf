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

/** What `migrate` found and did. */
export interface MigrationReport {
  kind: 'sqlite' | 'postgres';
  location: string;
  /** Schema version before. */
  from: number;
  /** Schema version after (the same as `from` on a dry run). */
  to: number;
  /** Versions this code would apply or applied, with their names. */
  pending: Array<{ version: number; name: string }>;
  applied: boolean;
}

/**
 * Bring a store's schema up to date (or, with dryRun, only say what is pending). Opening a store
 * migrates it too; this is the explicit step a team runs before starting new workers.
 */
export async function migrateStore(spec: string, opts: { dryRun?: boolean } = {}): Promise<MigrationReport> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(spec);
  if (scheme && !isPostgresSpec(spec)) throw createError(ERRORS.CONFIG, `Unknown store kind "${scheme[1] ?? ''}"; ${VALID_KINDS}`, spec);
  if (isPostgresSpec(spec)) {
    const { PG_MIGRATIONS, currentPgVersion } = await import('./postgres/migrations.js');
    const pg = (await import('pg')).default;
    const { redactUrl } = await import('./postgres/index.js');
    const client = new pg.Client({ connectionString: spec });
    let from = 0;
    try {
      await client.connect();
      from = await currentPgVersion(client);
    } catch (err) {
      throw createError(ERRORS.CONFIG, `Cannot open the PostgreSQL store ${redactUrl(spec)}: ${err instanceof Error ? err.message : String(err)}`, redactUrl(spec));
    } finally {
      await client.end().catch(() => undefined);
    }
    const pending = PG_MIGRATIONS.filter((m) => m.version > from).map((m) => ({ version: m.version, name: m.name }));
    if (opts.dryRun) return { kind: 'postgres', location: redactUrl(spec), from, to: from, pending, applied: false };
    const store = await openPostgresStore(spec);
    await store.close();
    return { kind: 'postgres', location: redactUrl(spec), from, to: Math.max(from, ...pending.map((p) => p.version)), pending, applied: true };
  }
  const { MIGRATIONS } = await import('./sqlite/migrations.js');
  const { existsSync } = await import('node:fs');
  let from = 0;
  if (existsSync(spec)) {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(spec, { readonly: true, fileMustExist: true });
    try {
      from = Number(db.pragma('user_version', { simple: true }));
    } catch {
      // Not a SQLite file: opening the store below names the problem.
    } finally {
      db.close();
    }
  }
  const pending = MIGRATIONS.filter((m) => m.version > from).map((m) => ({ version: m.version, name: m.name }));
  if (opts.dryRun) return { kind: 'sqlite', location: spec, from, to: from, pending, applied: false };
  const store = await openSqliteStore(spec);
  await store.close();
  return { kind: 'sqlite', location: spec, from, to: Math.max(from, ...pending.map((p) => p.version)), pending, applied: true };
}
