// The three kinds of job: what enqueuing them means and how a worker runs one. Every handler is
// idempotent (a repeated job adds nothing twice), because a job may run again after its worker died.
import { readFileSync } from 'node:fs';
import { createError, ERRORS } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import type { DateOrder, Format, SegmentMode } from '../core/types.js';
import { inferDateOrder, numericDatePairs } from '../enrichers/dates/index.js';
import { ENRICHERS, getEnricher } from '../enrichers/registry.js';
import { detectFormat } from '../ingest/detect.js';
import type { FieldMapping } from '../ingest/types.js';
import { enrichStore } from '../pipeline/enrich.js';
import { ingestBuffers, LARGE_FILE_BYTES, STDIN_LIMIT } from '../pipeline/ingest.js';
import { resolveInputs, type InputFile } from '../pipeline/inputs.js';
import type { ItemFilter, Store } from '../store/store.js';
import { decode, looksBinary } from '../text/index.js';
import { MAX_UPLOAD_BYTES, type EnqueueResult, type FetchedJob, type JobQueue } from './queue.js';

/** Options of a queued ingest, as for `narrascope ingest`. */
export interface IngestJobOptions {
  format?: Format;
  segment?: SegmentMode;
  dateOrder?: DateOrder;
  languages?: string[];
  fields?: FieldMapping;
  enrichers?: string[];
}

/** One file to ingest: its bytes wait in the uploads table under their SHA-256. */
export interface IngestJobData {
  upload: string;
  display: string;
  origin: string;
  originKey: string;
  source: string;
  sourceKind: string;
  options: IngestJobOptions;
}

/** A batch of stored items to run enrichers on. */
export interface EnrichJobData {
  enrichers: string[];
  itemIds: string[];
}

/** One run of one watch. */
export interface CollectJobData {
  watchId: string;
}

/** What a handler reports: a one-line summary for the log and the job's stored output. */
export interface JobOutcome {
  summary: string;
  output: Record<string, unknown>;
}

export interface IngestEnqueueOptions extends IngestJobOptions {
  inputs: string[];
  source?: string;
  cwd?: string;
  stdin?: NodeJS.ReadableStream;
}

export interface IngestEnqueueReport extends EnqueueResult {
  files: number;
  bytes: number;
  /** Files whose exact bytes the store already holds: nothing to do. */
  alreadyStored: number;
  /** Inputs not queued, with the reason. */
  failures: Array<{ input: string; reason: string }>;
}

/** The source kind plain `ingest` gives a new source from its files' names (kept in step with pipeline/ingest.ts). */
function guessSourceKind(files: InputFile[]): string {
  const names = files.map((f) => f.display.toLowerCase());
  if (names.every((n) => n === 'standard input')) return 'stdin';
  if (names.some((n) => n.endsWith('result.json'))) return 'channel';
  if (names.some((n) => /\.(rss|atom|xml)$/.test(n))) return 'feed';
  if (names.some((n) => /\.html?$/.test(n))) return 'site';
  if (names.some((n) => /\.(csv|tsv|jsonl|ndjson|json)$/.test(n))) return 'export';
  return 'dump';
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    n += b.length;
    if (n > STDIN_LIMIT) throw createError(ERRORS.INPUT_TOO_LARGE, 'standard input is too large to queue; save it to a file first', 'standard input');
    parts.push(b);
  }
  return Buffer.concat(parts);
}

/**
 * Queue files for ingestion by workers: each file's bytes are uploaded into the database with its
 * job, so a worker on any machine can ingest it. Sources are named as by plain `ingest`, and a
 * source's day/month order is inferred here from all its files (as plain `ingest` does before its
 * first file), so workers date items the same way.
 */
