import { out, withStore, type GlobalOptions } from '../common.js';

/** `narrascope stats`: totals of the store. */
export async function runStats(flags: GlobalOptions): Promise<number> {
  return withStore(flags, async (store) => {
    const s = await store.stats();
    if (flags.json) {
      await out(`${JSON.stringify({ store: store.location, ...s })}\n`);
      return 0;
    }
    const langs = Object.entries(s.languages)
      .sort((a, b) => b[1] - a[1])
      .map(([l, n]) => `${l} ${n}`)
      .join(', ');
    const layers = Object.entries(s.annotationsByLayer)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ');
    await out(
      [
        `store:       ${store.location}`,
        `sources:     ${s.sources}`,
        `captures:    ${s.captures} (${(s.captureBytes / 1e6).toFixed(2)} MB kept as received)`,
        `documents:   ${s.documents}`,
        `items:       ${s.items}`,
        `languages:   ${langs || '—'}`,
        `annotations: ${s.annotations}${layers ? ` (${layers})` : ''}`,
      ].join('\n') + '\n',
    );
    return 0;
  });
}
