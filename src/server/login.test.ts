// Logging in from a browser: the token is traded once for an HttpOnly session cookie, which opens
// pages and the API like the bearer token but never authorises a change without the CSRF header.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { buildServer } from './app.js';
import { startServer } from './listen.js';
import { FailureLimiter, loginPage, safeNext, SessionStore } from './login.js';
import { PAGE_CSP } from './pages.js';

const TOKEN = 'harbour-ledger-access-7f3k2q';
const FORM = 'application/x-www-form-urlencoded';
const HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';

let dir: string;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'narrascope-login-'));
  store = await openStore(join(dir, 'empty.db'));
  app = await buildServer({ store, token: TOKEN });
  app.post('/api/test-change', () => ({ changed: true }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function login(token: string, next?: string, remoteAddress = '10.0.0.1'): Promise<LightMyRequestResponse> {
  const url = next === undefined ? '/login' : `/login?next=${encodeURIComponent(next)}`;
  return app.inject({ method: 'POST', url, remoteAddress, headers: { 'content-type': FORM }, payload: new URLSearchParams({ token }).toString() });
}

/** The session cookie's value from a Set-Cookie header. */
function sessionOf(r: LightMyRequestResponse): string {
  const m = /^narrascope_session=([^;]+);/.exec(String(r.headers['set-cookie']));
  if (!m?.[1]) throw new Error(`no session cookie in ${String(r.headers['set-cookie'])}`);
  return m[1];
}

describe('the login page', () => {
  it('is served without authentication under the page policy, with no inline code', async () => {
    const r = await app.inject({ method: 'GET', url: '/login?next=%2Fsearch' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(r.body).toContain('<input type="password" id="token" name="token"');
    expect(r.body).toContain('<label for="token">');
    // No action: the form posts back to the URL it came from, ?next included.
    expect(r.body).toContain('<form method="post" class="login-form">');
    expect(r.body).not.toMatch(/<script|\sstyle=|<style|\son[a-z]+=/i);
    expect(r.body).not.toContain('search');
    // Its style sheet and icon load without a session too; the API does not.
    expect((await app.inject({ method: 'GET', url: '/assets/icon.svg' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/assets/app.css' })).statusCode).not.toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/sources' })).statusCode).toBe(401);
  });

  it('sends a browser asking for a page to the login form, and API calls get a 401 problem', async () => {
    const page = await app.inject({ method: 'GET', url: '/search?q=grain%20lease', headers: { accept: HTML } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fsearch%3Fq%3Dgrain%2520lease');
    const unknown = await app.inject({ method: 'GET', url: '/no-such-page', headers: { accept: HTML } });
    expect(unknown.statusCode).toBe(303);
    const api = await app.inject({ method: 'GET', url: '/api/sources', headers: { accept: HTML } });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    const script = await app.inject({ method: 'GET', url: '/search', headers: { accept: 'application/json' } });
    expect(script.statusCode).toBe(401);
  });
});

describe('POST /login', () => {
  it('answers a wrong token with 401 and the form again, and sets no cookie', async () => {
    const r = await login('not-the-harbour-token', '/search', '10.0.0.2');
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(r.body).toContain('That is not the token this server was started with.');
    expect(r.body).toContain('name="token"');
    expect(r.headers['set-cookie']).toBeUndefined();
    expect((await login('', '/', '10.0.0.2')).statusCode).toBe(401);
  });

  it('sets an HttpOnly SameSite=Strict session cookie and redirects to a safe next', async () => {
    const r = await login(TOKEN, '/search?q=bread');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/search?q=bread');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^narrascope_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(cookie).not.toContain(TOKEN);
    // Over plain HTTP no Secure flag (a browser would keep the cookie but never send it back).
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '', '/login?next=/search']) {
      const other = await login(TOKEN, next);
      expect(other.statusCode, next).toBe(303);
      expect(other.headers.location, next).toBe('/');
    }
    expect((await login(TOKEN)).headers.location).toBe('/');
  });

  it('refuses a login posted from another origin', async () => {
    const r = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': FORM, origin: 'https://evil.example', host: 'localhost:8765' }, payload: `token=${TOKEN}` });
    expect(r.statusCode).toBe(403);
    expect(r.headers['set-cookie']).toBeUndefined();
    const framed = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': FORM, origin: 'null', 'sec-fetch-site': 'cross-site' }, payload: `token=${TOKEN}` });
    expect(framed.statusCode).toBe(403);
    // Our own form, under Referrer-Policy: no-referrer, arrives with Origin: null.
    const own = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': FORM, origin: 'null', 'sec-fetch-site': 'same-origin' }, payload: `token=${TOKEN}` });
    expect(own.statusCode).toBe(303);
    const same = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': FORM, origin: 'http://localhost:8765', host: 'localhost:8765' }, payload: `token=${TOKEN}` });
    expect(same.statusCode).toBe(303);
  });

  it('refuses an oversized form', async () => {
    const r = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': FORM }, payload: `token=${'x'.repeat(10_000)}` });
    expect(r.statusCode).toBe(413);
  });
});

describe('the session cookie', () => {
  it('opens pages and the API, and /api/session gives the CSRF token', async () => {
    const cookie = `narrascope_session=${sessionOf(await login(TOKEN, '/'))}`;
    const page = await app.inject({ method: 'GET', url: '/search', headers: { accept: HTML, cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    const sources = await app.inject({ method: 'GET', url: '/api/sources', headers: { cookie } });
    expect(sources.statusCode).toBe(200);
    const session = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(JSON.parse(session.body)).toMatchObject({ authRequired: true, csrfHeader: 'X-CSRF-Token' });
    // A made-up session is no session.
    const forged = await app.inject({ method: 'GET', url: '/api/sources', headers: { cookie: 'narrascope_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.statusCode).toBe(401);
  });

  it('never authorises a change on its own: the CSRF header is still needed', async () => {
    const cookie = `narrascope_session=${sessionOf(await login(TOKEN, '/'))}`;
    const bare = await app.inject({ method: 'POST', url: '/api/test-change', headers: { cookie } });
    expect(bare.statusCode).toBe(403);
    expect(JSON.parse(bare.body)).toMatchObject({ type: 'urn:narrascope:problem:csrf' });
    const { csrfToken } = JSON.parse((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).body) as { csrfToken: string };
    const ok = await app.inject({ method: 'POST', url: '/api/test-change', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(ok.statusCode).toBe(200);
  });

  it('ends at logout (which needs the CSRF header too)', async () => {
    const cookie = `narrascope_session=${sessionOf(await login(TOKEN, '/'))}`;
    const { csrfToken } = JSON.parse((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).body) as { csrfToken: string };
    expect((await app.inject({ method: 'POST', url: '/logout', headers: { cookie } })).statusCode).toBe(403);
    const out = await app.inject({ method: 'POST', url: '/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^narrascope_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0$/);
    expect((await app.inject({ method: 'GET', url: '/api/sources', headers: { cookie } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/search', headers: { accept: HTML, cookie } })).statusCode).toBe(303);
  });
});

describe('guessing', () => {
  it('allows 10 wrong tokens a minute per address, then answers 429 even to the right one', async () => {
    const address = '10.9.9.9';
    const started = Date.now();
    const tries = await Promise.all(Array.from({ length: 12 }, (_, i) => login(`wrong-guess-${i}`, '/', address)));
    expect(tries.map((r) => r.statusCode).sort()).toEqual([...Array<number>(10).fill(401), 429, 429]);
    // Wrong answers are slowed down.
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const right = await login(TOKEN, '/', address);
    expect(right.statusCode).toBe(429);
    expect(right.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.headers['set-cookie']).toBeUndefined();
    // Another address is not held back.
    expect((await login(TOKEN, '/', '10.9.9.10')).statusCode).toBe(303);
  });

  it('forgets failures after the window', () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) limiter.fail('a');
    expect(limiter.retryAfter('a')).toBe(60);
    now += 30_000;
    expect(limiter.retryAfter('a')).toBe(30);
    now += 30_001;
    expect(limiter.retryAfter('a')).toBe(0);
  });
});

describe('SessionStore', () => {
  it('expires sessions after the TTL since their last use, and bounds their number', () => {
    let now = 0;
    const sessions = new SessionStore(1000, 2, () => now);
    const a = sessions.create();
    now = 900;
    expect(sessions.valid(a)).toBe(true);
    now = 1800;
    expect(sessions.valid(a)).toBe(true);
    now = 2801;
    expect(sessions.valid(a)).toBe(false);
    const b = sessions.create();
    const c = sessions.create();
    const d = sessions.create();
    expect(sessions.size).toBe(2);
    expect(sessions.valid(b)).toBe(false);
    expect([sessions.valid(c), sessions.valid(d)]).toEqual([true, true]);
  });
});

describe('safeNext', () => {
  it('keeps same-site paths and percent-encodes them for the Location header', () => {
    expect(safeNext('/items/abc?x=1')).toBe('/items/abc?x=1');
    expect(safeNext('/search?q=Петербург')).toBe('/search?q=%D0%9F%D0%B5%D1%82%D0%B5%D1%80%D0%B1%D1%83%D1%80%D0%B3');
    for (const bad of ['//evil.example', '///evil.example', '/\\evil.example', 'https://evil.example/', 'evil', '/a\r\nSet-Cookie: x=1', undefined, ['/x']]) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
    expect(loginPage()).not.toContain('role="alert"');
  });
});

describe('over a real socket', () => {
  it('redirects a page load to /login, logs in with the form and then serves the page', async () => {
    const server = await startServer({ store, host: '127.0.0.1', port: 0, token: TOKEN });
    try {
      const first = await fetch(`${server.url}search`, { headers: { accept: HTML }, redirect: 'manual' });
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/login?next=%2Fsearch');
      const form = await fetch(new URL(first.headers.get('location') ?? '', server.url), { headers: { accept: HTML } });
      expect(form.status).toBe(200);
      const posted = await fetch(new URL('/login?next=%2Fsearch', server.url), { method: 'POST', body: new URLSearchParams({ token: TOKEN }), redirect: 'manual' });
      expect(posted.status).toBe(303);
      expect(posted.headers.get('location')).toBe('/search');
      const cookie = (posted.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await fetch(new URL('/search', server.url), { headers: { accept: HTML, cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('data-page="search"');
    } finally {
      await server.close();
    }
  });
});
