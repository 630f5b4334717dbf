import { describe, expect, it } from 'vitest';
import { HostRateLimiter, hostKey, parseRetryAfter } from './ratelimit.js';
import type { Clock } from './ratelimit.js';

/** A clock that only moves when told; sleepers wake when their time comes. */
class FakeClock implements Clock {
  t = Date.parse('2024-06-04T08:00:00Z');
  private sleepers: Array<{ at: number; wake: () => void }> = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.sleepers.push({ at: this.t + ms, wake: resolve }));
  }
  /** Move time forward, waking sleepers due by then; lets their continuations run. */
  async advance(ms: number): Promise<void> {
    this.t += ms;
    const due = this.sleepers.filter((s) => s.at <= this.t);
    this.sleepers = this.sleepers.filter((s) => s.at > this.t);
    for (const s of due) s.wake();
    await new Promise((resolve) => setImmediate(resolve));
  }
  get pending(): number {
    return this.sleepers.length;
  }
}

/** Start acquire() calls and record the fake time each one is granted. */
function track(limiter: HostRateLimiter, clock: FakeClock, host: string, n: number): number[] {
  const granted: number[] = [];
  for (let i = 0; i < n; i++) void limiter.acquire(host).then(() => granted.push(clock.now()));
  return granted;
}

describe('HostRateLimiter', () => {
  it('spaces requests to one host by the minimum interval, hosts independently', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const limiter = new HostRateLimiter({ clock, minIntervalMs: 1000 });
    const a = track(limiter, clock, 'https://a.example/feed', 3);
    const b = track(limiter, clock, 'https://b.example/feed', 1);
    await clock.advance(0);
    expect(a).toEqual([start]);
    expect(b).toEqual([start]);
    await clock.advance(999);
    expect(a).toEqual([start]);
    await clock.advance(1);
    expect(a).toEqual([start, start + 1000]);
    await clock.advance(1000);
    expect(a).toEqual([start, start + 1000, start + 2000]);
    expect(clock.pending).toBe(0);
  });

  it('honours Crawl-delay when it is longer than the minimum', async () => {
    const clock = new FakeClock();
    const limiter = new HostRateLimiter({ clock, minIntervalMs: 500 });
    limiter.setCrawlDelay('blog.example', 10);
    expect(limiter.intervalMs('http://blog.example/x')).toBe(10_000);
    await limiter.acquire('http://blog.example/1');
    expect(limiter.waitMs('blog.example')).toBe(10_000);
    limiter.setCrawlDelay('blog.example', 0.1);
    expect(limiter.intervalMs('blog.example')).toBe(500);
  });

  it('backs off exponentially with jitter after 429 and 503, and resets on success', () => {
    const clock = new FakeClock();
    const limiter = new HostRateLimiter({ clock, baseBackoffMs: 1000, maxBackoffMs: 8000, random: () => 1 - Number.EPSILON });
    const delays = [429, 503, 429, 429, 429].map((status) => limiter.report('forum.example', status));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(limiter.waitMs('forum.example')).toBe(8000);
    expect(limiter.report('forum.example', 200)).toBe(0);
    // The count restarts: the next failure waits the base again (lower half with random 0).
    const low = new HostRateLimiter({ clock, baseBackoffMs: 1000, random: () => 0 });
    expect(low.report('x.example', 429)).toBe(500);
    expect(low.report('x.example', 200)).toBe(0);
    expect(low.report('x.example', 503)).toBe(500);
    // Jitter stays within [exp/2, exp].
    const mid = new HostRateLimiter({ clock, baseBackoffMs: 1000, random: () => 0.5 });
    expect(mid.report('y.example', 429)).toBe(750);
  });

  it('respects Retry-After in seconds and as an HTTP date, capped', async () => {
    const clock = new FakeClock();
    const limiter = new HostRateLimiter({ clock, maxRetryAfterMs: 3_600_000 });
    expect(limiter.report('a.example', 429, { 'retry-after': '120' })).toBe(120_000);
    const inFiveMinutes = new Date(clock.now() + 300_000).toUTCString();
    expect(limiter.report('b.example', 503, { 'retry-after': inFiveMinutes })).toBe(300_000);
    expect(limiter.report('c.example', 429, { 'retry-after': '999999' })).toBe(3_600_000);
    const granted = track(limiter, clock, 'a.example', 1);
    await clock.advance(119_999);
    expect(granted).toEqual([]);
    await clock.advance(1);
    expect(granted).toHaveLength(1);
  });

  it('keys hosts by host and port, case-insensitively', () => {
    expect(hostKey('https://News.Example:8443/feed')).toBe('news.example:8443');
    expect(hostKey('News.Example')).toBe('news.example');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-06-04T08:00:00Z');
  it('reads seconds, dates, past dates and rejects junk', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 04 Jun 2024 08:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Tue, 04 Jun 2024 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
