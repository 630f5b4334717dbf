// What every command shares: opening the store named by --db or NARRASCOPE_DB, and printing.
import type { Source } from '../core/types.js';
import { defaultStorePath, openStore } from '../store/index.js';
import type { ItemFilter, Store } from '../store/store.js';
import { createError, ERRORS } from '../core/errors.js';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

export interface FilterOptions {
  source?: string;
  lang?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** Open the store, run `fn`, and close the store whatever happens. */
export async function withStore<T>(opts: GlobalOptions, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(opts.db ?? defaultStorePath());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Sources by id, for presenting items with their source's name. */
export async function sourceMap(store: Store): Promise<Map<string, Source>> {
  return new Map((await store.listSourceRecords()).map((s) => [s.id, s]));
}

/** Turn CLI filter flags into a store filter; an unknown source name is a usage error. */
export async function toFilter(store: Store, opts: FilterOptions): Promise<ItemFilter> {
  const filter: ItemFilter = {};
  if (opts.source) {
    const source = await store.getSource(opts.source);
    if (!source) {
      const names = (await store.listSourceRecords()).map((s) => s.name);
      throw createError(ERRORS.USAGE, `unknown source; known sources: ${names.join(', ') || '(none yet)'}`, opts.source);
    }
    filter.sourceId = source.id;
  }
  if (opts.lang) filter.language = opts.lang;
  if (opts.from) filter.from = opts.from;
  if (opts.to) filter.to = opts.to;
  if (opts.limit !== undefined) filter.limit = opts.limit;
  if (opts.offset !== undefined) filter.offset = opts.offset;
  return filter;
}

/** Write to stdout, waiting when the pipe is full so large exports keep memory flat. */
export async function out(text: string): Promise<void> {
  if (!process.stdout.write(text)) {
    await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }
}

/** Shorten to `n` characters with an ellipsis, on one line. */
export function clip(s: string | null | undefined, n: number): string {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
