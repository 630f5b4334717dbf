// The server with user accounts: logins with a password, API tokens, roles per route, CSRF kept,
// reviews named after and audited for the signed-in user, and collections narrowing what a
// member sees. Without users the token behaviour stays as login.test.ts describes it.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts, cliActor } from '../accounts/accounts.js';
import type { Store } from '../store/store.js';
import { buildAnalysisCorpus, type AnalysisCorpus } from './analysis-fixture.test-helpers.js';
import { buildServer } from './app.js';

const SERVER_TOKEN = 'desk-server-token-5kq';
const FORM = 'application/x-www-form-urlencoded';
const PASSWORDS = { chief: 'chief-of-the-night-desk', ana: 'ana-reviews-propaganda', vic: 'vic-only-reads-the-wire' } as const;

let corpus: AnalysisCorpus;
let store: Store;
let accounts: Accounts;
let app: FastifyInstance;
let csrf = '';

beforeAll(async () => {
  corpus = await buildAnalysisCorpus();
  store = corpus.store;
  // Small scrypt parameters keep the many logins of this file quick; password.test.ts covers the real cost.
  accounts = new Accounts(Accounts.of(store).backend, { scrypt: { ln: 10, r: 8, p: 1 } });
  app = await buildServer({ store, token: SERVER_TOKEN, accounts });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await corpus.cleanup();
});

function login(username: string, password: string, remoteAddress = '10.9.0.1'): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/login?next=%2Fsearch', remoteAddress, headers: { 'content-type': FORM }, payload: new URLSearchParams({ username, password }).toString() });
}

interface Answer {
  detail: string;
  type: string;
  roleNeeded?: string;
  review: { reviewer: string; status: string };
  user: { role: string; disabled: boolean };
  users: Array<{ username: string; role: string }>;
  entries: unknown[];
  collection: { members: unknown[] };
}

/** The body as JSON, read through a named shape. */
function json<T = Answer>(r: LightMyRequestResponse): T {
  return r.json<T>();
}

function cookieOf(r: LightMyRequestResponse): string {
  const m = /^narrascope_session=([^;]+);/.exec(String(r.headers['set-cookie']));
  if (!m?.[1]) throw new Error(`no session cookie in ${String(r.headers['set-cookie'])}`);
  return `narrascope_session=${m[1]}`;
}

async function sessionFor(name: keyof typeof PASSWORDS): Promise<string> {
  const r = await login(name, PASSWORDS[name]);
  expect(r.statusCode).toBe(303);
  return cookieOf(r);
}

async function firstSpan(sourceName: string): Promise<{ id: number; itemId: string }> {
  const source = await store.getSource(sourceName);
  for (const item of await store.listItems({ sourceId: source?.id ?? '' })) {
    const a = (await store.listAnnotations(item.id)).find((x) => x.id !== undefined && x.layer !== 'reuse');
    if (a?.id !== undefined) return { id: a.id, itemId: item.id };
  }
  throw new Error(`no span in ${sourceName}`);
}

describe('before the first user', () => {
  it('keeps the server token and refuses account management', async () => {
    expect(await accounts.active()).toBe(false);
    expect((await app.inject({ url: '/api/items' })).statusCode).toBe(401);
    const auth = { authorization: `Bearer ${SERVER_TOKEN}` };
    expect((await app.inject({ url: '/api/items', headers: auth })).statusCode).toBe(200);
    const users = await app.inject({ url: '/api/users', headers: auth });
    expect(users.statusCode).toBe(403);
    expect(json(users).detail).toMatch(/narrascope users add NAME --role admin/);
    expect((await app.inject({ url: '/login' })).body).toContain('name="token"');
  });
});

