// Account management over HTTP: users, API tokens, collections and the audit log (admins only,
// enforced by accounts-guard.ts before any of these runs), and /api/me for everyone signed in.
// Every change goes through Accounts, which writes the audit entry.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AccountsError, actorOf, type Accounts, type Actor } from '../accounts/accounts.js';
import { parseDuration, ROLES, type Role } from '../accounts/model.js';
import { verifyPassword } from '../accounts/password.js';
import type { Store } from '../store/store.js';
import { badParam, HttpProblem, notFound, statusTitle } from './problem.js';

export interface AccountRoutesOptions {
  store: Store;
  accounts: Accounts;
}

const role = { type: 'string', enum: [...ROLES] };

/** Route schemas carry OpenAPI extras (operationId, summary, tags) that FastifySchema does not name. */
function doc(schema: Record<string, unknown>): Record<string, unknown> {
  return schema;
}
const name = { type: 'string', minLength: 1, maxLength: 100 };

function actor(request: FastifyRequest): Actor {
  if (!request.principal) throw new HttpProblem(401, 'unauthorized', 'Authentication required', 'sign in first');
  return actorOf(request.principal, request.ip);
}

/** Run an accounts operation, answering its refusals with their own status (400, 404, 409). */
async function attempt<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AccountsError) throw new HttpProblem(err.status, err.status === 409 ? 'conflict' : err.code.replace(/_/g, '-'), statusTitle(err.status), err.message);
    throw err;
  }
}

