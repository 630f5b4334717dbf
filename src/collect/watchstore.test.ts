// The same contract for both watch stores: SQLite through the store's migrations, PostgreSQL
// through WATCH_PG_MIGRATION run on a fresh test database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openSqliteStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { createTestDatabase, dropTestDatabase } from '../../test/pg.js';
import { findGaps, openWatchStore, parseEvery, watchHealth, type WatchRun, type WatchStore } from './watches.js';
import { PostgresWatchStore, WATCH_PG_MIGRATION } from './watchstore-postgres.js';

function contract(name: string, open: () => Promise<{ ws: WatchStore; close: () => Promise<void> }>): void {
  describe(name, () => {
    let ws: WatchStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ ws, close } = await open());
    });
    afterAll(async () => close());

    it('adds, finds, keeps state, items and runs, and removes', async () => {
      const a = await ws.add({ url: 'https://harbour.example.org/feed', kind: 'feed', everySeconds: 900, source: 'Harbour' });
      expect(a.created).toBe(true);
      const again = await ws.add({ url: 'https://harbour.example.org/feed', kind: 'feed', everySeconds: 60, source: 'Other' });
      expect(again).toMatchObject({ created: false, watch: { id: a.watch.id, everySeconds: 900, source: 'Harbour' } });
      expect((await ws.get(a.watch.id.slice(0, 4)))?.url).toBe('https://harbour.example.org/feed');
      expect((await ws.get('https://harbour.example.org/feed'))?.id).toBe(a.watch.id);
      expect(await ws.get('zzzz')).toBeNull();

      const state = await ws.loadState(a.watch.id);
      expect(state.cursor).toEqual({});
      state.cursor.lastId = 42;
      state.http.set('https://harbour.example.org/feed', { etag: '"v7"', lastModified: 'Mon, 06 May 2024 11:45:00 GMT' });
      await ws.saveState(a.watch.id, state);
      const back = await ws.loadState(a.watch.id);
      expect(back.cursor).toEqual({ lastId: 42 });
      expect(back.http.get('https://harbour.example.org/feed')).toEqual({ etag: '"v7"', lastModified: 'Mon, 06 May 2024 11:45:00 GMT' });

      await ws.recordSeen(a.watch.id, [
        { key: 'entry:1', publishedAt: '2024-05-01T10:00:00.000Z', marker: null },
        { key: 'entry:2', publishedAt: '2024-05-02T10:00:00.000Z', marker: '3|x' },
      ], '2024-05-03T00:00:00.000Z');
      await ws.recordSeen(a.watch.id, [{ key: 'entry:2', publishedAt: null, marker: '4|y' }], '2024-05-04T00:00:00.000Z');
      expect(await ws.known(a.watch.id, ['entry:1', 'entry:2', 'entry:3'])).toEqual(new Map([['entry:1', null], ['entry:2', '4|y']]));
      expect(await ws.itemDates(a.watch.id, 10)).toEqual(['2024-05-01T10:00:00.000Z', '2024-05-02T10:00:00.000Z']);
      expect(await ws.seenCount(a.watch.id)).toBe(2);

      const run = (startedAt: string, ok: boolean): WatchRun => ({
        watchId: a.watch.id, startedAt, finishedAt: startedAt, ok, error: ok ? null : 'https://harbour.example.org/feed: HTTP 503', httpStatus: ok ? 200 : 503,
        requests: 1, notModified: 0, capturesAdded: ok ? 1 : 0, itemsAdded: ok ? 2 : 0,
      });
      await ws.recordRun(run('2024-05-05T00:00:00.000Z', true));
      await ws.recordRun(run('2024-05-05T01:00:00.000Z', false));
      await ws.recordRun(run('2024-05-05T02:00:00.000Z', false));
      expect((await ws.recentRuns(a.watch.id, 5)).map((r) => r.ok)).toEqual([false, false, true]);
      expect((await ws.lastRun(a.watch.id, true))?.startedAt).toBe('2024-05-05T00:00:00.000Z');
      const h = await watchHealth(ws, a.watch, new Date('2024-05-05T03:00:00Z'));
      expect(h).toMatchObject({ status: 'failing', consecutiveFailures: 2, lastSuccessAt: '2024-05-05T00:00:00.000Z', lastError: 'https://harbour.example.org/feed: HTTP 503', items: 2 });
      expect(h.gaps).toEqual([{ kind: 'failing', from: '2024-05-05T01:00:00.000Z', to: null, seconds: 7200, error: 'https://harbour.example.org/feed: HTTP 503' }]);

      await ws.setEnabled(a.watch.id, false);
      expect((await ws.get(a.watch.id))?.enabled).toBe(false);
      expect(await ws.remove(a.watch.id)).toBe(true);
      expect(await ws.remove(a.watch.id)).toBe(false);
      expect(await ws.list()).toEqual([]);
      expect(await ws.seenCount(a.watch.id)).toBe(0);
    });
  });
}

contract('SqliteWatchStore', async () => {
  const store: Store = await openSqliteStore(':memory:');
  return { ws: await openWatchStore(store), close: () => store.close() };
});

describe.skipIf(!process.env.NARRASCOPE_TEST_PG)('PostgresWatchStore', () => {
  contract('on a fresh database', async () => {
    const url = await createTestDatabase('watchstore');
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    await pool.query(WATCH_PG_MIGRATION.sql);
    return {
      ws: new PostgresWatchStore(pool),
      close: async () => {
        await pool.end();
        await dropTestDatabase(url);
      },
    };
  });
});

describe('findGaps', () => {
  it('finds quiet stretches against the usual rhythm, the open one, and failing stretches', () => {
    const days = [1, 2, 3, 4, 5, 6, 7, 28, 29, 30, 31].map((d) => `2024-03-${String(d).padStart(2, '0')}T08:00:00.000Z`);
    const run = (startedAt: string, ok: boolean): WatchRun => ({
      watchId: 'w', startedAt, finishedAt: startedAt, ok, error: ok ? null : 'x: timed out', httpStatus: null, requests: 1, notModified: 0, capturesAdded: 0, itemsAdded: 0,
    });
    // Newest first, as recentRuns gives them.
    const runs = [run('2024-04-03T00:00:00.000Z', true), run('2024-04-02T00:00:00.000Z', false), run('2024-04-01T00:00:00.000Z', false), run('2024-03-31T00:00:00.000Z', true)];
    const { gaps, usualSeconds } = findGaps(days, runs, new Date('2024-04-20T08:00:00Z'));
    expect(usualSeconds).toBe(86400);
    expect(gaps.map((g) => [g.kind, g.from.slice(0, 10), g.to?.slice(0, 10) ?? null])).toEqual([
      ['quiet', '2024-03-31', null],
      ['failing', '2024-04-01', '2024-04-03'],
      ['quiet', '2024-03-07', '2024-03-28'],
    ]);
    expect(gaps[2]?.seconds).toBe(21 * 86400);
    expect(gaps[1]?.error).toBe('x: timed out');
    // Too few dates to know a rhythm: no quiet gaps are claimed.
    expect(findGaps(days.slice(0, 3), [], new Date('2024-04-20T08:00:00Z')).gaps).toEqual([]);
  });
});

describe('parseEvery', () => {
  it('reads intervals people write', () => {
    expect(parseEvery('15m')).toBe(900);
    expect(parseEvery('1h30m')).toBe(5400);
    expect(parseEvery('2d')).toBe(172800);
    expect(parseEvery('90')).toBe(90);
    expect(() => parseEvery('soon')).toThrow(/expected an interval/);
  });
});
