// One page, fetched conditionally and kept whole: the HTML parser finds its article and comments,
// and a changed page replaces the items of its earlier version (same origin key: the URL).
import type { Collector } from './types.js';

export const pageCollector: Collector = {
  kind: 'page',
  async collect(ctx) {
    const res = await ctx.get(ctx.url, { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5', conditional: true });
    if (res) ctx.emitPage({ key: ctx.url, response: res });
  },
};
