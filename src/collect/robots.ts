// robots.txt as RFC 9309 and Google's documentation describe it: groups by user-agent, Allow and
// Disallow with * and $, the longest matching rule wins (Allow on a tie), plus Crawl-delay, which
// Google ignores but many small sites use to ask politely. RobotsCache fetches one file per origin.
import { safeFetch } from './fetch.js';
import type { FetchedResponse, SafeFetchOptions } from './fetch.js';

export interface RobotsRule {
  allow: boolean;
  /** The path pattern as written (after percent-encoding normalisation). */
  pattern: string;
}

export interface RobotsGroup {
  /** User-agent tokens, lower-cased; '*' is the fallback group. */
  agents: string[];
  rules: RobotsRule[];
  /** Seconds, when given. */
  crawlDelay?: number;
}

export interface ParsedRobots {
  groups: RobotsGroup[];
  sitemaps: string[];
}

/** Parse robots.txt text; unknown lines and rules before any User-agent are ignored. */
export function parseRobots(text: string): ParsedRobots {
  const groups: RobotsGroup[] = [];
  const sitemaps: string[] = [];
  let current: RobotsGroup | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      // Consecutive User-agent lines share one group; one after rules starts a new group.
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    if (key === 'sitemap') {
      if (value) sitemaps.push(value);
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      // An empty Disallow means "nothing disallowed": no rule at all.
      if (value === '') continue;
      current.rules.push({ allow: key === 'allow', pattern: normalisePath(value) });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelay = seconds;
    }
  }
  return { groups, sitemaps };
}

/** Percent-encode what a URL would encode, upper-case escapes, so file and URL compare equal. */
function normalisePath(p: string): string {
  return p
    .replace(/%[0-9a-fA-F]{2}/g, (m) => m.toUpperCase())
    .replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch));
}

/** The product token robots.txt groups are matched against: "narrascope/0.1.0 (+…)" → "narrascope". */
export function productToken(userAgent: string): string {
  return (userAgent.split(/[/\s]/)[0] ?? '').toLowerCase();
}

/** The rules that apply to one crawler, ready to match paths. */
export class RobotsPolicy {
  private readonly rules: Array<RobotsRule & { re: RegExp; length: number }>;
  readonly crawlDelay: number | undefined;
  readonly sitemaps: string[];

  constructor(parsed: ParsedRobots, userAgent: string) {
    const token = productToken(userAgent);
    // Every group naming us is combined; only when none does, the '*' groups apply.
    let groups = parsed.groups.filter((g) => g.agents.includes(token));
    if (groups.length === 0) groups = parsed.groups.filter((g) => g.agents.includes('*'));
    this.rules = groups.flatMap((g) => g.rules).map((r) => ({ ...r, re: patternToRegExp(r.pattern), length: r.pattern.length }));
    const delays = groups.map((g) => g.crawlDelay).filter((d): d is number => d !== undefined);
    this.crawlDelay = delays.length > 0 ? Math.max(...delays) : undefined;
    this.sitemaps = parsed.sitemaps;
  }

  /** A policy that allows everything (no robots.txt, or a 4xx for it). */
  static allowAll(): RobotsPolicy {
    return new RobotsPolicy({ groups: [], sitemaps: [] }, '*');
  }

  /** A policy that disallows everything (robots.txt unreachable or 5xx). */
  static disallowAll(): RobotsPolicy {
    return new RobotsPolicy({ groups: [{ agents: ['*'], rules: [{ allow: false, pattern: '/' }] }], sitemaps: [] }, '*');
  }

  /** Whether a URL (or a path with optional query) may be fetched. */
  isAllowed(urlOrPath: string): boolean {
    let path: string;
    if (urlOrPath.startsWith('/')) path = urlOrPath;
    else {
      const u = new URL(urlOrPath);
      path = `${u.pathname}${u.search}`;
    }
    path = normalisePath(path);
    // RFC 9309: /robots.txt itself is always allowed.
    if (path === '/robots.txt') return true;
    let best: { allow: boolean; length: number } | undefined;
    for (const rule of this.rules) {
      if (!rule.re.test(path)) continue;
      if (!best || rule.length > best.length || (rule.length === best.length && rule.allow && !best.allow)) {
        best = { allow: rule.allow, length: rule.length };
      }
    }
    return best?.allow ?? true;
  }
}

function patternToRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`, 's');
}

export interface RobotsCacheOptions {
  userAgent?: string;
  /** How long a fetched robots.txt (or a 4xx for it) is trusted. Default 24 h, as Google does. */
  ttlMs?: number;
  /** How long an unreachable or 5xx robots.txt blocks the origin before we ask again. Default 10 min. */
  errorTtlMs?: number;
  /** Options for safeFetch (allowPrivate, lookup, timeoutMs …); maxBytes defaults to 500 KiB. */
  fetchOptions?: SafeFetchOptions;
  /** The fetch to use; default safeFetch. */
  fetch?: (url: string, opts: SafeFetchOptions) => Promise<FetchedResponse>;
  now?: () => number;
}

interface CacheEntry {
  policy: RobotsPolicy;
  expires: number;
  /** Why the policy is what it is: 'fetched', 'missing' (4xx), 'unreachable' (5xx/error). */
  basis: 'fetched' | 'missing' | 'unreachable';
}

/** One robots policy per origin, fetched through safeFetch and cached. */
export class RobotsCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<CacheEntry>>();
  private readonly userAgent: string;
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;
  private readonly fetchOptions: SafeFetchOptions;
  private readonly fetch: (url: string, opts: SafeFetchOptions) => Promise<FetchedResponse>;
  private readonly now: () => number;

  constructor(opts: RobotsCacheOptions = {}) {
    this.userAgent = opts.userAgent ?? opts.fetchOptions?.userAgent ?? 'narrascope';
    this.ttlMs = opts.ttlMs ?? 24 * 60 * 60 * 1000;
    this.errorTtlMs = opts.errorTtlMs ?? 10 * 60 * 1000;
    this.fetchOptions = { maxBytes: 500 * 1024, ...opts.fetchOptions, userAgent: opts.fetchOptions?.userAgent ?? opts.userAgent };
    this.fetch = opts.fetch ?? safeFetch;
    this.now = opts.now ?? Date.now;
  }

  /** The policy for the URL's origin, fetching /robots.txt when not cached or expired. */
  async policyFor(url: string): Promise<RobotsPolicy> {
    return (await this.entryFor(url)).policy;
  }

  /** Whether the URL may be fetched under its origin's robots.txt. */
  async isAllowed(url: string): Promise<boolean> {
    return (await this.policyFor(url)).isAllowed(url);
  }

  /** Crawl-delay in seconds for the URL's origin, if robots.txt sets one for us. */
  async crawlDelay(url: string): Promise<number | undefined> {
    return (await this.policyFor(url)).crawlDelay;
  }

  /** Why the cached policy for the URL's origin is what it is, or undefined when not cached. */
  basis(url: string): CacheEntry['basis'] | undefined {
    return this.entries.get(new URL(url).origin)?.basis;
  }

  private async entryFor(url: string): Promise<CacheEntry> {
    const origin = new URL(url).origin;
    const cached = this.entries.get(origin);
    if (cached && cached.expires > this.now()) return cached;
    // Concurrent callers for one origin share one fetch.
    let pending = this.inFlight.get(origin);
    if (!pending) {
      pending = this.load(origin).finally(() => this.inFlight.delete(origin));
      this.inFlight.set(origin, pending);
    }
    const entry = await pending;
    this.entries.set(origin, entry);
    return entry;
  }

  private async load(origin: string): Promise<CacheEntry> {
    let res: FetchedResponse;
    try {
      res = await this.fetch(`${origin}/robots.txt`, this.fetchOptions);
    } catch {
      return this.unreachable();
    }
    if (res.status >= 200 && res.status < 300) {
      const policy = new RobotsPolicy(parseRobots(res.body.toString('utf8')), this.userAgent);
      return { policy, expires: this.now() + this.ttlMs, basis: 'fetched' };
    }
    // Google: 429 is treated like a server error, other 4xx as "no robots.txt".
    if (res.status >= 400 && res.status < 500 && res.status !== 429) {
      return { policy: RobotsPolicy.allowAll(), expires: this.now() + this.ttlMs, basis: 'missing' };
    }
    return this.unreachable();
  }

  private unreachable(): CacheEntry {
    return { policy: RobotsPolicy.disallowAll(), expires: this.now() + this.errorTtlMs, basis: 'unreachable' };
  }
}
