// The web workbench's pages: server-rendered HTML shells that load one ES module and one style
// sheet, and take every piece of data from /api with fetch. Nothing of the request or the corpus is
// ever written into the HTML, so there is no markup to escape: the shells are constant per page.
// They leave with a page Content-Security-Policy (scripts and styles from this origin only, no
// inline code, no plug-ins, no framing) instead of the API's nothing-may-load policy.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, notFound } from './problem.js';

/** The policy for HTML pages: our own scripts, styles and API only; data: images for the icons. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** One page of the workbench: its path, the name app.js dispatches on, and its title. */
export interface PageDef {
  url: string;
  page: string;
  title: string;
  /** Shown in the navigation bar, when set. */
  nav?: string;
  summary: string;
}

export const PAGES: readonly PageDef[] = [
  { url: '/', page: 'home', title: 'Overview', nav: 'Overview', summary: 'The workbench: sources, shared passages and where to start' },
  { url: '/search', page: 'search', title: 'Search', nav: 'Search', summary: 'Search page: query, facets, snippets, counts over time' },
  { url: '/items/:id', page: 'item', title: 'Item', summary: 'Item reader: the text with its span layers, metadata and provenance' },
  { url: '/lineage/:kind/:id', page: 'lineage', title: 'Lineage', summary: 'A shared passage or a duplicate cluster: its occurrences in time order, first seen first' },
  { url: '/timeline', page: 'timeline', title: 'Timeline', nav: 'Timeline', summary: 'Stacked counts over time by source, language, technique, narrative or entity' },
  { url: '/entities', page: 'entities', title: 'Entities', nav: 'Entities', summary: 'Top entities, entity by technique matrix and co-occurrence network' },
  { url: '/sources', page: 'sources', title: 'Sources', nav: 'Sources', summary: 'Volume per source over time, with the gaps in collection' },
  { url: '/review', page: 'review', title: 'Review', nav: 'Review', summary: 'Accept, reject or add spans with keyboard shortcuts' },
];

/** A small mark for the tab bar, so the browser does not ask for /favicon.ico. */
const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f4e79"/><path d="M4 12V4l8 8V4" stroke="#fff" stroke-width="2" fill="none"/></svg>';

/**
 * The HTML shell of a page: constant text, data comes later from /api. `modules` (the other script
 * modules app.js imports) are preloaded, so the browser fetches them at once instead of level by
 * level as it discovers the imports.
 */
export function pageShell(def: PageDef, modules: readonly string[] = []): string {
  const nav = PAGES.filter((p) => p.nav !== undefined)
    .map((p) => `<li><a href="${p.url}"${p.page === def.page ? ' aria-current="page"' : ''}>${p.nav ?? ''}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${def.title} · narrascope</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/app.js"></script>
${modules.map((m) => `<link rel="modulepreload" href="/assets/${m}">\n`).join('')}</head>
<body data-page="${def.page}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/">narrascope</a>
<nav aria-label="Main"><ul>${nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
<h1 id="page-title">${def.title}</h1>
<div id="app" aria-live="polite"><p class="loading">Loading…</p></div>
<noscript><p>This workbench needs JavaScript; the same data is served as JSON under /api (see /api/openapi.json).</p></noscript>
</main>
</body>
</html>
`;
}

/** The package root (the folder with narrascope's package.json), from src/server or dist/src/server. */
function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    dir = dirname(dir);
  }
  return join(start, '..', '..');
}

export interface PagesOptions {
  /** Where the compiled scripts are (default: dist/web under the package root). */
  scriptsDir?: string;
  /** Where app.css is (default: dist/web, then web/, under the package root). */
  stylesDirs?: string[];
}

const ASSET_NAME = /^[a-z][a-z0-9-]{0,40}\.(js|css|svg)$/;

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };

const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?\bfrom\s*'\.\/([a-z][a-z0-9-]*\.js)'/gm;

/**
 * The compiled modules these entry modules import, directly or not (static imports only: app.js
 * imports each page's module dynamically), sorted; missing files are left out.
 */
export function modulesOf(dir: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const name = queue.pop() ?? '';
    if (seen.has(name) || !ASSET_NAME.test(name)) continue;
    let source: string;
    try {
      source = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    seen.add(name);
    for (const m of source.matchAll(STATIC_IMPORT)) if (m[1]) queue.push(m[1]);
  }
  return [...seen].sort();
}

/** Read the first of these files that exists. */
async function firstFile(paths: string[]): Promise<Buffer | null> {
  for (const p of paths) {
    try {
      return await readFile(p);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') throw err;
    }
  }
  return null;
}

/**
 * Register the pages and their assets. They live in their own encapsulated scope so that its
 * onSend hook runs after the app's (which sets the API policy on everything) and swaps the policy.
 */
export function registerPages(app: FastifyInstance, opts: PagesOptions = {}): void {
  const root = packageRoot();
  const scriptsDir = opts.scriptsDir ?? join(root, 'dist', 'web');
  const stylesDirs = opts.stylesDirs ?? [join(root, 'dist', 'web'), join(root, 'web')];
  void app.register((scope, _opts, ready) => {
    scope.addHook('onSend', (_request, reply, payload, done) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('Content-Security-Policy', PAGE_CSP);
      done(null, payload);
    });
    // The modules a page needs, read from the compiled imports per request, so that a rebuild is
    // picked up without a restart.
    const modules = (page: string): string[] => modulesOf(scriptsDir, [`${page}.js`, 'app.js']).filter((m) => m !== 'app.js');
    for (const def of PAGES) {
      // The documentation keys openapi.ts reads (the schema validates nothing here).
      const schema: Record<string, unknown> = { operationId: `page_${def.page}`, summary: def.summary, tags: ['pages'], produces: ['text/html'] };
      scope.get(def.url, {
        schema,
        handler: (_request: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').send(pageShell(def, modules(def.page))),
      });
    }
    const assetSchema: Record<string, unknown> = { operationId: 'asset', summary: 'The workbench script modules, style sheet and icon', tags: ['pages'], produces: ['text/javascript', 'text/css', 'image/svg+xml'] };
    scope.get('/assets/:name', {
      schema: assetSchema,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const { name } = request.params as { name: string };
        const m = ASSET_NAME.exec(name);
        if (!m) throw notFound(`no asset "${name}"`);
        const ext = m[1] ?? 'js';
        const type = TYPES[ext] ?? 'application/octet-stream';
        if (name === 'icon.svg') return reply.type(type).send(ICON);
        const body = ext === 'js' ? await firstFile([join(scriptsDir, name)]) : ext === 'css' ? await firstFile(stylesDirs.map((d) => join(d, name))) : null;
        if (body === null) {
          if (name === 'app.js') throw new HttpProblem(503, 'pages-not-built', 'Pages not built', 'the web pages are not built: run `npx tsc -p web/tsconfig.json`');
          throw notFound(`no asset "${name}"`);
        }
        return reply.type(type).send(body);
      },
    });
    ready();
  });
}
