import { openStore } from '../../store/index.js';
import { copyCorpus } from '../../pipeline/copy.js';
import { out, type GlobalOptions } from '../common.js';

/** `narrascope copy --from A --to B`: move a corpus between stores, losing nothing. */
export async function runCopy(opts: GlobalOptions & { from: string; to: string }): Promise<number> {
  const from = await openStore(opts.from);
  try {
    const to = await openStore(opts.to);
    try {
      const tty = process.stderr.isTTY && !opts.json;
      const report = await copyCorpus(from, to, {
        onProgress: tty ? (p) => process.stderr.write(`\rcopied ${p.records} records, ${(p.bytes / 1e6).toFixed(1)} MB of captures`) : undefined,
      });
      if (tty) process.stderr.write('\n');
      if (opts.json) {
        await out(`${JSON.stringify({ from: from.location, to: to.location, records: report.records, captureBytes: report.bytes, stats: report.to, ms: report.ms })}\n`);
      } else {
        const s = report.to;
        await out(
          `copied ${from.location} → ${to.location} in ${(report.ms / 1000).toFixed(1)} s: ${s.sources} sources, ${s.captures} captures ` +
            `(${(s.captureBytes / 1e6).toFixed(2)} MB), ${s.documents} documents, ${s.items} items, ${s.annotations} annotations, ` +
            `${report.records.enrichment} enrichment records, ${report.records.signature} signatures; totals checked equal\n`,
        );
      }
      return 0;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
