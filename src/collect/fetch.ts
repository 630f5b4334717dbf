// safeFetch: the one way collectors read the web. Every hop's host is resolved here, checked
// against the address policy, and the connection is pinned to the vetted address (no second DNS
// answer can slip in: DNS rebinding). Redirects are followed by hand so each hop is checked, bodies
// are limited while streaming (after decompression too: zip bombs), and one deadline covers it all.
import { VERSION } from '../core/version.js';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { Transform, Writable } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { createError, ERRORS, NarrascopeError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { addressRefusal } from './address.js';

/** Mirrors the CLI's version (src/cli/main.ts); kept here so collect/ does not import cli/. */
export const NARRASCOPE_VERSION = VERSION;
export const DEFAULT_USER_AGENT = `narrascope/${NARRASCOPE_VERSION} (+https://github.com/narrascope)`;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 5;

/** Resolves a host name to all its addresses (injectable so tests need no DNS). */
export type LookupFn = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface SafeFetchOptions {
  /** Allow private, loopback, link-local … addresses (the CLI's --allow-private). Default false. */
  allowPrivate?: boolean;
  /** Largest body accepted, counted on the wire and after decompression. Default 20 MiB. */
  maxBytes?: number;
  /** Total time for all hops, headers and body. Default 30 s. */
  timeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** Accept header, e.g. 'application/rss+xml, application/atom+xml;q=0.9, *\/*;q=0.5'. */
  accept?: string;
  /** ETag of the copy we hold: sent as If-None-Match. */
  etag?: string;
  /** Last-Modified of the copy we hold: sent as If-Modified-Since. */
  lastModified?: string;
  /** Extra request headers (names case-insensitive); cannot override Host. */
  headers?: Record<string, string>;
  /** DNS resolution; default node:dns/promises lookup with all: true. */
  lookup?: LookupFn;
  /** Address policy when allowPrivate is false; default: public unicast only. For tests and special deployments. */
  isAllowedAddress?: (address: string, hostname: string) => boolean;
  /** Extra trusted CA certificates (PEM) for https: a private CA, or a test server's own certificate. */
  ca?: string | Buffer;
  /** Aborts the fetch from outside (a shutting-down watcher). */
  signal?: AbortSignal;
}

export interface FetchedResponse {
  /** Final URL after redirects. */
  url: string;
  status: number;
  /** Response headers, names lower-cased, repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** Decoded (decompressed) body; empty for 304. */
  body: Buffer;
  fetchedAt: string;
  /** SHA-256 hex of body. */
  sha256: string;
  notModified: boolean;
  /** URLs redirected to, in order (the final URL last when there were redirects). */
  redirects: string[];
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Fetch a URL with SSRF protection, limits, manual redirects and decompression. Throws NarrascopeError. */
export async function safeFetch(url: string, opts: SafeFetchOptions = {}): Promise<FetchedResponse> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const lookup = opts.lookup ?? defaultLookup;

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline.signal, opts.signal]) : deadline.signal;
  const fail = (at: string, err: unknown): NarrascopeError => {
    if (err instanceof NarrascopeError) return err;
    if (deadline.signal.aborted) return createError(ERRORS.INPUT_UNREADABLE, `${at}: timed out after ${formatMs(timeoutMs)}`, at);
    if (opts.signal?.aborted) return createError(ERRORS.INPUT_UNREADABLE, `${at}: fetch cancelled`, at);
    return createError(ERRORS.INPUT_UNREADABLE, `${at}: ${networkReason(err)}`, at);
  };

  let current = checkUrl(url, url);
  const seen = new Set([withoutHash(current)]);
  const redirects: string[] = [];
  try {
    for (;;) {
      const addresses = await resolveAndCheck(current, opts, lookup, signal, url).catch((err: unknown) => {
        throw fail(current.href, err);
      });
      const hop = await requestOnce(current, addresses, opts, maxBytes, signal).catch((err: unknown) => {
        throw fail(current.href, err);
      });
      if (hop.location === undefined) {
        const body = hop.body ?? Buffer.alloc(0);
        return {
          url: current.href,
          status: hop.status,
          headers: hop.headers,
          body,
          fetchedAt: new Date().toISOString(),
          sha256: sha256(body),
          notModified: hop.status === 304,
          redirects,
        };
      }
      let next: URL;
      try {
        next = new URL(hop.location, current);
      } catch {
        throw createError(ERRORS.INPUT_MALFORMED, `${current.href}: redirect to an invalid Location ${JSON.stringify(hop.location)}`, current.href);
      }
      next = checkUrl(next.href, current.href);
      if (seen.has(withoutHash(next))) {
        throw createError(ERRORS.INPUT_UNREADABLE, `${url}: redirect loop (${[url, ...redirects, next.href].join(' → ')})`, url);
      }
      if (redirects.length >= maxRedirects) {
        throw createError(ERRORS.INPUT_UNREADABLE, `${url}: too many redirects (more than ${maxRedirects})`, url);
      }
      seen.add(withoutHash(next));
      redirects.push(next.href);
      current = next;
    }
  } finally {
    clearTimeout(timer);
  }
}

