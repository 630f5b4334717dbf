// The job queue: pg-boss in the store's own PostgreSQL database (schema narrascope_queue), plus two
// tables of ours (schema narrascope_jobs): uploads, the bytes of files queued for ingestion so that
// workers on other machines need no shared filesystem, and runs, one row per job attempt (who ran
// it, how it ended), which `narrascope jobs` shows and the fault tests count.
//
// Guarantees, and how:
// - Enqueueing the same work twice does not duplicate it: each job has a key (pg-boss singletonKey)
//   and enqueuers check for a pending job with the same key under a per-queue advisory lock, in the
//   transaction that inserts the job (pg-boss's own singleton policies cannot say "at most one job
//   with this key in created, retry or active", which is what we need).
// - A job whose worker died is taken up again: jobs are leased (pg-boss expireIn); a live worker
//   renews the lease of the jobs it holds every quarter lease, so the lease can be short without
//   expiring a long job; a dead worker's job expires and pg-boss's maintenance puts it back in
//   `retry`. Handlers are idempotent, so the repeated work adds nothing twice.
// - Failures are retried with exponential backoff (retryLimit, retryDelay, retryBackoff).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { createError, ERRORS } from '../core/errors.js';
import { inTransaction, isTransientPgError } from '../store/postgres/tx.js';
import type { Store } from '../store/store.js';

/** The kinds of job, one pg-boss queue each. */
export const JOB_KINDS = ['ingest', 'enrich', 'collect'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const QUEUE_SCHEMA = 'narrascope_queue';
export const JOBS_SCHEMA = 'narrascope_jobs';

/** Largest file queued through the database; larger ones are ingested inline. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export interface QueueTiming {
  /** Seconds a job may stay active without its worker renewing the lease (default 300). */
  leaseSeconds: number;
  /** Attempts after the first (default 5). */
  retryLimit: number;
  /** Seconds before the first retry, doubled each time (default 10). */
  retryDelaySeconds: number;
  /** How often a worker's pg-boss runs maintenance: expiry of dead workers' jobs, archiving (default 30). */
  maintenanceSeconds: number;
}

function envSeconds(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Timing from the environment (NARRASCOPE_JOB_LEASE_SECONDS, …_RETRY_LIMIT, …_RETRY_DELAY_SECONDS, …_MAINTENANCE_SECONDS). */
export function timingFromEnv(): QueueTiming {
  return {
    leaseSeconds: Math.max(2, Math.round(envSeconds('NARRASCOPE_JOB_LEASE_SECONDS', 300))),
    retryLimit: Math.round(envSeconds('NARRASCOPE_JOB_RETRY_LIMIT', 5)),
    retryDelaySeconds: Math.round(envSeconds('NARRASCOPE_JOB_RETRY_DELAY_SECONDS', 10)),
    maintenanceSeconds: Math.max(1, Math.round(envSeconds('NARRASCOPE_JOB_MAINTENANCE_SECONDS', 30))),
  };
}

/** One job to enqueue: its key (the same work has the same key) and its data. */
export interface JobRequest<T extends object = object> {
  key: string;
  data: T;
}

/** A file's bytes to upload with the ingest job that needs them. */
export interface UploadRequest {
  sha256: string;
  name: string;
  bytes: Uint8Array;
}

export interface EnqueueResult {
  queued: number;
  /** Jobs with the same key were already waiting or running. */
  alreadyQueued: number;
  ids: string[];
}

/** A job handed to a worker. */
export interface FetchedJob {
  id: string;
  kind: JobKind;
  data: Record<string, unknown>;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
}

export interface QueueCounts {
  queue: JobKind;
  created: number;
  retry: number;
  active: number;
  completed: number;
  cancelled: number;
  failed: number;
  /** Age in seconds of the oldest job waiting (created or retry and due), null when none waits. */
  oldestWaitingSeconds: number | null;
}

export interface JobFailure {
  id: string;
  queue: string;
  state: string;
  at: string | null;
  retryCount: number;
  message: string;
  key: string | null;
}

export interface RunRecord {
  jobId: string;
  queue: JobKind;
  attempt: number;
  worker: string;
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  error: string | null;
  summary: string | null;
}

/** A lost connection or deadlock: worth repeating the whole operation. */
export const isTransientError = isTransientPgError;

/** Repeat `fn` on transient errors with backoff for up to `budgetMs` (a server restart). */
export async function withRetry<T>(fn: () => Promise<T>, budgetMs = 120_000): Promise<T> {
  const deadline = Date.now() + budgetMs;
  let delay = 200;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransientError(err) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 3_000);
    }
  }
}

