// End-to-end tests run the real CLI in child processes (a SIGKILL test needs a real process),
// so the project is compiled once before any test file runs.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  // For a developer who has just built (or whose build is broken elsewhere): NARRASCOPE_SKIP_BUILD=1.
  if (process.env.NARRASCOPE_SKIP_BUILD === '1') return;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  // The CLI and server, then the browser pages' module (its own tsconfig: DOM, no Node).
  for (const project of ['tsconfig.build.json', 'web/tsconfig.json']) {
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  }
}