export async function enqueueIngest(store: Store, queue: JobQueue, opts: IngestEnqueueOptions): Promise<IngestEnqueueReport> {
  const report: IngestEnqueueReport = { files: 0, bytes: 0, queued: 0, alreadyQueued: 0, alreadyStored: 0, ids: [], failures: [] };
  const { files, problems } = resolveInputs(opts.inputs, opts.cwd);
  report.failures.push(...problems);
  const stdinBytes = files.some((f) => f.path === '-') ? await readAll(opts.stdin ?? process.stdin) : null;
  const read = (f: InputFile): Buffer => (f.path === '-' ? (stdinBytes ?? Buffer.alloc(0)) : readFileSync(f.path));

  const groups = new Map<string, InputFile[]>();
  for (const f of files) {
    const name = opts.source ?? f.sourceName;
    groups.set(name, [...(groups.get(name) ?? []), f]);
  }
  const { fields, format, segment, dateOrder, languages, enrichers } = opts;
  const options: IngestJobOptions = { format, segment, dateOrder, languages, fields, enrichers };
  for (const key of Object.keys(options) as Array<keyof IngestJobOptions>) if (options[key] === undefined) delete options[key];

  for (const [sourceName, group] of groups) {
    const sourceKind = guessSourceKind(group);
    if (!opts.dateOrder) await inferSourceDateOrder(store, sourceName, sourceKind, group, read, opts.format);
    const jobs: Parameters<JobQueue['enqueue']>[1] = [];
    let pendingBytes = 0;
    const flush = async (): Promise<void> => {
      const r = await queue.enqueue('ingest', jobs.splice(0));
      pendingBytes = 0;
      report.queued += r.queued;
      report.alreadyQueued += r.alreadyQueued;
      report.ids.push(...r.ids);
    };
    for (const f of group) {
      report.files++;
      let bytes: Buffer;
      try {
        bytes = read(f);
      } catch (err) {
        report.failures.push({ input: f.display, reason: err instanceof Error ? err.message : String(err) });
        continue;
      }
      report.bytes += bytes.length;
      if (bytes.length === 0) {
        report.failures.push({ input: f.display, reason: 'empty file: nothing to ingest' });
        continue;
      }
      if (bytes.length > MAX_UPLOAD_BYTES) {
        report.failures.push({ input: f.display, reason: `over the ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB limit of a queued upload; ingest it inline (without --queue)` });
        continue;
      }
      const hash = sha256(bytes);
      if (await store.findCapture(hash)) {
        report.alreadyStored++;
        continue;
      }
      const originKey = f.path === '-' ? `stdin:${hash.slice(0, 16)}` : f.originKey;
      const data: IngestJobData = {
        upload: hash,
        display: f.display,
        origin: f.path === '-' ? 'stdin' : f.path,
        originKey,
        source: sourceName,
        sourceKind,
        options,
      };
      jobs.push({ key: ingestKey(sourceName, originKey, hash, options), data, upload: { sha256: hash, name: f.display, bytes } });
      pendingBytes += bytes.length;
      if (jobs.length >= 1000 || pendingBytes >= 32 * 1024 * 1024) await flush();
    }
    await flush();
  }
  return report;
}

/** The same file (bytes, source, origin, options) queued again is the same job. */
function ingestKey(source: string, originKey: string, hash: string, options: IngestJobOptions): string {
  return `ingest:${sha256(JSON.stringify([source, originKey, hash, options])).slice(0, 32)}`;
}

/** As plain ingest's prescan: numeric dates across the source's files decide its day/month order. */
async function inferSourceDateOrder(
  store: Store,
  name: string,
  kind: string,
  files: InputFile[],
  read: (f: InputFile) => Buffer,
  format: Format | undefined,
): Promise<void> {
  const existing = await store.getSource(name);
  if (existing?.dateOrder) return;
  const pairs: Array<[number, number]> = [];
  for (const f of files) {
    if (f.size > LARGE_FILE_BYTES) continue;
    let bytes: Buffer;
    try {
      bytes = read(f);
    } catch {
      continue;
    }
    if (bytes.length === 0 || looksBinary(bytes)) continue;
    const text = decode(bytes).text;
    const fmt = format ?? detectFormat(f.display, text.slice(0, 4096));
    pairs.push(...numericDatePairs(fmt === 'text' || fmt === 'markdown' ? text : text.slice(0, 200_000)));
  }
  const order = inferDateOrder(pairs);
  if (!order) return;
  const source = existing ?? (await store.upsertSource({ name, kind }));
  await store.setSourceDateOrder(source.id, order);
}

/**
 * Run ingest jobs: the uploads' bytes through ingestBuffers, one call per source and options
 * (fewer, larger transactions than a call per file). Returns each job's outcome; a store failure
 * throws, failing every job of the batch (each is retried; repeated work adds nothing).
 */
