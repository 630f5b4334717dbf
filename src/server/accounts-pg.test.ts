// The server with accounts over a PostgreSQL store: login, bearer token, a review audited for the
// signed-in user, and a collection narrowing search and listings, as on SQLite (accounts.test.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../../test/pg.js';
import { Accounts, cliActor } from '../accounts/accounts.js';
import { ACCOUNTS_PG_MIGRATION } from '../accounts/store-postgres.js';
import { ingest } from '../pipeline/ingest.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { buildServer } from './app.js';

const ROWS = {
  'river-gazette': [
    { title: 'Bridge reopens', date: '2024-03-02', text: 'The old river bridge reopened to traffic after a year of repairs, the city engineers said.' },
    { title: 'Flood barriers tested', date: '2024-03-09', text: 'Volunteers tested the new flood barriers along the embankment on Saturday morning.' },
  ],
  'hill-courier': [{ title: 'Cable car fares rise', date: '2024-03-05', text: 'Fares on the hill cable car rise in April, the operator announced without explanation.' }],
};

describe.skipIf(!process.env.NARRASCOPE_TEST_PG)('accounts on a PostgreSQL store', () => {
  let url = '';
  let dir = '';
  let store: Store;
  let app: FastifyInstance;
  let accounts: Accounts;

  beforeAll(async () => {
    url = await createTestDatabase('accounts_server');
    dir = mkdtempSync(join(tmpdir(), 'narrascope-accounts-pg-'));
    for (const [source, rows] of Object.entries(ROWS)) {
      mkdirSync(join(dir, source));
      writeFileSync(join(dir, source, 'posts.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    }
    store = await openStore(url);
    if (store.handle.kind !== 'postgres') throw new Error('expected a PostgreSQL store');
    // Until the store's own migrations carry the accounts tables, apply them here.
    const has = await store.handle.pool.query<{ t: string | null }>("SELECT to_regclass('users')::text AS t");
    if (has.rows[0]?.t == null) await store.handle.pool.query(ACCOUNTS_PG_MIGRATION.sql);
    await ingest(store, { inputs: [dir], languages: ['en'] });
    accounts = new Accounts(Accounts.of(store).backend, { scrypt: { ln: 10, r: 8, p: 1 } });
    app = await buildServer({ store, accounts });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await dropTestDatabase(url);
    rmSync(dir, { recursive: true, force: true });
  });

  function body<T>(r: LightMyRequestResponse): T {
    return r.json<T>();
  }

  it('signs in, narrows a collection member to its sources and audits a review', async () => {
    const cli = cliActor();
    await accounts.createUser({ username: 'editor', password: 'editor-of-the-river-desk', role: 'admin' }, cli);
    await accounts.createUser({ username: 'rita', password: 'rita-reads-the-gazette', role: 'analyst' }, cli);
    const gazette = await store.getSource('river-gazette');
    if (!gazette) throw new Error('no source');
    await accounts.createCollection({ name: 'River', sourceIds: [gazette.id] }, cli);
    await accounts.share('River', 'rita', 'analyst', cli);
    const { secret } = await accounts.createToken({ username: 'rita', name: 'review bot' }, cli);
    const auth = { authorization: `Bearer ${secret}` };

    expect((await app.inject({ url: '/api/items' })).statusCode).toBe(401);
    const signed = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=rita&password=rita-reads-the-gazette' });
    expect(signed.statusCode).toBe(303);
    const cookie = String(signed.headers['set-cookie']).split(';')[0] ?? '';
    expect(body<{ user: { username: string } }>(await app.inject({ url: '/api/session', headers: { cookie } })).user.username).toBe('rita');

    const items = body<{ total: number; items: Array<{ source: string }> }>(await app.inject({ url: '/api/items', headers: auth }));
    expect(items.total).toBe(2);
    expect(new Set(items.items.map((i) => i.source))).toEqual(new Set(['river-gazette']));
    const search = body<{ total: number }>(await app.inject({ url: '/api/search?q=cable', headers: auth }));
    expect(search.total).toBe(0);
    const admin = await accounts.createToken({ username: 'editor', name: 'check' }, cli);
    expect(body<{ total: number }>(await app.inject({ url: '/api/search?q=cable', headers: { authorization: `Bearer ${admin.secret}` } })).total).toBe(1);

    const [item] = await store.listItems({ sourceId: gazette.id, limit: 1 });
    const added = await app.inject({ method: 'POST', url: `/api/items/${item?.id ?? ''}/annotations`, headers: auth, payload: { layer: 'entity', label: 'LOC', start: 8, end: 13 } });
    expect(added.statusCode).toBe(201);
    expect(body<{ review: { reviewer: string } }>(added).review.reviewer).toBe('rita');
    const entry = (await accounts.listAudit({ limit: 1, action: 'span.add' }))[0];
    expect(entry).toMatchObject({ actorKind: 'token', actor: 'rita', details: { item: item?.id, label: 'LOC' } });
  });
});
