// End-to-end tests run the real CLI in child processes (a SIGKILL test needs a real process),
// so the project is compiled once before any test file runs. PostgreSQL tests share one private
// cluster started here (see pg.ts); test files each create their own database on it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findPgBin, startPgCluster, type PgCluster } from './pg.js';

export default async function setup(): Promise<() => void> {
  // For a developer who has just built (or whose build is broken elsewhere): NARRASCOPE_SKIP_BUILD=1.
  if (process.env.NARRASCOPE_SKIP_BUILD !== '1') {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    // The CLI and server, then the browser pages' module (its own tsconfig: DOM, no Node).
    for (const project of ['tsconfig.build.json', 'web/tsconfig.json']) {
      execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
    }
  }
  let cluster: PgCluster | null = null;
  if (!process.env.NARRASCOPE_TEST_PG) {
    if (findPgBin()) {
      cluster = await startPgCluster();
      // Test processes are forked after this, so they inherit the URL.
      process.env.NARRASCOPE_TEST_PG = cluster.url();
    } else {
      console.warn('PostgreSQL is not installed: PostgreSQL tests are skipped (.ci/run installs it)');
    }
  }
  return () => cluster?.destroy();
}
