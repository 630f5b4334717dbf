// The real server on a real socket: it binds loopback, answers fetch, and refuses to expose the
// corpus on another address without a token.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exitCodeFor, NarrascopeError } from '../core/errors.js';
import { runServe } from '../cli/commands/serve.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { isLoopback, startServer } from './listen.js';

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'narrascope-listen-'));
  store = await openStore(join(dir, 'empty.db'));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('answers a request the HTTP parser refuses (raw non-ASCII in the URL) with problem+json', async () => {
    const server = await startServer({ store, host: '127.0.0.1', port: 0 });
    try {
      const port = Number(new URL(server.url).port);
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(Buffer.from('GET /api/search?q=Петербург HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'utf8'));
        });
        let data = '';
        socket.on('data', (d: Buffer) => (data += d.toString('utf8')));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400/);
      expect(reply).toContain('application/problem+json');
      expect(reply).toContain('percent-encode');
    } finally {
      await server.close();
    }
  });

  it('listens on 127.0.0.1 with a free port and answers /api/health over HTTP', async () => {
    const server = await startServer({ store, host: '127.0.0.1', port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const r = await fetch(`${server.url}api/health`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      expect(await r.json()).toMatchObject({ status: 'ok' });
      // A page that rebinds its own name to 127.0.0.1 is not answered.
      // (fetch does not let a caller set Host, so a plain http request does.)
      const status = await new Promise<number | undefined>((resolve, reject) => {
        request(`${server.url}api/sources`, { headers: { host: 'attacker.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('refuses a non-loopback address without a token: a configuration error, exit code 2', async () => {
    const err = await startServer({ store, host: '0.0.0.0', port: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NarrascopeError);
    expect((err as NarrascopeError).code).toBe('config');
    expect((err as NarrascopeError).message).toMatch(/non-loopback.*--token or NARRASCOPE_TOKEN/);
    expect(exitCodeFor(err)).toBe(2);
    const short = await startServer({ store, host: '0.0.0.0', port: 0, token: 'secret' }).catch((e: unknown) => e);
    expect(exitCodeFor(short)).toBe(2);
    expect((short as Error).message).toMatch(/at least 16 characters/);
  });

  it('tells loopback from other addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.org', '10.0.0.1']) expect(isLoopback(h), h).toBe(false);
  });
});

describe('narrascope serve', () => {
  it('prints the URL, serves, and closes the store on SIGTERM', async () => {
    const printed: string[] = [];
    const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      printed.push(String(s));
      return true;
    });
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const done = runServe({ db: join(dir, 'serve.db'), host: '127.0.0.1', port: 0 });
      await vi.waitFor(() => expect(printed.join('')).toMatch(/http:\/\/127\.0\.0\.1:\d+\//), { timeout: 5000 });
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(printed.join(''))?.[0] ?? '';
      expect((await fetch(`${url}api/sources`)).status).toBe(200);
      process.emit('SIGTERM');
      expect(await done).toBe(0);
      await expect(fetch(`${url}api/health`)).rejects.toThrow();
    } finally {
      outSpy.mockRestore();
      errSpy.mockRestore();
    }
  });
});
