import { createHash } from 'node:crypto';

/** SHA-256 hex of bytes or a UTF-8 string. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A short stable id: the first 16 hex digits of SHA-256 over the parts joined by NUL. */
export function stableId(...parts: Array<string | number>): string {
  return sha256(parts.join('\u0000')).slice(0, 16);
}
