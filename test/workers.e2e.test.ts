// Faults for distributed workers (issue 6): a worker SIGKILLed mid-job, PostgreSQL restarted during
// ingestion (by workers and inline), and 10,000 jobs drained by two workers. Each ends with the
// same items as an uninterrupted ingest into SQLite: nothing lost, nothing duplicated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { BIN, cli, cliAsync, jsonl, ROOT, tempDir } from './cli-helpers.js';
import { createTestDatabase, dropTestDatabase, findPgBin, startPgCluster, type PgCluster } from './pg.js';

const TOPICS = ['grain terminal lease', 'ferry subsidy', 'hospital merger', 'wind farm permit', 'tram depot sale', 'census recount'];
const TOWNS = ['Harwick', 'Ostrava Nova', 'Bellmere', 'Saint Ives-on-Lune', 'Drummore', 'Kallio'];

/** A dump of dated posts; every line differs across files, so no line reads as boilerplate. */
function dump(n: number, posts: number): string {
  const out: string[] = [];
  for (let p = 0; p < posts; p++) {
    const topic = TOPICS[(n + p) % TOPICS.length] ?? 'ferry subsidy';
    const town = TOWNS[(n * 5 + p) % TOWNS.length] ?? 'Harwick';
    const day = ((n + p) % 28) + 1;
    out.push(
      `The ${topic} in ${town}: what they will not tell you, part ${n}.${p} (${day}.${(p % 12) + 1}.2023)\n\n` +
        `Dispatch ${n}-${p}. Residents of ${town} waited outside the council chamber for news of the ${topic}, and left with a leaflet. ` +
        `Reader ${n * 1000 + p} wrote in to say the ${topic} was signed a week before the public hearing was even announced. ` +
        `Nobody in ${town} has seen the annex with the prices; the officials say it is commercially sensitive, file ${n}/${p}.`,
    );
  }
  return out.join('\n\n');
}

function writeCorpus(root: string, sources: number, files: number, posts: number): void {
  for (let s = 0; s < sources; s++) {
    const dir = join(root, `outlet-${s}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < files; f++) writeFileSync(join(dir, `post-${String(f).padStart(4, '0')}.txt`), dump(s * 1000 + f, posts));
  }
}

type Snapshot = Array<{ id: string; text: string; publishedAt: string | null; source: string }>;

/** Every item of a store (SQLite path or PostgreSQL URL), sorted by id. */
function snapshot(db: string): Snapshot {
  const r = cli(db, ['export']);
  expect(r.code, r.stderr).toBe(0);
  return jsonl<{ id: string; text: string; publishedAt: string | null; source: string }>(r.stdout)
    .map(({ id, text, publishedAt, source }) => ({ id, text, publishedAt, source }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

// Short leases and quick maintenance, so a killed worker's jobs come back within seconds.
const TIMING = { NARRASCOPE_JOB_LEASE_SECONDS: '3', NARRASCOPE_JOB_MAINTENANCE_SECONDS: '1', NARRASCOPE_JOB_RETRY_DELAY_SECONDS: '1' };
Object.assign(process.env, TIMING);

function startWorker(url: string, args: string[] = []): { child: ChildProcess; exited: Promise<number>; output: () => string } {
  const child = spawn(process.execPath, [BIN, 'worker', '--json', '--schedule-watches', '0', '--poll', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...TIMING, NARRASCOPE_DB: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  return { child, exited, output: () => out };
}

async function waitFor(what: string, test: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await test()) return;
    } catch {
      // The server may be restarting.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const pending = (url: string) => async (): Promise<number> =>
  Number((await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM narrascope_queue.job WHERE state < 'completed'`))[0]?.n ?? -1);

