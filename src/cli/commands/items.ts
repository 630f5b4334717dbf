import { clip, out, sourceMap, toFilter, withStore, type FilterOptions, type GlobalOptions } from '../common.js';
import { presentItem } from '../present.js';

/** `narrascope items`: a table on a terminal, JSON Lines with --json. */
export async function runItems(flags: GlobalOptions & FilterOptions): Promise<number> {
  return withStore(flags, async (store) => {
    const filter = await toFilter(store, flags);
    const sources = await sourceMap(store);
    const items = await store.listItems(filter);
    if (flags.json) {
      for (const item of items) await out(`${JSON.stringify(presentItem(item, sources))}\n`);
      return 0;
    }
    const total = await store.countItems({ ...filter, limit: undefined, offset: undefined });
    for (const item of items) {
      const source = sources.get(item.sourceId)?.name ?? item.sourceId;
      const title = item.title ?? clip(item.text, 60);
      await out(`${item.id}  ${(item.publishedAt ?? '—').padEnd(10)}  ${item.language.padEnd(3)}  ${clip(source, 20).padEnd(20)}  ${clip(title, 70)}\n`);
    }
    const first = (filter.offset ?? 0) + (items.length > 0 ? 1 : 0);
    process.stderr.write(`${first}–${(filter.offset ?? 0) + items.length} of ${total} item(s)\n`);
    return 0;
  });
}
