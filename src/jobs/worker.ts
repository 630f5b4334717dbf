// A worker: `concurrency` loops that each take one job at a time from the chosen queues, run it,
// and mark it completed or failed (pg-boss retries it with backoff). The leases of running jobs
// are renewed on a timer; on stop, loops take no new job and the running ones finish.
import type { CollectOptions } from '../pipeline/collect.js';
import type { Store } from '../store/store.js';
import { runEnrichJob, runIngestJobs, type CollectJobData, type JobOutcome } from './kinds.js';
import { JOB_KINDS, type FetchedJob, type JobKind, type JobQueue } from './queue.js';

export interface WorkerOptions {
  queues?: readonly JobKind[];
  /** Jobs run at once in this process (default 2). */
  concurrency?: number;
  /** Ingest jobs taken at once by one loop and ingested together (default 16): small files go faster. */
  ingestBatch?: number;
  /** Seconds between polls of an empty queue (default 1). */
  pollSeconds?: number;
  /** Seconds between looks for due watches to queue (default 60; 0: never). Needs the collect queue. */
  scheduleWatchesSeconds?: number;
  /** Options for collect jobs (allowPrivate, timeouts, rate limits). */
  collect?: CollectOptions;
  /** Aborting it stops the worker after the running jobs. */
  signal?: AbortSignal;
  onJob?: (log: JobLog) => void;
  /** Something worth a line on stderr (an unreachable server, watches queued). */
  onNotice?: (message: string) => void;
}

/** One finished job attempt, as the worker logs it. */
export interface JobLog {
  at: string;
  job: string;
  queue: JobKind;
  /** 1 for the first attempt. */
  attempt: number;
  worker: string;
  ok: boolean;
  seconds: number;
  summary: string | null;
  error: string | null;
}

export interface WorkerReport {
  jobs: number;
  ok: number;
  failed: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Consume jobs until `signal` aborts; resolves once the running jobs have finished. */
export async function runWorker(store: Store, queue: JobQueue, opts: WorkerOptions = {}): Promise<WorkerReport> {
  const queues = opts.queues && opts.queues.length > 0 ? [...opts.queues] : [...JOB_KINDS];
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const pollMs = Math.max(100, (opts.pollSeconds ?? 1) * 1000);
  const signal = opts.signal;
  const report: WorkerReport = { jobs: 0, ok: 0, failed: 0 };
  const running = new Map<string, FetchedJob>();
  const timers: NodeJS.Timeout[] = [];
  const notice = (m: string): void => opts.onNotice?.(m);

  // Renew leases a few times per lease so a job runs as long as it needs while its worker lives.
  const renewMs = Math.max(500, (queue.timing.leaseSeconds * 1000) / 4);
  timers.push(
    setInterval(() => {
      for (const kind of queues) {
        const ids = [...running.values()].filter((j) => j.kind === kind).map((j) => j.id);
        queue.renew(kind, ids).catch((err: unknown) => notice(`could not renew job leases: ${messageOf(err)}`));
      }
    }, renewMs),
  );

  // Uploads left behind by a worker killed between completing a job and removing its upload.
  const sweep = (): void => {
    queue.sweepUploads().catch((err: unknown) => notice(`could not sweep uploads: ${messageOf(err)}`));
  };
  if (queues.includes('ingest')) {
    sweep();
    timers.push(setInterval(sweep, 10 * 60_000));
  }

  const shared = await collectShared(store, queues, opts);
  const scheduleMs = (opts.scheduleWatchesSeconds ?? 60) * 1000;
  if (queues.includes('collect') && scheduleMs > 0) {
    const schedule = (): void => {
      enqueueDueWatches(store, queue)
        .then((n) => {
          if (n > 0) notice(`queued ${n} due watch(es) for collection`);
        })
        .catch((err: unknown) => notice(`could not queue due watches: ${messageOf(err)}`));
    };
    schedule();
    timers.push(setInterval(schedule, scheduleMs));
  }

  const ingestBatch = Math.max(1, opts.ingestBatch ?? 16);
  let turn = 0;
  let unreachableSince = 0;
  const loop = async (): Promise<void> => {
    while (!signal?.aborted) {
      let jobs: FetchedJob[] = [];
      try {
        for (let i = 0; i < queues.length && jobs.length === 0; i++) {
          const kind = queues[(turn + i) % queues.length] as JobKind;
          jobs = await queue.fetch(kind, kind === 'ingest' ? ingestBatch : 1);
        }
        turn++;
        unreachableSince = 0;
      } catch (err) {
        if (!unreachableSince) {
          unreachableSince = Date.now();
          notice(`cannot fetch jobs (${messageOf(err)}); retrying`);
        }
      }
      if (jobs.length === 0) {
        await sleep(pollMs, signal);
        continue;
      }
      await runJobs(jobs);
    }
  };

  const runJobs = async (jobs: FetchedJob[]): Promise<void> => {
    for (const job of jobs) running.set(job.id, job);
    const started = new Date();
    let outcomes: Map<string, JobOutcome | Error>;
    try {
      outcomes = await handle(store, queue, jobs, shared, signal);
    } catch (err) {
      outcomes = new Map(jobs.map((j) => [j.id, err instanceof Error ? err : new Error(String(err))]));
    }
    const finished = new Date();
    const logs: JobLog[] = [];
    const done: Array<{ id: string; output: object }> = [];
    for (const job of jobs) {
      const outcome = outcomes.get(job.id);
      if (outcome && !(outcome instanceof Error)) done.push({ id: job.id, output: outcome.output });
    }
    const kind = jobs[0]?.kind ?? 'ingest';
    try {
      await queue.completeMany(kind, done);
    } catch (err) {
      // These jobs stay active; their leases run out and another attempt repeats them (idempotently).
      notice(`could not record the end of ${done.length} job(s): ${messageOf(err)}`);
    }
    for (const job of jobs) {
      const outcome = outcomes.get(job.id) ?? new Error('no outcome');
      const ok = !(outcome instanceof Error);
      if (!ok) {
        await queue.fail(job.kind, job.id, outcome.message).catch((err: unknown) => notice(`could not record the failure of job ${job.id}: ${messageOf(err)}`));
      }
      running.delete(job.id);
      logs.push({
        at: finished.toISOString(),
        job: job.id,
        queue: job.kind,
        attempt: job.retryCount + 1,
        worker: queue.worker,
        ok,
        seconds: (finished.getTime() - started.getTime()) / 1000,
        summary: ok ? outcome.summary : null,
        error: ok ? null : outcome.message,
      });
    }
    await queue
      .recordRuns(logs.map((l) => ({ jobId: l.job, queue: l.queue, attempt: l.attempt, worker: l.worker, startedAt: started, finishedAt: finished, ok: l.ok, error: l.error, summary: l.summary })))
      .catch((err: unknown) => notice(`could not log ${logs.length} job(s): ${messageOf(err)}`));
    for (const log of logs) {
      report.jobs++;
      if (log.ok) report.ok++;
      else report.failed++;
      opts.onJob?.(log);
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, () => loop()));
  } finally {
    for (const t of timers) clearInterval(t);
  }
  return report;
}

