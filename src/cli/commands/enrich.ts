import { createError, ERRORS } from '../../core/errors.js';
import { ENRICHERS, getEnricher } from '../../enrichers/registry.js';
import { enrichStore } from '../../pipeline/enrich.js';
import { out, toFilter, withStore, type FilterOptions, type GlobalOptions } from '../common.js';
import { createCountProgress, type CountProgress } from '../progress.js';

interface EnrichFlags extends GlobalOptions, FilterOptions {
  only?: string;
  redo?: boolean;
  list?: boolean;
  model?: string;
  /** Options per enricher, filled by commands that load files for them (a trained model). */
  enricherOptions?: Record<string, unknown>;
  /** Split the work into jobs for `narrascope worker` instead of running it here. */
  queue?: boolean;
}

/** `narrascope enrich`: run enrichers over stored items, resuming where a previous run stopped. */
export async function runEnrich(flags: EnrichFlags): Promise<number> {
  if (flags.list) {
    for (const e of ENRICHERS) {
      if (flags.json) await out(`${JSON.stringify({ id: e.id, version: e.version, title: e.title, description: e.description, requires: e.requires, writes: e.writes })}\n`);
      else await out(`${e.id.padEnd(12)} ${e.version.padEnd(8)} writes ${e.writes.padEnd(10)} ${e.description}\n`);
    }
    return 0;
  }
  if (flags.model !== undefined) {
    // A model changes the output of the same enricher version: every item is run again with it.
    const { loadModel } = await import('../../techniques/model/model.js');
    flags.enricherOptions = { ...flags.enricherOptions, techniques: { model: loadModel(flags.model) } };
    flags.only ??= 'techniques';
    if (!flags.only.split(',').map((s) => s.trim()).includes('techniques')) {
      throw createError(ERRORS.USAGE, '--model is a techniques model; add techniques to --only', '--model');
    }
    flags.redo = true;
  }
  const ids = flags.only
    ? flags.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : ENRICHERS.map((e) => e.id);
  if (ids.length === 0) throw createError(ERRORS.USAGE, '--only names no enricher', '--only');
  for (const id of ids) getEnricher(id);
  if (flags.queue) {
    if (flags.model !== undefined) throw createError(ERRORS.USAGE, '--model cannot be queued (workers would need the model file); run it without --queue', '--model');
    const { runEnrichQueued } = await import('./enqueue.js');
    return runEnrichQueued(ids, flags);
  }
  return withStore(flags, async (store) => {
    const filter = await toFilter(store, { ...flags, limit: undefined, offset: undefined });
    // Created on the first report, once the total is known.
    const bar: { progress: CountProgress | null } = { progress: null };
    const report = await enrichStore(store, {
      enrichers: ids,
      ...(flags.enricherOptions ? { enricherOptions: flags.enricherOptions } : {}),
      redo: flags.redo ?? false,
      filter,
      onProgress: ({ done, total }) => {
        bar.progress ??= createCountProgress('items', total);
        bar.progress.tick(done);
      },
    });
    bar.progress?.stop();
    if (flags.json) {
      await out(`${JSON.stringify(report)}\n`);
    } else {
      const spans = Object.entries(report.spans)
        .map(([id, n]) => `${id} ${n}`)
        .join(', ');
      process.stderr.write(
        `${report.enriched} of ${report.items} item(s) enriched (${report.skipped} already done at these versions) in ${(report.ms / 1000).toFixed(1)} s; spans written: ${spans || 'none'}\n`,
      );
    }
    const shown = report.failures.slice(0, 10);
    for (const f of shown) process.stderr.write(`  failed ${f.itemId} (${f.enricher}): ${f.reason}\n`);
    if (report.failures.length > shown.length) process.stderr.write(`  … and ${report.failures.length - shown.length} more failure(s); --json lists them all\n`);
    return report.failures.length > 0 ? 1 : 0;
  });
}
