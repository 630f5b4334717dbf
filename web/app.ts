// The one module each page loads: it imports the code of the page named by <body data-page> (only
// that page's modules are fetched; the shell preloads them) and reports a failure on the page rather
// than leaving "Loading…".
import { appRoot, h, replace } from './dom.js';

type PageFn = (root: HTMLElement) => Promise<void>;

const PAGES: Record<string, () => Promise<PageFn>> = {
  home: () => import('./home.js').then((m) => m.homePage),
  search: () => import('./search.js').then((m) => m.searchPage),
  item: () => import('./item.js').then((m) => m.itemPage),
  lineage: () => import('./lineage.js').then((m) => m.lineagePage),
  timeline: () => import('./timeline.js').then((m) => m.timelinePage),
  entities: () => import('./entities.js').then((m) => m.entitiesPage),
  sources: () => import('./sources.js').then((m) => m.sourcesPage),
  review: () => import('./review.js').then((m) => m.reviewPage),
};

async function main(): Promise<void> {
  const root = appRoot();
  const load = PAGES[document.body.dataset.page ?? ''];
  if (!load) {
    replace(root, h('p', { class: 'msg error', role: 'alert' }, 'Unknown page.'));
    return;
  }
  try {
    await (await load())(root);
  } catch (err) {
    replace(root, h('p', { class: 'msg error', role: 'alert' }, `This page failed: ${err instanceof Error ? err.message : String(err)}`));
    throw err;
  }
}

void main();
