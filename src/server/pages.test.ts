// The page shells and their assets, in-process: the page policy replaces the API's on HTML only,
// nothing of the request reaches the HTML, and assets are served by a strict name from two folders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { buildServer } from './app.js';
import { modulesOf, PAGE_CSP, PAGES, pageShell, registerPages } from './pages.js';
import { API_CSP } from './security.js';

let dir: string;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'narrascope-pages-'));
  store = await openStore(join(dir, 'empty.db'));
  app = await buildServer({ store });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('page shells', () => {
  it('serves every page as HTML under the page policy, and the API under its own', async () => {
    for (const url of ['/', '/search?q=x', '/items/abc', '/lineage/passage/p1', '/timeline', '/entities', '/sources', '/review?item=abc']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(r.headers['content-security-policy'], url).toBe(PAGE_CSP);
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.body).toContain('<script type="module" src="/assets/app.js"></script>');
    }
    const api = await app.inject({ method: 'GET', url: '/api/sources' });
    expect(api.headers['content-security-policy']).toBe(API_CSP);
  });

  it('writes nothing of the request into the HTML and has no inline script or style', async () => {
    const hostile = '/items/%3Cscript%3Ealert(1)%3C%2Fscript%3E?x=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E';
    const r = await app.inject({ method: 'GET', url: hostile });
    const plain = await app.inject({ method: 'GET', url: '/items/abc' });
    expect(r.body).toBe(plain.body);
    expect(r.body).not.toMatch(/alert|onerror|<img/);
    for (const def of PAGES) {
      const html = pageShell(def);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
      expect(html).toContain(`data-page="${def.page}"`);
      expect(html).toMatch(/<main id="main"/);
    }
  });

  it('preloads the modules of the page: its module and what it imports, not the other pages', () => {
    const scripts = join(dir, 'graph');
    mkdirSync(scripts);
    writeFileSync(join(scripts, 'app.js'), "import { h } from './dom.js';\nconst pages = { item: () => import('./item.js'), search: () => import('./search.js') };\n");
    writeFileSync(join(scripts, 'dom.js'), 'export const h = 1;\n');
    writeFileSync(join(scripts, 'item.js'), "import { h } from './dom.js';\nimport { draw } from './reader.js';\n");
    writeFileSync(join(scripts, 'reader.js'), "export { segment } from './spans.js';\nexport const draw = 1;\n");
    writeFileSync(join(scripts, 'spans.js'), 'export const segment = 1;\n');
    writeFileSync(join(scripts, 'search.js'), "import { h } from './dom.js';\n");
    expect(modulesOf(scripts, ['item.js', 'app.js'])).toEqual(['app.js', 'dom.js', 'item.js', 'reader.js', 'spans.js']);
    const html = pageShell(PAGES.find((p) => p.page === 'item') ?? PAGES[0]!, ['dom.js', 'item.js']);
    expect(html).toContain('<link rel="modulepreload" href="/assets/item.js">');
  });

  it('marks the current page in the navigation', () => {
    const html = pageShell(PAGES.find((p) => p.page === 'timeline') ?? PAGES[0]!);
    expect(html).toContain('<a href="/timeline" aria-current="page">Timeline</a>');
    expect(html.match(/aria-current/g)?.length).toBe(1);
  });

  it('documents the pages in the OpenAPI document with the rest', async () => {
    const doc = JSON.parse((await app.inject({ method: 'GET', url: '/api/openapi.json' })).body) as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(doc.paths['/items/{id}']?.get?.tags).toEqual(['pages']);
    expect(doc.paths['/assets/{name}']?.get).toBeDefined();
  });
});

describe('assets', () => {
  let local: FastifyInstance;
  let scripts: string;
  beforeAll(async () => {
    scripts = join(dir, 'web-dist');
    const styles = join(dir, 'web-src');
    mkdirSync(scripts);
    mkdirSync(styles);
    writeFileSync(join(scripts, 'app.js'), 'export const x = 1;\n');
    writeFileSync(join(styles, 'app.css'), 'body { margin: 0; }\n');
    local = Fastify();
    registerPages(local, { scriptsDir: scripts, stylesDirs: [join(dir, 'missing'), styles] });
    await local.ready();
  });
  afterAll(() => local.close());

  it('serves scripts, the style sheet and the icon with their types', async () => {
    const js = await local.inject({ method: 'GET', url: '/assets/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('export const x = 1;\n');
    const css = await local.inject({ method: 'GET', url: '/assets/app.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('margin: 0');
    const icon = await local.inject({ method: 'GET', url: '/assets/icon.svg' });
    expect(icon.headers['content-type']).toBe('image/svg+xml');
  });

  it('refuses names outside the pattern, other folders and missing files', async () => {
    for (const url of ['/assets/..%2Fpackage.json', '/assets/%2E%2E%2Fapp.js', '/assets/App.js', '/assets/app.js.map', '/assets/x.html', '/assets/nothing.js']) {
      const r = await local.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
    }
  });

  it('says how to build the pages when app.js is missing', async () => {
    const bare = Fastify();
    registerPages(bare, { scriptsDir: join(dir, 'missing') });
    const r = await bare.inject({ method: 'GET', url: '/assets/app.js' });
    expect(r.statusCode).toBe(503);
    await bare.close();
  });
});
