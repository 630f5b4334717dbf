// What every module writing to PostgreSQL shares (the store, the job queue, watches): which errors
// are worth repeating an operation for, and one transaction on a pooled client.
import type pg from 'pg';

/** Lost deadlocks and serialization failures, a server shutting down or restarting, a dropped connection. */
const TRANSIENT_CODES = new Set(['40P01', '40001', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** True when repeating the whole operation may succeed (see TRANSIENT_CODES). */
export function isTransientPgError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  return /Connection terminated|terminating connection|connection.*(closed|ended|lost)|the database system is (starting up|shutting down)|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    err.message,
  );
}

/**
 * Run `fn` in one transaction on a client of the pool: COMMIT on success, ROLLBACK on a throw.
 * A client whose connection broke is discarded, not returned to the pool. One attempt: callers
 * decide whether to repeat (isTransientPgError).
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true;
    }
    if (isTransientPgError(err)) broken = true;
    throw err;
  } finally {
    client.release(broken);
  }
}
