// What keeps a local research server from becoming a way into the analyst's machine:
// - scraped text leaves only as JSON string data (with <, > and & escaped, so even a client that
//   wrongly treats a response as HTML sees no markup), under a strict Content-Security-Policy;
// - on loopback, only loopback Host names are served (a DNS-rebinding page cannot talk to us);
// - with a token configured, every request but the health check and the login page needs
//   `Authorization: Bearer` or a session cookie from /login (login.ts); a browser asking for a page
//   without either is sent to /login;
// - every change (any method but GET, HEAD, OPTIONS) needs the per-start CSRF token in a header,
//   which a cross-site form or image cannot send, unless it is authenticated by the bearer token
//   (a session cookie is sent by the browser on its own, so it never stands in for the header).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.js';

/** The policy for API responses: nothing may load, nothing may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': API_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export const CSRF_HEADER = 'x-csrf-token';

/** The browser session cookie set by POST /login. */
export const SESSION_COOKIE = 'narrascope_session';

/** What the guard needs of the session store: is this session id live? */
export interface SessionCheck {
  valid(id: string): boolean;
}

/** Paths open without authentication: the health check, and the login page with what it loads. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/api/health', '/login', '/assets/app.css', '/assets/icon.svg']);

const UNSAFE_IN_JSON: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * Make serialised JSON inert as HTML: these characters can only occur inside JSON strings, where
 * the \u escape means the same, so the data is unchanged for every JSON reader.
 */
export function escapeJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE_IN_JSON[c] ?? c);
}

/** JSON.stringify, escaped as escapeJson does. */
export function safeJson(value: unknown): string {
  return escapeJson(JSON.stringify(value));
}

/** A fresh random token (256 bits, base64url). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compare secrets in constant time (hashing first so that lengths do not leak either). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export interface GuardOptions {
  /** Bearer token every request must carry (except PUBLIC_PATHS), when set. */
  token?: string;
  /** Live browser sessions: their cookie authenticates like the token (but not for CSRF). */
  sessions?: SessionCheck;
  csrfToken: string;
  /** Host names (without port) the server answers to; any when null. */
  allowedHosts: ReadonlySet<string> | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function hostName(host: string): string {
  // "[::1]:8080" → "[::1]", "localhost:8080" → "localhost".
  const m = /^(\[[^\]]*\]|[^:]+)(?::\d+)?$/.exec(host);
  return (m?.[1] ?? host).toLowerCase();
}

/** Parse the Cookie header into name → value (first one wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/** A browser loading a page (not a script's API call): it can be sent to the login form. */
export function wantsPage(request: FastifyRequest, path: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (path === '/api' || path.startsWith('/api/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * The onRequest check: throws an HttpProblem when the request must be refused, and returns the
 * login URL to redirect to when a browser asks for a page without being logged in (else null).
 * Runs before routing, so unknown paths are refused the same way as known ones.
 */
export function guard(request: FastifyRequest, opts: GuardOptions): string | null {
  const path = request.url.split('?')[0] ?? '';
  checkHost(request, opts.allowedHosts);
  let bearer = false;
  if (opts.token !== undefined && !PUBLIC_PATHS.has(path)) {
    const auth = request.headers.authorization;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth ?? '');
    if (auth !== undefined) {
      // A wrong Authorization header is refused even with a good cookie: the caller meant the header.
      if (!m || !sameSecret(m[1] ?? '', opts.token)) {
        throw new HttpProblem(401, 'unauthorized', 'Authentication required', m ? 'the bearer token is not the one this server was started with' : 'send Authorization: Bearer <token> (the token the server was started with)');
      }
      bearer = true;
    } else {
      const session = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
      if (session === undefined || !opts.sessions?.valid(session)) {
        if (wantsPage(request, path)) return `/login?next=${encodeURIComponent(request.url)}`;
        throw new HttpProblem(401, 'unauthorized', 'Authentication required', 'send Authorization: Bearer <token> (the token the server was started with), or log in at /login');
      }
    }
  }
  // The login form cannot send a header; login.ts checks its Origin instead.
  if (!bearer && path !== '/login') checkCsrf(request, opts.csrfToken);
  return null;
}

/** Refuse a request whose Host is not one the server answers to (DNS rebinding). */
export function checkHost(request: FastifyRequest, allowedHosts: ReadonlySet<string> | null): void {
  if (!allowedHosts) return;
  const host = hostName(request.headers.host ?? '');
  if (!allowedHosts.has(host)) {
    throw new HttpProblem(403, 'unexpected-host', 'Unexpected Host', `this server answers to ${[...allowedHosts].join(', ')} only, not "${host}"`);
  }
}

/** Refuse a change (any method but GET, HEAD, OPTIONS) without the CSRF token in its header. */
export function checkCsrf(request: FastifyRequest, csrfToken: string): void {
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    const given = Array.isArray(header) ? header[0] : header;
    if (given === undefined || !sameSecret(given, csrfToken)) {
      throw new HttpProblem(403, 'csrf', 'CSRF token missing or wrong', `a ${request.method} request needs the X-CSRF-Token header with the token from GET /api/session`);
    }
    // A cookie, when the browser sent one, must agree: a leftover from another server start means
    // the page is stale.
    const cookie = parseCookies(request.headers.cookie).get('narrascope_csrf');
    if (cookie !== undefined && !sameSecret(cookie, csrfToken)) {
      throw new HttpProblem(403, 'csrf', 'CSRF token missing or wrong', 'the narrascope_csrf cookie is from an earlier server start; reload the page');
    }
  }
}

/** Set the security headers on a reply (every response: JSON, problems, downloads, 404s). */
export function applySecurityHeaders(reply: FastifyReply): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
  if (reply.getHeader('www-authenticate') === undefined && reply.statusCode === 401) reply.header('WWW-Authenticate', 'Bearer realm="narrascope"');
}
