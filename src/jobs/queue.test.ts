// The queue wrapper against the shared test server: deduplication by key, leases that expire when
// not renewed, retries with backoff, uploads kept while a job needs them, and a refusal on SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { createTestDatabase, dropTestDatabase } from '../../test/pg.js';
import { openJobQueue, type JobQueue } from './queue.js';

describe.skipIf(!process.env.NARRASCOPE_TEST_PG)('JobQueue on PostgreSQL', () => {
  let url: string;
  let store: Store;
  let queue: JobQueue;
  beforeAll(async () => {
    url = await createTestDatabase('jobs_unit');
    store = await openStore(url);
    queue = await openJobQueue(store, { timing: { leaseSeconds: 2, retryDelaySeconds: 1, retryLimit: 2 } });
  });
  afterAll(async () => {
    await queue?.close();
    await store?.close();
    if (url) await dropTestDatabase(url);
  });

  it('queues the same key once while it waits or runs, and again once it is done', async () => {
    const first = await queue.enqueue('enrich', [{ key: 'k1', data: { n: 1 } }, { key: 'k1', data: { n: 1 } }, { key: 'k2', data: { n: 2 } }]);
    expect(first).toMatchObject({ queued: 2, alreadyQueued: 1 });
    expect((await queue.enqueue('enrich', [{ key: 'k1', data: { n: 1 } }])).queued).toBe(0);
    const jobs = await queue.fetch('enrich', 10);
    expect(jobs.map((j) => j.data.n).sort()).toEqual([1, 2]);
    // Running counts as pending too.
    expect((await queue.enqueue('enrich', [{ key: 'k2', data: { n: 2 } }])).alreadyQueued).toBe(1);
    expect(await queue.completeMany('enrich', jobs.map((j) => ({ id: j.id, output: { ok: true } })))).toBe(2);
    expect((await queue.enqueue('enrich', [{ key: 'k2', data: { n: 2 } }])).queued).toBe(1);
    const counts = (await queue.counts()).find((c) => c.queue === 'enrich');
    expect(counts).toMatchObject({ created: 1, active: 0, completed: 2 });
    const [again] = await queue.fetch('enrich', 1);
    await queue.completeMany('enrich', [{ id: again!.id, output: {} }]);
  });

  it('takes a job back when its lease runs out, but not while it is renewed', async () => {
    await queue.enqueue('collect', [{ key: 'lease-a', data: {} }, { key: 'lease-b', data: {} }]);
    const held = await queue.fetch('collect', 2);
    expect(held).toHaveLength(2);
    const [renewed, abandoned] = held as [(typeof held)[0], (typeof held)[0]];
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 500));
      await queue.renew('collect', [renewed.id]);
    }
    await queue.boss.expire();
    let back: Awaited<ReturnType<JobQueue['fetch']>> = [];
    for (let i = 0; i < 40 && back.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      back = await queue.fetch('collect', 5);
    }
    // Only the abandoned one: expired into retry (after its 1 s delay), on its second attempt.
    expect(back.map((j) => j.id)).toEqual([abandoned.id]);
    expect(back[0]?.retryCount).toBe(1);
    await queue.completeMany('collect', [renewed, ...back].map((j) => ({ id: j.id, output: {} })));
  }, 20_000);

  it('retries a failed job with backoff, then keeps it as failed with its message', async () => {
    await queue.enqueue('enrich', [{ key: 'boom', data: {} }]);
    let attempts = 0;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const [job] = await queue.fetch('enrich', 1);
      if (job) {
        attempts++;
        await queue.fail('enrich', job.id, `broken input, attempt ${attempts}`);
      }
      const failed = await queue.recentFailures(5);
      if (failed.some((f) => f.state === 'failed' && f.key === 'boom')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // retryLimit 2: three attempts in all.
    expect(attempts).toBe(3);
    const failure = (await queue.recentFailures(5)).find((f) => f.key === 'boom');
    expect(failure).toMatchObject({ state: 'failed', message: 'broken input, attempt 3' });
    const r = await queue.retry(failure!.id.slice(0, 8));
    expect(r.outcome).toBe('retrying');
    expect((await queue.cancel(failure!.id)).cancelled).toBe(true);
  }, 20_000);

  it('keeps an upload while another job needs it', async () => {
    const bytes = new TextEncoder().encode('The harbour board met twice and told nobody.\n');
    const upload = { sha256: 'ab'.repeat(32), name: 'a.txt', bytes };
    const r = await queue.enqueue('ingest', [
      { key: 'u1', data: { upload: upload.sha256 }, upload },
      { key: 'u2', data: { upload: upload.sha256 }, upload },
    ]);
    expect(r.queued).toBe(2);
    expect(await queue.readUpload(upload.sha256)).toEqual(Buffer.from(bytes));
    const [first, second] = r.ids as [string, string];
    expect(await queue.removeUpload(upload.sha256, first)).toBe(false);
    await queue.cancel(second);
    expect(await queue.removeUpload(upload.sha256, first)).toBe(true);
    expect(await queue.readUpload(upload.sha256)).toBeNull();
  });
});

describe('JobQueue on SQLite', () => {
  it('refuses with a configuration error naming PostgreSQL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'narrascope-jobs-'));
    const store = await openStore(join(dir, 'corpus.db'));
    try {
      const err = await openJobQueue(store).then(
        () => null,
        (e: unknown) => e as { code?: string; message?: string },
      );
      expect(err?.code).toBe('config');
      expect(err?.message).toContain('PostgreSQL store');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