describe('with user accounts', () => {
  let analystToken = '';
  let viewerToken = '';

  beforeAll(async () => {
    const cli = cliActor();
    await accounts.createUser({ username: 'chief', password: PASSWORDS.chief, role: 'admin', displayName: 'Night desk chief' }, cli);
    await accounts.createUser({ username: 'ana', password: PASSWORDS.ana, role: 'analyst' }, cli);
    await accounts.createUser({ username: 'vic', password: PASSWORDS.vic, role: 'viewer' }, cli);
    analystToken = (await accounts.createToken({ username: 'ana', name: 'review script' }, cli)).secret;
    viewerToken = (await accounts.createToken({ username: 'vic', name: 'dashboard', expiresInMs: 86400e3 }, cli)).secret;
    csrf = json<{ csrfToken: string }>(await app.inject({ url: '/api/session', headers: { authorization: `Bearer ${viewerToken}` } })).csrfToken;
  });

  it('asks for credentials: 401 for the API, the password form for pages, and the server token no longer opens it', async () => {
    const none = await app.inject({ url: '/api/items' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(json(none).detail).toMatch(/log in at \/login/);
    const page = await app.inject({ url: '/search?q=x', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fsearch%3Fq%3Dx');
    const form = await app.inject({ url: '/login' });
    expect(form.body).toContain('<input type="text" id="username" name="username"');
    expect(form.body).toContain('<input type="password" id="password" name="password"');
    const old = await app.inject({ url: '/api/items', headers: { authorization: `Bearer ${SERVER_TOKEN}` } });
    expect(old.statusCode).toBe(401);
    expect(json(old).detail).toMatch(/server token no longer opens it/);
    expect((await app.inject({ url: '/api/items', headers: { authorization: 'Bearer ns_forged-token-value' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('logs in with a password, and answers a wrong one with the form and an audit entry', async () => {
    const wrong = await login('ana', 'not-anas-password-at-all', '10.9.0.77');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toContain('Wrong user name or password');
    const failed = (await accounts.listAudit({ limit: 1, action: 'login.failed' }))[0];
    expect(failed).toMatchObject({ actor: 'ana', address: '10.9.0.77', details: { reason: 'wrong password' } });

    const ok = await login('ANA', PASSWORDS.ana);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/search');
    expect(String(ok.headers['set-cookie'])).toMatch(/^narrascope_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    const session = await app.inject({ url: '/api/session', headers: { cookie: cookieOf(ok) } });
    expect(json(session)).toMatchObject({ authRequired: true, user: { username: 'ana', role: 'analyst', displayName: null } });
  });

  it('rate-limits failed logins per address, as for the server token', async () => {
    const tries = await Promise.all(Array.from({ length: 10 }, (_, i) => login('chief', `wrong-guess-number-${i}`, '10.66.0.1')));
    expect(tries.map((r) => r.statusCode)).toEqual(Array(10).fill(401));
    const blocked = await login('chief', PASSWORDS.chief, '10.66.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await login('chief', PASSWORDS.chief, '10.66.0.2')).statusCode).toBe(303);
    expect((await accounts.listAudit({ limit: 20, action: 'login.failed' })).filter((e) => e.address === '10.66.0.1')).toHaveLength(10);
  });

  it('lets a viewer read but not review, naming the role needed', async () => {
    const vic = await sessionFor('vic');
    expect((await app.inject({ url: '/api/items', headers: { cookie: vic } })).statusCode).toBe(200);
    const span = await firstSpan('east-wire');
    const r = await app.inject({ method: 'POST', url: `/api/annotations/${span.id}/review`, headers: { cookie: vic, 'x-csrf-token': csrf }, payload: { status: 'accepted' } });
    expect(r.statusCode).toBe(403);
    expect(json(r)).toMatchObject({ roleNeeded: 'analyst', role: 'viewer' });
    expect(json(r).detail).toMatch(/needs the analyst role; you are a viewer/);
    const byToken = await app.inject({ method: 'POST', url: `/api/annotations/${span.id}/review`, headers: { authorization: `Bearer ${viewerToken}` }, payload: { status: 'accepted' } });
    expect(byToken.statusCode).toBe(403);
  });

  it('keeps CSRF for sessions, records the signed-in reviewer and audits the review', async () => {
    const ana = await sessionFor('ana');
    const span = await firstSpan('east-wire');
    const noCsrf = await app.inject({ method: 'POST', url: `/api/annotations/${span.id}/review`, headers: { cookie: ana }, payload: { status: 'rejected' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(json(noCsrf).type).toMatch(/csrf/);
    // X-Reviewer cannot name someone else once there are accounts.
    const r = await app.inject({ method: 'POST', url: `/api/annotations/${span.id}/review`, headers: { cookie: ana, 'x-csrf-token': csrf, 'x-reviewer': 'Someone Else' }, payload: { status: 'rejected' } });
    expect(r.statusCode).toBe(200);
    expect(json(r).review).toMatchObject({ reviewer: 'ana', status: 'rejected' });
    const entry = (await accounts.listAudit({ limit: 1, action: 'span.reject' }))[0];
    expect(entry).toMatchObject({ actorKind: 'user', actor: 'ana', target: `annotation:${span.id}`, details: { item: span.itemId } });

    // A bearer token needs no CSRF header; the audit names the token.
    const added = await app.inject({ method: 'POST', url: `/api/items/${span.itemId}/annotations`, headers: { authorization: `Bearer ${analystToken}` }, payload: { layer: 'technique', label: 'loaded_language', start: 0, end: 5 } });
    expect(added.statusCode).toBe(201);
    expect(json(added).review.reviewer).toBe('ana');
    const add = (await accounts.listAudit({ limit: 1, action: 'span.add' }))[0];
    expect(add).toMatchObject({ actorKind: 'token', actor: 'ana', details: { item: span.itemId, label: 'loaded_language' } });
    expect(add?.tokenId).toMatch(/^t_/);
  });

  it('keeps account management for admins, and audits a role change', async () => {
    const ana = await sessionFor('ana');
    const denied = await app.inject({ url: '/api/users', headers: { cookie: ana } });
    expect(denied.statusCode).toBe(403);
    expect(json(denied).roleNeeded).toBe('admin');
    expect((await app.inject({ url: '/api/audit', headers: { authorization: `Bearer ${analystToken}` } })).statusCode).toBe(403);

    const chief = await sessionFor('chief');
    const list = await app.inject({ url: '/api/users', headers: { cookie: chief } });
    expect(json(list).users.map((u) => `${u.username}:${u.role}`)).toEqual(['ana:analyst', 'chief:admin', 'vic:viewer']);
    expect(list.body).not.toContain('scrypt');
    const promote = await app.inject({ method: 'PATCH', url: '/api/users/vic', headers: { cookie: chief, 'x-csrf-token': csrf }, payload: { role: 'analyst' } });
    expect(promote.statusCode).toBe(200);
    expect(json(promote).user.role).toBe('analyst');
    const audit = await app.inject({ url: '/api/audit?action=user.role', headers: { cookie: chief } });
    expect(json(audit).entries[0]).toMatchObject({ actor: 'chief', actorKind: 'user', action: 'user.role', target: 'user:vic', details: { from: 'viewer', to: 'analyst' } });
    const back = await app.inject({ method: 'PATCH', url: '/api/users/vic', headers: { cookie: chief, 'x-csrf-token': csrf }, payload: { role: 'viewer' } });
    expect(json(back).user.role).toBe('viewer');
    const weak = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: chief, 'x-csrf-token': csrf }, payload: { username: 'temp', password: 'short', role: 'viewer' } });
    expect(weak.statusCode).toBe(400);
    expect(json(weak).detail).toMatch(/at least 12 characters/);
    const dup = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: chief, 'x-csrf-token': csrf }, payload: { username: 'Ana', password: 'another-long-password', role: 'viewer' } });
    expect(dup.statusCode).toBe(409);
  });

  it('limits a collection member to the sources of their collections', async () => {
    const wire = await store.getSource('east-wire');
    const polar = await store.getSource('polar-channel');
    if (!wire || !polar) throw new Error('fixture sources missing');
    const chief = await sessionFor('chief');
    const made = await app.inject({ method: 'POST', url: '/api/collections', headers: { cookie: chief, 'x-csrf-token': csrf }, payload: { name: 'Wire desk', sources: ['east-wire'] } });
    expect(made.statusCode).toBe(201);
    const shared = await app.inject({ method: 'PUT', url: '/api/collections/wire%20desk/members/vic', headers: { cookie: chief, 'x-csrf-token': csrf }, payload: { role: 'viewer' } });
    expect(json(shared).collection.members).toEqual([expect.objectContaining({ username: 'vic', role: 'viewer' })]);

    const vic = await sessionFor('vic');
    const all = json<{ hits: Array<{ source: string }> }>(await app.inject({ url: '/api/search?q=from:2024-01', headers: { cookie: chief } }));
    expect(new Set(all.hits.map((h) => h.source))).toEqual(new Set(['east-wire', 'polar-channel']));
    const mine = json<{ total: number; hits: Array<{ source: string }> }>(await app.inject({ url: '/api/search?q=from:2024-01', headers: { cookie: vic } }));
    expect(mine.total).toBeGreaterThan(0);
    expect(new Set(mine.hits.map((h) => h.source))).toEqual(new Set(['east-wire']));
    // Naming a source outside the collection in the query does not widen it.
    const sneaky = json<{ total: number }>(await app.inject({ url: '/api/search?q=source:polar-channel', headers: { cookie: vic } }));
    expect(sneaky.total).toBe(0);

    const items = json<{ total: number; items: Array<{ source: string }> }>(await app.inject({ url: '/api/items?limit=100', headers: { cookie: vic } }));
    expect(items.total).toBe(await store.countItems({ sourceId: wire.id }));
    expect(new Set(items.items.map((i) => i.source))).toEqual(new Set(['east-wire']));
    const sources = json<{ sources: Array<{ name: string }> }>(await app.inject({ url: '/api/sources', headers: { cookie: vic } }));
    expect(sources.sources.map((s) => s.name)).toEqual(['east-wire']);
    const [hidden] = await store.listItems({ sourceId: polar.id, limit: 1 });
    expect((await app.inject({ url: `/api/items/${hidden?.id ?? ''}`, headers: { cookie: vic } })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/items/${hidden?.id ?? ''}`, headers: { cookie: chief } })).statusCode).toBe(200);
    // The same through the viewer's API token.
    const viaToken = json<{ total: number }>(await app.inject({ url: '/api/items?limit=100', headers: { authorization: `Bearer ${viewerToken}` } }));
    expect(viaToken.total).toBe(items.total);
  });

  it('ends the session on logout and on disable', async () => {
    const ana = await sessionFor('ana');
    const out = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: ana, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/items', headers: { cookie: ana } })).statusCode).toBe(401);
    expect((await accounts.listAudit({ limit: 1, action: 'logout' }))[0]?.actor).toBe('ana');

    const vic = await sessionFor('vic');
    const chief = await sessionFor('chief');
    const off = await app.inject({ method: 'PATCH', url: '/api/users/vic', headers: { cookie: chief, 'x-csrf-token': csrf }, payload: { disabled: true } });
    expect(json(off).user.disabled).toBe(true);
    expect((await app.inject({ url: '/api/items', headers: { cookie: vic } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/items', headers: { authorization: `Bearer ${viewerToken}` } })).statusCode).toBe(401);
    expect((await login('vic', PASSWORDS.vic)).statusCode).toBe(401);
  });
});
