// Runs the built CLI in a child process, as a user would, against a temporary store.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'narrascope.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `narrascope ARGS` with the store at `db`. */
export function cli(db: string, args: string[], opts: { input?: string | Buffer; cwd?: string } = {}): CliResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NARRASCOPE_DB: db },
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Parse JSON Lines output. */
export function jsonl<T = Record<string, unknown>>(s: string): T[] {
  return s
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** A temporary folder removed by the returned cleanup function. */
export function tempDir(prefix = 'narrascope-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Like `cli`, without blocking the test worker: for long runs. `asInstalled` runs the binary
 * through its shebang, with the heap cap users get, instead of under this Node with its defaults.
 */
export function cliAsync(db: string, args: string[], opts: { asInstalled?: boolean } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [cmd, argv] = opts.asInstalled ? [BIN, args] : [process.execPath, [BIN, ...args]];
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, NARRASCOPE_DB: db } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
