// Binding the API to an address. Loopback is the default and needs nothing; any other address
// exposes the corpus to the network, so the server refuses it until a token is configured.
import { isIP } from 'node:net';
import { createError, ERRORS } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { Accounts } from '../accounts/accounts.js';
import { buildServer } from './app.js';

/** Tokens shorter than this are too easy to guess for a server on a network. */
export const MIN_TOKEN_LENGTH = 16;

export interface StartOptions {
  store: Store;
  host: string;
  port: number;
  token?: string;
  logger?: boolean;
}

/** True for names and addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/**
 * Start the API on host:port (port 0 picks a free one) and resolve to its URL.
 * Throws a CONFIG error (exit code 2) for a non-loopback host without a token, or a short token.
 */
export async function startServer(opts: StartOptions): Promise<{ url: string; close(): Promise<void> }> {
  const token = opts.token === '' ? undefined : opts.token;
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw createError(ERRORS.CONFIG, `the token must be at least ${MIN_TOKEN_LENGTH} characters long (try: openssl rand -base64 32)`, '--token');
  }
  const loopback = isLoopback(opts.host);
  const accounts = Accounts.of(opts.store);
  // A store with user accounts asks everyone to log in: that is authentication enough.
  if (!loopback && token === undefined && !(await accounts.active())) {
    throw createError(
      ERRORS.CONFIG,
      'refusing to serve on a non-loopback address without authentication: add user accounts (narrascope users add NAME --role admin), or set a token with --token or NARRASCOPE_TOKEN (at least 16 characters), or bind 127.0.0.1',
      opts.host,
    );
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw createError(ERRORS.USAGE, `the port must be a whole number from 0 to 65535, got ${String(opts.port)}`, '--port');
  }
  // On loopback, answer only to loopback names: a web page that rebinds its own name to 127.0.0.1
  // would otherwise be same-origin with us.
  const allowedHosts = loopback ? ['localhost', '127.0.0.1', '[::1]', opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host] : undefined;
  const app = await buildServer({ store: opts.store, token, logger: opts.logger ?? false, allowedHosts, accounts });
  try {
    await app.listen({ host: opts.host, port: opts.port });
  } catch (err) {
    await app.close();
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw createError(ERRORS.CONFIG, `cannot listen on ${opts.host}:${opts.port} (${code})`, opts.host);
    }
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = isIP(opts.host) === 6 ? `[${opts.host}]` : opts.host;
  return { url: `http://${shownHost}:${port}/`, close: () => app.close() };
}
