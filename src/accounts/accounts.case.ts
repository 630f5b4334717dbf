// The accounts conformance suite: every backend (SQLite in memory and on disk, PostgreSQL) runs it
// through the Accounts class, so both keep users, sessions, tokens, collections and the audit log
// with the same meaning. Hashing uses small scrypt parameters here to keep the suite quick.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Accounts, roleOnSource, type Actor } from './accounts.js';
import type { AccountsBackend } from './backend.js';
import { secretHash } from './model.js';

export interface AccountsFixture {
  backend: AccountsBackend;
  close(): Promise<void>;
}

const ADMIN_ACTOR: Actor = { kind: 'cli', name: 'cli:newsdesk', userId: null, tokenId: null, address: null };
const FAST = { ln: 10, r: 8, p: 1 };
const PASSWORD = 'tide-ledger-walrus-42';

/** Run the suite against the backend the factory opens (fresh and empty each time). */
export function runAccountsConformance(name: string, open: () => Promise<AccountsFixture>): void {
  describe(`accounts conformance: ${name}`, () => {
    let fx: AccountsFixture;
    let clock: number;
    let accounts: Accounts;

    beforeEach(async () => {
      fx = await open();
      clock = Date.parse('2024-05-01T09:00:00.000Z');
      accounts = new Accounts(fx.backend, { now: () => clock, scrypt: FAST });
    });
    afterEach(async () => {
      await fx.close();
    });

    it('creates users with unique names compared without case, and no users means inactive', async () => {
      expect(await accounts.active()).toBe(false);
      const u = await accounts.createUser({ username: 'Olena.K', password: PASSWORD, role: 'analyst', displayName: 'Olena Kovalenko' }, ADMIN_ACTOR);
      expect(u).toMatchObject({ username: 'Olena.K', role: 'analyst', disabled: false, displayName: 'Olena Kovalenko', lastLoginAt: null, createdAt: '2024-05-01T09:00:00.000Z' });
      expect(u).not.toHaveProperty('passwordHash');
      expect(await accounts.active()).toBe(true);
      await expect(accounts.createUser({ username: 'olena.k', password: PASSWORD, role: 'viewer' }, ADMIN_ACTOR)).rejects.toMatchObject({ status: 409 });
      await accounts.createUser({ username: 'Борис', password: PASSWORD, role: 'viewer' }, ADMIN_ACTOR);
      expect((await accounts.listUsers()).map((x) => x.username)).toEqual(['Olena.K', 'Борис']);
      expect((await accounts.getUser('БОРИС'))?.role).toBe('viewer');
      await expect(accounts.createUser({ username: 'short', password: 'too-short', role: 'viewer' }, ADMIN_ACTOR)).rejects.toThrow(/at least 12 characters/);
    });

    it('logs in with the right password only, keeps only the session hash, and audits both', async () => {
      await accounts.createUser({ username: 'marta', password: PASSWORD, role: 'viewer' }, ADMIN_ACTOR);
      expect(await accounts.login('marta', 'wrong-password-123', '10.1.2.3')).toBeNull();
      expect(await accounts.login('nobody', PASSWORD, '10.1.2.3')).toBeNull();
      const ok = await accounts.login('MARTA', PASSWORD, '10.1.2.3');
      expect(ok?.user.username).toBe('marta');
      const secret = ok?.sessionSecret ?? '';
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await fx.backend.sessionByHash(secret)).toBeNull();
      expect((await fx.backend.sessionByHash(secretHash(secret)))?.address).toBe('10.1.2.3');
      const p = await accounts.authenticateSession(secret);
      expect(p).toMatchObject({ role: 'viewer', via: 'session', sources: null });
      expect((await accounts.getUser('marta'))?.lastLoginAt).toBe('2024-05-01T09:00:00.000Z');
      const log = await accounts.listAudit({ limit: 10 });
      expect(log.map((e) => [e.action, e.actor, e.details.reason ?? null])).toEqual([
        ['login', 'marta', null],
        ['login.failed', 'nobody', 'unknown user'],
        ['login.failed', 'marta', 'wrong password'],
        ['user.create', 'cli:newsdesk', null],
      ]);
      expect(log[2]?.address).toBe('10.1.2.3');
    });

    it('rewrites a hash made with a lower cost at the next successful login', async () => {
      const cheap = new Accounts(fx.backend, { now: () => clock, scrypt: { ln: 8, r: 8, p: 1 } });
      await cheap.createUser({ username: 'legacy', password: PASSWORD, role: 'viewer' }, ADMIN_ACTOR);
      const before = (await fx.backend.userByKey('legacy'))?.passwordHash ?? '';
      expect(before).toMatch(/^\$scrypt\$ln=8,/);
      expect(await accounts.login('legacy', 'not-the-password-1')).toBeNull();
      expect((await fx.backend.userByKey('legacy'))?.passwordHash).toBe(before);
      expect(await accounts.login('legacy', PASSWORD)).not.toBeNull();
      const after = (await fx.backend.userByKey('legacy'))?.passwordHash ?? '';
      expect(after).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
      expect((await accounts.listAudit({ limit: 1, action: 'login' }))[0]?.details).toEqual({ rehashed: true });
      expect(await accounts.login('legacy', PASSWORD)).not.toBeNull();
      expect((await accounts.listAudit({ limit: 1, action: 'login' }))[0]?.details).toEqual({});
    });

    it('forgets sessions a day after they ended', async () => {
      await accounts.createUser({ username: 'temp', password: PASSWORD, role: 'viewer' }, ADMIN_ACTOR);
      const old = (await accounts.login('temp', PASSWORD))?.sessionSecret ?? '';
      await accounts.logout(old, null);
      clock += 2 * 86400e3;
      await accounts.login('temp', PASSWORD);
      expect(await fx.backend.sessionByHash(secretHash(old))).toBeNull();
    });

    it('ends sessions on logout, password change, disable and idle expiry', async () => {
      await accounts.createUser({ username: 'ivan', password: PASSWORD, role: 'analyst' }, ADMIN_ACTOR);
      const a = (await accounts.login('ivan', PASSWORD))?.sessionSecret ?? '';
      const b = (await accounts.login('ivan', PASSWORD))?.sessionSecret ?? '';
      await accounts.logout(a, null);
      expect(await accounts.authenticateSession(a)).toBeNull();
      expect(await accounts.authenticateSession(b)).not.toBeNull();
      await accounts.setPassword('ivan', 'new-harbour-password-9', ADMIN_ACTOR);
      expect(await accounts.authenticateSession(b)).toBeNull();
      expect(await accounts.login('ivan', PASSWORD)).toBeNull();
      const c = (await accounts.login('ivan', 'new-harbour-password-9'))?.sessionSecret ?? '';
      // Used within the idle window it stays alive; unused past it, it is gone.
      clock += 11 * 3600e3;
      expect(await accounts.authenticateSession(c)).not.toBeNull();
      clock += 11 * 3600e3;
      expect(await accounts.authenticateSession(c)).not.toBeNull();
      clock += 13 * 3600e3;
      expect(await accounts.authenticateSession(c)).toBeNull();
      const d = (await accounts.login('ivan', 'new-harbour-password-9'))?.sessionSecret ?? '';
      await accounts.createUser({ username: 'root-admin', password: PASSWORD, role: 'admin' }, ADMIN_ACTOR);
      await accounts.setDisabled('ivan', true, ADMIN_ACTOR);
      expect(await accounts.authenticateSession(d)).toBeNull();
      expect(await accounts.login('ivan', 'new-harbour-password-9')).toBeNull();
      expect((await accounts.listAudit({ limit: 1, action: 'login.failed' }))[0]?.details).toEqual({ reason: 'disabled' });
    });

    it('issues API tokens shown once, capped by the owner role, expiring and revocable', async () => {
      await accounts.createUser({ username: 'desk', password: PASSWORD, role: 'analyst' }, ADMIN_ACTOR);
      await expect(accounts.createToken({ username: 'desk', name: 'too strong', role: 'admin' }, ADMIN_ACTOR)).rejects.toThrow(/not be above the owner/);
      const { token, secret } = await accounts.createToken({ username: 'desk', name: 'nightly export', role: 'viewer', expiresInMs: 90 * 86400e3 }, ADMIN_ACTOR);
      expect(secret).toMatch(/^ns_[A-Za-z0-9_-]{43}$/);
      expect(token).toMatchObject({ username: 'desk', name: 'nightly export', role: 'viewer', expiresAt: '2024-07-30T09:00:00.000Z', lastUsedAt: null, revokedAt: null });
      expect(JSON.stringify(await fx.backend.listTokens())).not.toContain(secret);
      const p = await accounts.authenticateToken(secret);
      expect(p).toMatchObject({ role: 'viewer', via: 'token', tokenId: token.id });
      expect((await accounts.listTokens())[0]?.lastUsedAt).toBe('2024-05-01T09:00:00.000Z');
      expect(await accounts.authenticateToken(`${secret}x`)).toBeNull();
      expect(await accounts.authenticateToken('harbour')).toBeNull();

      // The owner demoted: the token follows.
      const full = await accounts.createToken({ username: 'desk', name: 'reviews' }, ADMIN_ACTOR);
      expect(full.token.role).toBe('analyst');
      await accounts.setRole('desk', 'viewer', ADMIN_ACTOR);
      expect((await accounts.authenticateToken(full.secret))?.role).toBe('viewer');

      await accounts.revokeToken(full.token.id, ADMIN_ACTOR);
      expect(await accounts.authenticateToken(full.secret)).toBeNull();
      await expect(accounts.revokeToken(full.token.id, ADMIN_ACTOR)).rejects.toMatchObject({ status: 409 });
      clock += 91 * 86400e3;
      expect(await accounts.authenticateToken(secret)).toBeNull();
      const actions = (await accounts.listAudit({ limit: 20 })).map((e) => e.action);
      expect(actions.filter((a) => a.startsWith('token.'))).toEqual(['token.revoke', 'token.create', 'token.create']);
      expect(actions).toContain('user.role');
    });

    it('keeps at least one enabled admin', async () => {
      await accounts.createUser({ username: 'chief', password: PASSWORD, role: 'admin' }, ADMIN_ACTOR);
      await expect(accounts.setRole('chief', 'analyst', ADMIN_ACTOR)).rejects.toThrow(/last enabled admin/);
      await expect(accounts.setDisabled('chief', true, ADMIN_ACTOR)).rejects.toThrow(/last enabled admin/);
      await accounts.createUser({ username: 'deputy', password: PASSWORD, role: 'admin' }, ADMIN_ACTOR);
      expect((await accounts.setRole('chief', 'analyst', ADMIN_ACTOR)).role).toBe('analyst');
    });

    it('shares collections of sources with members, each with a role in it', async () => {
      await accounts.createUser({ username: 'anna', password: PASSWORD, role: 'analyst' }, ADMIN_ACTOR);
      await accounts.createUser({ username: 'boss', password: PASSWORD, role: 'admin' }, ADMIN_ACTOR);
      await accounts.createCollection({ name: 'Baltic desk', sourceIds: ['src-riga', 'src-tallinn'] }, ADMIN_ACTOR);
      await accounts.createCollection({ name: 'Kyiv desk', sourceIds: ['src-kyiv'] }, ADMIN_ACTOR);
      await expect(accounts.createCollection({ name: 'baltic DESK', sourceIds: [] }, ADMIN_ACTOR)).rejects.toMatchObject({ status: 409 });
      // Not a member of anything yet: sees everything.
      const before = (await accounts.login('anna', PASSWORD))?.sessionSecret ?? '';
      expect((await accounts.authenticateSession(before))?.sources).toBeNull();
      await accounts.share('Baltic desk', 'anna', 'viewer', ADMIN_ACTOR);
      await accounts.share('kyiv desk', 'anna', 'analyst', ADMIN_ACTOR);
      await accounts.share('kyiv desk', 'boss', 'viewer', ADMIN_ACTOR);
      const p = await accounts.authenticateSession(before);
      expect(p ? [...(p.sources ?? new Map()).entries()].sort() : null).toEqual([
        ['src-kyiv', 'analyst'],
        ['src-riga', 'viewer'],
        ['src-tallinn', 'viewer'],
      ]);
      if (!p) throw new Error('no principal');
      expect(roleOnSource(p, 'src-kyiv')).toBe('analyst');
      expect(roleOnSource(p, 'src-riga')).toBe('viewer');
      expect(roleOnSource(p, 'src-odesa')).toBeNull();
      // Admins see everything, whatever they are members of.
      const boss = await accounts.authenticateSession((await accounts.login('boss', PASSWORD))?.sessionSecret ?? '');
      expect(boss?.sources).toBeNull();

      await accounts.addSources('Baltic desk', ['src-vilnius', 'src-riga'], ADMIN_ACTOR);
      await accounts.removeSources('Baltic desk', ['src-tallinn'], ADMIN_ACTOR);
      await accounts.unshare('Kyiv desk', 'boss', ADMIN_ACTOR);
      const list = await accounts.listCollections();
      expect(list.map((c) => [c.name, c.sourceIds, c.members.map((m) => `${m.username}:${m.role}`)])).toEqual([
        ['Baltic desk', ['src-riga', 'src-vilnius'], ['anna:viewer']],
        ['Kyiv desk', ['src-kyiv'], ['anna:analyst']],
      ]);
      await accounts.deleteCollection('Kyiv desk', ADMIN_ACTOR);
      expect((await accounts.listCollections()).map((c) => c.name)).toEqual(['Baltic desk']);
      const shares = await accounts.listAudit({ limit: 50, action: 'collection.share' });
      expect(shares.map((e) => e.details)).toEqual([
        { user: 'boss', role: 'viewer' },
        { user: 'anna', role: 'analyst' },
        { user: 'anna', role: 'viewer' },
      ]);
    });

    it('pages the audit log newest first, by action and actor', async () => {
      const desk: Actor = { kind: 'user', name: 'desk-editor', userId: 'u_1', tokenId: null, address: '192.0.2.7' };
      for (let i = 0; i < 5; i++) {
        clock += 1000;
        await accounts.audit(desk, 'span.review', `annotation:${i}`, { status: i % 2 === 0 ? 'accepted' : 'rejected', nested: { layer: 'technique' } });
      }
      await accounts.audit(ADMIN_ACTOR, 'collection.create', 'collection:x');
      const first = await accounts.listAudit({ limit: 3, action: 'span.review' });
      expect(first.map((e) => e.target)).toEqual(['annotation:4', 'annotation:3', 'annotation:2']);
      expect(first[0]).toMatchObject({ actorKind: 'user', actor: 'desk-editor', actorUserId: 'u_1', address: '192.0.2.7', at: '2024-05-01T09:00:05.000Z', details: { status: 'accepted', nested: { layer: 'technique' } } });
      const next = await accounts.listAudit({ limit: 3, action: 'span.review', before: first[2]?.id ?? 0 });
      expect(next.map((e) => e.target)).toEqual(['annotation:1', 'annotation:0']);
      expect((await accounts.listAudit({ limit: 10, actor: 'cli:newsdesk' })).map((e) => e.action)).toEqual(['collection.create']);
    });
  });
}
