// Accounts in a PostgreSQL store. The tables come from ACCOUNTS_PG_MIGRATION, applied with the
// store's own migrations; times are timestamptz here and ISO strings outside.
import type pg from 'pg';
import type { AccountsBackend, Membership, UserPatch } from './backend.js';
import { isRole, type AuditEntry, type AuditInput, type AuditQuery, type Collection, type CollectionRow, type Role, type SessionRow, type TokenRow, type UserRow } from './model.js';

/** The PostgreSQL schema for accounts (same tables and meaning as SQLite migration 8). */
export const ACCOUNTS_PG_MIGRATION = {
  version: 8,
  name: 'accounts: users, sessions, API tokens, collections, audit log',
  sql: `
    -- Secrets are never stored: sessions and tokens by SHA-256, passwords as scrypt PHC strings.
    -- No foreign keys to corpus tables: a collection may name a source a copy brings later.
    CREATE TABLE users (
      id text PRIMARY KEY,
      username text NOT NULL,
      username_key text NOT NULL UNIQUE,
      display_name text,
      role text NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
      password_hash text,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      last_login_at timestamptz
    );
    CREATE TABLE user_sessions (
      token_hash text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      address text
    );
    CREATE INDEX user_sessions_user ON user_sessions(user_id);
    CREATE TABLE api_tokens (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      role text NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
      created_at timestamptz NOT NULL,
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_tokens_user ON api_tokens(user_id);
    CREATE TABLE collections (
      id text PRIMARY KEY,
      name text NOT NULL,
      name_key text NOT NULL UNIQUE,
      description text,
      created_at timestamptz NOT NULL
    );
    CREATE TABLE collection_sources (
      collection_id text NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
      source_id text NOT NULL,
      PRIMARY KEY (collection_id, source_id)
    );
    CREATE TABLE collection_members (
      collection_id text NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
      user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
      PRIMARY KEY (collection_id, user_id)
    );
    CREATE INDEX collection_members_user ON collection_members(user_id);
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_kind text NOT NULL,
      actor text NOT NULL,
      actor_user_id text,
      token_id text,
      action text NOT NULL,
      target text,
      details jsonb NOT NULL,
      address text
    );
    CREATE INDEX audit_log_action ON audit_log(action, id);
    CREATE INDEX audit_log_actor ON audit_log(actor, id);
  `,
} as const;

type Row = Record<string, unknown>;

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : new Date(v as string).toISOString();
}

function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
}

function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : str(v);
}

function role(v: unknown): Role {
  return isRole(v) ? v : 'viewer';
}

function userOf(r: Row): UserRow {
  return {
    id: str(r.id),
    username: str(r.username),
    usernameKey: str(r.username_key),
    displayName: strOrNull(r.display_name),
    role: role(r.role),
    passwordHash: strOrNull(r.password_hash),
    disabled: r.disabled === true,
    createdAt: iso(r.created_at),
    lastLoginAt: isoOrNull(r.last_login_at),
  };
}

function sessionOf(r: Row): SessionRow {
  return {
    tokenHash: str(r.token_hash),
    userId: str(r.user_id),
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    expiresAt: iso(r.expires_at),
    revokedAt: isoOrNull(r.revoked_at),
    address: strOrNull(r.address),
  };
}

function tokenOf(r: Row): TokenRow {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    name: str(r.name),
    tokenHash: str(r.token_hash),
    role: role(r.role),
    createdAt: iso(r.created_at),
    expiresAt: isoOrNull(r.expires_at),
    lastUsedAt: isoOrNull(r.last_used_at),
    revokedAt: isoOrNull(r.revoked_at),
  };
}

function auditOf(r: Row): AuditEntry {
  return {
    id: Number(r.id),
    at: iso(r.at),
    actorKind: str(r.actor_kind) as AuditEntry['actorKind'],
    actor: str(r.actor),
    actorUserId: strOrNull(r.actor_user_id),
    tokenId: strOrNull(r.token_id),
    action: str(r.action),
    target: strOrNull(r.target),
    details: (r.details ?? {}) as Record<string, unknown>,
    address: strOrNull(r.address),
  };
}

function pgCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? ((err as { code?: unknown }).code as string | undefined) : undefined;
}