/** States of every job, runs per job: exactly one successful run for each, none failed. */
async function jobAccounting(url: string): Promise<{ states: Record<string, number>; runs: number; jobsRun: number; maxOkRunsPerJob: number; uploads: number; retried: number }> {
  const states = Object.fromEntries(
    (await query<{ state: string; n: number }>(url, `SELECT state::text AS state, count(*)::int AS n FROM narrascope_queue.job GROUP BY 1`)).map((r) => [r.state, r.n]),
  );
  const [runs] = await query<{ runs: number; jobs: number; maxok: number }>(
    url,
    `SELECT count(*)::int AS runs, count(DISTINCT job_id)::int AS jobs,
            COALESCE(max(n), 0)::int AS maxok FROM narrascope_jobs.runs r
     LEFT JOIN (SELECT job_id AS j, count(*) AS n FROM narrascope_jobs.runs WHERE ok GROUP BY job_id) k ON k.j = r.job_id`,
  );
  const [uploads] = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM narrascope_jobs.uploads`);
  const [retried] = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM narrascope_queue.job WHERE retry_count > 0`);
  return { states, runs: runs?.runs ?? 0, jobsRun: runs?.jobs ?? 0, maxOkRunsPerJob: runs?.maxok ?? 0, uploads: uploads?.n ?? -1, retried: retried?.n ?? 0 };
}

let tmp: { dir: string; cleanup: () => void };
let corpus: string;
let baseline: Snapshot;

beforeAll(() => {
  tmp = tempDir('narrascope-workers-');
  corpus = join(tmp.dir, 'corpus');
  // 3 sources × 16 files × 120 posts ≈ 2.6 MB: a few seconds of work, long enough to interrupt.
  writeCorpus(corpus, 3, 16, 120);
  const sqlite = join(tmp.dir, 'baseline.db');
  const r = cli(sqlite, ['ingest', corpus, '--enrichers', 'language']);
  expect(r.code, r.stderr).toBe(0);
  baseline = snapshot(sqlite);
  expect(baseline.length).toBe(3 * 16 * 120);
});
afterAll(() => tmp?.cleanup());

