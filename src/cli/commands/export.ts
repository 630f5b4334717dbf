import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createError, ERRORS } from '../../core/errors.js';
import { sourceMap, toFilter, withStore, type FilterOptions, type GlobalOptions } from '../common.js';
import { CSV_COLUMNS, itemCsvRow, presentAnnotation, presentItem } from '../present.js';

interface ExportFlags extends GlobalOptions, FilterOptions {
  format: 'jsonl' | 'csv';
  out?: string;
  annotations?: boolean;
}

/** `narrascope export`: streams every matching item, so exports of millions of items stay small in memory. */
export async function runExport(flags: ExportFlags): Promise<number> {
  if (flags.annotations && flags.format === 'csv') {
    throw createError(ERRORS.USAGE, '--annotations works with --format jsonl only (CSV has one row per item)', '--annotations');
  }
  return withStore(flags, async (store) => {
    const filter = await toFilter(store, flags);
    const sources = await sourceMap(store);
    const sink = flags.out ? createWriteStream(flags.out) : process.stdout;
    const write = async (s: string): Promise<void> => {
      if (!sink.write(s)) await once(sink, 'drain');
    };
    try {
      if (flags.format === 'csv') await write(`${CSV_COLUMNS.join(',')}\r\n`);
      let n = 0;
      for await (const item of store.iterateItems(filter)) {
        const json = presentItem(item, sources);
        if (flags.format === 'csv') {
          await write(`${itemCsvRow(json)}\r\n`);
        } else if (flags.annotations) {
          const annotations = (await store.listAnnotations(item.id)).map(presentAnnotation);
          await write(`${JSON.stringify({ ...json, annotations })}\n`);
        } else {
          await write(`${JSON.stringify(json)}\n`);
        }
        n++;
      }
      if (flags.out) process.stderr.write(`exported ${n} item(s) to ${flags.out}\n`);
    } finally {
      if (flags.out) {
        (sink as ReturnType<typeof createWriteStream>).end();
        await once(sink, 'finish');
      }
    }
    return 0;
  });
}
