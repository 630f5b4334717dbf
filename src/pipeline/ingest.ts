// Orchestration of ingest: inputs → capture → decode → parse → normalise → clean → segment →
// enrich → store. Every stage is a pure function elsewhere; this file only wires them, times them,
// and turns bad inputs into reported failures so the rest of a run goes on.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { OffsetConverter } from '../core/codepoints.js';
import { createError, ERRORS, NarrascopeError } from '../core/errors.js';
import { sha256, stableId } from '../core/hash.js';
import type { Annotation, Capture, DateOrder, DocumentRecord, Format, Item, Producer, SegmentMode, Source } from '../core/types.js';
import { inferDateOrder, numericDatePairs } from '../enrichers/dates/index.js';
import { DEFAULT_LANGUAGES } from '../enrichers/language/index.js';
import { DEFAULT_ENRICHERS, ENRICHERS, getEnricher } from '../enrichers/registry.js';
import type { EnrichContext, EnrichInput, EnrichResult } from '../enrichers/types.js';
import { detectFormat } from '../ingest/detect.js';
import { parseDocument } from '../ingest/index.js';
import type { FieldMapping, ParsedDocument, ParsedItem } from '../ingest/types.js';
import type { IngestUnit, Store } from '../store/store.js';
import { clean, composeMaps, decode, foldForMatching, lineKey, looksBinary, normalise, segment, sniffCharset, toOriginal, toOriginalEnd } from '../text/index.js';
import { resolveInputs, type InputFile } from './inputs.js';

/** Files above this size are streamed in parts (line-based formats) so memory stays bounded. */
export const LARGE_FILE_BYTES = 32 * 1024 * 1024;
/** Size of one part of a streamed file. */
export const PART_BYTES = 8 * 1024 * 1024;
/** Whole-document formats (HTML, feeds, Telegram exports) must fit in memory: refuse larger ones. */
export const WHOLE_DOCUMENT_LIMIT = 64 * 1024 * 1024;
/** Standard input is read whole; larger input should be saved to a file first. */
export const STDIN_LIMIT = 64 * 1024 * 1024;

const LINE_FORMATS: ReadonlySet<Format> = new Set(['text', 'markdown', 'jsonl', 'csv']);

export interface IngestOptions {
  inputs: string[];
  /** Put everything in this source instead of deriving sources from the folder layout. */
  source?: string;
  format?: Format;
  segment?: SegmentMode;
  dateOrder?: DateOrder;
  languages?: string[];
  fields?: FieldMapping;
  /** Enricher ids to run (default: DEFAULT_ENRICHERS). */
  enrichers?: readonly string[];
  /** Read "-" from here (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  cwd?: string;
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  items: number;
  current: string | null;
}

export interface IngestProblem {
  input: string;
  reason: string;
}

export interface IngestReport {
  files: number;
  bytes: number;
  captures: { added: number; unchanged: number };
  items: { added: number; updated: number; removed: number };
  /** Inputs skipped whole, with the reason. */
  failures: IngestProblem[];
  /** Inputs kept, but with parts skipped or repaired (broken JSON lines, invalid bytes). */
  warnings: IngestProblem[];
  /** Milliseconds spent in each stage. */
  stageMs: Record<string, number>;
  sources: string[];
}

interface SourceRun {
  source: Source;
  dateOrder: DateOrder | null;
  repeated: Set<string>;
}

