import { describe, expect, it } from 'vitest';
import { parseSitemap } from './sitemap.js';
import { kindFromUrl } from './index.js';

describe('parseSitemap', () => {
  it('reads a urlset with lastmod, resolving relative locations and dropping other schemes', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example.org/a.html</loc><lastmod>2024-05-06T10:00:00+03:00</lastmod></url>
<url><loc>/b.html</loc></url><url><loc>ftp://news.example.org/c</loc></url></urlset>`;
    expect(parseSitemap(xml, 'https://news.example.org/sitemap.xml')).toEqual({
      type: 'urlset',
      entries: [
        { loc: 'https://news.example.org/a.html', lastmod: '2024-05-06T07:00:00.000Z' },
        { loc: 'https://news.example.org/b.html', lastmod: null },
      ],
    });
  });

  it('reads an index and refuses what is not a sitemap', () => {
    const idx = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://n.example/s1.xml</loc><lastmod>2024-05-01</lastmod></sitemap></sitemapindex>';
    expect(parseSitemap(idx, 'https://n.example/sitemap_index.xml')).toMatchObject({ type: 'index', entries: [{ loc: 'https://n.example/s1.xml' }] });
    expect(() => parseSitemap('<html><body>404</body></html>', 'https://n.example/sitemap.xml')).toThrow(/not a sitemap/);
  });
});

describe('kindFromUrl', () => {
  it('guesses from the URL shape where it can', () => {
    expect(kindFromUrl('https://t.me/s/channel')).toBe('telegram');
    expect(kindFromUrl('https://blog.example.org/wp-json/')).toBe('wordpress');
    expect(kindFromUrl('https://n.example/sitemap_index.xml')).toBe('sitemap');
    expect(kindFromUrl('https://n.example/feed/')).toBe('feed');
    expect(kindFromUrl('https://n.example/news.rss')).toBe('feed');
    expect(kindFromUrl('https://n.example/about')).toBeNull();
  });
});
