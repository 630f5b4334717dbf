// Ingestion throughput of one generated corpus, in one run: inline into SQLite (the baseline),
// inline into PostgreSQL, and queued (`ingest --queue`) then drained by 1 and by 2 `narrascope
// worker` processes on PostgreSQL. Every figure is wall time through the real CLI, from the first
// command to the last job done. PostgreSQL: NARRASCOPE_BENCH_PG (an admin URL), else a private
// cluster started here (initdb from /usr/lib/postgresql/*/bin).
//   npm run bench:workers -- [--mb 8] [--seed 1]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateCorpus } from '../ingest/generate.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'narrascope.js');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** A throwaway cluster (as test/pg.ts does): trust auth on 127.0.0.1, fsync on, removed at the end. */
async function privateCluster(): Promise<{ url: string; stop: () => void }> {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!version) throw new Error('PostgreSQL is not installed; set NARRASCOPE_BENCH_PG to an admin URL');
  const bin = join(root, version, 'bin');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-bench-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, uid);
  }
  const run = (tool: string, args: string[]): void => {
    const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { encoding: 'utf8', cwd: '/' }) : spawnSync(join(bin, tool), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'narrascope', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', `-h 127.0.0.1 -p ${port} -k ${dir} -c max_connections=100 -c shared_buffers=256MB`, '-w', 'start']);
  return {
    url: `postgres://narrascope@127.0.0.1:${port}/postgres`,
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createDb(admin: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

function narrascope(db: string, args: string[]): void {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, NARRASCOPE_DB: db }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`narrascope ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
}

async function countItems(db: string): Promise<number> {
  const c = new pg.Client({ connectionString: db });
  await c.connect();
  const n = Number((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM items')).rows[0]?.n);
  await c.end();
  return n;
}

async function drain(db: string, workers: number): Promise<void> {
  const procs = Array.from({ length: workers }, () =>
    spawn(process.execPath, [BIN, 'worker', '--concurrency', '1', '--poll', '0', '--schedule-watches', '0', '--queues', 'ingest'], {
      env: { ...process.env, NARRASCOPE_DB: db },
      stdio: 'ignore',
    }),
  );
  const c = new pg.Client({ connectionString: db });
  await c.connect();
  for (;;) {
    const n = Number((await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM narrascope_queue.job WHERE state < 'completed'`)).rows[0]?.n);
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await c.end();
  await Promise.all(procs.map((p) => new Promise((r) => (p.once('exit', r), p.kill('SIGTERM')))));
}

async function main(): Promise<void> {
  const mb = arg('--mb', 8);
  const seed = arg('--seed', 1);
  const work = mkdtempSync(join(tmpdir(), 'narrascope-bench-workers-'));
  const envAdmin = process.env.NARRASCOPE_BENCH_PG;
  const cluster = envAdmin ? null : await privateCluster();
  const admin = envAdmin ?? cluster?.url ?? '';
  try {
    const corpus = join(work, 'corpus');
    const g = await generateCorpus(corpus, { totalBytes: mb * 1024 * 1024, seed });
    const load = loadavg()[0]?.toFixed(2);
    console.log(`corpus: ${g.files} files, ${(g.bytes / 1e6).toFixed(1)} MB (seed ${seed}); ${cpus().length} cores, load ${load} at start`);
    const rows: Array<{ name: string; seconds: number; items: number }> = [];

    const sqlite = join(work, 'inline.db');
    let t = performance.now();
    narrascope(sqlite, ['ingest', corpus]);
    const sqliteItems = Number(
      spawnSync(process.execPath, [BIN, 'stats', '--json'], { env: { ...process.env, NARRASCOPE_DB: sqlite }, encoding: 'utf8' }).stdout.match(/"items":(\d+)/)?.[1] ?? 0,
    );
    rows.push({ name: 'inline, SQLite', seconds: (performance.now() - t) / 1000, items: sqliteItems });

    const inlinePg = await createDb(admin, 'bench_inline');
    t = performance.now();
    narrascope(inlinePg, ['ingest', corpus]);
    rows.push({ name: 'inline, PostgreSQL', seconds: (performance.now() - t) / 1000, items: await countItems(inlinePg) });

    for (const workers of [1, 2]) {
      const db = await createDb(admin, `bench_workers_${workers}`);
      narrascope(db, ['migrate']);
      t = performance.now();
      narrascope(db, ['ingest', '--queue', corpus]);
      const queued = (performance.now() - t) / 1000;
      await drain(db, workers);
      const seconds = (performance.now() - t) / 1000;
      rows.push({ name: `queued, ${workers} worker${workers > 1 ? 's' : ''} (enqueue ${queued.toFixed(1)} s)`, seconds, items: await countItems(db) });
    }

    const base = rows[0]?.seconds ?? 1;
    console.log(`\n| run | seconds | MB/s | items | vs SQLite |\n|---|---:|---:|---:|---:|`);
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.seconds.toFixed(1)} | ${(g.bytes / 1e6 / r.seconds).toFixed(2)} | ${r.items} | ${(base / r.seconds).toFixed(2)}× |`);
    }
    console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