/** Ingest files, folders, globs or stdin into the store; never throws for a bad input. */
export async function ingest(store: Store, opts: IngestOptions): Promise<IngestReport> {
  const report: IngestReport = {
    files: 0,
    bytes: 0,
    captures: { added: 0, unchanged: 0 },
    items: { added: 0, updated: 0, removed: 0 },
    failures: [],
    warnings: [],
    stageMs: {},
    sources: [],
  };
  const timer = new StageTimer(report.stageMs);
  // The store's own files may sit inside an input folder (`narrascope ingest .`): never ingest them.
  const storeFiles = store.kind === 'sqlite' ? ['', '-wal', '-shm', '-journal'].map((suffix) => store.location + suffix) : [];
  const { files, problems } = resolveInputs(opts.inputs, opts.cwd, storeFiles);
  report.failures.push(...problems);

  // Registry order, whatever order they were named in: an enricher runs after those it requires.
  const enrichers = (opts.enrichers ?? DEFAULT_ENRICHERS)
    .map((id) => getEnricher(id))
    .sort((a, b) => ENRICHERS.indexOf(a) - ENRICHERS.indexOf(b))
    .map((e) => ({ id: e.id, version: e.version, run: e.bind() }));
  const languages = opts.languages ?? DEFAULT_LANGUAGES;

  const groups = new Map<string, InputFile[]>();
  for (const f of files) {
    const name = opts.source ?? f.sourceName;
    const list = groups.get(name) ?? [];
    list.push(f);
    groups.set(name, list);
  }

  const progress: IngestProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    bytesTotal: files.reduce((n, f) => n + f.size, 0),
    items: 0,
    current: null,
  };
  const tick = (): void => opts.onProgress?.({ ...progress });
  const writer = new BatchWriter(store, timer, report);
  const rc: RunContext = { store, writer, opts, enrichers, languages, timer, report };
  // Items a killed run stored but never indexed are indexed first.
  await timer.timeAsync('index', () => store.syncSearchIndex());

  for (const [name, group] of groups) {
    const source = await store.upsertSource({ name, kind: guessSourceKind(group) });
    report.sources.push(source.name);
    const run = await prepareSource(store, source, group, opts, timer);

    for (const file of group) {
      progress.current = file.display;
      tick();
      try {
        const counts = await ingestFile(rc, run, file, (bytes, items) => {
          progress.bytesDone += bytes;
          progress.items += items;
          tick();
        });
        if (counts === 'unchanged') report.captures.unchanged++;
        else report.captures.added++;
      } catch (err) {
        if (err instanceof StoreFailure) throw err.cause;
        report.failures.push({ input: file.display, reason: describe(err) });
      }
      report.files++;
      report.bytes += file.size;
      progress.filesDone++;
      progress.bytesDone = Math.max(progress.bytesDone, 0);
      tick();
    }
  }
  await writer.flush();
  await timer.timeAsync('index', () => store.syncSearchIndex());
  progress.current = null;
  tick();
  return report;
}

/** Bytes received other than from a file (an HTTP response, a queued upload), to ingest as a capture. */
export interface BufferInput {
  /** Name in messages (a URL, an uploaded file's name). */
  display: string;
  /** Where the bytes came from: the capture's origin (the final URL of a response). */
  origin: string;
  /** Stable key within the source: a later capture with the same key replaces this one's items. */
  originKey: string;
  bytes: Uint8Array;
  /** Format of the bytes when known (else detected as for files). */
  format?: Format;
  /**
   * A parser for formats the file pipeline does not know (a WordPress or Lemmy API answer, a
   * Telegram preview page): given the decoded text, the document's items. Its `format` is stored.
   */
  parse?: (text: string) => ParsedDocument;
  receivedAt?: string;
  mediaType?: string | null;
  headers?: Record<string, string> | null;
}

export interface BufferIngestOptions extends Omit<IngestOptions, 'inputs' | 'source' | 'stdin' | 'cwd'> {
  /** The source every buffer belongs to (created when new). */
  source: string;
  sourceKind?: string;
  sourceUrl?: string | null;
  buffers: BufferInput[];
}

/**
 * Ingest bytes held in memory (collected responses, queued uploads) into one source, through the
 * same stages as files: identical bytes are a no-op, a capture with a known origin key replaces
 * the earlier version's items. Never throws for a bad buffer: it is reported in `failures`.
 */
