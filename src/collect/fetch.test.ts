import { gzipSync, brotliCompressSync, deflateRawSync, deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NarrascopeError } from '../core/errors.js';
import { DEFAULT_USER_AGENT, formatBytes, formatMs, safeFetch } from './fetch.js';
import type { LookupFn, SafeFetchOptions } from './fetch.js';
import { startServer } from './testserver.js';
import type { TestServer } from './testserver.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(routes: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(routes);
  servers.push(s);
  return s;
}

/** The error safeFetch rejects with (fails the test when it resolves). */
async function failure(url: string, opts: SafeFetchOptions): Promise<NarrascopeError> {
  try {
    await safeFetch(url, opts);
  } catch (err) {
    if (err instanceof NarrascopeError) return err;
    throw err;
  }
  throw new Error(`expected ${url} to fail`);
}

/** A fake DNS: names map to fixed answers; counts calls so pinning can be checked. */
function fakeDns(table: Record<string, string[]>): LookupFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = ((hostname: string) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  }) as LookupFn & { calls: string[] };
  fn.calls = calls;
  return fn;
}

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Вести округа</title></channel></rss>';

describe('safeFetch: a plain fetch', () => {
  it('returns status, lower-cased headers, body, hash, time and no redirects', async () => {
    const s = await serve({
      '/feed.xml': (_req, res) => {
        res.setHeader('Content-Type', 'application/rss+xml; charset=utf-8');
        res.setHeader('X-Feed-Generator', 'WordPress 6.5');
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.end(FEED);
      },
    });
    const before = Date.now();
    const r = await safeFetch(`${s.origin}/feed.xml`, { allowPrivate: true, accept: 'application/rss+xml' });
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${s.origin}/feed.xml`);
    expect(r.body.toString('utf8')).toBe(FEED);
    expect(r.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(r.headers['x-feed-generator']).toBe('WordPress 6.5');
    expect(r.headers['set-cookie']).toBe('a=1, b=2');
    expect(r.sha256).toBe(createHash('sha256').update(FEED).digest('hex'));
    expect(Date.parse(r.fetchedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(r.notModified).toBe(false);
    expect(r.redirects).toEqual([]);
    expect(s.headers[0]?.['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(s.headers[0]?.accept).toBe('application/rss+xml');
    expect(s.headers[0]?.['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('passes non-2xx statuses through with their body', async () => {
    const s = await serve({ '/gone': (_req, res) => res.writeHead(410).end('removed by the editor') });
    const r = await safeFetch(`${s.origin}/gone`, { allowPrivate: true });
    expect(r.status).toBe(410);
    expect(r.body.toString()).toBe('removed by the editor');
  });

  it('refuses other schemes and credentials in URLs', async () => {
    expect((await failure('file:///etc/passwd', {})).message).toContain('only http: and https: URLs');
    expect((await failure('ftp://example.org/x', {})).message).toContain('not ftp:');
    const cred = await failure('http://user:secret@example.org/', { allowPrivate: true });
    expect(cred.message).toContain('credentials');
    expect(cred.message).not.toContain('secret');
    expect((await failure('not a url', {})).message).toContain('not a valid URL');
  });

  it('names an unknown host', async () => {
    const err = await failure('http://nowhere.test/', { lookup: fakeDns({}) });
    expect(err.message).toBe('http://nowhere.test/: host nowhere.test not found (ENOTFOUND)');
  });
});

describe('safeFetch: address policy', () => {
  it('refuses 127.0.0.1 unless allowPrivate, without connecting', async () => {
    const s = await serve({ '/': (_req, res) => res.end('hello') });
    const err = await failure(`${s.origin}/`, {});
    expect(err.message).toBe(`${s.origin}/: refused: 127.0.0.1 is a loopback address (use --allow-private)`);
    expect(err.input).toBe(`${s.origin}/`);
    expect(s.requests).toEqual([]);
    expect((await safeFetch(`${s.origin}/`, { allowPrivate: true })).body.toString()).toBe('hello');
  });

  it('refuses a public-looking name that resolves to 10.x or the metadata address', async () => {
    const dns = fakeDns({ 'news.example': ['10.0.0.5'], 'meta.example': ['169.254.169.254'], 'mixed.example': ['93.184.215.14', '192.168.0.10'] });
    expect((await failure('http://news.example/feed', { lookup: dns })).message).toBe(
      'http://news.example/feed: refused: 10.0.0.5 (news.example) is a private address (use --allow-private)',
    );
    expect((await failure('http://meta.example/latest/meta-data/', { lookup: dns })).message).toContain(
      'refused: 169.254.169.254 (meta.example) is a link-local address',
    );
    // One private answer among public ones is enough to refuse: it is how rebinding is staged.
    expect((await failure('http://mixed.example/', { lookup: dns })).message).toContain('192.168.0.10 (mixed.example) is a private address');
  });

  it('refuses IP literals in every form the URL parser accepts', async () => {
    expect((await failure('http://[::1]:9/', {})).message).toContain('::1 is a loopback address');
    expect((await failure('http://[::ffff:169.254.169.254]/', {})).message).toContain('IPv4-mapped');
    // WHATWG URL turns 0x7f.1 and 2130706433 into 127.0.0.1 before we look.
    expect((await failure('http://0x7f.1/', {})).message).toContain('127.0.0.1 is a loopback address');
    expect((await failure('http://2130706433/', {})).message).toContain('127.0.0.1 is a loopback address');
  });

  it('connects to the vetted address only: one DNS answer per hop, no second resolution', async () => {
    const s = await serve({ '/': (_req, res) => res.end('pinned') });
    const dns = fakeDns({ 'pinned.example': ['127.0.0.1'] });
    const r = await safeFetch(`http://pinned.example:${s.port}/`, { lookup: dns, isAllowedAddress: (a, host) => a === '127.0.0.1' && host === 'pinned.example' });
    expect(r.body.toString()).toBe('pinned');
    expect(dns.calls).toEqual(['pinned.example']);
    expect(s.headers[0]?.host).toBe(`pinned.example:${s.port}`);
  });

  it('checks every redirect hop: an allowed first hop cannot redirect to a private address', async () => {
    let target = '';
    const s = await serve({ '/go': (_req, res) => res.writeHead(302, { location: target }).end() , '/secret': (_req, res) => res.end('internal') });
    const dns = fakeDns({ 'public.example': ['127.0.0.1'], 'intranet.example': ['10.0.0.5'] });
    // The policy sees public.example's answer as public (it stands in for a real server).
    const opts: SafeFetchOptions = { lookup: dns, isAllowedAddress: (a, host) => host === 'public.example' && a === '127.0.0.1' };
    const start = `http://public.example:${s.port}/go`;

    target = `http://127.0.0.1:${s.port}/secret`;
    expect((await failure(start, opts)).message).toBe(
      `${start}: redirect to ${target}: refused: 127.0.0.1 is a loopback address (use --allow-private)`,
    );
    target = 'http://intranet.example/admin';
    expect((await failure(start, opts)).message).toContain('redirect to http://intranet.example/admin: refused: 10.0.0.5 (intranet.example) is a private address');
    target = 'http://169.254.169.254/latest/meta-data/';
    expect((await failure(start, opts)).message).toContain('169.254.169.254 is a link-local address');
    expect(s.requests.filter((r) => r.includes('/secret'))).toEqual([]);
    expect(s.requests).toEqual(['GET /go', 'GET /go', 'GET /go']);

    // The same chain with allowPrivate reaches the target.
    target = `http://127.0.0.1:${s.port}/secret`;
    const r = await safeFetch(start, { lookup: dns, allowPrivate: true });
    expect(r.body.toString()).toBe('internal');
    expect(r.redirects).toEqual([target]);
  });
});