function poolOf(store: Store): pg.Pool {
  const h = store.handle;
  if (h.kind !== 'postgres') {
    throw createError(
      ERRORS.CONFIG,
      `workers and queued jobs need a PostgreSQL store (--db postgres://…); ${store.location} is a ${h.kind} store`,
      store.location,
    );
  }
  return h.pool;
}

const adapter = (q: pg.Pool | pg.PoolClient): PgBoss.Db => ({ executeSql: (text, values) => q.query(text, values) });

/** The queue of one store. Open it with openJobQueue; close it before closing the store. */
export class JobQueue {
  readonly worker = `${hostname()}:${process.pid}`;
  private constructor(
    readonly store: Store,
    readonly pool: pg.Pool,
    readonly boss: PgBoss,
    readonly timing: QueueTiming,
  ) {}

  /**
   * Open the queue of a PostgreSQL store, creating its schemas and queues when missing.
   * `supervise` runs pg-boss maintenance (expiring dead workers' jobs) in this process: workers do.
   */
  static async open(store: Store, opts: { supervise?: boolean; timing?: Partial<QueueTiming> } = {}): Promise<JobQueue> {
    const pool = poolOf(store);
    const timing = { ...timingFromEnv(), ...opts.timing };
    const boss = new PgBoss({
      db: adapter(pool),
      schema: QUEUE_SCHEMA,
      migrate: true,
      supervise: opts.supervise ?? false,
      schedule: false,
      maintenanceIntervalSeconds: timing.maintenanceSeconds,
      // Completed jobs stay visible to `jobs` for a day, then move to the archive for a week.
      archiveCompletedAfterSeconds: 24 * 3600,
      deleteAfterDays: 7,
    });
    // pg-boss reports maintenance errors (a restarting server) as events: never crash on them.
    boss.on('error', () => undefined);
    await withRetry(async () => {
      await boss.start();
    });
    const queue = new JobQueue(store, pool, boss, timing);
    await withRetry(() => queue.ensureSchema());
    return queue;
  }