export async function ingestBuffers(store: Store, opts: BufferIngestOptions): Promise<IngestReport> {
  const report: IngestReport = {
    files: 0,
    bytes: 0,
    captures: { added: 0, unchanged: 0 },
    items: { added: 0, updated: 0, removed: 0 },
    failures: [],
    warnings: [],
    stageMs: {},
    sources: [],
  };
  const timer = new StageTimer(report.stageMs);
  const enrichers = (opts.enrichers ?? DEFAULT_ENRICHERS)
    .map((id) => getEnricher(id))
    .sort((a, b) => ENRICHERS.indexOf(a) - ENRICHERS.indexOf(b))
    .map((e) => ({ id: e.id, version: e.version, run: e.bind() }));
  const writer = new BatchWriter(store, timer, report);
  const rc: RunContext = { store, writer, opts: { ...opts, inputs: [] }, enrichers, languages: opts.languages ?? DEFAULT_LANGUAGES, timer, report };
  await timer.timeAsync('index', () => store.syncSearchIndex());
  const source = await store.upsertSource({ name: opts.source, kind: opts.sourceKind ?? 'web', url: opts.sourceUrl ?? null });
  report.sources.push(source.name);
  const run: SourceRun = { source, dateOrder: opts.dateOrder ?? source.dateOrder, repeated: new Set() };
  for (const b of opts.buffers) {
    const file: InputFile = { path: b.origin, display: b.display, sourceName: source.name, originKey: b.originKey, size: b.bytes.length };
    try {
      const r = await ingestWhole(rc, run, file, b.bytes, () => undefined, b);
      if (r === 'unchanged') report.captures.unchanged++;
      else report.captures.added++;
    } catch (err) {
      if (err instanceof StoreFailure) throw err.cause;
      report.failures.push({ input: b.display, reason: describe(err) });
    }
    report.files++;
    report.bytes += b.bytes.length;
  }
  await writer.flush();
  await timer.timeAsync('index', () => store.syncSearchIndex());
  return report;
}

/**
 * Collects ingest units and writes them in one transaction per ~8 MB: the full-text index then
 * flushes fewer, larger segments. Atomicity is per batch, so a killed run repeats at most one
 * batch of files, and captures stay absent until their batch commits.
 */
class BatchWriter {
  private pending: IngestUnit[] = [];
  private bytes = 0;
  /** Captures written in the pending batch: a second copy of the same bytes is unchanged. */
  private readonly hashes = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly timer: StageTimer,
    private readonly report: IngestReport,
    private readonly maxBytes = 8 * 1024 * 1024,
    private readonly maxUnits = 64,
  ) {}

  has(sha256: string): boolean {
    return this.hashes.has(sha256);
  }

  async add(unit: IngestUnit): Promise<void> {
    this.pending.push(unit);
    if (unit.final) this.hashes.add(unit.capture.sha256);
    for (const c of unit.chunks) this.bytes += c.bytes.length;
    if (this.bytes >= this.maxBytes || this.pending.length >= this.maxUnits) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const units = this.pending;
    this.pending = [];
    this.bytes = 0;
    this.hashes.clear();
    let counts;
    try {
      counts = await this.timer.timeAsync('store', () => this.store.writeIngestBatch(units));
    } catch (err) {
      throw new StoreFailure(err);
    }
    addCounts(this.report, counts);
  }
}

/** Wraps a store error so that the per-file catch rethrows it: a failing store ends the run. */
class StoreFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('store failure');
  }
}

/**
 * Looks across the text dumps of one source before ingesting them: lines repeated in many of its
 * documents are boilerplate (a footer, a sign-off widget), and its unambiguous numeric dates tell
 * whether it writes day or month first.
 */
