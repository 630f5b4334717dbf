// A fetched answer built in memory, for the parser tests of the collector kinds.
import { createHash } from 'node:crypto';
import type { FetchedResponse } from '../fetch.js';

/** A 200 answer with the given body and headers. */
export function answer(url: string, body: string, headers: Record<string, string> = {}): FetchedResponse {
  const bytes = Buffer.from(body, 'utf8');
  return { url, status: 200, headers, body: bytes, fetchedAt: '2024-05-10T12:00:00.000Z', sha256: createHash('sha256').update(bytes).digest('hex'), notModified: false, redirects: [] };
}
