// Per-host politeness: a minimum interval between requests to one host (raised by robots.txt's
// Crawl-delay), and exponential backoff with jitter after 429/503, where a server's Retry-After
// (seconds or an HTTP date) wins. Slots are reserved in order, so concurrent callers queue up.

/** Time source; tests pass a fake one. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RateLimiterOptions {
  /** Minimum time between two requests to one host. Default 1 s. */
  minIntervalMs?: number;
  /** First backoff after a 429/503; doubles with each failure in a row. Default 5 s. */
  baseBackoffMs?: number;
  /** Backoff never grows past this. Default 15 min. */
  maxBackoffMs?: number;
  /** A Retry-After longer than this is capped (a broken server could say "a year"). Default 6 h. */
  maxRetryAfterMs?: number;
  clock?: Clock;
  /** Uniform [0, 1); injectable for deterministic jitter. */
  random?: () => number;
}

interface HostState {
  /** Earliest time the next request may start. */
  next: number;
  crawlDelayMs: number;
  failures: number;
}

/** Statuses that mean "slow down". */
const BACKOFF_STATUSES = new Set([429, 503]);

/** Key a URL or host to the host the limit applies to (host name plus port, lower-cased). */
export function hostKey(urlOrHost: string): string {
  return (urlOrHost.includes('://') ? new URL(urlOrHost).host : urlOrHost).toLowerCase();
}

/** Parse Retry-After (delta seconds or HTTP date) into milliseconds from now; undefined if absent or bad. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Per-host rate limiter with Crawl-delay and backoff. */
export class HostRateLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly minIntervalMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(opts: RateLimiterOptions = {}) {
    this.minIntervalMs = opts.minIntervalMs ?? 1000;
    this.baseBackoffMs = opts.baseBackoffMs ?? 5000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 15 * 60 * 1000;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 6 * 60 * 60 * 1000;
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
  }

  private state(key: string): HostState {
    let s = this.hosts.get(key);
    if (!s) {
      s = { next: 0, crawlDelayMs: 0, failures: 0 };
      this.hosts.set(key, s);
    }
    return s;
  }

  /** Interval between requests to the host: the larger of the minimum and its Crawl-delay. */
  intervalMs(urlOrHost: string): number {
    return Math.max(this.minIntervalMs, this.hosts.get(hostKey(urlOrHost))?.crawlDelayMs ?? 0);
  }

  /** Record robots.txt's Crawl-delay (seconds) for the host. */
  setCrawlDelay(urlOrHost: string, seconds: number | undefined): void {
    this.state(hostKey(urlOrHost)).crawlDelayMs = seconds === undefined ? 0 : Math.max(0, seconds * 1000);
  }

  /** Milliseconds the caller would wait if it asked now (0 when free). */
  waitMs(urlOrHost: string): number {
    const s = this.hosts.get(hostKey(urlOrHost));
    return s ? Math.max(0, s.next - this.clock.now()) : 0;
  }

  /** Wait for the host's next slot and take it. */
  async acquire(urlOrHost: string): Promise<void> {
    const key = hostKey(urlOrHost);
    const s = this.state(key);
    const now = this.clock.now();
    const slot = Math.max(now, s.next);
    // Reserve before sleeping, so the next caller queues behind this one.
    s.next = slot + this.intervalMs(key);
    if (slot > now) await this.clock.sleep(slot - now);
  }

  /**
   * Report a response: 429/503 push the host's next slot back (Retry-After if given, otherwise
   * exponential backoff with jitter); any other status resets the failure count. Returns the delay set.
   */
  report(urlOrHost: string, status: number, headers: Record<string, string | undefined> = {}): number {
    const key = hostKey(urlOrHost);
    const s = this.state(key);
    if (!BACKOFF_STATUSES.has(status)) {
      s.failures = 0;
      return 0;
    }
    s.failures += 1;
    const now = this.clock.now();
    const retryAfter = parseRetryAfter(headers['retry-after'], now);
    let delay: number;
    if (retryAfter !== undefined) {
      delay = Math.min(retryAfter, this.maxRetryAfterMs);
    } else {
      const exp = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (s.failures - 1));
      // "Equal jitter": at least half the backoff, so a herd of watchers spreads out but still waits.
      delay = Math.round(exp / 2 + this.random() * (exp / 2));
    }
    s.next = Math.max(s.next, now + delay);
    return delay;
  }
}
