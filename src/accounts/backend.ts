// The storage accounts need, one implementation per store backend (store-sqlite.ts,
// store-postgres.ts). Rules (who may do what, hashing, expiry) live in accounts.ts, not here, so
// that both backends behave the same by construction; accounts.case.ts checks that they do.
import type { AuditEntry, AuditInput, AuditQuery, Collection, CollectionRow, Role, SessionRow, TokenRow, UserRow } from './model.js';

export interface UserPatch {
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
  displayName?: string | null;
  lastLoginAt?: string;
}

/** One collection membership of a user, with the sources it opens. */
export interface Membership {
  collectionId: string;
  collectionName: string;
  role: Role;
  sourceIds: string[];
}

export interface AccountsBackend {
  countUsers(): Promise<number>;
  /** False when the user name (folded) is taken. */
  insertUser(u: UserRow): Promise<boolean>;
  userByKey(usernameKey: string): Promise<UserRow | null>;
  userById(id: string): Promise<UserRow | null>;
  listUsers(): Promise<UserRow[]>;
  updateUser(id: string, patch: UserPatch): Promise<void>;

  insertSession(s: SessionRow): Promise<void>;
  sessionByHash(tokenHash: string): Promise<SessionRow | null>;
  touchSession(tokenHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  revokeSession(tokenHash: string, at: string): Promise<void>;
  /** Revoke every live session of a user; returns how many. */
  revokeUserSessions(userId: string, at: string): Promise<number>;
  /** Forget sessions that expired or were revoked before `before`. */
  pruneSessions(before: string): Promise<number>;

  insertToken(t: TokenRow): Promise<void>;
  tokenByHash(tokenHash: string): Promise<TokenRow | null>;
  tokenById(id: string): Promise<TokenRow | null>;
  listTokens(): Promise<TokenRow[]>;
  touchToken(id: string, at: string): Promise<void>;
  /** False when there is no such live token. */
  revokeToken(id: string, at: string): Promise<boolean>;

  /** False when the name (folded) is taken. */
  insertCollection(c: CollectionRow): Promise<boolean>;
  collectionByKey(nameKey: string): Promise<CollectionRow | null>;
  listCollections(): Promise<Collection[]>;
  addCollectionSources(collectionId: string, sourceIds: string[]): Promise<void>;
  removeCollectionSources(collectionId: string, sourceIds: string[]): Promise<void>;
  setCollectionMember(collectionId: string, userId: string, role: Role): Promise<void>;
  removeCollectionMember(collectionId: string, userId: string): Promise<boolean>;
  deleteCollection(collectionId: string): Promise<boolean>;
  memberships(userId: string): Promise<Membership[]>;

  appendAudit(e: AuditInput & { at: string }): Promise<number>;
  /** Newest first. */
  listAudit(q: AuditQuery): Promise<AuditEntry[]>;
}
