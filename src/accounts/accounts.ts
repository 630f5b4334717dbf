// The rules of accounts, over a storage backend: who exists with which role, logging in and out,
// sessions and API tokens (only their hashes stored), collections of sources shared with chosen
// users, and an audit entry for every change. The server (server/accounts-guard.ts,
// server/accounts-routes.ts) and the CLI (cli/commands/users.ts) both go through this class.
import { userInfo } from 'node:os';
import { createError, ERRORS, NarrascopeError, type ErrorCode } from '../core/errors.js';
import type { Store, StoreHandle } from '../store/store.js';
import type { AccountsBackend } from './backend.js';
import {
  minRole,
  nameKey,
  newApiTokenSecret,
  newId,
  newSessionSecret,
  publicUser,
  roleAtLeast,
  secretHash,
  usernameProblem,
  API_TOKEN_PREFIX,
  type ActorKind,
  type ApiToken,
  type AuditEntry,
  type AuditQuery,
  type Collection,
  type Role,
  type TokenRow,
  type User,
  type UserRow,
} from './model.js';
import { burnPasswordCheck, DEFAULT_SCRYPT, hashPassword, passwordProblem, verifyPassword, type ScryptParams } from './password.js';
import { PostgresAccountsBackend } from './store-postgres.js';
import { SqliteAccountsBackend } from './store-sqlite.js';

/** A refused accounts operation, with the HTTP status it means. */
export class AccountsError extends NarrascopeError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number,
    input?: string,
  ) {
    super(code, message, input);
    this.name = 'AccountsError';
  }
}

const invalid = (message: string, input?: string): AccountsError => new AccountsError(ERRORS.USAGE, message, 400, input);
const missing = (message: string, input?: string): AccountsError => new AccountsError(ERRORS.NOT_FOUND, message, 404, input);
const conflict = (message: string, input?: string): AccountsError => new AccountsError(ERRORS.USAGE, message, 409, input);

/** Who acts: recorded in the audit log with every change. */
export interface Actor {
  kind: ActorKind;
  name: string;
  userId: string | null;
  tokenId: string | null;
  address: string | null;
}

/** The actor for commands run on the server's machine: `cli:<os user>`. */
export function cliActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? 'unknown';
  }
  return { kind: 'cli', name: `cli:${name}`, userId: null, tokenId: null, address: null };
}

/** Someone authenticated, with what they may do and see. */
export interface Principal {
  user: User;
  /** Effective role: a token's role, never above its owner's current role. */
  role: Role;
  via: 'session' | 'token';
  tokenId: string | null;
  /**
   * Sources this principal may see, by id; null for all (admins, and users in no collection).
   * Per source, the role the collection gives (capped by `role`).
   */
  sources: ReadonlyMap<string, Role> | null;
}

/** The actor a principal acts as. */
export function actorOf(p: Principal, address: string | null = null): Actor {
  return { kind: p.via === 'token' ? 'token' : 'user', name: p.user.username, userId: p.user.id, tokenId: p.tokenId, address };
}

/** The role a principal has on one source's items (null when it may not see them). */
export function roleOnSource(p: Principal, sourceId: string): Role | null {
  if (p.sources === null) return p.role;
  const r = p.sources.get(sourceId);
  return r === undefined ? null : minRole(r, p.role);
}

export interface AccountsOptions {
  now?: () => number;
  scrypt?: ScryptParams;
  /** A session ends after this long unused. */
  sessionIdleMs?: number;
  /** … and this long after login whatever happens. */
  sessionMaxMs?: number;
}

export interface LoginResult {
  user: User;
  /** Give this to the browser (cookie); only its hash is stored. */
  sessionSecret: string;
  expiresAt: string;
}

/** The accounts backend for a store's connection. */
export function accountsBackend(handle: StoreHandle): AccountsBackend {
  return handle.kind === 'sqlite' ? new SqliteAccountsBackend(handle.db) : new PostgresAccountsBackend(handle.pool);
}

const SESSION_IDLE_MS = 12 * 3600e3;
const SESSION_MAX_MS = 7 * 86400e3;
/** Writing last-seen on every request would turn reads into writes: once a minute is enough. */
const TOUCH_EVERY_MS = 60e3;

