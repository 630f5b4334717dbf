// What accounts are made of: users with a role, browser sessions, API tokens, collections of
// sources shared with chosen users, and the audit log. Rows carry times as ISO 8601 UTC strings
// whatever the backend stores them as.
import { createHash, randomBytes } from 'node:crypto';

/** Roles, weakest first: a viewer reads; an analyst also reviews and writes; an admin also manages accounts. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** Rank of a role: viewer 0, analyst 1, admin 2. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** True when `role` may do what `needed` may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return roleRank(role) >= roleRank(needed);
}

/** The weaker of two roles. */
export function minRole(a: Role, b: Role): Role {
  return roleRank(a) <= roleRank(b) ? a : b;
}

export interface UserRow {
  id: string;
  username: string;
  /** The name folded for comparison (NFC, lower case): unique. */
  usernameKey: string;
  displayName: string | null;
  role: Role;
  passwordHash: string | null;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** A user as shown to people and the API: never the hash. */
export type User = Omit<UserRow, 'passwordHash' | 'usernameKey'>;

export function publicUser(u: UserRow): User {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled, createdAt: u.createdAt, lastLoginAt: u.lastLoginAt };
}

export interface SessionRow {
  /** SHA-256 (hex) of the token the browser holds; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  address: string | null;
}

export interface TokenRow {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token as listed: never the hash. */
export type ApiToken = Omit<TokenRow, 'tokenHash'> & { username: string };

export interface CollectionRow {
  id: string;
  name: string;
  nameKey: string;
  description: string | null;
  createdAt: string;
}

export interface CollectionMember {
  userId: string;
  username: string;
  role: Role;
}

export interface Collection extends Omit<CollectionRow, 'nameKey'> {
  sourceIds: string[];
  members: CollectionMember[];
}

/** Who did something: a person through the browser, a script through a token, the CLI, or nobody known. */
export type ActorKind = 'user' | 'token' | 'cli' | 'anonymous';

export interface AuditInput {
  actorKind: ActorKind;
  /** A user name, `cli:<os user>`, or the attempted name of a failed login. */
  actor: string;
  actorUserId: string | null;
  tokenId: string | null;
  action: string;
  /** What was acted on: `user:alice`, `token:…`, `collection:…`, `annotation:17`, `item:…`. */
  target: string | null;
  details: Record<string, unknown>;
  address: string | null;
}

export interface AuditEntry extends AuditInput {
  id: number;
  at: string;
}

export interface AuditQuery {
  limit: number;
  /** Entries older than this id (paging backwards in time). */
  before?: number;
  action?: string;
  /** Actor name (user name, cli:…). */
  actor?: string;
}

/** Fold a user or collection name for uniqueness and lookup. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** SHA-256 hex of a secret: what is stored for session and API tokens. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A random id with a readable prefix (`u_…`, `t_…`, `c_…`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/** A browser session token: 32 random bytes. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The prefix that marks narrascope API tokens (easy to spot in logs and secret scanners). */
export const API_TOKEN_PREFIX = 'ns_';

/** An API token: `ns_` and 32 random bytes. */
export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** User names: letters, digits and . _ - @, 1–64 characters, starting with a letter or digit. */
export function usernameProblem(name: string): string | null {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u.test(name)) return `"${name}" is not a valid user name: 1–64 letters, digits, ".", "_", "-" or "@", starting with a letter or digit`;
  return null;
}

const UNITS: Record<string, number> = { h: 3600e3, d: 86400e3, w: 7 * 86400e3, y: 365 * 86400e3 };

/** A duration such as `12h`, `90d`, `4w`, `1y` in milliseconds; null when it is not one. */
export function parseDuration(s: string): number | null {
  const m = /^(\d{1,5})\s*([hdwy])$/.exec(s.trim().toLowerCase());
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n * (UNITS[m[2] ?? 'd'] ?? 0) : null;
}
