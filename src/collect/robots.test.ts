import { afterEach, describe, expect, it } from 'vitest';
import { parseRobots, productToken, RobotsCache, RobotsPolicy } from './robots.js';
import { startServer } from './testserver.js';
import type { Handler, TestServer } from './testserver.js';

const UA = 'narrascope/0.1.0 (+https://github.com/narrascope)';

const ROBOTS = `# robots.txt for a regional news portal
User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php
Disallow: /search
Disallow: /*?replytocom=
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: Googlebot
User-agent: Bingbot
Disallow: /private/

User-agent: narrascope
Disallow: /archive/
Allow: /archive/2024/
Crawl-delay: 5

user-agent: NARRASCOPE
disallow: /drafts   # a second group naming us is combined with the first

Sitemap: https://news.example/sitemap_index.xml
`;

describe('parseRobots', () => {
  it('builds groups, joins consecutive agents and collects sitemaps', () => {
    const parsed = parseRobots(ROBOTS);
    expect(parsed.groups.map((g) => g.agents)).toEqual([['*'], ['googlebot', 'bingbot'], ['narrascope'], ['narrascope']]);
    expect(parsed.groups[0]?.crawlDelay).toBe(2);
    expect(parsed.groups[0]?.rules).toHaveLength(5);
    expect(parsed.sitemaps).toEqual(['https://news.example/sitemap_index.xml']);
  });

  it('ignores rules before any user-agent, empty Disallow and junk lines', () => {
    const parsed = parseRobots('Disallow: /early\n\uFEFFnot a rule\nUser-agent: *\nDisallow:\nCrawl-delay: soon\n');
    expect(parsed.groups).toEqual([{ agents: ['*'], rules: [] }]);
    expect(new RobotsPolicy(parsed, UA).isAllowed('/anything')).toBe(true);
  });

  it('takes the product token from a full user-agent string', () => {
    expect(productToken(UA)).toBe('narrascope');
    expect(productToken('Googlebot')).toBe('googlebot');
  });
});

describe('RobotsPolicy', () => {
  const ours = new RobotsPolicy(parseRobots(ROBOTS), UA);
  const other = new RobotsPolicy(parseRobots(ROBOTS), 'SomeBot/2.0');

  it('uses every group naming us and not the * group', () => {
    expect(ours.isAllowed('https://news.example/archive/2019/03/article')).toBe(false);
    expect(ours.isAllowed('https://news.example/drafts/x')).toBe(false);
    // Our groups say nothing about /wp-admin/: the * group does not apply to us.
    expect(ours.isAllowed('https://news.example/wp-admin/')).toBe(true);
    expect(ours.crawlDelay).toBe(5);
  });

  it('lets the longest match win, Allow over Disallow', () => {
    expect(ours.isAllowed('https://news.example/archive/2024/05/story')).toBe(true);
    expect(other.isAllowed('/wp-admin/options.php')).toBe(false);
    expect(other.isAllowed('/wp-admin/admin-ajax.php')).toBe(true);
    const tie = new RobotsPolicy(parseRobots('User-agent: *\nDisallow: /page\nAllow: /page\n'), UA);
    expect(tie.isAllowed('/page')).toBe(true);
  });

  it('matches * anywhere and $ at the end, query strings included', () => {
    expect(other.isAllowed('/2024/05/post/?replytocom=812')).toBe(false);
    expect(other.isAllowed('/2024/05/post/')).toBe(true);
    expect(other.isAllowed('/files/report.pdf')).toBe(false);
    expect(other.isAllowed('/files/report.pdf?download=1')).toBe(true);
    expect(other.isAllowed('/search?q=election')).toBe(false);
    expect(other.isAllowed('/searchlight')).toBe(false);
    expect(other.crawlDelay).toBe(2);
  });

  it('matches non-ASCII paths written raw in the file against percent-encoded URLs', () => {
    const p = new RobotsPolicy(parseRobots('User-agent: *\nDisallow: /новости/\n'), UA);
    expect(p.isAllowed('https://example.ru/новости/123')).toBe(false);
    expect(p.isAllowed('https://example.ru/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8/123')).toBe(false);
    expect(p.isAllowed('https://example.ru/статьи/123')).toBe(true);
  });

  it('always allows /robots.txt and has allow-all and disallow-all forms', () => {
    expect(RobotsPolicy.disallowAll().isAllowed('https://x.example/robots.txt')).toBe(true);
    expect(RobotsPolicy.disallowAll().isAllowed('https://x.example/')).toBe(false);
    expect(RobotsPolicy.allowAll().isAllowed('https://x.example/admin')).toBe(true);
  });
});