export async function runIngestJobs(store: Store, queue: JobQueue, jobs: FetchedJob[]): Promise<Map<string, JobOutcome | Error>> {
  const outcomes = new Map<string, JobOutcome | Error>();
  const groups = new Map<string, Array<{ job: FetchedJob; d: IngestJobData; bytes: Uint8Array }>>();
  for (const job of jobs) {
    const d = job.data as unknown as IngestJobData;
    const bytes = await queue.readUpload(d.upload);
    if (!bytes) {
      // Removed after an earlier attempt ingested it (a worker killed between the two steps).
      if (await store.findCapture(d.upload)) outcomes.set(job.id, { summary: `${d.display}: already stored`, output: { unchanged: true } });
      else outcomes.set(job.id, new Error(`the upload of ${d.display} (${d.upload.slice(0, 12)}) is gone and no capture holds these bytes; queue the file again`));
      continue;
    }
    const key = JSON.stringify([d.source, d.sourceKind, d.options]);
    groups.set(key, [...(groups.get(key) ?? []), { job, d, bytes }]);
  }
  for (const group of groups.values()) {
    // One origin once per call: a later version of the same file goes in the next call.
    while (group.length > 0) {
      const seen = new Set<string>();
      const part = group.filter((g) => (seen.has(g.d.originKey) ? false : (seen.add(g.d.originKey), true)));
      for (const g of part) group.splice(group.indexOf(g), 1);
      const first = part[0];
      if (!first) break;
      const o = first.d.options;
      const report = await ingestBuffers(store, {
        source: first.d.source,
        sourceKind: first.d.sourceKind,
        buffers: part.map(({ d, bytes }) => ({ display: d.display, origin: d.origin, originKey: d.originKey, bytes, ...(o.format ? { format: o.format } : {}) })),
        ...(o.format ? { format: o.format } : {}),
        ...(o.segment ? { segment: o.segment } : {}),
        ...(o.dateOrder ? { dateOrder: o.dateOrder } : {}),
        ...(o.languages ? { languages: o.languages } : {}),
        ...(o.fields ? { fields: o.fields } : {}),
        ...(o.enrichers ? { enrichers: o.enrichers } : {}),
      });
      await queue.removeUploads(
        part.map((g) => g.d.upload),
        part.map((g) => g.job.id),
      );
      const i = report.items;
      const batch = part.length > 1 ? `batch of ${part.length} file(s): ` : '';
      const counts = `${batch}${i.added} item(s) added, ${i.updated} updated, ${i.removed} removed, ${report.captures.unchanged} unchanged`;
      for (const { job, d } of part) {
        const failures = report.failures.filter((p) => p.input === d.display);
        const warnings = report.warnings.filter((p) => p.input === d.display);
        const problems = [...failures.map((p) => `skipped: ${p.reason}`), ...warnings.map((p) => `warning: ${p.reason}`)];
        outcomes.set(job.id, {
          summary: `${d.display} → ${d.source}: ${counts}${problems.length > 0 ? `; ${problems.join('; ')}` : ''}`,
          output: { source: d.source, display: d.display, batch: part.length, captures: report.captures, items: report.items, failures, warnings },
        });
      }
    }
  }
  return outcomes;
}

export interface EnrichEnqueueOptions {
  enrichers: string[];
  filter?: ItemFilter;
  redo?: boolean;
  /** Items per job (default 500). */
  batchSize?: number;
}

export interface EnrichEnqueueReport extends EnqueueResult {
  items: number;
  /** Items every chosen enricher has already seen at its version. */
  skipped: number;
  jobs: number;
}

/**
 * Split enrichment into jobs of `batchSize` items. Items are grouped by the enrichers they still
 * need, so a job runs only those (unless `redo`), and the same batch queued twice is one job.
 */
export async function enqueueEnrich(store: Store, queue: JobQueue, opts: EnrichEnqueueOptions): Promise<EnrichEnqueueReport> {
  const order = new Map(ENRICHERS.map((e, i) => [e.id, i]));
  const ids = [...new Set(opts.enrichers.map((id) => getEnricher(id).id))].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const done = new Map<string, Set<string>>();
  if (!opts.redo) for (const id of ids) done.set(id, await store.enrichedItems({ id, version: getEnricher(id).version }));
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const report: EnrichEnqueueReport = { items: 0, skipped: 0, jobs: 0, queued: 0, alreadyQueued: 0, ids: [] };
  const groups = new Map<string, string[]>();
  const jobs: Array<{ key: string; data: EnrichJobData }> = [];
  const emit = (group: string, itemIds: string[]): void => {
    const enrichers = group.split(',');
    jobs.push({ key: `enrich:${sha256(JSON.stringify([enrichers, itemIds, opts.redo ?? false])).slice(0, 32)}`, data: { enrichers, itemIds } });
  };
  for await (const item of store.iterateItems(opts.filter)) {
    report.items++;
    const pending = ids.filter((id) => !done.get(id)?.has(item.id));
    if (pending.length === 0) {
      report.skipped++;
      continue;
    }
    const group = pending.join(',');
    const list = groups.get(group) ?? [];
    list.push(item.id);
    groups.set(group, list);
    if (list.length >= batchSize) {
      emit(group, list);
      groups.delete(group);
    }
  }
  for (const [group, list] of groups) emit(group, list);
  report.jobs = jobs.length;
  const r = await queue.enqueue('enrich', jobs);
  report.queued = r.queued;
  report.alreadyQueued = r.alreadyQueued;
  report.ids = r.ids;
  return report;
}

/** Run one enrich job: its enrichers over its items (results replace earlier ones: idempotent). */
export async function runEnrichJob(store: Store, job: FetchedJob): Promise<JobOutcome> {
  const d = job.data as unknown as EnrichJobData;
  const report = await enrichStore(store, { enrichers: d.enrichers, itemIds: d.itemIds, redo: true });
  const spans = Object.entries(report.spans)
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  return {
    summary: `${report.enriched} of ${d.itemIds.length} item(s) enriched (${d.enrichers.join(',')}); spans ${spans || 'none'}${report.failures.length > 0 ? `; ${report.failures.length} failure(s)` : ''}`,
    output: { items: report.items, enriched: report.enriched, spans: report.spans, failures: report.failures.slice(0, 20) },
  };
}
