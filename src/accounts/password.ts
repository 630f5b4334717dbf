// Password hashing with scrypt (memory-hard, built into Node: no native dependency to audit).
// A hash is a self-describing PHC-style string, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (unpadded
// base64), so the cost can be raised later: old hashes still verify, and verifyPassword says when
// one should be rewritten with the current parameters (done on the next successful login).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  r: number;
  p: number;
}

/** Today's cost: N = 2^15, r = 8, p = 1 (32 MiB; about 0.2 s per check measured on a shared 2-core machine). */
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = { ln: 15, r: 8, p: 1 };

/** Passwords shorter than this are refused. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer than this is not a password but a way to make the server hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function optionsOf(p: ScryptParams): ScryptOptions {
  const N = 2 ** p.ln;
  // scrypt needs 128·N·r bytes (plus a little); Node's default cap (32 MiB) is just below that at N=2^15.
  return { N, r: p.r, p: p.p, maxmem: 128 * N * p.r * p.p + 32 * 1024 * 1024 };
}

/** Why a password is unacceptable, or null when it is fine. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters (this one has ${length}); a few unrelated words make a good one`;
  if (length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

/** Hash a password with a fresh 16-byte salt: the PHC-style string to store. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, optionsOf(params));
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64').replace(/=+$/, '')}$${key.toString('base64').replace(/=+$/, '')}`;
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

/** Read a stored hash; null when it is not one this code wrote (tampered, truncated, other scheme). */
export function parseHash(stored: string): ParsedHash | null {
  const m = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{16,})$/.exec(stored);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Bounds keep a forged row from asking for gigabytes of memory.
  if (params.ln < 1 || params.ln > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return null;
  const salt = Buffer.from(m[4] ?? '', 'base64');
  const key = Buffer.from(m[5] ?? '', 'base64');
  // Always a full-length key: a truncated one would still match the prefix of the derived key.
  if (salt.length < 8 || key.length !== KEY_LENGTH) return null;
  return { params, salt, key };
}

export interface PasswordCheck {
  ok: boolean;
  /** The password was right but the hash has weaker parameters than `current`: store a new one. */
  needsRehash: boolean;
}

/** Check a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string, current: ScryptParams = DEFAULT_SCRYPT): Promise<PasswordCheck> {
  const parsed = parseHash(stored);
  if (!parsed || password.length > MAX_PASSWORD_LENGTH * 4) return { ok: false, needsRehash: false };
  const key = await scryptAsync(password.normalize('NFC'), parsed.salt, KEY_LENGTH, optionsOf(parsed.params));
  const ok = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  const weaker = parsed.params.ln < current.ln || parsed.params.r < current.r || parsed.params.p < current.p;
  return { ok, needsRehash: ok && weaker };
}

let dummy: Promise<string> | null = null;

/**
 * Spend the time a real check takes, for a user name that does not exist, so that response times
 * do not tell which names are taken.
 */
export async function burnPasswordCheck(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<void> {
  dummy ??= hashPassword('narrascope-no-such-user', params);
  await verifyPassword(password, await dummy, params);
}