export class Accounts {
  private readonly now: () => number;
  private readonly scrypt: ScryptParams;
  private readonly idleMs: number;
  private readonly maxMs: number;
  private knownUsers = false;
  private checkedAt = -Infinity;

  constructor(
    readonly backend: AccountsBackend,
    opts: AccountsOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.scrypt = opts.scrypt ?? DEFAULT_SCRYPT;
    this.idleMs = opts.sessionIdleMs ?? SESSION_IDLE_MS;
    this.maxMs = opts.sessionMaxMs ?? SESSION_MAX_MS;
  }

  /** Accounts kept in a store's own database. */
  static of(store: Store, opts: AccountsOptions = {}): Accounts {
    return new Accounts(accountsBackend(store.handle), opts);
  }

  private iso(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString();
  }

  /**
   * Whether any user exists (then the server needs a login). Once true it stays true (users are
   * disabled, never deleted); while false it is asked again at most once a second, so a first user
   * added from the CLI closes a running server within a second.
   */
  async active(): Promise<boolean> {
    if (this.knownUsers) return true;
    if (this.now() - this.checkedAt < 1000) return false;
    this.knownUsers = (await this.backend.countUsers()) > 0;
    this.checkedAt = this.now();
    return this.knownUsers;
  }

  /** Write one audit entry. */
  async audit(actor: Actor, action: string, target: string | null, details: Record<string, unknown> = {}): Promise<void> {
    await this.backend.appendAudit({
      at: this.iso(),
      actorKind: actor.kind,
      actor: actor.name,
      actorUserId: actor.userId,
      tokenId: actor.tokenId,
      action,
      target,
      details,
      address: actor.address,
    });
  }

  async listAudit(q: AuditQuery): Promise<AuditEntry[]> {
    return this.backend.listAudit(q);
  }

  // --- users -------------------------------------------------------------------------------

  private async userRow(username: string): Promise<UserRow> {
    const u = await this.backend.userByKey(nameKey(username));
    if (!u) throw missing(`no user "${username}"`, username);
    return u;
  }

