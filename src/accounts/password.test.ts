import { describe, expect, it } from 'vitest';
import { isRole, minRole, parseDuration, roleAtLeast, usernameProblem } from './model.js';
import { DEFAULT_SCRYPT, hashPassword, parseHash, passwordProblem, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('hashes with scrypt at the default cost into a self-describing string, salted afresh each time', async () => {
    const a = await hashPassword('correct-horse-harbour');
    const b = await hashPassword('correct-horse-harbour');
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(parseHash(a)?.params).toEqual(DEFAULT_SCRYPT);
    expect(parseHash(a)?.salt.length).toBe(16);
    expect(await verifyPassword('correct-horse-harbour', a)).toEqual({ ok: true, needsRehash: false });
  });

  it('refuses a wrong password, a near miss and an empty one', async () => {
    const h = await hashPassword('Лебедь-рак-и-щука', { ln: 10, r: 8, p: 1 });
    expect((await verifyPassword('Лебедь-рак-и-щука', h, { ln: 10, r: 8, p: 1 })).ok).toBe(true);
    expect((await verifyPassword('Лебедь-рак-и-щукa', h)).ok).toBe(false);
    expect((await verifyPassword('', h)).ok).toBe(false);
  });

  it('treats the same password in composed and decomposed Unicode as one', async () => {
    const h = await hashPassword('café-terrace-2024', { ln: 10, r: 8, p: 1 });
    expect((await verifyPassword('cafe\u0301-terrace-2024', h, { ln: 10, r: 8, p: 1 })).ok).toBe(true);
  });

  it('refuses tampered, truncated and foreign hashes without throwing', async () => {
    const h = await hashPassword('quiet-lighthouse-77', { ln: 10, r: 8, p: 1 });
    const parts = h.split('$');
    const key = parts[5] ?? '';
    const flipped = [...parts.slice(0, 5), `${key[0] === 'A' ? 'B' : 'A'}${key.slice(1)}`].join('$');
    expect((await verifyPassword('quiet-lighthouse-77', flipped)).ok).toBe(false);
    // Lowering the cost in the string changes the key derived: no way to cheapen a check.
    expect((await verifyPassword('quiet-lighthouse-77', h.replace('ln=10', 'ln=9'))).ok).toBe(false);
    expect((await verifyPassword('quiet-lighthouse-77', h.slice(0, -10))).ok).toBe(false);
    // A forged row asking for a huge cost is refused before scrypt runs.
    expect(parseHash(h.replace('ln=10', 'ln=30'))).toBeNull();
    expect((await verifyPassword('quiet-lighthouse-77', '$2b$12$abcdefghijklmnopqrstuv'))).toEqual({ ok: false, needsRehash: false });
    expect((await verifyPassword('quiet-lighthouse-77', ''))).toEqual({ ok: false, needsRehash: false });
  });

  it('asks for a rehash when the stored cost is below the current one, only for the right password', async () => {
    const old = await hashPassword('old-but-good-password', { ln: 10, r: 8, p: 1 });
    expect(await verifyPassword('old-but-good-password', old, { ln: 12, r: 8, p: 1 })).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword('old-but-wrong-password', old, { ln: 12, r: 8, p: 1 })).toEqual({ ok: false, needsRehash: false });
    const current = await hashPassword('old-but-good-password', { ln: 12, r: 8, p: 1 });
    expect(await verifyPassword('old-but-good-password', current, { ln: 12, r: 8, p: 1 })).toEqual({ ok: true, needsRehash: false });
  });

  it('explains the length rule', () => {
    expect(passwordProblem('short-pass1')).toBe('a password needs at least 12 characters (this one has 11); a few unrelated words make a good one');
    expect(passwordProblem('ёжик-в-тумане')).toBeNull();
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
  });
});

describe('roles, names and durations', () => {
  it('orders roles viewer < analyst < admin', () => {
    expect(roleAtLeast('admin', 'analyst')).toBe(true);
    expect(roleAtLeast('analyst', 'analyst')).toBe(true);
    expect(roleAtLeast('viewer', 'analyst')).toBe(false);
    expect(minRole('admin', 'viewer')).toBe('viewer');
    expect(isRole('editor')).toBe(false);
  });

  it('accepts plain user names and refuses the rest', () => {
    expect(usernameProblem('o.kovalenko')).toBeNull();
    expect(usernameProblem('Мирослава')).toBeNull();
    expect(usernameProblem('a b')).toMatch(/not a valid user name/);
    expect(usernameProblem('-lead')).toMatch(/not a valid user name/);
  });

  it('reads durations', () => {
    expect(parseDuration('90d')).toBe(90 * 86400e3);
    expect(parseDuration('12h')).toBe(12 * 3600e3);
    expect(parseDuration('2w')).toBe(14 * 86400e3);
    expect(parseDuration('0d')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
  });
});
