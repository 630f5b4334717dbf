// The test harness itself: a private cluster keeps its data across a restart and after a crash.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findPgBin, startPgCluster } from './pg.js';

describe.skipIf(!findPgBin())('private PostgreSQL cluster', () => {
  it('serves on 127.0.0.1 and keeps committed rows across a crash and a restart', async () => {
    const cluster = await startPgCluster();
    try {
      const url = await cluster.createDatabase('harness');
      expect(new URL(url).hostname).toBe('127.0.0.1');
      const query = async (sql: string): Promise<unknown[]> => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          return (await c.query<Record<string, unknown>>(sql)).rows;
        } finally {
          await c.end();
        }
      };
      await query('CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2)');
      cluster.stop('immediate');
      cluster.start();
      cluster.restart();
      expect(await query('SELECT sum(n)::int AS s FROM t')).toEqual([{ s: 3 }]);
    } finally {
      cluster.destroy();
    }
  });
});
