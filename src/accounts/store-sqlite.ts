// Accounts in a SQLite store: the tables of migration 8 (store/sqlite/migrations.ts).
// better-sqlite3 is synchronous; the methods are async only to share the backend interface.
import type Database from 'better-sqlite3';
import type { AccountsBackend, Membership, UserPatch } from './backend.js';
import { isRole, type AuditEntry, type AuditInput, type AuditQuery, type Collection, type CollectionRow, type Role, type SessionRow, type TokenRow, type UserRow } from './model.js';

interface UserDb {
  id: string;
  username: string;
  username_key: string;
  display_name: string | null;
  role: string;
  password_hash: string | null;
  disabled: number;
  created_at: string;
  last_login_at: string | null;
}

interface SessionDb {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  address: string | null;
}

interface TokenDb {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  role: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface AuditDb {
  id: number;
  at: string;
  actor_kind: string;
  actor: string;
  actor_user_id: string | null;
  token_id: string | null;
  action: string;
  target: string | null;
  details: string;
  address: string | null;
}

function role(x: string): Role {
  return isRole(x) ? x : 'viewer';
}

function userOf(r: UserDb): UserRow {
  return {
    id: r.id,
    username: r.username,
    usernameKey: r.username_key,
    displayName: r.display_name,
    role: role(r.role),
    passwordHash: r.password_hash,
    disabled: r.disabled !== 0,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
  };
}

function sessionOf(r: SessionDb): SessionRow {
  return { tokenHash: r.token_hash, userId: r.user_id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, address: r.address };
}

function tokenOf(r: TokenDb): TokenRow {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    tokenHash: r.token_hash,
    role: role(r.role),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

export function auditOf(r: Omit<AuditDb, 'details'> & { details: unknown }): AuditEntry {
  const details = typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : ((r.details ?? {}) as Record<string, unknown>);
  return {
    id: Number(r.id),
    at: r.at,
    actorKind: r.actor_kind as AuditEntry['actorKind'],
    actor: r.actor,
    actorUserId: r.actor_user_id,
    tokenId: r.token_id,
    action: r.action,
    target: r.target,
    details,
    address: r.address,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Accounts over a better-sqlite3 connection whose schema is at version 8 or later. */
export class SqliteAccountsBackend implements AccountsBackend {
  constructor(private readonly db: Database.Database) {}

  /** Run synchronous work as a promise, a thrown error becoming a rejection. */
  private task<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.db.prepare(sql).get(...params) as T | undefined;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  private run(sql: string, ...params: unknown[]): number {
    return this.db.prepare(sql).run(...params).changes;
  }

  countUsers(): Promise<number> {
    return this.task(() => {
      return this.get<{ n: number }>('SELECT count(*) AS n FROM users')?.n ?? 0;
    });
  }

  insertUser(u: UserRow): Promise<boolean> {
    return this.task(() => {
      try {
        this.run(
          'INSERT INTO users (id, username, username_key, display_name, role, password_hash, disabled, created_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          u.id,
          u.username,
          u.usernameKey,
          u.displayName,
          u.role,
          u.passwordHash,
          u.disabled ? 1 : 0,
          u.createdAt,
          u.lastLoginAt,
        );
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    });
  }

  userByKey(key: string): Promise<UserRow | null> {
    return this.task(() => {
      const r = this.get<UserDb>('SELECT * FROM users WHERE username_key = ?', key);
      return r ? userOf(r) : null;
    });
  }

  userById(id: string): Promise<UserRow | null> {
    return this.task(() => {
      const r = this.get<UserDb>('SELECT * FROM users WHERE id = ?', id);
      return r ? userOf(r) : null;
    });
  }

  listUsers(): Promise<UserRow[]> {
    return this.task(() => {
      return this.all<UserDb>('SELECT * FROM users ORDER BY username_key').map(userOf);
    });
  }

  updateUser(id: string, patch: UserPatch): Promise<void> {
    return this.task(() => {
      const sets: string[] = [];
      const params: unknown[] = [];
      if (patch.role !== undefined) {
        sets.push('role = ?');
        params.push(patch.role);
      }
      if (patch.disabled !== undefined) {
        sets.push('disabled = ?');
        params.push(patch.disabled ? 1 : 0);
      }
      if (patch.passwordHash !== undefined) {
        sets.push('password_hash = ?');
        params.push(patch.passwordHash);
      }
      if (patch.displayName !== undefined) {
        sets.push('display_name = ?');
        params.push(patch.displayName);
      }
      if (patch.lastLoginAt !== undefined) {
        sets.push('last_login_at = ?');
        params.push(patch.lastLoginAt);
      }
      if (sets.length === 0) return;
      this.run(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`, ...params, id);
    });
  }

  insertSession(s: SessionRow): Promise<void> {
    return this.task(() => {
      this.run(
        'INSERT INTO user_sessions (token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at, address) VALUES (?, ?, ?, ?, ?, ?, ?)',
        s.tokenHash,
        s.userId,
        s.createdAt,
        s.lastSeenAt,
        s.expiresAt,
        s.revokedAt,
        s.address,
      );
    });
  }

  sessionByHash(hash: string): Promise<SessionRow | null> {
    return this.task(() => {
      const r = this.get<SessionDb>('SELECT * FROM user_sessions WHERE token_hash = ?', hash);
      return r ? sessionOf(r) : null;
    });
  }

  touchSession(hash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    return this.task(() => {
      this.run('UPDATE user_sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?', lastSeenAt, expiresAt, hash);
    });
  }

  revokeSession(hash: string, at: string): Promise<void> {
    return this.task(() => {
      this.run('UPDATE user_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL', at, hash);
    });
  }

  revokeUserSessions(userId: string, at: string): Promise<number> {
    return this.task(() => {
      return this.run('UPDATE user_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?', at, userId, at);
    });
  }

  pruneSessions(before: string): Promise<number> {
    return this.task(() => {
      return this.run('DELETE FROM user_sessions WHERE expires_at < ? OR revoked_at < ?', before, before);
    });
  }

  insertToken(t: TokenRow): Promise<void> {
    return this.task(() => {
      this.run(
        'INSERT INTO api_tokens (id, user_id, name, token_hash, role, created_at, expires_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        t.id,
        t.userId,
        t.name,
        t.tokenHash,
        t.role,
        t.createdAt,
        t.expiresAt,
        t.lastUsedAt,
        t.revokedAt,
      );
    });
  }

  tokenByHash(hash: string): Promise<TokenRow | null> {
    return this.task(() => {
      const r = this.get<TokenDb>('SELECT * FROM api_tokens WHERE token_hash = ?', hash);
      return r ? tokenOf(r) : null;
    });
  }

  tokenById(id: string): Promise<TokenRow | null> {
    return this.task(() => {
      const r = this.get<TokenDb>('SELECT * FROM api_tokens WHERE id = ?', id);
      return r ? tokenOf(r) : null;
    });
  }

  listTokens(): Promise<TokenRow[]> {
    return this.task(() => {
      return this.all<TokenDb>('SELECT * FROM api_tokens ORDER BY created_at, id').map(tokenOf);
    });
  }

  touchToken(id: string, at: string): Promise<void> {
    return this.task(() => {
      this.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', at, id);
    });
  }

  revokeToken(id: string, at: string): Promise<boolean> {
    return this.task(() => {
      return this.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at, id) > 0;
    });
  }

  insertCollection(c: CollectionRow): Promise<boolean> {
    return this.task(() => {
      try {
        this.run('INSERT INTO collections (id, name, name_key, description, created_at) VALUES (?, ?, ?, ?, ?)', c.id, c.name, c.nameKey, c.description, c.createdAt);
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    });
  }

  collectionByKey(key: string): Promise<CollectionRow | null> {
    return this.task(() => {
      const r = this.get<{ id: string; name: string; name_key: string; description: string | null; created_at: string }>('SELECT * FROM collections WHERE name_key = ?', key);
      return r ? { id: r.id, name: r.name, nameKey: r.name_key, description: r.description, createdAt: r.created_at } : null;
    });
  }

  listCollections(): Promise<Collection[]> {
    return this.task(() => {
      const rows = this.all<{ id: string; name: string; description: string | null; created_at: string }>('SELECT id, name, description, created_at FROM collections ORDER BY name_key');
      const sources = this.all<{ collection_id: string; source_id: string }>('SELECT collection_id, source_id FROM collection_sources ORDER BY collection_id, source_id');
      const members = this.all<{ collection_id: string; user_id: string; username: string; role: string }>(
        'SELECT m.collection_id, m.user_id, u.username, m.role FROM collection_members m JOIN users u ON u.id = m.user_id ORDER BY m.collection_id, u.username_key',
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        createdAt: r.created_at,
        sourceIds: sources.filter((s) => s.collection_id === r.id).map((s) => s.source_id),
        members: members.filter((m) => m.collection_id === r.id).map((m) => ({ userId: m.user_id, username: m.username, role: role(m.role) })),
      }));
    });
  }

  addCollectionSources(collectionId: string, sourceIds: string[]): Promise<void> {
    return this.task(() => {
      const insert = this.db.prepare('INSERT OR IGNORE INTO collection_sources (collection_id, source_id) VALUES (?, ?)');
      this.db.transaction(() => {
        for (const s of sourceIds) insert.run(collectionId, s);
      })();
    });
  }

  removeCollectionSources(collectionId: string, sourceIds: string[]): Promise<void> {
    return this.task(() => {
      const del = this.db.prepare('DELETE FROM collection_sources WHERE collection_id = ? AND source_id = ?');
      this.db.transaction(() => {
        for (const s of sourceIds) del.run(collectionId, s);
      })();
    });
  }

  setCollectionMember(collectionId: string, userId: string, r: Role): Promise<void> {
    return this.task(() => {
      this.run(
        'INSERT INTO collection_members (collection_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (collection_id, user_id) DO UPDATE SET role = excluded.role',
        collectionId,
        userId,
        r,
      );
    });
  }

  removeCollectionMember(collectionId: string, userId: string): Promise<boolean> {
    return this.task(() => {
      return this.run('DELETE FROM collection_members WHERE collection_id = ? AND user_id = ?', collectionId, userId) > 0;
    });
  }

  deleteCollection(collectionId: string): Promise<boolean> {
    return this.task(() => {
      return this.run('DELETE FROM collections WHERE id = ?', collectionId) > 0;
    });
  }

  memberships(userId: string): Promise<Membership[]> {
    return this.task(() => {
      const rows = this.all<{ id: string; name: string; role: string }>(
        'SELECT c.id, c.name, m.role FROM collection_members m JOIN collections c ON c.id = m.collection_id WHERE m.user_id = ? ORDER BY c.name_key',
        userId,
      );
      return rows.map((r) => ({
        collectionId: r.id,
        collectionName: r.name,
        role: role(r.role),
        sourceIds: this.all<{ source_id: string }>('SELECT source_id FROM collection_sources WHERE collection_id = ? ORDER BY source_id', r.id).map((s) => s.source_id),
      }));
    });
  }

  appendAudit(e: AuditInput & { at: string }): Promise<number> {
    return this.task(() => {
      const r = this.db
        .prepare('INSERT INTO audit_log (at, actor_kind, actor, actor_user_id, token_id, action, target, details, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(e.at, e.actorKind, e.actor, e.actorUserId, e.tokenId, e.action, e.target, JSON.stringify(e.details), e.address);
      return Number(r.lastInsertRowid);
    });
  }

  listAudit(q: AuditQuery): Promise<AuditEntry[]> {
    return this.task(() => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.before !== undefined) {
        where.push('id < ?');
        params.push(q.before);
      }
      if (q.action !== undefined) {
        where.push('action = ?');
        params.push(q.action);
      }
      if (q.actor !== undefined) {
        where.push('actor = ?');
        params.push(q.actor);
      }
      const sql = `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      return this.all<AuditDb>(sql, ...params, q.limit).map(auditOf);
    });
  }
}