async function prepareSource(
  store: Store,
  source: Source,
  files: InputFile[],
  opts: IngestOptions,
  timer: StageTimer,
): Promise<SourceRun> {
  const docCounts = new Map<string, number>();
  const occurrences = new Map<string, number>();
  const pairs: Array<[number, number]> = [];
  let docs = 0;
  for (const file of files) {
    if (file.path === '-' || file.size === 0 || file.size > LARGE_FILE_BYTES) continue;
    let text: string;
    try {
      const bytes = readFileSync(file.path);
      if (looksBinary(bytes)) continue;
      text = timer.time('prescan', () => decode(bytes).text);
    } catch {
      continue; // reported when the file itself is ingested
    }
    const format = opts.format ?? detectFormat(file.display, text.slice(0, 4096));
    if (format !== 'text' && format !== 'markdown') {
      if (!opts.dateOrder && !source.dateOrder) pairs.push(...numericDatePairs(text.slice(0, 200_000)));
      continue;
    }
    docs++;
    timer.time('prescan', () => {
      const seen = new Set<string>();
      // lineKey folds case, quotes, spacing and odd spaces itself, so raw lines give the same keys
      // as the normalised lines clean() will see, without normalising every file twice.
      for (const line of text.split('\n')) {
        if (line.length < 2 || line.length > 160) continue;
        const key = lineKey(line);
        if (!key) continue;
        occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
        if (!seen.has(key)) {
          seen.add(key);
          docCounts.set(key, (docCounts.get(key) ?? 0) + 1);
        }
      }
      if (!opts.dateOrder && !source.dateOrder) pairs.push(...numericDatePairs(text));
    });
  }

  const repeated = new Set<string>();
  const candidates = [...docCounts.keys()].filter((k) => (docCounts.get(k) ?? 0) >= 2 || (occurrences.get(k) ?? 0) >= 5);
  const stored = candidates.length > 0 ? await store.lineCounts(source.id, candidates) : new Map<string, number>();
  for (const key of candidates) {
    const inDocs = (docCounts.get(key) ?? 0) + (stored.get(key) ?? 0);
    const times = occurrences.get(key) ?? 0;
    // A line in at least three documents and a third of them is a template line; a short line
    // repeated five times or more inside dumps is a widget or sign-off pasted under every post.
    if ((inDocs >= 3 && inDocs * 3 >= docs) || (times >= 5 && key.length <= 80 && !/[.!?]$/.test(key) && key.split(' ').length <= 8)) {
      repeated.add(key);
    }
  }

  let dateOrder: DateOrder | null = opts.dateOrder ?? source.dateOrder;
  if (!dateOrder) dateOrder = inferDateOrder(pairs);
  if (dateOrder && dateOrder !== source.dateOrder) {
    await store.setSourceDateOrder(source.id, dateOrder);
    source = { ...source, dateOrder };
  }
  return { source, dateOrder, repeated };
}

type BoundEnricher = { id: string; version: string; run: (input: EnrichInput, ctx: EnrichContext) => EnrichResult };

/** What every file of one run shares. */
interface RunContext {
  store: Store;
  writer: BatchWriter;
  opts: IngestOptions;
  enrichers: BoundEnricher[];
  languages: string[];
  timer: StageTimer;
  report: IngestReport;
}

async function ingestFile(
  rc: RunContext,
  run: SourceRun,
  file: InputFile,
  advance: (bytes: number, items: number) => void,
): Promise<'unchanged' | 'added'> {
  const { opts, timer } = rc;
  if (file.path === '-') {
    const bytes = await timer.timeAsync('read', () => readStdin(opts.stdin ?? process.stdin));
    file.size = bytes.length;
    return ingestWhole(rc, run, { ...file, originKey: `stdin:${sha256(bytes).slice(0, 16)}` }, bytes, advance);
  }
  if (file.size === 0) throw createError(ERRORS.INPUT_EMPTY, 'empty file: nothing to ingest', file.display);
  if (file.size <= LARGE_FILE_BYTES) {
    const bytes = timer.time('read', () => readFileSync(file.path));
    return ingestWhole(rc, run, file, bytes, advance);
  }
  return ingestLarge(rc, run, file, advance);
}