describe('RobotsCache', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  async function serveRobots(handler: Handler): Promise<TestServer> {
    const s = await startServer({ '/robots.txt': handler });
    servers.push(s);
    return s;
  }

  it('fetches once per origin, caches for the TTL, then fetches again', async () => {
    let t = 1_000_000;
    let body = 'User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n';
    const s = await serveRobots((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(body));
    const cache = new RobotsCache({ userAgent: UA, ttlMs: 60_000, now: () => t, fetchOptions: { allowPrivate: true } });
    const [a, b] = await Promise.all([cache.isAllowed(`${s.origin}/private/x`), cache.isAllowed(`${s.origin}/public`)]);
    expect([a, b]).toEqual([false, true]);
    expect(await cache.crawlDelay(`${s.origin}/`)).toBe(3);
    expect(cache.basis(`${s.origin}/`)).toBe('fetched');
    expect(s.requests).toEqual(['GET /robots.txt']);
    expect(s.headers[0]?.['user-agent']).toBe(UA);

    body = 'User-agent: *\nDisallow: /\n';
    t += 59_999;
    expect(await cache.isAllowed(`${s.origin}/public`)).toBe(true);
    t += 1;
    expect(await cache.isAllowed(`${s.origin}/public`)).toBe(false);
    expect(s.requests).toHaveLength(2);
  });

  it('treats a 404 as allow-all and a 5xx as disallow-all for the error TTL', async () => {
    let t = 0;
    const status = 404;
    const s = await serveRobots((_req, res) => res.writeHead(status).end('nope'));
    const cache = new RobotsCache({ ttlMs: 86_400_000, errorTtlMs: 600_000, now: () => t, fetchOptions: { allowPrivate: true } });
    expect(await cache.isAllowed(`${s.origin}/a`)).toBe(true);
    expect(cache.basis(`${s.origin}/a`)).toBe('missing');

    const s5 = await serveRobots((_req, res) => res.writeHead(503).end('maintenance'));
    expect(await cache.isAllowed(`${s5.origin}/a`)).toBe(false);
    expect(cache.basis(`${s5.origin}/a`)).toBe('unreachable');
    t += 600_000;
    // The 503 origin is asked again after the error TTL; the 404 origin is still cached.
    await cache.isAllowed(`${s5.origin}/a`);
    expect(s5.requests).toHaveLength(2);
    expect(await cache.isAllowed(`${s.origin}/a`)).toBe(true);
    expect(s.requests).toHaveLength(1);
  });

  it('treats 429 and an unreachable host as disallow-all', async () => {
    const s = await serveRobots((_req, res) => res.writeHead(429).end());
    const cache = new RobotsCache({ fetchOptions: { allowPrivate: true } });
    expect(await cache.isAllowed(`${s.origin}/x`)).toBe(false);
    // No allowPrivate: the fetch is refused, which counts as unreachable.
    const strict = new RobotsCache();
    expect(await strict.isAllowed(`${s.origin}/x`)).toBe(false);
    expect(strict.basis(`${s.origin}/x`)).toBe('unreachable');
    expect(s.requests).toHaveLength(1);
  });

  it('follows a redirect for robots.txt', async () => {
    const s = await startServer({
      '/robots.txt': (_req, res) => res.writeHead(301, { location: '/static/robots.txt' }).end(),
      '/static/robots.txt': (_req, res) => res.end('User-agent: narrascope\nDisallow: /feeds/private\n'),
    });
    servers.push(s);
    const cache = new RobotsCache({ userAgent: UA, fetchOptions: { allowPrivate: true } });
    expect(await cache.isAllowed(`${s.origin}/feeds/private.xml`)).toBe(false);
    expect(await cache.isAllowed(`${s.origin}/feeds/public.xml`)).toBe(true);
  });
});
