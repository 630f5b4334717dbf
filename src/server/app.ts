// The HTTP API as a Fastify instance, built around one Store. Nothing here listens: listen.ts binds
// it, and tests call it in-process with inject().
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { NarrascopeError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { VERSION } from '../core/version.js';
import { DerivedViews } from './derived.js';
import { buildOpenApi, recordRoute, type RouteRecord } from './openapi.js';
import { fromNarrascopeError, HttpProblem, problem, PROBLEM_TYPE, statusTitle } from './problem.js';
import { registerRoutes } from './routes.js';
import { registerPages } from './pages.js';
import { registerLogin, SessionStore } from './login.js';
import { openapiResponse } from './schemas.js';
import { applySecurityHeaders, escapeJson, guard, randomToken, safeJson } from './security.js';
import { Accounts } from '../accounts/accounts.js';
import { accountsGuard, isAdminPath } from './accounts-guard.js';
import { registerAccountRoutes } from './accounts-routes.js';

export interface ServerOptions {
  store: Store;
  /** When set, every request but GET /api/health and /login needs `Authorization: Bearer <token>` or a session from /login. */
  token?: string;
  logger?: boolean;
  /** Host names (no port) to answer to; others get 403 (DNS rebinding). Any when absent. */
  allowedHosts?: readonly string[];
  /**
   * User accounts (default: those kept in the store). Once one user exists, requests need a login
   * or an API token and `token` no longer applies (accounts-guard.ts).
   */
  accounts?: Accounts;
}

/** Name the parameter an Ajv error is about: "limit", "q", or the extra parameter itself. */
function validationProblem(err: FastifyError): HttpProblem {
  const where = err.validationContext === 'params' ? 'path' : err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'query');
  const invalid = (err.validation ?? []).map((v) => {
    const extra = (v.params as { additionalProperty?: unknown; missingProperty?: unknown } | undefined) ?? {};
    const name =
      typeof extra.additionalProperty === 'string'
        ? extra.additionalProperty
        : typeof extra.missingProperty === 'string'
          ? extra.missingProperty
          : v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(request)';
    const reason =
      typeof extra.additionalProperty === 'string'
        ? 'is not a parameter of this endpoint'
        : typeof extra.missingProperty === 'string'
          ? 'is required'
          : `${v.message ?? 'is invalid'}${(v.params as { allowedValues?: unknown[] } | undefined)?.allowedValues ? `: ${((v.params as { allowedValues: unknown[] }).allowedValues).join(', ')}` : ''}`;
    return { name, in: where, reason };
  });
  const detail = invalid.map((p) => `${p.name}: ${p.reason}`).join('; ') || err.message;
  return new HttpProblem(400, 'invalid-parameter', 'Invalid parameter', detail, { invalidParams: invalid });
}

/** The API over a store: JSON routes under /api, problems for every error, strict headers on all. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Unknown parameters are errors, not silently dropped: a typo must not widen a query.
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
    // Path parameters are ids: nothing here needs more than this.
    routerOptions: { maxParamLength: 500 },
    bodyLimit: 1024 * 1024,
    // Requests the HTTP parser refuses (a URL with raw, unencoded non-ASCII bytes, as curl sends
    // `?q=Петербург`) never reach a route: answer them as problem+json all the same.
    clientErrorHandler(err: NodeJS.ErrnoException, socket) {
      if (socket.destroyed) return;
      const body = JSON.stringify({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: `The request could not be parsed (${err.code ?? 'bad request'}): percent-encode non-ASCII characters in the URL, e.g. curl -G --data-urlencode 'q=…'`,
      });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });
  const csrfToken = randomToken();
  const routes: RouteRecord[] = [];
  const version = VERSION;
  const allowedHosts = opts.allowedHosts ? new Set(opts.allowedHosts.map((h) => h.toLowerCase())) : null;

  app.addHook('onRoute', (r) => recordRoute(routes, r));

  const sessions = new SessionStore();
  const accounts = opts.accounts ?? Accounts.of(opts.store);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    let login: string | null;
    if (await accounts.active()) {
      login = await accountsGuard(request, { accounts, csrfToken, allowedHosts });
    } else {
      login = guard(request, { token: opts.token, csrfToken, allowedHosts, sessions });
      const path = request.url.split('?')[0] ?? '';
      // Without accounts nobody can be named admin: the first one is made with the CLI.
      if (isAdminPath(path)) {
        throw new HttpProblem(403, 'no-accounts', 'Forbidden', 'this store has no user accounts yet: create the first admin with `narrascope users add NAME --role admin`');
      }
    }
    // Answering from the hook: the route never runs.
    if (login !== null) return reply.redirect(login, 303);
    return undefined;
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    applySecurityHeaders(reply);
    const type = String(reply.getHeader('content-type') ?? '');
    // Every JSON body leaves with <, > and & escaped (see security.ts); streams escape their own.
    return typeof payload === 'string' && type.includes('json') ? escapeJson(payload) : payload;
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    let p: HttpProblem;
    if (err instanceof HttpProblem) p = err;
    else if (err instanceof NarrascopeError) p = fromNarrascopeError(err);
    else if (err.validation) p = validationProblem(err);
    else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      p = new HttpProblem(err.statusCode, (err.code ?? 'request-error').toLowerCase().replace(/_/g, '-'), statusTitle(err.statusCode), err.message);
    } else {
      p = new HttpProblem(500, 'internal', statusTitle(500), 'the server failed to answer; see its log');
    }
    if (p.status >= 500) request.log.error(err);
    return reply.code(p.status).type(PROBLEM_TYPE).send(safeJson(problem(p, request.url)));
  });

  app.setNotFoundHandler((request, reply) => {
    const p = new HttpProblem(404, 'not-found', 'Not found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}; the API is described at /api/openapi.json`);
    return reply.code(404).type(PROBLEM_TYPE).send(safeJson(problem(p, request.url)));
  });

  registerRoutes(app, { store: opts.store, views: new DerivedViews(opts.store), csrfToken, authRequired: opts.token !== undefined, version, accounts });
  registerAccountRoutes(app, { store: opts.store, accounts });
  (await import('./watch-routes.js')).registerWatchRoutes(app, { store: opts.store });
  registerPages(app);
  registerLogin(app, { token: opts.token, sessions, accounts });

  let doc: Record<string, unknown> | null = null;
  app.get('/api/openapi.json', {
    schema: { operationId: 'openapi', summary: 'This document', tags: ['meta'], response: { 200: openapiResponse } },
    // Built on first request, when every route (the ones added after buildServer too) is known.
    handler: () => (doc ??= buildOpenApi(routes, version)),
  });

  return app;
}