  private async ensureSchema(): Promise<void> {
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${JOBS_SCHEMA}`);
    await this.pool.query(
      `CREATE TABLE IF NOT EXISTS ${JOBS_SCHEMA}.uploads (
         sha256 text PRIMARY KEY,
         name text NOT NULL,
         size bigint NOT NULL,
         bytes bytea NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await this.pool.query(
      `CREATE TABLE IF NOT EXISTS ${JOBS_SCHEMA}.runs (
         id bigserial PRIMARY KEY,
         job_id uuid NOT NULL,
         queue text NOT NULL,
         attempt int NOT NULL,
         worker text NOT NULL,
         started_at timestamptz NOT NULL,
         finished_at timestamptz NOT NULL,
         ok boolean NOT NULL,
         error text,
         summary text
       )`,
    );
    await this.pool.query(`CREATE INDEX IF NOT EXISTS runs_job ON ${JOBS_SCHEMA}.runs (job_id)`);
    await this.pool.query(`CREATE INDEX IF NOT EXISTS runs_finished ON ${JOBS_SCHEMA}.runs (finished_at)`);
    const existing = new Set((await this.boss.getQueues()).map((q) => q.name));
    for (const kind of JOB_KINDS) {
      if (existing.has(kind)) continue;
      try {
        await this.boss.createQueue(kind, {
          name: kind,
          policy: 'standard',
          retryLimit: this.timing.retryLimit,
          retryDelay: this.timing.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: this.timing.leaseSeconds,
        });
      } catch (err) {
        // Another process created it between our look and our insert.
        if ((err as { code?: string }).code !== '23505') throw err;
      }
    }
  }

  /** Stop pg-boss (its maintenance timers); the store's pool stays open for the caller to close. */
  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, close: false, wait: true }).catch(() => undefined);
  }

  /**
   * Enqueue jobs, skipping those whose key already has a job waiting or running; uploads are
   * stored in the same transaction (only those a new job needs).
   */
  async enqueue<T extends object>(kind: JobKind, jobs: Array<JobRequest<T> & { upload?: UploadRequest }>): Promise<EnqueueResult> {
    const result: EnqueueResult = { queued: 0, alreadyQueued: 0, ids: [] };
    // Transactions of bounded size: a folder of large files is uploaded in ~32 MB steps.
    let batch: typeof jobs = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const part = batch;
      batch = [];
      bytes = 0;
      const r = await withRetry(() => this.enqueueBatch(kind, part));
      result.queued += r.queued;
      result.alreadyQueued += r.alreadyQueued;
      result.ids.push(...r.ids);
    };
    const seen = new Set<string>();
    for (const job of jobs) {
      // The same key twice in one call is one job.
      if (seen.has(job.key)) {
        result.alreadyQueued++;
        continue;
      }
      seen.add(job.key);
      batch.push(job);
      bytes += job.upload?.bytes.length ?? 0;
      if (batch.length >= 1000 || bytes >= 32 * 1024 * 1024) await flush();
    }
    await flush();
    return result;
  }

  private async enqueueBatch<T extends object>(kind: JobKind, jobs: Array<JobRequest<T> & { upload?: UploadRequest }>): Promise<EnqueueResult> {
    return inTransaction(this.pool, async (client) => {
      // Serialises enqueuers of one queue, so "no pending job with this key" stays true until we commit.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`narrascope:enqueue:${kind}`]);
      const keys = jobs.map((j) => j.key);
      const pending = new Set(
        (
          await client.query<{ k: string }>(
            `SELECT singleton_key AS k FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND singleton_key = ANY($2::text[]) AND state < 'completed'`,
            [kind, keys],
          )
        ).rows.map((r) => r.k),
      );
      const fresh = jobs.filter((j) => !pending.has(j.key));
      const uploads = new Map<string, UploadRequest>();
      for (const j of fresh) if (j.upload) uploads.set(j.upload.sha256, j.upload);
      if (uploads.size > 0) {
        const shas = [...uploads.keys()].sort();
        // The same locks as removeUpload: an upload is never deleted under a job being enqueued.
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('narrascope:upload:' || s)) FROM unnest($1::text[]) AS s ORDER BY s`, [shas]);
        const list = [...uploads.values()];
        await client.query(
          `INSERT INTO ${JOBS_SCHEMA}.uploads (sha256, name, size, bytes)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bytea[])
           ON CONFLICT (sha256) DO NOTHING`,
          [list.map((u) => u.sha256), list.map((u) => u.name), list.map((u) => u.bytes.length), list.map((u) => Buffer.from(u.bytes.buffer, u.bytes.byteOffset, u.bytes.byteLength))],
        );
      }
      const ids = fresh.map(() => randomUUID());
      if (fresh.length > 0) {
        await this.boss.insert(
          fresh.map((j, i) => ({
            id: ids[i],
            name: kind,
            data: j.data,
            singletonKey: j.key,
            retryLimit: this.timing.retryLimit,
            retryDelay: this.timing.retryDelaySeconds,
            retryBackoff: true,
            expireInSeconds: this.timing.leaseSeconds,
          })),
          { db: adapter(client) },
        );
      }
      return { queued: fresh.length, alreadyQueued: jobs.length - fresh.length, ids };
    });
  }

  /** Take up to `max` due jobs of a queue and mark them active (leased to this worker). */
  async fetch(kind: JobKind, max: number): Promise<FetchedJob[]> {
    // pg-boss's fetch swallows query errors (an unreachable server reads as "no jobs"), which is
    // what a polling loop wants.
    const jobs = await this.boss.fetch<Record<string, unknown>>(kind, { batchSize: max, includeMetadata: true });
    // Failing here must not lose the jobs just taken: they keep the lease they were queued with.
    if (jobs.length > 0) await this.renew(kind, jobs.map((j) => j.id)).catch(() => undefined);
    return jobs.map((j) => ({ id: j.id, kind, data: j.data, retryCount: j.retryCount, retryLimit: j.retryLimit }));
  }

  /**
   * Renew the lease of active jobs (see the file comment), to this worker's lease length: a job
   * queued with another length expires on this worker's terms once taken.
   */
  async renew(kind: JobKind, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `UPDATE ${QUEUE_SCHEMA}.job SET started_on = now(), expire_in = $3 * interval '1 second' WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`,
      [kind, ids, this.timing.leaseSeconds],
    );
  }

  async complete(kind: JobKind, id: string, output: object): Promise<void> {
    await withRetry(() => this.boss.complete(kind, id, output));
  }

  /**
   * Complete several active jobs, each with its own output, in one statement (pg-boss's complete
   * gives every job the same output); the same update as pg-boss's. Returns how many were active.
   */
  async completeMany(kind: JobKind, jobs: Array<{ id: string; output: object }>): Promise<number> {
    if (jobs.length === 0) return 0;
    const r = await withRetry(() =>
      this.pool.query(
        `UPDATE ${QUEUE_SCHEMA}.job j SET completed_on = now(), state = 'completed', output = o.output
         FROM unnest($2::uuid[], $3::jsonb[]) AS o(id, output)
         WHERE j.name = $1 AND j.id = o.id AND j.state = 'active'`,
        [kind, jobs.map((j) => j.id), jobs.map((j) => JSON.stringify(j.output))],
      ),
    );
    return r.rowCount ?? 0;
  }

  /** Fail an attempt: pg-boss retries it after a backoff while attempts remain. */
  async fail(kind: JobKind, id: string, message: string): Promise<void> {
    await withRetry(() => this.boss.fail(kind, id, { message, worker: this.worker }));
  }

  /** Bytes of an upload, or null when it is gone (already ingested and removed). */
  async readUpload(sha256: string): Promise<Uint8Array | null> {
    const r = await withRetry(() => this.pool.query<{ bytes: Buffer }>(`SELECT bytes FROM ${JOBS_SCHEMA}.uploads WHERE sha256 = $1`, [sha256]));
    return r.rows[0]?.bytes ?? null;
  }

  /** Delete an upload unless a job other than `exceptJobId` still waits for it; true when deleted. */
  async removeUpload(sha256: string, exceptJobId: string | null): Promise<boolean> {
    return (await this.removeUploads([sha256], exceptJobId ? [exceptJobId] : [])) > 0;
  }

  /** Delete these uploads except those a job not in `exceptJobIds` still waits for; how many were deleted. */
  async removeUploads(sha256s: string[], exceptJobIds: string[]): Promise<number> {
    const shas = [...new Set(sha256s)].sort();
    if (shas.length === 0) return 0;
    return withRetry(() =>
      inTransaction(this.pool, async (client) => {
        // The same locks as enqueue: an upload is never deleted under a job being enqueued for it.
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('narrascope:upload:' || s)) FROM unnest($1::text[]) AS s ORDER BY s`, [shas]);
        const r = await client.query(
          `DELETE FROM ${JOBS_SCHEMA}.uploads u WHERE u.sha256 = ANY($1::text[])
             AND NOT EXISTS (SELECT 1 FROM ${QUEUE_SCHEMA}.job j
                             WHERE j.name = 'ingest' AND j.state < 'completed' AND j.data->>'upload' = u.sha256
                               AND NOT (j.id = ANY($2::uuid[])))`,
          [shas, exceptJobIds],
        );
        return r.rowCount ?? 0;
      }),
    );
  }

  /** Remove uploads no pending job needs (left behind by a worker killed after completing its job). */
  async sweepUploads(): Promise<number> {
    const r = await withRetry(() =>
      this.pool.query<{ sha256: string }>(
        `SELECT u.sha256 FROM ${JOBS_SCHEMA}.uploads u
         WHERE NOT EXISTS (SELECT 1 FROM ${QUEUE_SCHEMA}.job j WHERE j.name = 'ingest' AND j.state < 'completed' AND j.data->>'upload' = u.sha256)
         LIMIT 1000`,
      ),
    );
    let removed = 0;
    for (const row of r.rows) if (await this.removeUpload(row.sha256, null)) removed++;
    return removed;
  }

  /** Record attempts (see the runs table). */
  async recordRuns(runs: RunRecord[]): Promise<void> {
    if (runs.length === 0) return;
    await withRetry(() =>
      this.pool.query(
        `INSERT INTO ${JOBS_SCHEMA}.runs (job_id, queue, attempt, worker, started_at, finished_at, ok, error, summary)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::bool[], $8::text[], $9::text[])`,
        [
          runs.map((r) => r.jobId),
          runs.map((r) => r.queue),
          runs.map((r) => r.attempt),
          runs.map((r) => r.worker),
          runs.map((r) => r.startedAt),
          runs.map((r) => r.finishedAt),
          runs.map((r) => r.ok),
          runs.map((r) => r.error),
          runs.map((r) => r.summary),
        ],
      ),
    );
  }

  /** Jobs per queue by state (archived ones included), with the age of the oldest waiting job. */
  async counts(): Promise<QueueCounts[]> {
    const rows = (
      await this.pool.query<{ name: string; state: string; n: number }>(
        `SELECT name, state::text AS state, count(*)::int AS n FROM (
           SELECT name, state FROM ${QUEUE_SCHEMA}.job UNION ALL SELECT name, state FROM ${QUEUE_SCHEMA}.archive
         ) t GROUP BY 1, 2`,
      )
    ).rows;
    const oldest = (
      await this.pool.query<{ name: string; age: number }>(
        `SELECT name, EXTRACT(EPOCH FROM now() - min(created_on))::float8 AS age FROM ${QUEUE_SCHEMA}.job
         WHERE state IN ('created', 'retry') GROUP BY name`,
      )
    ).rows;
    return JOB_KINDS.map((queue) => {
      const c: QueueCounts = { queue, created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0, oldestWaitingSeconds: null };
      for (const r of rows) if (r.name === queue && r.state in c) (c as unknown as Record<string, number>)[r.state] = r.n;
      const o = oldest.find((x) => x.name === queue);
      c.oldestWaitingSeconds = o ? Math.round(o.age) : null;
      return c;
    });
  }

  /** The latest failed jobs, and retrying ones, with their last error. */
  async recentFailures(limit = 10): Promise<JobFailure[]> {
    const r = await this.pool.query<{ id: string; name: string; state: string; at: Date | null; retry_count: number; output: unknown; singleton_key: string | null }>(
      `SELECT id, name, state::text AS state, COALESCE(completed_on, started_on, created_on) AS at, retry_count, output, singleton_key
       FROM ${QUEUE_SCHEMA}.job WHERE state IN ('failed', 'retry') AND output IS NOT NULL
       ORDER BY at DESC LIMIT $1`,
      [limit],
    );
    return r.rows.map((x) => ({
      id: x.id,
      queue: x.name,
      state: x.state,
      at: x.at ? new Date(x.at).toISOString() : null,
      retryCount: x.retry_count,
      message: messageOfOutput(x.output),
      key: x.singleton_key,
    }));
  }

  /** Find a job by id (or a unique id prefix, as `jobs` prints them). */
  async findJob(idOrPrefix: string): Promise<{ id: string; queue: JobKind; state: string; key: string | null } | null> {
    const id = idOrPrefix.trim().toLowerCase();
    if (!/^[0-9a-f-]{4,36}$/.test(id)) throw createError(ERRORS.USAGE, 'a job id is a UUID or its first characters', idOrPrefix);
    const r = await this.pool.query<{ id: string; name: string; state: string; singleton_key: string | null }>(
      `SELECT id, name, state::text AS state, singleton_key FROM ${QUEUE_SCHEMA}.job WHERE id::text LIKE $1 || '%' LIMIT 2`,
      [id],
    );
    if (r.rows.length > 1) throw createError(ERRORS.USAGE, 'several jobs start with this id; give more characters', idOrPrefix);
    const row = r.rows[0];
    return row ? { id: row.id, queue: row.name as JobKind, state: row.state, key: row.singleton_key } : null;
  }

  /** Put a failed (or cancelled) job back in the queue, unless the same work is already pending. */
  async retry(idOrPrefix: string): Promise<{ id: string; queue: JobKind; outcome: 'retrying' | 'already-pending' | 'not-failed' }> {
    const job = await this.findJob(idOrPrefix);
    if (!job) throw createError(ERRORS.NOT_FOUND, 'no such job (completed jobs are archived after a day)', idOrPrefix);
    if (job.state !== 'failed' && job.state !== 'cancelled') return { id: job.id, queue: job.queue, outcome: 'not-failed' };
    if (job.key) {
      const other = await this.pool.query(`SELECT 1 FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' AND id <> $3`, [job.queue, job.key, job.id]);
      if ((other.rowCount ?? 0) > 0) return { id: job.id, queue: job.queue, outcome: 'already-pending' };
    }
    if (job.state === 'cancelled') {
      await this.boss.resume(job.queue, job.id);
    } else {
      await this.boss.retry(job.queue, job.id);
    }
    return { id: job.id, queue: job.queue, outcome: 'retrying' };
  }

  /** Cancel a waiting or running job (a running one finishes its current step; its result stands). */
  async cancel(idOrPrefix: string): Promise<{ id: string; queue: JobKind; cancelled: boolean }> {
    const job = await this.findJob(idOrPrefix);
    if (!job) throw createError(ERRORS.NOT_FOUND, 'no such job', idOrPrefix);
    const r = await this.boss.cancel(job.queue, job.id);
    const affected = (r as unknown as { affected?: number } | undefined)?.affected ?? 0;
    return { id: job.id, queue: job.queue, cancelled: affected > 0 };
  }
}

/** The message of a pg-boss output: ours ({message}) or its own ({value: {message}}) for expired jobs. */
function messageOfOutput(output: unknown): string {
  if (output && typeof output === 'object') {
    const o = output as { message?: unknown; value?: unknown };
    if (typeof o.message === 'string') return o.message;
    if (o.value && typeof o.value === 'object' && typeof (o.value as { message?: unknown }).message === 'string') {
      const m = (o.value as { message: string }).message;
      return m === 'job failed by timeout in active state' ? 'the worker stopped renewing its lease (killed or stalled); retried' : m;
    }
    if (typeof o.value === 'string') return o.value;
  }
  return JSON.stringify(output);
}

/** Open the job queue of a store; fails with exit code 2 on a SQLite store. */
export function openJobQueue(store: Store, opts: { supervise?: boolean; timing?: Partial<QueueTiming> } = {}): Promise<JobQueue> {
  return JobQueue.open(store, opts);
}