describe.skipIf(!process.env.NARRASCOPE_TEST_PG)('workers on the shared test server', () => {
  it('a worker SIGKILLed mid-job: a second worker finishes it, items equal an uninterrupted ingest', async () => {
    const url = await createTestDatabase('workers_kill');
    try {
      const q = cli(url, ['ingest', '--queue', corpus, '--enrichers', 'language', '--json'], {});
      expect(q.code, q.stderr).toBe(0);
      expect(JSON.parse(q.stdout)).toMatchObject({ queued: 48, alreadyQueued: 0 });
      // Queued twice: nothing new.
      expect(JSON.parse(cli(url, ['ingest', '--queue', corpus, '--enrichers', 'language', '--json']).stdout)).toMatchObject({ queued: 0, alreadyQueued: 48 });

      const a = startWorker(url, ['--concurrency', '1', '--batch', '4']);
      // Kill it while it holds jobs, after it has finished some: mid-run and mid-job.
      await waitFor(
        'the first worker to hold jobs after finishing some',
        async () => {
          const [r] = await query<{ done: number; active: number }>(
            url,
            `SELECT count(*) FILTER (WHERE state = 'completed')::int AS done, count(*) FILTER (WHERE state = 'active')::int AS active FROM narrascope_queue.job`,
          );
          return (r?.done ?? 0) >= 4 && (r?.active ?? 0) > 0;
        },
        60_000,
      );
      a.child.kill('SIGKILL');
      await a.exited;
      const [held] = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM narrascope_queue.job WHERE state = 'active'`);
      expect(held?.n).toBeGreaterThan(0);

      const b = startWorker(url, ['--concurrency', '2']);
      await waitFor('the queue to drain', async () => (await pending(url)()) === 0, 90_000);
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);

      const acc = await jobAccounting(url);
      expect(acc.states).toEqual({ completed: 48 });
      // The killed worker's jobs were leased again (retry_count > 0) and done once by the second.
      expect(acc.retried).toBeGreaterThan(0);
      expect(acc.maxOkRunsPerJob).toBe(1);
      expect(acc.uploads).toBe(0);
      expect(snapshot(url)).toEqual(baseline);
      const [captures] = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM captures');
      expect(captures?.n).toBe(48);
    } finally {
      await dropTestDatabase(url);
    }
  }, 150_000);

  it('10,000 jobs drained by 2 workers: each completed exactly once, none lost', async () => {
    const url = await createTestDatabase('workers_10k');
    const dir = join(tmp.dir, 'tiny', 'notes');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 10_000; i++) {
      writeFileSync(join(dir, `n${String(i).padStart(5, '0')}.txt`), `Note ${i}: the Bellmere ferry board met about berth ${i} and published nothing.\n`);
    }
    try {
      const q = cli(url, ['ingest', '--queue', join(tmp.dir, 'tiny'), '--enrichers', 'language', '--json']);
      expect(q.code, q.stderr).toBe(0);
      expect(JSON.parse(q.stdout)).toMatchObject({ queued: 10_000 });
      const workers = [startWorker(url, ['--concurrency', '2', '--batch', '32']), startWorker(url, ['--concurrency', '2', '--batch', '32'])];
      await waitFor('10,000 jobs to drain', async () => (await pending(url)()) === 0, 170_000);
      for (const w of workers) w.child.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
      const perWorker = workers.map((w) => jsonl(w.output().split('\n').filter((l) => l.startsWith('{')).join('\n')).length);
      // Both took part, and their logs add up to the jobs.
      expect(perWorker.every((n) => n > 0)).toBe(true);
      expect(perWorker[0]! + perWorker[1]!).toBe(10_000);

      const acc = await jobAccounting(url);
      expect(acc.states).toEqual({ completed: 10_000 });
      expect(acc.runs).toBe(10_000);
      expect(acc.jobsRun).toBe(10_000);
      expect(acc.maxOkRunsPerJob).toBe(1);
      expect(acc.uploads).toBe(0);
      const [items] = await query<{ n: number; d: number }>(url, 'SELECT count(*)::int AS n, count(DISTINCT text)::int AS d FROM items');
      expect(items).toEqual({ n: 10_000, d: 10_000 });
      const jobs = JSON.parse(cli(url, ['jobs', '--json']).stdout) as { queues: Array<{ queue: string; completed: number; created: number; failed: number }> };
      expect(jobs.queues.find((x) => x.queue === 'ingest')).toMatchObject({ completed: 10_000, created: 0, failed: 0 });
    } finally {
      await dropTestDatabase(url);
    }
  }, 240_000);
});

describe.skipIf(!findPgBin())('PostgreSQL restarted during ingestion', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  });
  afterAll(() => cluster?.destroy());

  it('by workers: nothing lost, nothing duplicated', async () => {
    const url = await cluster.createDatabase('restart_workers');
    const q = cli(url, ['ingest', '--queue', corpus, '--enrichers', 'language', '--json']);
    expect(q.code, q.stderr).toBe(0);
    const workers = [startWorker(url, ['--concurrency', '1', '--batch', '4']), startWorker(url, ['--concurrency', '1', '--batch', '4'])];
    await waitFor(
      'some jobs to complete',
      async () => Number((await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM narrascope_queue.job WHERE state = 'completed'`))[0]?.n) >= 4,
      60_000,
    );
    cluster.restart();
    await waitFor('the queue to drain after the restart', async () => (await pending(url)()) === 0, 120_000);
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited)), workers.map((w) => w.output().slice(-2000)).join('\n')).toEqual([0, 0]);
    const acc = await jobAccounting(url);
    expect(acc.states).toEqual({ completed: 48 });
    expect(acc.uploads).toBe(0);
    expect(snapshot(url)).toEqual(baseline);
  }, 180_000);

  it('inline `ingest --db postgres://…`: the run survives and stores every item once', async () => {
    const url = await cluster.createDatabase('restart_inline');
    const run = cliAsync(url, ['ingest', corpus, '--enrichers', 'language', '--json']);
    await waitFor('the first items to be committed', async () => Number((await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM items'))[0]?.n) > 0, 60_000);
    cluster.restart();
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(snapshot(url)).toEqual(baseline);
  }, 180_000);
});