async function ingestWhole(
  rc: RunContext,
  run: SourceRun,
  file: InputFile,
  bytes: Uint8Array,
  advance: (bytes: number, items: number) => void,
  fetched?: BufferInput,
): Promise<'unchanged' | 'added'> {
  const { store, writer, opts, timer, report } = rc;
  if (bytes.length === 0) throw createError(ERRORS.INPUT_EMPTY, 'empty input: nothing to ingest', file.display);
  const hash = timer.time('hash', () => sha256(bytes));
  if (writer.has(hash) || (await store.findCapture(hash))) {
    advance(bytes.length, 0);
    return 'unchanged';
  }
  const binary = looksBinary(bytes);
  if (binary) throw createError(ERRORS.INPUT_BINARY, `not text (${binary}); skipped`, file.display);
  const decoded = timer.time('decode', () => decode(bytes));
  if (decoded.invalidBytes > 0) {
    report.warnings.push({ input: file.display, reason: `${decoded.invalidBytes} invalid ${decoded.charset} byte sequence(s) replaced with U+FFFD` });
  }
  const format = fetched?.format ?? opts.format ?? detectFormat(file.display, decoded.text.slice(0, 4096));
  if (!LINE_FORMATS.has(format) && bytes.length > WHOLE_DOCUMENT_LIMIT) {
    throw createError(
      ERRORS.INPUT_TOO_LARGE,
      `${format} input of ${mib(bytes.length)} is over the ${mib(WHOLE_DOCUMENT_LIMIT)} limit for whole-document formats; split it first`,
      file.display,
    );
  }
  const capture = buildCapture(hash, bytes.length, file, run.source.id);
  if (fetched) {
    capture.origin = fetched.origin;
    capture.receivedAt = fetched.receivedAt ?? capture.receivedAt;
    capture.mediaType = fetched.mediaType ?? null;
    capture.headers = fetched.headers ?? null;
  }
  const parser = fetched?.parse;
  const parsed = parser ? timer.time('parse', () => parser(decoded.text)) : undefined;
  const doc = buildDocument(rc, run, file, file.originKey, capture, parsed?.format ?? format, decoded.charset, decoded.text, null, new Map(), parsed);
  const unit: IngestUnit = {
    capture,
    chunks: [{ seq: 0, bytes }],
    documents: doc ? [doc] : [],
    final: true,
    lineKeys: doc ? { sourceId: run.source.id, keys: doc.lineKeys } : undefined,
  };
  await writer.add(unit);
  advance(bytes.length, doc?.items.length ?? 0);
  return 'added';
}

/**
 * Streams a large file in parts cut at line ends (at a space, or anywhere, for one endless line),
 * each part becoming its own document, so memory stays bounded whatever the file's size.
 */
