// A private PostgreSQL cluster for tests: initdb into a temporary folder, started on 127.0.0.1 at a
// free port with trust authentication, stopped and removed at the end. Tests never touch a
// system-wide server, and fault tests can stop, kill and restart their own cluster at will.
// PostgreSQL refuses to run as root, so under root (CI) the server runs as the `postgres` user
// that Debian's package creates.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The folder holding initdb, pg_ctl and postgres, or null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
  const fromEnv = process.env.NARRASCOPE_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = which.status === 0 ? which.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  port: number;
  dataDir: string;
  /** URL of a database on this cluster (the default `postgres` database when none is named). */
  url(database?: string): string;
  /** A fresh, empty database; its URL. */
  createDatabase(prefix?: string): Promise<string>;
  start(): void;
  /** Stop: 'fast' ends sessions cleanly, 'immediate' is a crash (recovery on the next start). */
  stop(mode?: 'fast' | 'immediate'): void;
  restart(): void;
  /** Stop and remove the data folder. */
  destroy(): void;
}

const USER = 'narrascope';

/** Start a private cluster (a few seconds). Throws when PostgreSQL is not installed. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin); apt-get install postgresql');
  const asRoot = process.getuid?.() === 0;
  // Under root the server runs as `postgres`, which must reach the folder: TMPDIR may point into
  // a home it cannot enter, /tmp it always can.
  const dataDir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'narrascope-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dataDir, uid, gid);
  }
  const run = (tool: string, args: string[]): void => {
    const cmd = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: '/' });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  };
  const pgData = join(dataDir, 'data');
  run('initdb', ['-D', pgData, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  // No fsync: a test cluster lives for one run, and crash tests kill the server process, not the
  // machine, so the page cache still holds every WAL write. Commits stay synchronous: with
  // synchronous_commit off an immediate stop loses the last commits, which a crash test must not see.
  const options = [
    `-h 127.0.0.1 -p ${port} -k ${dataDir}`,
    '-c fsync=off -c full_page_writes=off',
    '-c max_connections=200 -c shared_buffers=128MB',
  ].join(' ');
  const cluster: PgCluster = {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://${USER}@127.0.0.1:${port}/${database}`,
    async createDatabase(prefix = 'test') {
      const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const client = new pg.Client({ connectionString: cluster.url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return cluster.url(name);
    },
    start: () => run('pg_ctl', ['-D', pgData, '-l', join(dataDir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']),
    stop: (mode = 'fast') => run('pg_ctl', ['-D', pgData, '-m', mode, '-w', 'stop']),
    restart() {
      cluster.stop('fast');
      cluster.start();
    },
    destroy() {
      try {
        cluster.stop('immediate');
      } catch {
        // Already stopped.
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}

/**
 * The server the test run shares: NARRASCOPE_TEST_PG (an admin URL) when set, else the cluster the
 * global setup started; null when neither (PostgreSQL tests then skip).
 */
export function sharedPgUrl(): string | null {
  return process.env.NARRASCOPE_TEST_PG ?? null;
}

/** A fresh database on the shared test server; its URL. */
export async function createTestDatabase(prefix = 'test'): Promise<string> {
  const admin = sharedPgUrl();
  if (!admin) throw new Error('no PostgreSQL test server (set NARRASCOPE_TEST_PG or install postgresql)');
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drop a database made by createTestDatabase, ending any session still open on it. */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const admin = sharedPgUrl();
  if (!admin) return;
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