/** Accounts over a pg pool whose database has the ACCOUNTS_PG_MIGRATION tables. */
export class PostgresAccountsBackend implements AccountsBackend {
  constructor(private readonly pool: pg.Pool) {}

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  private async one(sql: string, params: unknown[] = []): Promise<Row | null> {
    return (await this.rows(sql, params))[0] ?? null;
  }

  private async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.pool.query(sql, params)).rowCount ?? 0;
  }

  async countUsers(): Promise<number> {
    try {
      return Number((await this.one('SELECT count(*) AS n FROM users'))?.n ?? 0);
    } catch (err) {
      // A database the accounts migration has not reached has no users: the server stays open as before.
      if (pgCode(err) === '42P01') return 0;
      throw err;
    }
  }

  async insertUser(u: UserRow): Promise<boolean> {
    const n = await this.run(
      `INSERT INTO users (id, username, username_key, display_name, role, password_hash, disabled, created_at, last_login_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username_key) DO NOTHING`,
      [u.id, u.username, u.usernameKey, u.displayName, u.role, u.passwordHash, u.disabled, u.createdAt, u.lastLoginAt],
    );
    return n > 0;
  }

  async userByKey(key: string): Promise<UserRow | null> {
    const r = await this.one('SELECT * FROM users WHERE username_key = $1', [key]);
    return r ? userOf(r) : null;
  }

  async userById(id: string): Promise<UserRow | null> {
    const r = await this.one('SELECT * FROM users WHERE id = $1', [id]);
    return r ? userOf(r) : null;
  }

  async listUsers(): Promise<UserRow[]> {
    return (await this.rows('SELECT * FROM users ORDER BY username_key COLLATE "C"')).map(userOf);
  }

  async updateUser(id: string, patch: UserPatch): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (column: string, value: unknown): void => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (patch.role !== undefined) set('role', patch.role);
    if (patch.disabled !== undefined) set('disabled', patch.disabled);
    if (patch.passwordHash !== undefined) set('password_hash', patch.passwordHash);
    if (patch.displayName !== undefined) set('display_name', patch.displayName);
    if (patch.lastLoginAt !== undefined) set('last_login_at', patch.lastLoginAt);
    if (sets.length === 0) return;
    params.push(id);
    await this.run(`UPDATE users SET ${sets.join(', ')} WHERE id = $${params.length}`, params);
  }

  async insertSession(s: SessionRow): Promise<void> {
    await this.run(
      'INSERT INTO user_sessions (token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at, address) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [s.tokenHash, s.userId, s.createdAt, s.lastSeenAt, s.expiresAt, s.revokedAt, s.address],
    );
  }

  async sessionByHash(hash: string): Promise<SessionRow | null> {
    const r = await this.one('SELECT * FROM user_sessions WHERE token_hash = $1', [hash]);
    return r ? sessionOf(r) : null;
  }

  async touchSession(hash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.run('UPDATE user_sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3', [lastSeenAt, expiresAt, hash]);
  }

  async revokeSession(hash: string, at: string): Promise<void> {
    await this.run('UPDATE user_sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL', [at, hash]);
  }

  async revokeUserSessions(userId: string, at: string): Promise<number> {
    return this.run('UPDATE user_sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND expires_at > $1', [at, userId]);
  }

  async pruneSessions(before: string): Promise<number> {
    return this.run('DELETE FROM user_sessions WHERE expires_at < $1 OR revoked_at < $1', [before]);
  }

  async insertToken(t: TokenRow): Promise<void> {
    await this.run(
      'INSERT INTO api_tokens (id, user_id, name, token_hash, role, created_at, expires_at, last_used_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [t.id, t.userId, t.name, t.tokenHash, t.role, t.createdAt, t.expiresAt, t.lastUsedAt, t.revokedAt],
    );
  }

  async tokenByHash(hash: string): Promise<TokenRow | null> {
    const r = await this.one('SELECT * FROM api_tokens WHERE token_hash = $1', [hash]);
    return r ? tokenOf(r) : null;
  }

  async tokenById(id: string): Promise<TokenRow | null> {
    const r = await this.one('SELECT * FROM api_tokens WHERE id = $1', [id]);
    return r ? tokenOf(r) : null;
  }

  async listTokens(): Promise<TokenRow[]> {
    return (await this.rows('SELECT * FROM api_tokens ORDER BY created_at, id')).map(tokenOf);
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.run('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    return (await this.run('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])) > 0;
  }

  async insertCollection(c: CollectionRow): Promise<boolean> {
    const n = await this.run(
      'INSERT INTO collections (id, name, name_key, description, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name_key) DO NOTHING',
      [c.id, c.name, c.nameKey, c.description, c.createdAt],
    );
    return n > 0;
  }

  async collectionByKey(key: string): Promise<CollectionRow | null> {
    const r = await this.one('SELECT * FROM collections WHERE name_key = $1', [key]);
    return r ? { id: str(r.id), name: str(r.name), nameKey: str(r.name_key), description: strOrNull(r.description), createdAt: iso(r.created_at) } : null;
  }

  async listCollections(): Promise<Collection[]> {
    const [rows, sources, members] = await Promise.all([
      this.rows('SELECT id, name, description, created_at FROM collections ORDER BY name_key COLLATE "C"'),
      this.rows('SELECT collection_id, source_id FROM collection_sources ORDER BY collection_id, source_id COLLATE "C"'),
      this.rows(
        'SELECT m.collection_id, m.user_id, u.username, m.role FROM collection_members m JOIN users u ON u.id = m.user_id ORDER BY m.collection_id, u.username_key COLLATE "C"',
      ),
    ]);
    return rows.map((r) => ({
      id: str(r.id),
      name: str(r.name),
      description: strOrNull(r.description),
      createdAt: iso(r.created_at),
      sourceIds: sources.filter((s) => s.collection_id === r.id).map((s) => str(s.source_id)),
      members: members.filter((m) => m.collection_id === r.id).map((m) => ({ userId: str(m.user_id), username: str(m.username), role: role(m.role) })),
    }));
  }

  async addCollectionSources(collectionId: string, sourceIds: string[]): Promise<void> {
    if (sourceIds.length === 0) return;
    await this.run('INSERT INTO collection_sources (collection_id, source_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [collectionId, sourceIds]);
  }

  async removeCollectionSources(collectionId: string, sourceIds: string[]): Promise<void> {
    await this.run('DELETE FROM collection_sources WHERE collection_id = $1 AND source_id = ANY($2::text[])', [collectionId, sourceIds]);
  }

  async setCollectionMember(collectionId: string, userId: string, r: Role): Promise<void> {
    await this.run(
      'INSERT INTO collection_members (collection_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (collection_id, user_id) DO UPDATE SET role = excluded.role',
      [collectionId, userId, r],
    );
  }

  async removeCollectionMember(collectionId: string, userId: string): Promise<boolean> {
    return (await this.run('DELETE FROM collection_members WHERE collection_id = $1 AND user_id = $2', [collectionId, userId])) > 0;
  }

  async deleteCollection(collectionId: string): Promise<boolean> {
    return (await this.run('DELETE FROM collections WHERE id = $1', [collectionId])) > 0;
  }

  async memberships(userId: string): Promise<Membership[]> {
    const rows = await this.rows(
      `SELECT c.id, c.name, m.role, coalesce(array_agg(s.source_id ORDER BY s.source_id COLLATE "C") FILTER (WHERE s.source_id IS NOT NULL), '{}') AS sources
       FROM collection_members m JOIN collections c ON c.id = m.collection_id LEFT JOIN collection_sources s ON s.collection_id = c.id
       WHERE m.user_id = $1 GROUP BY c.id, c.name, c.name_key, m.role ORDER BY c.name_key COLLATE "C"`,
      [userId],
    );
    return rows.map((r) => ({ collectionId: str(r.id), collectionName: str(r.name), role: role(r.role), sourceIds: (r.sources as unknown[]).map(str) }));
  }

  async appendAudit(e: AuditInput & { at: string }): Promise<number> {
    const r = await this.one(
      'INSERT INTO audit_log (at, actor_kind, actor, actor_user_id, token_id, action, target, details, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id',
      [e.at, e.actorKind, e.actor, e.actorUserId, e.tokenId, e.action, e.target, JSON.stringify(e.details), e.address],
    );
    return Number(r?.id);
  }

  async listAudit(q: AuditQuery): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const cond = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.before !== undefined) cond('id < ?', q.before);
    if (q.action !== undefined) cond('action = ?', q.action);
    if (q.actor !== undefined) cond('actor = ?', q.actor);
    params.push(q.limit);
    const sql = `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`;
    return (await this.rows(sql, params)).map(auditOf);
  }
}
