// Logging in with the server's token from a browser. A browser cannot add `Authorization: Bearer`
// to page loads, so GET/POST /login trade the token once for an HttpOnly, SameSite=Strict session
// cookie that the guard (security.ts) accepts like the bearer token, except that it never stands in
// for the CSRF token: a cookie rides along with cross-site requests, a header does not.
// The login page, like the other shells, is constant text: the form has no action, so it posts to
// the URL it was loaded from, and `next` travels in that URL instead of in the HTML.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Accounts } from '../accounts/accounts.js';
import { PAGE_CSP } from './pages.js';
import { HttpProblem } from './problem.js';
import { parseCookies, randomToken, sameSecret, SESSION_COOKIE, type SessionCheck } from './security.js';

/** Sessions last this long after their last use. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** At most this many failed logins per address in FAILURE_WINDOW_MS; then 429 until they age out. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 60 * 1000;

/** The login form is one short field: anything bigger is not a login. */
const FORM_LIMIT = 4096;

/** Session ids are kept only as hashes, so a heap dump holds nothing a browser could replay. */
function digest(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** The live sessions of one server start, in memory: id → expiry, sliding on each use. */
export class SessionStore implements SessionCheck {
  private readonly expiry = new Map<string, number>();

  constructor(
    private readonly ttlMs = SESSION_TTL_MS,
    /** A bound on memory: past it, the oldest session is dropped. */
    private readonly max = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Open a session and return its id (32 random bytes, base64url). */
  create(): string {
    const now = this.now();
    for (const [key, until] of this.expiry) if (until <= now) this.expiry.delete(key);
    while (this.expiry.size >= this.max) {
      const oldest = this.expiry.keys().next().value;
      if (oldest === undefined) break;
      this.expiry.delete(oldest);
    }
    const id = randomToken();
    this.expiry.set(digest(id), now + this.ttlMs);
    return id;
  }

  /** True for a live session; using it extends it by the TTL. */
  valid(id: string): boolean {
    const key = digest(id);
    const until = this.expiry.get(key);
    const now = this.now();
    if (until === undefined) return false;
    if (until <= now) {
      this.expiry.delete(key);
      return false;
    }
    // Re-insert so that Map order stays oldest-use first for the eviction above.
    this.expiry.delete(key);
    this.expiry.set(key, now + this.ttlMs);
    return true;
  }

  /** End a session (no-op for an unknown id). */
  remove(id: string): void {
    this.expiry.delete(digest(id));
  }

  get size(): number {
    return this.expiry.size;
  }
}

/** Failed logins per remote address in a sliding window. */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = MAX_FAILURES,
    private readonly windowMs = FAILURE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(address);
    else this.failures.set(address, kept);
    return kept;
  }

  /** Seconds until this address may try again; 0 when it may now. */
  retryAfter(address: string): number {
    const kept = this.recent(address);
    if (kept.length < this.max) return 0;
    const oldest = kept[kept.length - this.max] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  /** Count one failure. */
  fail(address: string): void {
    // Bound the memory a spray of addresses can take: forget everyone rather than grow forever.
    if (this.failures.size > 10_000) this.failures.clear();
    const kept = this.recent(address);
    kept.push(this.now());
    this.failures.set(address, kept);
  }
}

/**
 * Where to go after logging in: a path on this site (one leading '/', not '//' or '/\', no
 * scheme), percent-encoded for the Location header; '/' for anything else.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  const base = 'http://narrascope.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  const path = url.pathname + url.search;
  // Back to the login page would only show the form again.
  return url.pathname === '/login' ? '/' : path;
}

/** Messages the page can show: chosen by the server, never taken from the request. */
const MESSAGES = {
  wrong: 'That is not the token this server was started with.',
  wrongPassword: 'Wrong user name or password (or the account is disabled).',
} as const;

/** The form fields: the server token, or (with user accounts) a user name and password. */
const TOKEN_FIELDS = `<p><label for="token">Access token</label><br>
<input type="password" id="token" name="token" autocomplete="current-password" required autofocus></p>`;
const PASSWORD_FIELDS = `<p><label for="username">User name</label><br>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus></p>
<p><label for="password">Password</label><br>
<input type="password" id="password" name="password" autocomplete="current-password" required></p>`;

/** The login page: the same shell as the workbench pages, without script or navigation. */
export function loginPage(message?: keyof typeof MESSAGES, withAccounts = false): string {
  const note = message ? `<p class="msg error" role="alert">${MESSAGES[message]}</p>\n` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Sign in · narrascope</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body data-page="login">
<header class="top">
<a class="brand" href="/">narrascope</a>
</header>
<main id="main" tabindex="-1">
<h1 id="page-title">Sign in</h1>
${note}<form method="post" class="login-form">
${withAccounts ? PASSWORD_FIELDS : TOKEN_FIELDS}
<p><button type="submit">Sign in</button></p>
</form>
<p>${withAccounts ? 'Sign in with the account an administrator made for you (narrascope users add).' : 'Use the token the server was started with (--token or NARRASCOPE_TOKEN).'}</p>
</main>
</body>
</html>
`;
}

export interface LoginOptions {
  /** The server's token; without one, /login only sends the browser on. */
  token?: string;
  sessions: SessionStore;
  limiter?: FailureLimiter;
  /** Pause before answering a wrong token, to slow guessing further. */
  failureDelayMs?: number;
  /** User accounts: once one exists, /login takes a user name and password instead of the token. */
  accounts?: Accounts;
}

function setSessionCookie(reply: FastifyReply, request: FastifyRequest, value: string, maxAge?: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const age = maxAge === undefined ? '' : `; Max-Age=${maxAge}`;
  reply.header('Set-Cookie', `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/${secure}${age}`);
}

/**
 * A form post from another site must not log anyone in. Our pages send no referrer, so Chromium
 * sends `Origin: null` with their own form: a named foreign Origin or Sec-Fetch-Site decides.
 */
function checkOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  let foreign = site === 'cross-site' || site === 'same-site';
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host === null || host.toLowerCase() !== (request.headers.host ?? '').toLowerCase()) foreign = true;
  }
  if (foreign) throw new HttpProblem(403, 'cross-origin', 'Forbidden', 'a login must come from this server’s own page');
}

/** Register GET /login, POST /login and POST /logout in their own scope (form parser, page CSP). */
export function registerLogin(app: FastifyInstance, opts: LoginOptions): void {
  const limiter = opts.limiter ?? new FailureLimiter();
  const delay = opts.failureDelayMs ?? 250;
  void app.register((scope, _opts, ready) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.addHook('onSend', (_request, reply, payload, done) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('Content-Security-Policy', PAGE_CSP);
      done(null, payload);
    });
    const html = (reply: FastifyReply): FastifyReply => reply.type('text/html; charset=utf-8');
    const nextOf = (request: FastifyRequest): string => safeNext((request.query as { next?: unknown }).next);

    const pageSchema: Record<string, unknown> = { operationId: 'login_page', summary: 'The login form: trade the server token for a session cookie', tags: ['pages'], produces: ['text/html'] };
    scope.get('/login', {
      schema: pageSchema,
      handler: async (request, reply) => {
        if (opts.accounts && (await opts.accounts.active())) return html(reply).send(loginPage(undefined, true));
        if (opts.token === undefined) return reply.redirect(nextOf(request), 303);
        return html(reply).send(loginPage());
      },
    });

    const postSchema: Record<string, unknown> = { operationId: 'login', summary: 'Log in with the token (form field "token"); sets the session cookie and redirects to ?next', tags: ['pages'] };
    scope.post('/login', {
      schema: postSchema,
      handler: async (request, reply) => {
        checkOrigin(request);
        const next = nextOf(request);
        const withAccounts = opts.accounts !== undefined && (await opts.accounts.active());
        // Nothing to log in to: send the browser on.
        if (opts.token === undefined && !withAccounts) return reply.redirect(next, 303);
        const address = request.ip;
        const wait = limiter.retryAfter(address);
        if (wait > 0) {
          reply.header('Retry-After', String(wait));
          throw new HttpProblem(429, 'too-many-attempts', 'Too many login attempts', `too many failed logins from this address: try again in ${wait} s`);
        }
        const form = (request.body ?? {}) as Record<string, unknown>;
        if (withAccounts && opts.accounts) {
          const username = typeof form.username === 'string' ? form.username : '';
          const password = typeof form.password === 'string' ? form.password : '';
          const done = await opts.accounts.login(username, password, address);
          if (!done) {
            limiter.fail(address);
            if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
            return html(reply.code(401)).send(loginPage('wrongPassword', true));
          }
          // A browser-session cookie: the server decides expiry (idle and absolute) and can revoke it.
          setSessionCookie(reply, request, done.sessionSecret);
          return reply.redirect(next, 303);
        }
        if (opts.token === undefined) return reply.redirect(next, 303);
        const given = typeof form.token === 'string' ? form.token : '';
        if (!sameSecret(given, opts.token)) {
          limiter.fail(address);
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          return html(reply.code(401)).send(loginPage('wrong'));
        }
        setSessionCookie(reply, request, opts.sessions.create());
        return reply.redirect(next, 303);
      },
    });

    const logoutSchema: Record<string, unknown> = { operationId: 'logout', summary: 'End the browser session (needs X-CSRF-Token like every change)', tags: ['pages'] };
    scope.post('/logout', {
      schema: logoutSchema,
      handler: async (request, reply) => {
        const id = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
        if (id !== undefined) opts.sessions.remove(id);
        if (id !== undefined && opts.accounts && request.principal) {
          const p = request.principal;
          await opts.accounts.logout(id, { kind: 'user', name: p.user.username, userId: p.user.id, tokenId: null, address: request.ip });
        }
        setSessionCookie(reply, request, '', 0);
        return reply.code(204).send();
      },
    });
    ready();
  });
}
