import { clip, withStore, type GlobalOptions } from '../common.js';
import { createProgress } from '../progress.js';
import { ingest } from '../../pipeline/ingest.js';
import type { DateOrder, Format, SegmentMode } from '../../core/types.js';

interface IngestFlags extends GlobalOptions {
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
  /** Queue the files for `narrascope worker` instead of ingesting them here. */
  queue?: boolean;
}

/** `narrascope ingest`: exit 0 when everything went in, 1 when some inputs were skipped or repaired. */
export async function runIngest(inputs: string[], flags: IngestFlags): Promise<number> {
  if (flags.queue) {
    const { runIngestQueued } = await import('./enqueue.js');
    return runIngestQueued(inputs, flags);
  }
  return withStore(flags, async (store) => {
    const progress = createProgress();
    const t0 = Date.now();
    let report;
    try {
      report = await ingest(store, {
        inputs,
        source: flags.source,
        format: flags.format,
        segment: flags.segment,
        dateOrder: flags.dateOrder,
        languages: flags.languages,
        ...(flags.enrichers === undefined
          ? {}
          : {
              // Language and dates set item fields that search, filters and every listing rely on.
              enrichers: [...new Set(['language', 'dates', ...flags.enrichers.split(',').map((x) => x.trim()).filter(Boolean)])],
            }),
        fields: {
          text: flags.textField,
          title: flags.titleField,
          date: flags.dateField,
          url: flags.urlField,
          author: flags.authorField,
        },
        onProgress: (p) => progress.update(p),
      });
    } finally {
      progress.stop();
    }
    const seconds = (Date.now() - t0) / 1000;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...report, seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), store: store.location })}\n`);
    } else {
      const r = report;
      process.stdout.write(
        `Ingested ${r.files} file(s), ${(r.bytes / 1e6).toFixed(2)} MB in ${seconds.toFixed(1)} s into ${store.location}\n` +
          `  captures: ${r.captures.added} new, ${r.captures.unchanged} unchanged (identical bytes already stored)\n` +
          `  items: ${r.items.added} added, ${r.items.updated} updated, ${r.items.removed} removed\n`,
      );
    }
    printProblems('skipped', report.failures);
    printProblems('warning:', report.warnings);
    return report.failures.length > 0 || report.warnings.length > 0 ? 1 : 0;
  });
}

/** Prints problems, at most PER_KIND lines per reason: an export folder with 2,000 photos needs one line, not 2,000. */
const PER_KIND = 20;
function printProblems(prefix: string, problems: Array<{ input: string; reason: string }>): void {
  const seen = new Map<string, number>();
  for (const p of problems) {
    const kind = p.reason.replace(/\d+/g, 'N').slice(0, 60);
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    if (n <= PER_KIND) process.stderr.write(`narrascope: ${prefix} ${p.input}: ${clip(p.reason, 300)}\n`);
  }
  for (const [kind, n] of seen) {
    if (n > PER_KIND) process.stderr.write(`narrascope: ${prefix} … and ${n - PER_KIND} more like "${kind}" (--json lists them all)\n`);
  }
}