async function ingestLarge(
  rc: RunContext,
  run: SourceRun,
  file: InputFile,
  advance: (bytes: number, items: number) => void,
): Promise<'unchanged' | 'added'> {
  const { store, writer, opts, timer } = rc;
  const hash = await timer.timeAsync('hash', () => hashFile(file.path));
  if (writer.has(hash) || (await store.findCapture(hash))) {
    advance(file.size, 0);
    return 'unchanged';
  }
  const fd = openSync(file.path, 'r');
  try {
    const first = Buffer.alloc(Math.min(PART_BYTES, file.size));
    readSync(fd, first, 0, first.length, 0);
    const binary = looksBinary(first);
    if (binary) throw createError(ERRORS.INPUT_BINARY, `not text (${binary}); skipped`, file.display);
    const head = decode(first.subarray(0, Math.min(first.length, 256 * 1024)));
    const sniffed = sniffCharset(first);
    const charset = sniffed?.charset ?? head.charset;
    const format = opts.format ?? detectFormat(file.display, head.text.slice(0, 4096));
    if (!LINE_FORMATS.has(format)) {
      throw createError(
        ERRORS.INPUT_TOO_LARGE,
        `${format} input of ${mib(file.size)} is over the ${mib(LARGE_FILE_BYTES)} limit for whole-document formats; split it first`,
        file.display,
      );
    }
    const decoder = new TextDecoder(charset, { fatal: false, ignoreBOM: false });
    const capture = buildCapture(hash, file.size, file, run.source.id);
    let carry = '';
    let csvHeader: string | null = null;
    let position = 0;
    let seq = 0;
    let part = 0;
    const seenIds = new Map<string, number>();
    const buf = Buffer.alloc(PART_BYTES);
    while (position < file.size) {
      const n = readSync(fd, buf, 0, PART_BYTES, position);
      if (n <= 0) break;
      position += n;
      const last = position >= file.size;
      const bytes = Buffer.from(buf.subarray(0, n));
      let text = carry + timer.time('decode', () => decoder.decode(bytes, { stream: !last }));
      carry = '';
      if (!last) {
        const cut = cutPoint(text);
        carry = text.slice(cut);
        text = text.slice(0, cut);
      }
      if (format === 'csv') {
        if (csvHeader === null) csvHeader = text.slice(0, text.indexOf('\n') + 1);
        else text = csvHeader + text;
      }
      // Every part keeps the file's origin key, so an edited file replaces all its old parts; the
      // occurrence counter runs across parts so repeated texts still get distinct ids.
      const doc = buildDocument(rc, run, file, file.originKey, capture, format, charset, text, part, seenIds);
      if (doc) doc.document.metadata.part = part;
      const unit: IngestUnit = {
        capture,
        chunks: [{ seq: seq++, bytes }],
        documents: doc ? [doc] : [],
        final: last,
        lineKeys: doc ? { sourceId: run.source.id, keys: doc.lineKeys } : undefined,
      };
      await writer.add(unit);
      advance(n, doc?.items.length ?? 0);
      part++;
    }
    return 'added';
  } finally {
    closeSync(fd);
  }
}

/** Where to end a part: after the last newline, else the last space, else a whole code point. */
function cutPoint(text: string): number {
  const nl = text.lastIndexOf('\n');
  if (nl > text.length / 2) return nl + 1;
  const sp = text.lastIndexOf(' ');
  if (sp > text.length / 2) return sp + 1;
  let cut = text.length;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return cut;
}

interface BuiltDocument {
  document: DocumentRecord;
  items: Item[];
  annotations: Annotation[];
  lineKeys: string[];
  enrichedBy: Producer[];
}