interface CollectShared {
  options: CollectOptions;
}

/** Robots.txt cache and per-host rate limits shared by every collect job of this worker. */
async function collectShared(store: Store, queues: JobKind[], opts: WorkerOptions): Promise<CollectShared | null> {
  if (!queues.includes('collect')) return null;
  const [{ RobotsCache }, { HostRateLimiter }, { DEFAULT_USER_AGENT }, { openWatchStore }] = await Promise.all([
    import('../collect/robots.js'),
    import('../collect/ratelimit.js'),
    import('../collect/fetch.js'),
    import('../collect/watches.js'),
  ]);
  const c = opts.collect ?? {};
  const userAgent = c.userAgent ?? DEFAULT_USER_AGENT;
  return {
    options: {
      ...c,
      watches: c.watches ?? (await openWatchStore(store)),
      robots:
        c.robots ??
        new RobotsCache({ userAgent, fetchOptions: { allowPrivate: c.allowPrivate ?? false, userAgent, ...(c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {}) } }),
      limiter: c.limiter ?? new HostRateLimiter({ minIntervalMs: c.minIntervalMs ?? 1000 }),
    },
  };
}

async function handle(store: Store, queue: JobQueue, jobs: FetchedJob[], shared: CollectShared | null, signal?: AbortSignal): Promise<Map<string, JobOutcome | Error>> {
  const first = jobs[0];
  if (!first) return new Map();
  if (first.kind === 'ingest') return runIngestJobs(store, queue, jobs);
  const out = new Map<string, JobOutcome | Error>();
  for (const job of jobs) {
    try {
      out.set(job.id, job.kind === 'enrich' ? await runEnrichJob(store, job) : await runCollectJob(store, job, shared, signal));
    } catch (err) {
      out.set(job.id, err instanceof Error ? err : new Error(String(err)));
    }
  }
  return out;
}

/** Run one watch; a failed collection is recorded in the watch's health, the job itself completes. */
async function runCollectJob(store: Store, job: FetchedJob, shared: CollectShared | null, signal?: AbortSignal): Promise<JobOutcome> {
  const d = job.data as unknown as CollectJobData;
  const { runWatch } = await import('../pipeline/collect.js');
  const options = shared?.options ?? {};
  const watch = await options.watches?.get(d.watchId);
  if (!watch) return { summary: `watch ${d.watchId} no longer exists`, output: { removed: true } };
  const r = await runWatch(store, watch, { ...options, shouldStop: () => signal?.aborted ?? false });
  // Stopped by shutdown: fail the attempt so that another worker runs the watch again.
  if (r.interrupted) throw new Error('the worker stopped during the run; the watch will run again');
  const what = r.ok
    ? `${r.requests} request(s), ${r.notModified} not modified, ${r.captures.added} new capture(s), ${r.items.added} item(s) added`
    : `collection failed: ${r.error ?? 'unknown error'}`;
  return { summary: `${watch.url} → ${r.source}: ${what}`, output: { ...r } };
}

/** Queue a collect job for every due watch that has none waiting or running; how many were queued. */
export async function enqueueDueWatches(store: Store, queue: JobQueue, now = new Date()): Promise<number> {
  const { openWatchStore, isDue } = await import('../collect/watches.js');
  const ws = await openWatchStore(store);
  const jobs: Array<{ key: string; data: CollectJobData }> = [];
  for (const w of await ws.list()) {
    if (w.enabled && (await isDue(ws, w, now))) jobs.push({ key: `collect:${w.id}`, data: { watchId: w.id } });
  }
  if (jobs.length === 0) return 0;
  return (await queue.enqueue('collect', jobs)).queued;
}