function checkUrl(raw: string, context: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw createError(ERRORS.INPUT_MALFORMED, `${raw}: not a valid URL`, raw);
  }
  // Never echo a password into logs: name the URL without its credentials.
  const shown = u.username !== '' || u.password !== '' ? redactCredentials(u) : raw;
  const where = context === raw ? shown : `${context}: redirect to ${shown}`;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw createError(ERRORS.INPUT_MALFORMED, `${where}: refused: only http: and https: URLs can be fetched, not ${u.protocol}`, raw);
  }
  if (u.username !== '' || u.password !== '') {
    throw createError(ERRORS.INPUT_MALFORMED, `${where}: refused: URLs with credentials (user:password@) are not fetched`, shown);
  }
  return u;
}

function redactCredentials(u: URL): string {
  const c = new URL(u.href);
  c.username = '';
  c.password = '';
  return c.href;
}

const withoutHash = (u: URL): string => u.href.replace(/#.*$/s, '');

const defaultLookup: LookupFn = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Resolve the hop's host and refuse it when any answer is not allowed. */
async function resolveAndCheck(
  u: URL,
  opts: SafeFetchOptions,
  lookup: LookupFn,
  signal: AbortSignal,
  original: string,
): Promise<LookupAddress[]> {
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  const literal = addressRefusal(host) !== 'not an IP address';
  let addresses: LookupAddress[];
  if (literal) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    signal.throwIfAborted();
    const answer = await raceAbort(lookup(host), signal).catch((err: unknown) => {
      if (signal.aborted) throw err;
      const code = (err as { code?: string }).code;
      throw createError(ERRORS.INPUT_UNREADABLE, `${u.href}: host ${host} not found${code ? ` (${code})` : ''}`, u.href);
    });
    addresses = answer.map((a) => ({ address: a.address, family: a.family }));
    if (addresses.length === 0) throw createError(ERRORS.INPUT_UNREADABLE, `${u.href}: host ${host} has no addresses`, u.href);
  }
  if (opts.allowPrivate) return addresses;
  // One bad answer refuses the host: a name that mixes public and private answers is a rebinding trick.
  for (const { address } of addresses) {
    const allowed = opts.isAllowedAddress ? opts.isAllowedAddress(address, host) : addressRefusal(address) === null;
    if (!allowed) {
      const why = addressRefusal(address) ?? 'a refused address';
      const hop = u.href === original ? u.href : `${original}: redirect to ${u.href}`;
      throw createError(
        ERRORS.INPUT_UNREADABLE,
        `${hop}: refused: ${address}${literal ? '' : ` (${host})`} is ${why} (use --allow-private)`,
        u.href,
      );
    }
  }
  return addresses;
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

interface Hop {
  status: number;
  headers: Record<string, string>;
  location?: string;
  body?: Buffer;
}

function requestOnce(u: URL, addresses: LookupAddress[], opts: SafeFetchOptions, maxBytes: number, signal: AbortSignal): Promise<Hop> {
  // The socket may only connect to the addresses vetted above: answer node's lookup from them.
  const pinned = (_host: string, options: LookupOptions, cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void): void => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    const list = wanted.length > 0 ? wanted : addresses;
    if (options.all) cb(null, list);
    else cb(null, list[0]?.address ?? '', list[0]?.family ?? 4);
  };
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
    accept: opts.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  for (const [k, v] of Object.entries(opts.headers ?? {})) if (k.toLowerCase() !== 'host') headers[k.toLowerCase()] = v;
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;

  const mod = u.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = mod.request({
      protocol: u.protocol,
      hostname: u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname,
      port: u.port || undefined,
      path: `${u.pathname}${u.search}`,
      method: 'GET',
      headers,
      // No pooling: a pooled socket could have been opened under another call's policy.
      agent: false,
      lookup: pinned,
      signal,
      ...(opts.ca !== undefined && u.protocol === 'https:' ? { ca: opts.ca } : {}),
    });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const resHeaders = flattenHeaders(res);
      const location = resHeaders.location;
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        res.destroy();
        resolve({ status, headers: resHeaders, location });
        return;
      }
      if (status === 304 || status === 204) {
        res.destroy();
        resolve({ status, headers: resHeaders, body: Buffer.alloc(0) });
        return;
      }
      readBody(u, res, resHeaders, maxBytes, signal).then((body) => resolve({ status, headers: resHeaders, body }), reject);
    });
    req.end();
  });
}

function flattenHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

async function readBody(u: URL, res: IncomingMessage, headers: Record<string, string>, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const tooLarge = (): NarrascopeError =>
    createError(ERRORS.INPUT_TOO_LARGE, `${u.href}: response over ${formatBytes(maxBytes)}`, u.href);
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  const encodings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  // Encodings are listed in the order applied; undo them last first.
  const decoders = encodings.reverse().map((e) => {
    if (e === 'gzip' || e === 'x-gzip') return zlib.createGunzip();
    if (e === 'deflate') return inflateAnyDeflate();
    if (e === 'br') return zlib.createBrotliDecompress();
    res.destroy();
    throw createError(ERRORS.INPUT_MALFORMED, `${u.href}: unsupported content-encoding ${JSON.stringify(e)}`, u.href);
  });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    const sink = new Writable({
      write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
        total += chunk.length;
        if (total > maxBytes) return cb(tooLarge());
        chunks.push(chunk);
        cb();
      },
    });
    await pipeline(res, limitBytes(maxBytes, tooLarge), ...decoders, sink, { signal });
  } catch (err) {
    if (err instanceof NarrascopeError) throw err;
    const code = (err as { code?: string }).code;
    if (!signal.aborted && typeof code === 'string' && code.startsWith('Z_')) {
      throw createError(ERRORS.INPUT_MALFORMED, `${u.href}: corrupt ${encodings.join('+')} body (${code})`, u.href);
    }
    throw err;
  }
  return Buffer.concat(chunks, total);
}

/** Counts bytes on the wire (before decompression) and fails past the limit. */
function limitBytes(max: number, tooLarge: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
      seen += chunk.length;
      if (seen > max) cb(tooLarge());
      else cb(null, chunk);
    },
  });
}

/** "deflate" means zlib-wrapped per the RFC, but some servers send raw deflate: sniff the first byte. */
function inflateAnyDeflate(): Transform {
  let inner: zlib.Inflate | zlib.InflateRaw | undefined;
  let flushCb: TransformCallback | undefined;
  const outer = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
      if (inner === undefined) {
        const z = ((chunk[0] ?? 0) & 0x0f) === 8 ? zlib.createInflate() : zlib.createInflateRaw();
        inner = z;
        z.on('data', (d: Buffer) => outer.push(d));
        z.on('error', (e) => outer.destroy(e));
        z.on('end', () => flushCb?.());
      }
      inner.write(chunk, () => cb());
    },
    flush(cb: TransformCallback): void {
      if (inner === undefined) return cb();
      flushCb = cb;
      inner.end();
    },
  });
  return outer;
}

function networkReason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'ENOTFOUND':
      return 'host not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `TLS certificate rejected (${e.code})`;
    default:
      return e.code ? `${e.message ?? 'request failed'} (${e.code})` : (e.message ?? 'request failed');
  }
}

/** "30 s", "1.5 s", "300 ms". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

/** "20 MiB", "64 KiB", "1000 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