/** Parse, normalise, clean, segment and enrich one decoded document. Pure but for timing. */
function buildDocument(
  rc: RunContext,
  run: SourceRun,
  file: InputFile,
  originKey: string,
  capture: Capture,
  format: Format,
  charset: string,
  text: string,
  part: number | null = null,
  seenIds: Map<string, number> = new Map(),
  preParsed?: ParsedDocument,
): BuiltDocument | null {
  const { opts, enrichers, languages, timer, report } = rc;
  const parsed: ParsedDocument = preParsed ?? timer.time('parse', () => parseDocument(format, text, { inputName: file.display, fields: opts.fields }));
  for (const w of parsed.warnings) {
    report.warnings.push({ input: file.display, reason: w.line !== undefined && !w.message.includes(`line ${w.line}`) ? `line ${w.line}: ${w.message}` : w.message });
  }
  const documentId = part === null ? stableId('doc', capture.sha256, originKey) : stableId('doc', capture.sha256, originKey, part);
  const drafts: Array<{ parsed: ParsedItem; start: number; end: number; titleRaw: string | null }> = [];
  let docText: string;
  const metadata: Record<string, unknown> = { ...parsed.metadata, charset, origin: file.display };
  const lineKeys = new Set<string>();

  if (parsed.text !== undefined) {
    const norm = timer.time('normalise', () => normalise(parsed.text ?? ''));
    const cleaned = timer.time('clean', () => clean(norm.text, { repeatedLines: run.repeated }));
    docText = cleaned.text;
    metadata.removedLines = cleaned.removed.length;
    for (const line of norm.text.split('\n')) if (line.length >= 2 && line.length <= 160) lineKeys.add(lineKey(line));
    const segments = timer.time('segment', () => segment(docText, opts.segment ?? 'auto', { markdown: format === 'markdown' }));
    // Where each item sits in the decoded capture text, before normalising and cleaning: the
    // item's provenance down to the characters it was made from.
    const toRaw = composeMaps(cleaned.map, norm.map);
    const rawConv = new OffsetConverter(parsed.text ?? '');
    for (const s of segments) {
      const rawOffsets = { start: rawConv.toCp(toOriginal(toRaw, s.bodyStart)), end: rawConv.toCp(toOriginalEnd(toRaw, s.bodyEnd)) };
      drafts.push({
        parsed: {
          kind: 'post',
          key: null,
          parentKey: null,
          title: s.title,
          author: s.byline ?? null,
          url: s.url ?? null,
          rawDate: s.dateText,
          text: docText.slice(s.bodyStart, s.bodyEnd),
          metadata: {
            rawOffsets,
            ...(s.titleRaw && s.titleRaw !== s.title ? { titleRaw: s.titleRaw } : {}),
            ...forwardOrigin(docText.slice(s.bodyStart, Math.min(s.bodyEnd, s.bodyStart + 200))),
          },
        },
        start: s.bodyStart,
        end: s.bodyEnd,
        titleRaw: s.titleRaw,
      });
    }
  } else {
    const parts: string[] = [];
    let offset = 0;
    for (const item of parsed.items) {
      const norm = timer.time('normalise', () => normalise(item.text).text);
      const cleaned = timer.time('clean', () => clean(norm, { repeatedLines: run.repeated }).text);
      if (!cleaned.trim()) continue;
      if (parts.length > 0) offset += 2;
      drafts.push({ parsed: { ...item, text: cleaned }, start: offset, end: offset + cleaned.length, titleRaw: null });
      parts.push(cleaned);
      offset += cleaned.length;
    }
    docText = parts.join('\n\n');
  }

  if (drafts.length === 0) {
    report.warnings.push({ input: file.display, reason: 'no items found: the text is empty or only boilerplate' });
  }

  const docConv = new OffsetConverter(docText);
  const ctx: EnrichContext = { dateOrder: run.dateOrder, languages };
  const items: Item[] = [];
  const annotations: Annotation[] = [];
  const keyToId = new Map<string, string>();

  for (const [ordinal, d] of drafts.entries()) {
    const itemText = d.parsed.text;
    const contentHash = sha256(foldForMatching(itemText).replace(/\s+/g, ' ').trim());
    const baseId = stableId(run.source.id, originKey, contentHash);
    const n = seenIds.get(baseId) ?? 0;
    seenIds.set(baseId, n + 1);
    const id = n === 0 ? baseId : stableId(run.source.id, originKey, contentHash, n);
    if (d.parsed.key) keyToId.set(d.parsed.key, id);

    const input: EnrichInput = {
      text: itemText,
      title: d.parsed.title ? oneLine(d.parsed.title) : null,
      rawDate: d.parsed.rawDate,
      publishedAt: null,
      datePrecision: null,
      language: null,
    };
    let language = 'und';
    let languageConfidence = 0;
    const itemConv = new OffsetConverter(itemText);
    for (const e of enrichers) {
      const res = timer.time(e.id, () => e.run(input, ctx));
      const p = res.patch;
      if (p) {
        if (p.language !== undefined) {
          language = p.language;
          input.language = p.language;
        }
        if (p.languageConfidence !== undefined) languageConfidence = p.languageConfidence;
        if (p.publishedAt !== undefined) input.publishedAt = p.publishedAt;
        if (p.datePrecision !== undefined) input.datePrecision = p.datePrecision;
      }
      for (const span of res.spans) {
        annotations.push({
          itemId: id,
          layer: span.layer,
          label: span.label,
          start: itemConv.toCp(span.start),
          end: itemConv.toCp(span.end),
          value: span.value,
          confidence: span.confidence,
          producer: { id: e.id, version: e.version },
        });
      }
    }
    items.push({
      id,
      sourceId: run.source.id,
      documentId,
      kind: d.parsed.kind,
      parentId: null,
      ordinal,
      title: input.title,
      author: d.parsed.author ? oneLine(d.parsed.author) : null,
      url: d.parsed.url,
      publishedAt: input.publishedAt,
      datePrecision: input.publishedAt ? input.datePrecision : null,
      language,
      languageConfidence,
      text: itemText,
      start: docConv.toCp(d.start),
      end: docConv.toCp(d.end),
      contentHash,
      metadata: { ...d.parsed.metadata, ...(d.parsed.key ? { key: d.parsed.key } : {}), ...(d.parsed.rawDate ? { rawDate: d.parsed.rawDate } : {}) },
    });
  }
  for (const [i, d] of drafts.entries()) {
    const item = items[i];
    if (item && d.parsed.parentKey) item.parentId = keyToId.get(d.parsed.parentKey) ?? null;
  }

  const document: DocumentRecord = {
    id: documentId,
    captureId: capture.id,
    sourceId: run.source.id,
    originKey,
    format,
    charset,
    title: parsed.title ? oneLine(parsed.title) : null,
    text: docText,
    metadata: { ...metadata, ...(parsed.sourceHint ? { sourceHint: parsed.sourceHint } : {}) },
    createdAt: capture.receivedAt,
  };
  return { document, items, annotations, lineKeys: [...lineKeys], enrichedBy: enrichers.map((e) => ({ id: e.id, version: e.version })) };
}