/** Register /api/me, /api/users, /api/tokens, /api/collections and /api/audit. */
export function registerAccountRoutes(app: FastifyInstance, opts: AccountRoutesOptions): void {
  const { accounts, store } = opts;

  const sourceIds = async (names: string[]): Promise<string[]> => {
    const out: string[] = [];
    for (const n of names) {
      const s = await store.getSource(n);
      if (!s) throw badParam('sources', `unknown source "${n}"; GET /api/sources lists them`, 'body');
      out.push(s.id);
    }
    return out;
  };

  app.get('/api/me', {
    schema: doc({ operationId: 'me', summary: 'The signed-in user, their effective role and the collections that limit what they see', tags: ['accounts'] }),
    handler: (request) => {
      const p = request.principal;
      if (!p) return { user: null, role: null, via: null, sources: null };
      return { user: p.user, role: p.role, via: p.via, sources: p.sources === null ? null : Object.fromEntries(p.sources) };
    },
  });

  app.post('/api/me/password', {
    schema: doc({
      operationId: 'changeOwnPassword',
      summary: 'Change your own password (ends all your sessions, this one included)',
      tags: ['accounts'],
      body: { type: 'object', additionalProperties: false, required: ['current', 'password'], properties: { current: { type: 'string' }, password: { type: 'string' } } },
    }),
    handler: async (request, reply) => {
      const p = request.principal;
      if (!p) throw new HttpProblem(403, 'no-accounts', 'Forbidden', 'this store has no user accounts');
      const b = request.body as { current: string; password: string };
      const row = await accounts.backend.userById(p.user.id);
      if (!row?.passwordHash || !(await verifyPassword(b.current, row.passwordHash)).ok) throw badParam('current', 'is not your current password', 'body');
      await attempt(() => accounts.setPassword(p.user.username, b.password, actor(request)));
      return reply.code(204).send();
    },
  });

  app.get('/api/users', {
    schema: doc({ operationId: 'listUsers', summary: 'Users with their roles (admin)', tags: ['accounts'] }),
    handler: async () => {
      const users = await accounts.listUsers();
      return { total: users.length, users };
    },
  });

  app.post('/api/users', {
    schema: doc({
      operationId: 'createUser',
      summary: 'Create a user (admin)',
      tags: ['accounts'],
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['username', 'password', 'role'],
        properties: { username: { type: 'string' }, password: { type: 'string' }, role, displayName: { type: ['string', 'null'], maxLength: 200 } },
      },
    }),
    handler: async (request, reply) => {
      const b = request.body as { username: string; password: string; role: Role; displayName?: string | null };
      const user = await attempt(() => accounts.createUser(b, actor(request)));
      return reply.code(201).send({ user });
    },
  });

  app.patch('/api/users/:username', {
    schema: doc({
      operationId: 'updateUser',
      summary: 'Change a user’s role, display name, or disable them (ends their sessions) (admin)',
      tags: ['accounts'],
      params: { type: 'object', required: ['username'], properties: { username: { type: 'string' } } },
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { role, disabled: { type: 'boolean' }, displayName: { type: ['string', 'null'], maxLength: 200 } } },
    }),
    handler: async (request) => {
      const { username } = request.params as { username: string };
      const b = request.body as { role?: Role; disabled?: boolean; displayName?: string | null };
      const who = actor(request);
      let user = await attempt(async () => {
        const u = await accounts.getUser(username);
        if (!u) throw notFound(`no user "${username}"`);
        return u;
      });
      if (b.displayName !== undefined) user = await attempt(() => accounts.setDisplayName(username, b.displayName ?? null, who));
      if (b.role !== undefined) user = await attempt(() => accounts.setRole(username, b.role as Role, who));
      if (b.disabled !== undefined) user = await attempt(() => accounts.setDisabled(username, b.disabled as boolean, who));
      return { user };
    },
  });

  app.post('/api/users/:username/password', {
    schema: doc({
      operationId: 'setUserPassword',
      summary: 'Set a user’s password (ends their sessions) (admin)',
      tags: ['accounts'],
      params: { type: 'object', required: ['username'], properties: { username: { type: 'string' } } },
      body: { type: 'object', additionalProperties: false, required: ['password'], properties: { password: { type: 'string' } } },
    }),
    handler: async (request, reply) => {
      const { username } = request.params as { username: string };
      await attempt(() => accounts.setPassword(username, (request.body as { password: string }).password, actor(request)));
      return reply.code(204).send();
    },
  });

  app.get('/api/tokens', {
    schema: doc({ operationId: 'listTokens', summary: 'API tokens (never their secrets) (admin)', tags: ['accounts'] }),
    handler: async () => {
      const tokens = await accounts.listTokens();
      return { total: tokens.length, tokens };
    },
  });

  app.post('/api/tokens', {
    schema: doc({
      operationId: 'createToken',
      summary: 'Create an API token for a user; the secret (ns_…) is in this answer only (admin)',
      tags: ['accounts'],
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['user', 'name'],
        properties: { user: { type: 'string' }, name, role, expires: { type: 'string', description: 'a duration such as 90d, 12h, 4w, 1y; none for no expiry' } },
      },
    }),
    handler: async (request, reply) => {
      const b = request.body as { user: string; name: string; role?: Role; expires?: string };
      let expiresInMs: number | null = null;
      if (b.expires !== undefined) {
        expiresInMs = parseDuration(b.expires);
        if (expiresInMs === null) throw badParam('expires', `"${b.expires}" is not a duration such as 90d, 12h, 4w or 1y`, 'body');
      }
      const made = await attempt(() => accounts.createToken({ username: b.user, name: b.name, ...(b.role ? { role: b.role } : {}), expiresInMs }, actor(request)));
      return reply.code(201).send({ token: made.token, secret: made.secret });
    },
  });

  app.delete('/api/tokens/:id', {
    schema: doc({ operationId: 'revokeToken', summary: 'Revoke an API token (admin)', tags: ['accounts'], params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } }),
    handler: async (request, reply) => {
      await attempt(() => accounts.revokeToken((request.params as { id: string }).id, actor(request)));
      return reply.code(204).send();
    },
  });

  app.get('/api/collections', {
    schema: doc({ operationId: 'listCollections', summary: 'Collections with their sources and members (admin)', tags: ['accounts'] }),
    handler: async () => {
      const collections = await accounts.listCollections();
      return { total: collections.length, collections };
    },
  });

  app.post('/api/collections', {
    schema: doc({
      operationId: 'createCollection',
      summary: 'Create a collection of sources (names or ids) (admin)',
      tags: ['accounts'],
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'sources'],
        properties: { name, sources: { type: 'array', items: { type: 'string' }, maxItems: 10000 }, description: { type: ['string', 'null'], maxLength: 1000 } },
      },
    }),
    handler: async (request, reply) => {
      const b = request.body as { name: string; sources: string[]; description?: string | null };
      const ids = await sourceIds(b.sources);
      const collection = await attempt(() => accounts.createCollection({ name: b.name, sourceIds: ids, description: b.description ?? null }, actor(request)));
      return reply.code(201).send({ collection });
    },
  });

  app.patch('/api/collections/:name', {
    schema: doc({
      operationId: 'updateCollection',
      summary: 'Add sources to a collection or remove them (admin)',
      tags: ['accounts'],
      params: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { add: { type: 'array', items: { type: 'string' } }, remove: { type: 'array', items: { type: 'string' } } } },
    }),
    handler: async (request) => {
      const { name: cname } = request.params as { name: string };
      const b = request.body as { add?: string[]; remove?: string[] };
      const who = actor(request);
      let collection = await attempt(async () => {
        const c = await accounts.getCollection(cname);
        if (!c) throw notFound(`no collection "${cname}"`);
        return c;
      });
      if (b.add) {
        const ids = await sourceIds(b.add);
        collection = await attempt(() => accounts.addSources(cname, ids, who));
      }
      if (b.remove) {
        const ids = await sourceIds(b.remove);
        collection = await attempt(() => accounts.removeSources(cname, ids, who));
      }
      return { collection };
    },
  });

  app.delete('/api/collections/:name', {
    schema: doc({ operationId: 'deleteCollection', summary: 'Delete a collection (its sources stay) (admin)', tags: ['accounts'], params: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } }),
    handler: async (request, reply) => {
      await attempt(() => accounts.deleteCollection((request.params as { name: string }).name, actor(request)));
      return reply.code(204).send();
    },
  });

  const memberParams = { type: 'object', required: ['name', 'username'], properties: { name: { type: 'string' }, username: { type: 'string' } } };
  app.put('/api/collections/:name/members/:username', {
    schema: doc({
      operationId: 'shareCollection',
      summary: 'Share a collection with a user, with a role in it (admin)',
      tags: ['accounts'],
      params: memberParams,
      body: { type: 'object', additionalProperties: false, required: ['role'], properties: { role } },
    }),
    handler: async (request) => {
      const p = request.params as { name: string; username: string };
      const collection = await attempt(() => accounts.share(p.name, p.username, (request.body as { role: Role }).role, actor(request)));
      return { collection };
    },
  });

  app.delete('/api/collections/:name/members/:username', {
    schema: doc({ operationId: 'unshareCollection', summary: 'Take a user out of a collection (admin)', tags: ['accounts'], params: memberParams }),
    handler: async (request) => {
      const p = request.params as { name: string; username: string };
      const collection = await attempt(() => accounts.unshare(p.name, p.username, actor(request)));
      return { collection };
    },
  });

  app.get('/api/audit', {
    schema: doc({
      operationId: 'audit',
      summary: 'The audit log, newest first: logins, account changes, token and collection changes, span reviews (admin)',
      tags: ['accounts'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          before: { type: 'integer', minimum: 1, description: 'entries older than this id (the next page)' },
          action: { type: 'string', maxLength: 100 },
          actor: { type: 'string', maxLength: 200 },
        },
      },
    }),
    handler: async (request) => {
      const q = request.query as { limit: number; before?: number; action?: string; actor?: string };
      const entries = await accounts.listAudit(q);
      const last = entries[entries.length - 1];
      let next: string | null = null;
      if (entries.length === q.limit && last) {
        const params = new URLSearchParams({ limit: String(q.limit), before: String(last.id), ...(q.action ? { action: q.action } : {}), ...(q.actor ? { actor: q.actor } : {}) });
        next = `/api/audit?${params.toString()}`;
      }
      return { limit: q.limit, entries, next };
    },
  });
}
