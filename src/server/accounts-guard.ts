// The request check once the store has user accounts (while it has none, security.ts guards with
// the server token as before). Every request but the public paths needs a session cookie from
// POST /login or `Authorization: Bearer ns_…`; the server token no longer opens anything, so that
// every action has a named person behind it. Roles: a viewer reads, an analyst also changes
// (reviews), an admin also manages accounts. Changes still need the CSRF header unless a bearer
// token authenticates them.
import type { FastifyRequest } from 'fastify';
import type { Accounts, Principal } from '../accounts/accounts.js';
import { API_TOKEN_PREFIX, roleAtLeast, type Role } from '../accounts/model.js';
import { HttpProblem } from './problem.js';
import { checkCsrf, checkHost, parseCookies, PUBLIC_PATHS, SESSION_COOKIE, wantsPage } from './security.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, when the store has accounts (null otherwise, and on public paths). */
    principal: Principal | null;
  }
}

/** Paths only admins may use: account management and the audit log. */
export const ADMIN_PREFIXES = ['/api/users', '/api/tokens', '/api/collections', '/api/audit'] as const;

/** Changes any signed-in user may make about themselves. */
const SELF_SERVICE = new Set(['/logout', '/api/me/password']);

export function isAdminPath(path: string): boolean {
  return ADMIN_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/** The role a request needs. */
export function roleNeeded(method: string, path: string): Role {
  if (isAdminPath(path)) return 'admin';
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || SELF_SERVICE.has(path)) return 'viewer';
  return 'analyst';
}

/** 403 naming the role needed and the one held. */
export function forbidden(needed: Role, held: Role, what = 'this'): HttpProblem {
  return new HttpProblem(403, 'forbidden', 'Forbidden', `${what} needs the ${needed} role; you are ${held === 'admin' ? 'an' : 'a'} ${held}`, { roleNeeded: needed, role: held });
}

export interface AccountsGuardOptions {
  accounts: Accounts;
  csrfToken: string;
  allowedHosts: ReadonlySet<string> | null;
}

/**
 * The onRequest check with accounts: sets request.principal, throws an HttpProblem when the
 * request must be refused, and returns the login URL for a browser page without a session.
 */
export async function accountsGuard(request: FastifyRequest, opts: AccountsGuardOptions): Promise<string | null> {
  const path = request.url.split('?')[0] ?? '';
  checkHost(request, opts.allowedHosts);
  if (PUBLIC_PATHS.has(path)) {
    if (path !== '/login') checkCsrf(request, opts.csrfToken);
    return null;
  }
  let bearer = false;
  const auth = request.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    const secret = m?.[1] ?? '';
    const principal = secret.startsWith(API_TOKEN_PREFIX) ? await opts.accounts.authenticateToken(secret) : null;
    if (!principal) {
      const why = !m
        ? 'send Authorization: Bearer ns_… (an API token from `narrascope tokens create`)'
        : secret.startsWith(API_TOKEN_PREFIX)
          ? 'the API token is unknown, expired or revoked, or its owner is disabled'
          : 'this server has user accounts: the server token no longer opens it; use an API token (ns_…) from `narrascope tokens create`, or log in at /login';
      throw new HttpProblem(401, 'unauthorized', 'Authentication required', why);
    }
    request.principal = principal;
    bearer = true;
  } else {
    const session = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    const principal = session === undefined ? null : await opts.accounts.authenticateSession(session);
    if (!principal) {
      if (wantsPage(request, path)) return `/login?next=${encodeURIComponent(request.url)}`;
      throw new HttpProblem(401, 'unauthorized', 'Authentication required', 'log in at /login with your user name and password, or send Authorization: Bearer ns_… (an API token)');
    }
    request.principal = principal;
  }
  if (!bearer) checkCsrf(request, opts.csrfToken);
  const needed = roleNeeded(request.method, path);
  if (!roleAtLeast(request.principal.role, needed)) throw forbidden(needed, request.principal.role, `${request.method} ${path}`);
  return null;
}

/** The source ids a request may see; null for all (no accounts, admins, users in no collection). */
export function visibleSources(request: FastifyRequest): ReadonlySet<string> | null {
  const s = request.principal?.sources;
  return s ? new Set(s.keys()) : null;
}