// Messages copied out of Telegram or forwarded in chats start with where they came from.
const FORWARDED = /^\[?(?:forwarded from|переслано от|переслано з|пересланное сообщение от)\s*:?\s*([^\]\n]{1,80})\]?\s*(?:\n|$)/iu;

/** `{ forwardedFrom }` when a text starts with "[Forwarded from X]" or its Russian/Ukrainian form. */
function forwardOrigin(head: string): { forwardedFrom?: string } {
  const m = FORWARDED.exec(head);
  return m?.[1] ? { forwardedFrom: m[1].trim() } : {};
}

function buildCapture(hash: string, size: number, file: InputFile, sourceId: string): Capture {
  return {
    id: hash,
    sha256: hash,
    size,
    origin: file.path === '-' ? 'stdin' : file.path,
    sourceId,
    receivedAt: new Date().toISOString(),
    mediaType: null,
  };
}

function guessSourceKind(files: InputFile[]): string {
  const names = files.map((f) => f.display.toLowerCase());
  if (names.every((n) => n === 'standard input')) return 'stdin';
  if (names.some((n) => n.endsWith('result.json'))) return 'channel';
  if (names.some((n) => /\.(rss|atom|xml)$/.test(n))) return 'feed';
  if (names.some((n) => /\.html?$/.test(n))) return 'site';
  if (names.some((n) => /\.(csv|tsv|jsonl|ndjson|json)$/.test(n))) return 'export';
  return 'dump';
}

function addCounts(report: IngestReport, c: { itemsAdded: number; itemsUpdated: number; itemsRemoved: number }): void {
  report.items.added += c.itemsAdded;
  report.items.updated += c.itemsUpdated;
  report.items.removed += c.itemsRemoved;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}

function describe(err: unknown): string {
  if (err instanceof NarrascopeError) return err.message;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOENT') return 'no such file (it disappeared during the run)';
  return err instanceof Error ? err.message : String(err);
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    total += b.length;
    if (total > STDIN_LIMIT) {
      throw createError(ERRORS.INPUT_TOO_LARGE, `standard input is over ${mib(STDIN_LIMIT)}; save it to a file and ingest the file`, 'standard input');
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Accumulates wall time per stage; stages nest only in the ingest loop, never inside each other. */
class StageTimer {
  constructor(private readonly ms: Record<string, number>) {}
  time<T>(stage: string, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.ms[stage] = (this.ms[stage] ?? 0) + performance.now() - t0;
    }
  }
  async timeAsync<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.ms[stage] = (this.ms[stage] ?? 0) + performance.now() - t0;
    }
  }
}
