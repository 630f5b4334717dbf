// `ingest --queue` and `enrich --queue`: the work goes into the job queue for `narrascope worker`.
import type { DateOrder, Format, SegmentMode } from '../../core/types.js';
import { enqueueEnrich, enqueueIngest } from '../../jobs/kinds.js';
import { openJobQueue } from '../../jobs/queue.js';
import { clip, out, toFilter, withStore, type FilterOptions, type GlobalOptions } from '../common.js';

interface QueuedIngestFlags extends GlobalOptions {
  source?: string;
  format?: Format;
  segment?: SegmentMode;
  dateOrder?: DateOrder;
  languages?: string[];
  textField?: string;
  titleField?: string;
  dateField?: string;
  urlField?: string;
  authorField?: string;
  enrichers?: string;
}

/** Queue files for ingestion: exit 0, or 1 when some inputs could not be queued. */
export async function runIngestQueued(inputs: string[], flags: QueuedIngestFlags): Promise<number> {
  return withStore(flags, async (store) => {
    const queue = await openJobQueue(store);
    try {
      const fields = { text: flags.textField, title: flags.titleField, date: flags.dateField, url: flags.urlField, author: flags.authorField };
      const definedFields = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const r = await enqueueIngest(store, queue, {
        inputs,
        source: flags.source,
        format: flags.format,
        // `auto` is the default: left out so the same files queued with and without it are one job.
        segment: flags.segment === 'auto' ? undefined : flags.segment,
        dateOrder: flags.dateOrder,
        languages: flags.languages,
        ...(Object.keys(definedFields).length > 0 ? { fields: definedFields } : {}),
        ...(flags.enrichers === undefined
          ? {}
          : { enrichers: [...new Set(['language', 'dates', ...flags.enrichers.split(',').map((x) => x.trim()).filter(Boolean)])] }),
      });
      if (flags.json) {
        await out(`${JSON.stringify({ files: r.files, bytes: r.bytes, queued: r.queued, alreadyQueued: r.alreadyQueued, alreadyStored: r.alreadyStored, jobs: r.ids, failures: r.failures })}\n`);
      } else {
        await out(
          `Queued ${r.queued} ingest job(s) for ${r.files} file(s), ${(r.bytes / 1e6).toFixed(2)} MB; ` +
            `${r.alreadyQueued} already queued, ${r.alreadyStored} already stored (identical bytes)\n` +
            `  \`narrascope worker\` runs them; \`narrascope jobs\` shows the queue\n`,
        );
      }
      for (const f of r.failures.slice(0, 20)) process.stderr.write(`narrascope: not queued: ${f.input}: ${clip(f.reason, 300)}\n`);
      if (r.failures.length > 20) process.stderr.write(`narrascope: … and ${r.failures.length - 20} more not queued (--json lists them all)\n`);
      return r.failures.length > 0 ? 1 : 0;
    } finally {
      await queue.close();
    }
  });
}

/** Split enrichment into queued jobs of 500 items. */
export async function runEnrichQueued(enrichers: string[], flags: GlobalOptions & FilterOptions & { redo?: boolean }): Promise<number> {
  return withStore(flags, async (store) => {
    const queue = await openJobQueue(store);
    try {
      const filter = await toFilter(store, { ...flags, limit: undefined, offset: undefined });
      const r = await enqueueEnrich(store, queue, { enrichers, filter, redo: flags.redo ?? false });
      if (flags.json) {
        await out(`${JSON.stringify({ items: r.items, skipped: r.skipped, jobs: r.jobs, queued: r.queued, alreadyQueued: r.alreadyQueued, ids: r.ids })}\n`);
      } else {
        await out(
          `Queued ${r.queued} enrich job(s) over ${r.items - r.skipped} item(s) (${r.skipped} already done at these versions); ${r.alreadyQueued} job(s) already queued\n`,
        );
      }
      return 0;
    } finally {
      await queue.close();
    }
  });
}