  async getUser(username: string): Promise<User | null> {
    const u = await this.backend.userByKey(nameKey(username));
    return u ? publicUser(u) : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.backend.listUsers()).map(publicUser);
  }

  /** Create a user; the name must be new (case-insensitively) and the password long enough. */
  async createUser(input: { username: string; password: string; role: Role; displayName?: string | null }, actor: Actor): Promise<User> {
    const bad = usernameProblem(input.username);
    if (bad) throw invalid(bad, input.username);
    const weak = passwordProblem(input.password);
    if (weak) throw invalid(weak);
    const row: UserRow = {
      id: newId('u'),
      username: input.username.normalize('NFC'),
      usernameKey: nameKey(input.username),
      displayName: input.displayName?.trim() || null,
      role: input.role,
      passwordHash: await hashPassword(input.password, this.scrypt),
      disabled: false,
      createdAt: this.iso(),
      lastLoginAt: null,
    };
    if (!(await this.backend.insertUser(row))) throw conflict(`a user named "${input.username}" already exists (names are compared without case)`, input.username);
    this.knownUsers = true;
    await this.audit(actor, 'user.create', `user:${row.username}`, { role: row.role, displayName: row.displayName });
    return publicUser(row);
  }

  /** Refuse to leave the store without an enabled admin (nobody could manage accounts again). */
  private async keepAnAdmin(u: UserRow, change: string): Promise<void> {
    if (u.role !== 'admin' || u.disabled) return;
    const admins = (await this.backend.listUsers()).filter((x) => x.role === 'admin' && !x.disabled);
    if (admins.length <= 1) throw conflict(`"${u.username}" is the last enabled admin: ${change} would leave nobody to manage accounts; make another admin first`, u.username);
  }

  async setRole(username: string, role: Role, actor: Actor): Promise<User> {
    const u = await this.userRow(username);
    if (u.role === role) return publicUser(u);
    if (!roleAtLeast(role, 'admin')) await this.keepAnAdmin(u, `making them ${role}`);
    await this.backend.updateUser(u.id, { role });
    await this.audit(actor, 'user.role', `user:${u.username}`, { from: u.role, to: role });
    return publicUser({ ...u, role });
  }

  /** Disable (or enable again) a user; disabling ends their sessions, and their tokens stop working. */
  async setDisabled(username: string, disabled: boolean, actor: Actor): Promise<User> {
    const u = await this.userRow(username);
    if (u.disabled === disabled) return publicUser(u);
    if (disabled) await this.keepAnAdmin(u, 'disabling them');
    await this.backend.updateUser(u.id, { disabled });
    const ended = disabled ? await this.backend.revokeUserSessions(u.id, this.iso()) : 0;
    await this.audit(actor, disabled ? 'user.disable' : 'user.enable', `user:${u.username}`, disabled ? { sessionsEnded: ended } : {});
    return publicUser({ ...u, disabled });
  }

  async setDisplayName(username: string, displayName: string | null, actor: Actor): Promise<User> {
    const u = await this.userRow(username);
    const value = displayName?.trim() || null;
    await this.backend.updateUser(u.id, { displayName: value });
    await this.audit(actor, 'user.rename', `user:${u.username}`, { from: u.displayName, to: value });
    return publicUser({ ...u, displayName: value });
  }

  /** Set a new password; every session of the user ends. */
  async setPassword(username: string, password: string, actor: Actor): Promise<void> {
    const weak = passwordProblem(password);
    if (weak) throw invalid(weak);
    const u = await this.userRow(username);
    await this.backend.updateUser(u.id, { passwordHash: await hashPassword(password, this.scrypt) });
    const ended = await this.backend.revokeUserSessions(u.id, this.iso());
    await this.audit(actor, 'user.password', `user:${u.username}`, { sessionsEnded: ended });
  }

  // --- sessions ----------------------------------------------------------------------------

  /**
   * Check a user name and password; on success open a session. Failures (unknown name, wrong
   * password, disabled user) look the same to the caller and take the same time, and are audited.
   */
  async login(username: string, password: string, address: string | null = null): Promise<LoginResult | null> {
    const u = username.length <= 64 ? await this.backend.userByKey(nameKey(username)) : null;
    const fail = async (reason: string): Promise<null> => {
      await this.audit({ kind: 'anonymous', name: username.slice(0, 64), userId: u?.id ?? null, tokenId: null, address }, 'login.failed', u ? `user:${u.username}` : null, { reason });
      return null;
    };
    if (!u || u.passwordHash === null) {
      await burnPasswordCheck(password, this.scrypt);
      return fail(u ? 'no password set' : 'unknown user');
    }
    const check = await verifyPassword(password, u.passwordHash, this.scrypt);
    if (!check.ok) return fail('wrong password');
    if (u.disabled) return fail('disabled');
    const secret = newSessionSecret();
    const now = this.iso();
    const expiresAt = this.iso(Math.min(this.idleMs, this.maxMs));
    await this.backend.insertSession({ tokenHash: secretHash(secret), userId: u.id, createdAt: now, lastSeenAt: now, expiresAt, revokedAt: null, address });
    // The password was right: a hash made with weaker parameters is replaced while we have it.
    const patch = check.needsRehash ? { lastLoginAt: now, passwordHash: await hashPassword(password, this.scrypt) } : { lastLoginAt: now };
    await this.backend.updateUser(u.id, patch);
    await this.audit({ kind: 'user', name: u.username, userId: u.id, tokenId: null, address }, 'login', `user:${u.username}`, check.needsRehash ? { rehashed: true } : {});
    // Sessions that ended a day ago or more are of no use to anyone: forget them now and then.
    await this.pruneSessions();
    return { user: publicUser({ ...u, lastLoginAt: now }), sessionSecret: secret, expiresAt };
  }

  /** The principal of a live session; null for an unknown, expired or revoked one, or a disabled user. */
  async authenticateSession(secret: string): Promise<Principal | null> {
    if (secret.length === 0 || secret.length > 200) return null;
    const hash = secretHash(secret);
    const s = await this.backend.sessionByHash(hash);
    const now = this.now();
    if (!s || s.revokedAt !== null || Date.parse(s.expiresAt) <= now) return null;
    const u = await this.backend.userById(s.userId);
    if (!u || u.disabled) return null;
    if (now - Date.parse(s.lastSeenAt) >= TOUCH_EVERY_MS) {
      const until = Math.min(now + this.idleMs, Date.parse(s.createdAt) + this.maxMs);
      await this.backend.touchSession(hash, new Date(now).toISOString(), new Date(until).toISOString());
    }
    return this.principal(u, u.role, 'session', null);
  }

  /** End a session (logout). */
  async logout(secret: string, actor: Actor | null): Promise<void> {
    await this.backend.revokeSession(secretHash(secret), this.iso());
    if (actor) await this.audit(actor, 'logout', `user:${actor.name}`);
  }

  /** Forget sessions that ended more than a day ago. */
  async pruneSessions(): Promise<number> {
    return this.backend.pruneSessions(this.iso(-86400e3));
  }

  private async principal(u: UserRow, role: Role, via: Principal['via'], tokenId: string | null): Promise<Principal> {
    let sources: Map<string, Role> | null = null;
    if (u.role !== 'admin') {
      const ms = await this.backend.memberships(u.id);
      if (ms.length > 0) {
        sources = new Map();
        for (const m of ms) {
          for (const s of m.sourceIds) {
            const had = sources.get(s);
            // Two collections holding one source: the stronger membership counts.
            if (had === undefined || roleAtLeast(m.role, had)) sources.set(s, m.role);
          }
        }
      }
    }
    return { user: publicUser(u), role, via, tokenId, sources };
  }

  // --- API tokens --------------------------------------------------------------------------

  private async tokenView(t: TokenRow): Promise<ApiToken> {
    const owner = await this.backend.userById(t.userId);
    return { id: t.id, userId: t.userId, username: owner?.username ?? t.userId, name: t.name, role: t.role, createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt };
  }

  /** Create an API token for a user: the secret (`ns_…`) is returned once and never stored. */
  async createToken(input: { username: string; name: string; role?: Role; expiresInMs?: number | null }, actor: Actor): Promise<{ token: ApiToken; secret: string }> {
    const u = await this.userRow(input.username);
    if (u.disabled) throw invalid(`"${u.username}" is disabled`, u.username);
    const label = input.name.trim();
    if (label.length === 0 || label.length > 100 || /\p{C}/u.test(label)) throw invalid('a token name is 1–100 printable characters, e.g. "nightly export"');
    const role = input.role ?? u.role;
    if (!roleAtLeast(u.role, role)) throw invalid(`a token of ${u.username} cannot be ${role}: its role may not be above the owner's (${u.role})`);
    const secret = newApiTokenSecret();
    const row: TokenRow = {
      id: newId('t'),
      userId: u.id,
      name: label,
      tokenHash: secretHash(secret),
      role,
      createdAt: this.iso(),
      expiresAt: input.expiresInMs ? this.iso(input.expiresInMs) : null,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.backend.insertToken(row);
    await this.audit(actor, 'token.create', `token:${row.id}`, { user: u.username, name: label, role, expiresAt: row.expiresAt });
    return { token: await this.tokenView(row), secret };
  }

  /** The principal of a live API token; null for an unknown, expired or revoked one, or a disabled owner. */
  async authenticateToken(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) return null;
    const t = await this.backend.tokenByHash(secretHash(secret));
    const now = this.now();
    if (!t || t.revokedAt !== null || (t.expiresAt !== null && Date.parse(t.expiresAt) <= now)) return null;
    const u = await this.backend.userById(t.userId);
    if (!u || u.disabled) return null;
    if (t.lastUsedAt === null || now - Date.parse(t.lastUsedAt) >= TOUCH_EVERY_MS) await this.backend.touchToken(t.id, new Date(now).toISOString());
    // A demoted owner demotes their tokens too.
    return this.principal(u, minRole(t.role, u.role), 'token', t.id);
  }

  async listTokens(): Promise<ApiToken[]> {
    const out: ApiToken[] = [];
    for (const t of await this.backend.listTokens()) out.push(await this.tokenView(t));
    return out;
  }

  async revokeToken(id: string, actor: Actor): Promise<void> {
    const t = await this.backend.tokenById(id);
    if (!t) throw missing(`no token with id "${id}"`, id);
    if (!(await this.backend.revokeToken(id, this.iso()))) throw conflict(`token "${id}" is already revoked`, id);
    await this.audit(actor, 'token.revoke', `token:${id}`, { name: t.name });
  }

  // --- collections -------------------------------------------------------------------------

  private async collectionRow(name: string): Promise<{ id: string; name: string }> {
    const c = await this.backend.collectionByKey(nameKey(name));
    if (!c) throw missing(`no collection "${name}"`, name);
    return c;
  }

  async listCollections(): Promise<Collection[]> {
    return this.backend.listCollections();
  }

  async getCollection(name: string): Promise<Collection | null> {
    const c = await this.backend.collectionByKey(nameKey(name));
    if (!c) return null;
    return (await this.backend.listCollections()).find((x) => x.id === c.id) ?? null;
  }

  /** Create a collection of sources (ids; the caller resolves names). */
  async createCollection(input: { name: string; sourceIds: string[]; description?: string | null }, actor: Actor): Promise<Collection> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100 || /\p{C}/u.test(name)) throw invalid('a collection name is 1–100 printable characters');
    const row = { id: newId('c'), name, nameKey: nameKey(name), description: input.description?.trim() || null, createdAt: this.iso() };
    if (!(await this.backend.insertCollection(row))) throw conflict(`a collection named "${name}" already exists`, name);
    await this.backend.addCollectionSources(row.id, [...new Set(input.sourceIds)]);
    await this.audit(actor, 'collection.create', `collection:${name}`, { sources: [...new Set(input.sourceIds)] });
    return (await this.getCollection(name)) as Collection;
  }

  async addSources(name: string, sourceIds: string[], actor: Actor): Promise<Collection> {
    const c = await this.collectionRow(name);
    await this.backend.addCollectionSources(c.id, [...new Set(sourceIds)]);
    await this.audit(actor, 'collection.sources.add', `collection:${c.name}`, { sources: sourceIds });
    return (await this.getCollection(c.name)) as Collection;
  }

  async removeSources(name: string, sourceIds: string[], actor: Actor): Promise<Collection> {
    const c = await this.collectionRow(name);
    await this.backend.removeCollectionSources(c.id, sourceIds);
    await this.audit(actor, 'collection.sources.remove', `collection:${c.name}`, { sources: sourceIds });
    return (await this.getCollection(c.name)) as Collection;
  }

  /** Share a collection with a user, with a role in it (sharing again changes the role). */
  async share(name: string, username: string, role: Role, actor: Actor): Promise<Collection> {
    const c = await this.collectionRow(name);
    const u = await this.userRow(username);
    await this.backend.setCollectionMember(c.id, u.id, role);
    await this.audit(actor, 'collection.share', `collection:${c.name}`, { user: u.username, role });
    return (await this.getCollection(c.name)) as Collection;
  }

  async unshare(name: string, username: string, actor: Actor): Promise<Collection> {
    const c = await this.collectionRow(name);
    const u = await this.userRow(username);
    if (!(await this.backend.removeCollectionMember(c.id, u.id))) throw missing(`"${u.username}" is not a member of "${c.name}"`);
    await this.audit(actor, 'collection.unshare', `collection:${c.name}`, { user: u.username });
    return (await this.getCollection(c.name)) as Collection;
  }

  async deleteCollection(name: string, actor: Actor): Promise<void> {
    const c = await this.collectionRow(name);
    await this.backend.deleteCollection(c.id);
    await this.audit(actor, 'collection.delete', `collection:${c.name}`);
  }
}

/** A usage error for the CLI: exit code 2. */
export function usage(message: string, input?: string): NarrascopeError {
  return createError(ERRORS.USAGE, message, input);
}