describe('safeFetch: limits', () => {
  it('times out a server that never answers', async () => {
    const s = await serve({ '/hang': () => undefined });
    const t0 = Date.now();
    const err = await failure(`${s.origin}/hang`, { allowPrivate: true, timeoutMs: 300 });
    expect(err.message).toBe(`${s.origin}/hang: timed out after 300 ms`);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('times out a server that drips its body (the limit is total, not per read)', async () => {
    const s = await serve({
      '/drip': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const tick = setInterval(() => res.write('.'), 50);
        res.on('close', () => clearInterval(tick));
      },
    });
    const t0 = Date.now();
    const err = await failure(`${s.origin}/drip`, { allowPrivate: true, timeoutMs: 400 });
    expect(err.message).toContain('timed out after 400 ms');
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('stops when the caller aborts, saying so rather than blaming a timeout', async () => {
    const s = await serve({ '/hang': () => undefined });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    const err = await failure(`${s.origin}/hang`, { allowPrivate: true, signal: ctl.signal });
    expect(err.message).toBe(`${s.origin}/hang: fetch cancelled`);
  });

  it('stops a huge streamed response at maxBytes', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const s = await serve({
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        // Endless: only the client's limit stops it.
        const pump = (): void => {
          while (res.write(chunk)) sent += chunk.length;
          sent += chunk.length;
        };
        res.on('drain', pump);
        pump();
      },
    });
    const err = await failure(`${s.origin}/huge`, { allowPrivate: true, maxBytes: 1024 * 1024 });
    expect(err.message).toBe(`${s.origin}/huge: response over 1 MiB`);
    expect(err.code).toBe('input_too_large');
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses at once when Content-Length is over the limit', async () => {
    const s = await serve({ '/big': (_req, res) => res.writeHead(200, { 'content-length': String(30 * 1024 * 1024) }).write('x') });
    const err = await failure(`${s.origin}/big`, { allowPrivate: true });
    expect(err.message).toBe(`${s.origin}/big: response over 20 MiB`);
  });

  it('counts bytes after decompression: a gzip bomb stops at the limit', async () => {
    // 64 MiB of zeros is about 64 KiB gzipped: small on the wire, huge in memory.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const s = await serve({ '/bomb.xml': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb) });
    const err = await failure(`${s.origin}/bomb.xml`, { allowPrivate: true });
    expect(err.message).toBe(`${s.origin}/bomb.xml: response over 20 MiB`);
  });

  it('decodes gzip, deflate (zlib and raw) and br', async () => {
    const text = Buffer.from(FEED.repeat(20));
    const s = await serve({
      '/gz': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(text)),
      '/deflate': (_req, res) => res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(text)),
      '/raw': (_req, res) => res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(text)),
      '/br': (_req, res) => res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(text)),
      '/both': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip, br' }).end(brotliCompressSync(gzipSync(text))),
    });
    for (const path of ['/gz', '/deflate', '/raw', '/br', '/both']) {
      const r = await safeFetch(`${s.origin}${path}`, { allowPrivate: true });
      expect(r.body.equals(text), path).toBe(true);
      expect(r.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('reports a corrupt compressed body and an unknown encoding', async () => {
    const s = await serve({
      '/bad': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('this is not gzip'),
      '/zstd': (_req, res) => res.writeHead(200, { 'content-encoding': 'zstd' }).end('x'),
    });
    expect((await failure(`${s.origin}/bad`, { allowPrivate: true })).message).toMatch(/corrupt gzip body \(Z_/);
    expect((await failure(`${s.origin}/zstd`, { allowPrivate: true })).message).toContain('unsupported content-encoding "zstd"');
  });
});

describe('safeFetch: redirects', () => {
  it('follows relative redirects and records each hop', async () => {
    const s = await serve({
      '/blog/feed': (_req, res) => res.writeHead(301, { location: '../news/feed/?format=rss' }).end(),
      '/news/feed/': (_req, res) => res.writeHead(303, { location: '/final.xml' }).end(),
      '/final.xml': (_req, res) => res.end(FEED),
    });
    const r = await safeFetch(`${s.origin}/blog/feed`, { allowPrivate: true });
    expect(r.url).toBe(`${s.origin}/final.xml`);
    expect(r.redirects).toEqual([`${s.origin}/news/feed/?format=rss`, `${s.origin}/final.xml`]);
    expect(r.body.toString()).toBe(FEED);
  });

  it('detects a redirect loop', async () => {
    const s = await serve({
      '/a': (_req, res) => res.writeHead(302, { location: '/b' }).end(),
      '/b': (_req, res) => res.writeHead(307, { location: '/a#again' }).end(),
    });
    const err = await failure(`${s.origin}/a`, { allowPrivate: true });
    expect(err.message).toBe(`${s.origin}/a: redirect loop (${s.origin}/a → ${s.origin}/b → ${s.origin}/a#again)`);
  });

  it('stops after maxRedirects', async () => {
    const s = await serve({
      '*': (req, res) => {
        const n = Number((req.url ?? '/0').slice(1));
        res.writeHead(308, { location: `/${n + 1}` }).end();
      },
    });
    const err = await failure(`${s.origin}/0`, { allowPrivate: true, maxRedirects: 3 });
    expect(err.message).toBe(`${s.origin}/0: too many redirects (more than 3)`);
    expect(s.requests).toEqual(['GET /0', 'GET /1', 'GET /2', 'GET /3']);
    // Exactly maxRedirects hops is fine.
    const ok = await serve({
      '/0': (_req, res) => res.writeHead(302, { location: '/1' }).end(),
      '/1': (_req, res) => res.writeHead(302, { location: '/2' }).end(),
      '/2': (_req, res) => res.end('landed'),
    });
    expect((await safeFetch(`${ok.origin}/0`, { allowPrivate: true, maxRedirects: 2 })).body.toString()).toBe('landed');
  });

  it('refuses a redirect to another scheme', async () => {
    const s = await serve({ '/x': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end() });
    expect((await failure(`${s.origin}/x`, { allowPrivate: true })).message).toBe(
      `${s.origin}/x: redirect to file:///etc/passwd: refused: only http: and https: URLs can be fetched, not file:`,
    );
  });
});

describe('safeFetch: conditional requests', () => {
  it('sends If-None-Match and If-Modified-Since and reports 304 as notModified', async () => {
    const etag = '"v42-feed"';
    const lastModified = 'Tue, 04 Jun 2024 08:00:00 GMT';
    const s = await serve({
      '/feed': (req, res) => {
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        res.writeHead(200, { etag, 'last-modified': lastModified }).end(FEED);
      },
    });
    const first = await safeFetch(`${s.origin}/feed`, { allowPrivate: true });
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe(etag);
    const second = await safeFetch(`${s.origin}/feed`, { allowPrivate: true, etag: first.headers.etag, lastModified: first.headers['last-modified'] });
    expect(second.status).toBe(304);
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    expect(s.headers[1]?.['if-none-match']).toBe(etag);
    expect(s.headers[1]?.['if-modified-since']).toBe(lastModified);
    expect(s.headers[0]?.['if-none-match']).toBeUndefined();
  });
});

// A self-signed certificate for feeds.example (test-only key, valid until 2125).
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBoTCCAUegAwIBAgIUMTvjKa+1/NENB2hidR+LgzoUhU4wCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNZmVlZHMuZXhhbXBsZTAgFw0yNjExMjIyMzE3MTZaGA8yMTI2
MTAyOTIzMTcxNlowGDEWMBQGA1UEAwwNZmVlZHMuZXhhbXBsZTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABCYG2aorjLjJyeI2i9sKaXT/XLOVAJnz3EI1qJCDCYCQ
fafHNYdp+ydKROyh4ruED+Ls2v8xwvsN/dcC7bbQVRajbTBrMB0GA1UdDgQWBBTQ
qMlqaIzJZyIVzvl1SMcRp2URDTAfBgNVHSMEGDAWgBTQqMlqaIzJZyIVzvl1SMcR
p2URDTAPBgNVHRMBAf8EBTADAQH/MBgGA1UdEQQRMA+CDWZlZWRzLmV4YW1wbGUw
CgYIKoZIzj0EAwIDSAAwRQIhALJrQk8Cd+1SwmkWFd8XVoYUscIHleyE9Gt/nFdF
dPkRAiA4JtXi9TO8B+apx87s6V58Jw/gl3CVPMO6jveyfTUAYg==
-----END CERTIFICATE-----`;
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgqrmkVyNsHqS5TPNy
LS/eEX59dDZnUfTgxmBzicDD4UqhRANCAAQmBtmqK4y4ycniNovbCml0/1yzlQCZ
89xCNaiQgwmAkH2nxzWHafsnSkTsoeK7hA/i7Nr/McL7Df3XAu220FUW
-----END PRIVATE KEY-----`;

describe('safeFetch: https', () => {
  it('verifies the certificate against the host name while connecting to the pinned address', async () => {
    const server = createHttpsServer({ cert: TEST_CERT, key: TEST_KEY }, (_req, res) => res.end('secure feed'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const lookup = fakeDns({ 'feeds.example': ['127.0.0.1'], 'other.example': ['127.0.0.1'] });
      const r = await safeFetch(`https://feeds.example:${port}/rss`, { allowPrivate: true, lookup, ca: TEST_CERT });
      expect(r.body.toString()).toBe('secure feed');
      expect((await failure(`https://feeds.example:${port}/rss`, { allowPrivate: true, lookup })).message).toContain('TLS certificate rejected');
      expect((await failure(`https://other.example:${port}/rss`, { allowPrivate: true, lookup, ca: TEST_CERT })).message).toContain(
        'TLS certificate rejected (ERR_TLS_CERT_ALTNAME_INVALID)',
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('formatting', () => {
  it('formats limits the way messages show them', () => {
    expect(formatMs(30_000)).toBe('30 s');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatMs(250)).toBe('250 ms');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MiB');
    expect(formatBytes(512 * 1024)).toBe('512 KiB');
    expect(formatBytes(1000)).toBe('1000 bytes');
  });
});
