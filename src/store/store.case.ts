// The shared conformance suite: every Store backend runs it (see sqlite/sqlite.test.ts).
// It checks behaviour through the Store interface only, never through SQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAnnotation, buildItem } from '../../test/factories.js';
import { cpLength, cpSlice } from '../core/codepoints.js';
import { sha256, stableId } from '../core/hash.js';
import type { Annotation, Capture, DocumentRecord, Item, Source } from '../core/types.js';
import type { DocumentWrite, IngestUnit, Store } from './store.js';

interface PostSpec {
  title?: string | null;
  text: string;
  publishedAt?: string | null;
  datePrecision?: Item['datePrecision'];
  language?: string;
  /** Force an id (an edited item that keeps its identity); by default the id follows the content. */
  id?: string;
  metadata?: Record<string, unknown>;
}

function captureOf(source: Source, bytes: Uint8Array, origin: string): Capture {
  const hash = sha256(bytes);
  return {
    id: hash,
    sha256: hash,
    size: bytes.byteLength,
    origin,
    sourceId: source.id,
    receivedAt: '2024-06-01T12:00:00.000Z',
    mediaType: 'text/plain',
    headers: null,
  };
}

/** A document whose text is the posts joined by blank lines, with items at their code point offsets. */
function documentWrite(
  source: Source,
  capture: Capture,
  originKey: string,
  posts: PostSpec[],
  docId = stableId('doc', capture.id, originKey),
): DocumentWrite {
  let text = '';
  const items: Item[] = [];
  posts.forEach((p, ordinal) => {
    if (text) text += '\n\n';
    const block = p.title ? `${p.title}\n${p.text}` : p.text;
    const start = cpLength(text);
    text += block;
    items.push(
      buildItem({
        id: p.id ?? stableId(source.id, originKey, p.text),
        sourceId: source.id,
        documentId: docId,
        ordinal,
        title: p.title ?? null,
        text: p.text,
        publishedAt: p.publishedAt ?? null,
        datePrecision: p.datePrecision ?? (p.publishedAt ? 'day' : null),
        language: p.language ?? 'en',
        start: start + (p.title ? cpLength(p.title) + 1 : 0),
        end: start + cpLength(block),
        contentHash: sha256(p.text.toLowerCase()),
        metadata: p.metadata ?? {},
      }),
    );
  });
  const document: DocumentRecord = {
    id: docId,
    captureId: capture.id,
    sourceId: source.id,
    originKey,
    format: 'text',
    charset: 'utf-8',
    title: null,
    text,
    metadata: {},
    createdAt: '2024-06-01T12:00:01.000Z',
  };
  return { document, items, annotations: [] };
}

/** One final unit holding the whole file as one document. */
function fileUnit(source: Source, originKey: string, posts: PostSpec[], annotate?: (items: Item[]) => Annotation[]): IngestUnit {
  const bytes = Buffer.from(posts.map((p) => `${p.title ?? ''}\n${p.text}`).join('\n\n'), 'utf8');
  const capture = captureOf(source, bytes, `/corpus/${originKey}`);
  const write = documentWrite(source, capture, originKey, posts);
  write.annotations = annotate ? annotate(write.items) : [];
  return { capture, chunks: [{ seq: 0, bytes }], documents: [write], final: true };
}

function itemAt(items: Item[], i: number): Item {
  const item = items[i];
  if (!item) throw new Error(`no item ${i}`);
  return item;
}

const LEDGER_POSTS: PostSpec[] = [
  {
    title: 'Harbour Council Hides the Ferry Contract (3.4.2024)',
    text: 'Councillor Edwin Marsh promised open books. The ferry contract is still secret.',
    publishedAt: '2024-04-03',
  },
  {
    title: 'Тайна моста в Светлогорске',
    text: 'Депутат Игорь Веснин обещал отремонтировать мост к маю. Мост закрыт до сих пор.',
    publishedAt: '2024-04-10',
    language: 'ru',
  },
  {
    title: 'Who Paid for the Grain Report?',
    text: 'The Valdoria Institute will not say who funded its grain report. Wake up!',
    publishedAt: '2024-05',
    datePrecision: 'month',
  },
];

/** Run the Store conformance suite against a backend; `open` must return a fresh, empty store. */
export function runStoreConformance(name: string, open: () => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    async function ledger(): Promise<Source> {
      return store.upsertSource({ name: 'Northgate Ledger', kind: 'blog', url: 'https://ledger.example.org/' });
    }

    describe('sources', () => {
      it('creates a source once per name and returns the stored record on every upsert', async () => {
        const first = await store.upsertSource({ name: 'Вечерний курьер', kind: 'feed' });
        const again = await store.upsertSource({ name: 'Вечерний курьер', kind: 'feed', url: 'https://kurier.example.ru/rss' });
        expect(again.id).toBe(first.id);
        expect(again.createdAt).toBe(first.createdAt);
        // A later ingest may add what the first did not know, without overwriting.
        expect(again.url).toBe('https://kurier.example.ru/rss');
        const third = await store.upsertSource({ name: 'Вечерний курьер', kind: 'feed', url: 'https://other.example/' });
        expect(third.url).toBe('https://kurier.example.ru/rss');
        expect((await store.listSources()).map((s) => s.name)).toEqual(['Вечерний курьер']);
        expect(await store.getSource(first.id)).toEqual(third);
        expect(await store.getSource('Вечерний курьер')).toEqual(third);
        expect(await store.getSource('No Such Channel')).toBeNull();
      });

      it('lists source records without reading items', async () => {
        const s = await ledger();
        await store.upsertSource({ name: 'Zvezda', kind: 'channel' });
        expect((await store.listSourceRecords()).map((x) => x.name)).toEqual(['Northgate Ledger', 'Zvezda']);
        expect((await store.listSourceRecords())[0]).toEqual(s);
      });

      it('sets and clears the date order of a source', async () => {
        const s = await ledger();
        expect(s.dateOrder).toBeNull();
        await store.setSourceDateOrder(s.id, 'dmy');
        expect((await store.getSource(s.id))?.dateOrder).toBe('dmy');
        await store.setSourceDateOrder(s.id, null);
        expect((await store.getSource(s.id))?.dateOrder).toBeNull();
        await expect(store.setSourceDateOrder('missing-source', 'mdy')).rejects.toThrow(/missing-source/);
      });
    });

    describe('writeIngest', () => {
      it('stores the capture row only with the final unit', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger-2024.txt', LEDGER_POSTS);
        const counts = await store.writeIngest({ ...unit, final: false });
        expect(counts).toEqual({ itemsAdded: 3, itemsUpdated: 0, itemsRemoved: 0 });
        expect(await store.findCapture(unit.capture.id)).toBeNull();
        expect(await store.readCaptureBytes(unit.capture.id)).toBeNull();
        expect(await store.countItems()).toBe(3);

        // The rerun after an interrupted ingest repeats the unit: nothing is added twice.
        const rerun = await store.writeIngest(unit);
        expect(rerun).toEqual({ itemsAdded: 0, itemsUpdated: 3, itemsRemoved: 0 });
        expect(await store.findCapture(unit.capture.id)).toEqual(unit.capture);
        expect(await store.listCaptures(s.id)).toEqual([unit.capture]);
        expect(await store.listCaptures()).toEqual([unit.capture]);
        expect(await store.listCaptures('other-source')).toEqual([]);
        expect(await store.countItems()).toBe(3);
      });

      it('keeps the response headers of a fetched capture', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger-2024.txt', LEDGER_POSTS);
        const headers = { ':status': '200', etag: 'W/"5f2-ledger"', 'content-type': 'text/plain; charset=utf-8', 'last-modified': 'Mon, 03 Jun 2024 08:00:00 GMT' };
        const capture = { ...unit.capture, origin: 'https://ledger.example.org/2024.txt', headers };
        await store.writeIngest({ ...unit, capture });
        expect((await store.findCapture(capture.id))?.headers).toEqual(headers);
        expect((await store.listCaptures(s.id))[0]?.headers).toEqual(headers);
      });

      it('adds nothing when the same unit is written again', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger-2024.txt', LEDGER_POSTS, (items) => [
          buildAnnotation({ itemId: itemAt(items, 0).id, layer: 'date', label: 'date', start: 0, end: 8, value: '2024-04-03' }),
        ]);
        await store.writeIngest(unit);
        const before = await store.stats();
        const counts = await store.writeIngest(unit);
        expect(counts.itemsAdded).toBe(0);
        expect(counts.itemsRemoved).toBe(0);
        expect(counts.itemsUpdated).toBe(3);
        expect(await store.stats()).toEqual(before);
        const bytes = await store.readCaptureBytes(unit.capture.id);
        expect(Buffer.from(bytes ?? []).equals(Buffer.from(unit.chunks[0]?.bytes ?? []))).toBe(true);
      });

      it('applies an edited file: unchanged items kept, new added, missing removed with their annotations', async () => {
        const s = await ledger();
        const v1 = fileUnit(s, 'ledger-2024.txt', LEDGER_POSTS, (items) =>
          items.map((it) => buildAnnotation({ itemId: it.id, layer: 'entity', label: 'person', start: 0, end: 4 })),
        );
        await store.writeIngest(v1);
        const v1Items = v1.documents[0]?.items ?? [];
        const kept = itemAt(v1Items, 0);
        const dropped = itemAt(v1Items, 2);

        const edited: PostSpec[] = [
          LEDGER_POSTS[0] ?? { text: '' },
          { ...(LEDGER_POSTS[1] ?? { text: '' }), text: 'Депутат Игорь Веснин обещал отремонтировать мост к июню. Мост закрыт до сих пор.' },
          { title: 'Mayor Quinn Blames the Weather', text: 'Ferry prices rose again. The weather does not sign contracts.', publishedAt: '2024-06-02' },
        ];
        const v2 = fileUnit(s, 'ledger-2024.txt', edited);
        expect(v2.capture.id).not.toBe(v1.capture.id);
        const counts = await store.writeIngest(v2);
        expect(counts).toEqual({ itemsAdded: 2, itemsUpdated: 1, itemsRemoved: 2 });

        const items = await store.listItems({ sourceId: s.id });
        expect(items.map((i) => i.text)).toEqual(edited.map((p) => p.text));
        const newDoc = v2.documents[0]?.document;
        expect(items.every((i) => i.documentId === newDoc?.id)).toBe(true);
        // The kept item keeps its annotation; the removed one takes its annotations with it.
        expect((await store.getItem(kept.id))?.documentId).toBe(newDoc?.id);
        expect(await store.listAnnotations(kept.id)).toHaveLength(1);
        expect(await store.getItem(dropped.id)).toBeNull();
        expect(await store.listAnnotations(dropped.id)).toEqual([]);
        expect((await store.stats()).annotations).toBe(1);
        // The earlier document is gone; both captures stay, as the chain of custody.
        expect(await store.getDocument(v1.documents[0]?.document.id ?? '')).toBeNull();
        expect(await store.getDocument(newDoc?.id ?? '')).toEqual(newDoc);
        expect((await store.listCaptures(s.id)).map((c) => c.id).sort()).toEqual([v1.capture.id, v2.capture.id].sort());
      });

      it('replaces the items of a document rewritten under the same id', async () => {
        const s = await ledger();
        const capture = captureOf(s, Buffer.from('ledger v1'), '/corpus/ledger.txt');
        const first = documentWrite(s, capture, 'ledger.txt', LEDGER_POSTS, 'doc-fixed');
        await store.writeIngest({ capture, chunks: [], documents: [first], final: true });
        const second = documentWrite(s, capture, 'ledger.txt', LEDGER_POSTS.slice(0, 1), 'doc-fixed');
        const counts = await store.writeIngest({ capture, chunks: [], documents: [second], final: true });
        expect(counts).toEqual({ itemsAdded: 0, itemsUpdated: 1, itemsRemoved: 2 });
        expect(await store.countItems({ documentId: 'doc-fixed' })).toBe(1);
      });

      it('keeps every part of a capture written over several units, and replaces the old version at the end', async () => {
        const s = await ledger();
        const old = fileUnit(s, 'big.txt', [{ text: 'An old post that the new file no longer has.' }]);
        await store.writeIngest(old);
        const bytes = Buffer.from('part one\npart two\n');
        const capture = captureOf(s, bytes, '/corpus/big.txt');
        const part1 = documentWrite(s, capture, 'big.txt', [{ text: 'The first half of a very large dump.' }], 'big-part-1');
        const part2 = documentWrite(s, capture, 'big.txt', [{ text: 'The second half of a very large dump.' }], 'big-part-2');
        const c1 = await store.writeIngest({ capture, chunks: [{ seq: 0, bytes: bytes.subarray(0, 9) }], documents: [part1], final: false });
        expect(c1).toEqual({ itemsAdded: 1, itemsUpdated: 0, itemsRemoved: 0 });
        // Until the capture is complete, the old version stays readable.
        expect(await store.countItems({ sourceId: s.id })).toBe(2);
        const c2 = await store.writeIngest({ capture, chunks: [{ seq: 1, bytes: bytes.subarray(9) }], documents: [part2], final: true });
        expect(c2).toEqual({ itemsAdded: 1, itemsUpdated: 0, itemsRemoved: 1 });
        expect((await store.listItems({ sourceId: s.id })).map((i) => i.text)).toEqual([
          'The first half of a very large dump.',
          'The second half of a very large dump.',
        ]);
        expect(Buffer.from((await store.readCaptureBytes(capture.id)) ?? []).equals(bytes)).toBe(true);
      });

      it('replaces annotations per producer and keeps human reviews', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger.txt', LEDGER_POSTS.slice(0, 1));
        const item = itemAt(unit.documents[0]?.items ?? [], 0);
        const dates = { id: 'dates', version: '1.0.0' };
        const entities = { id: 'entities', version: '1.0.0' };
        const write = unit.documents[0];
        if (!write) throw new Error('no document');
        write.annotations = [
          buildAnnotation({ itemId: item.id, layer: 'date', label: 'date', start: 0, end: 5, value: '2024-04-03', producer: dates }),
          buildAnnotation({ itemId: item.id, layer: 'entity', label: 'person', start: 11, end: 22, value: 'Edwin Marsh', producer: entities }),
          buildAnnotation({
            itemId: item.id, layer: 'date', label: 'date', start: 30, end: 35, value: '2024-04', producer: dates,
            review: { reviewer: 'analyst@example.org', at: '2024-06-03T09:00:00.000Z', status: 'accepted' },
          }),
        ];
        await store.writeIngest(unit);
        expect(await store.listAnnotations(item.id)).toHaveLength(3);

        write.annotations = [
          buildAnnotation({ itemId: item.id, layer: 'date', label: 'date', start: 1, end: 6, value: '2024-04-04', producer: { id: 'dates', version: '1.1.0' } }),
        ];
        await store.writeIngest(unit);
        const after = await store.listAnnotations(item.id);
        expect(after.map((a) => [a.producer.id, a.producer.version, a.value, a.review?.reviewer ?? null])).toEqual([
          ['dates', '1.1.0', '2024-04-04', null],
          ['entities', '1.0.0', 'Edwin Marsh', null],
          ['dates', '1.0.0', '2024-04', 'analyst@example.org'],
        ]);
        const reviewed = after.find((a) => a.review);
        expect(reviewed?.review).toEqual({ reviewer: 'analyst@example.org', at: '2024-06-03T09:00:00.000Z', status: 'accepted' });
        expect(typeof reviewed?.id).toBe('number');
        expect(await store.listAnnotations(item.id, 'entity')).toHaveLength(1);
        expect(await store.listAnnotations(item.id, 'quote')).toEqual([]);
      });

      it('drops machine spans of an item whose text changed under the same id, keeping reviews', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger.txt', [{ id: 'fixed-item', text: 'Mayor Quinn met the harbour pilots on Monday.' }], (items) => [
          buildAnnotation({ itemId: itemAt(items, 0).id, start: 0, end: 11, value: 'Mayor Quinn' }),
          buildAnnotation({
            itemId: itemAt(items, 0).id, layer: 'technique', label: 'loaded_language', start: 12, end: 15,
            producer: { id: 'analyst', version: '0' },
            review: { reviewer: 'ra@example.org', at: '2024-06-04T10:00:00.000Z', status: 'added' },
          }),
        ]);
        await store.writeIngest(unit);
        const edited = fileUnit(s, 'ledger.txt', [{ id: 'fixed-item', text: 'Yesterday Mayor Quinn met the harbour pilots.' }]);
        expect(await store.writeIngest(edited)).toEqual({ itemsAdded: 0, itemsUpdated: 1, itemsRemoved: 0 });
        const left = await store.listAnnotations('fixed-item');
        expect(left.map((a) => a.review?.status)).toEqual(['added']);
      });

      it('rolls back the whole unit when part of it fails', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger.txt', LEDGER_POSTS, () => [
          buildAnnotation({ itemId: 'no-such-item', start: 0, end: 3 }),
        ]);
        await expect(store.writeIngest(unit)).rejects.toThrow(/ledger\.txt/);
        expect(await store.countItems()).toBe(0);
        expect(await store.getDocument(unit.documents[0]?.document.id ?? '')).toBeNull();
        expect(await store.findCapture(unit.capture.id)).toBeNull();
        expect((await store.stats()).documents).toBe(0);
      });

      it('keeps item signatures until the item goes', async () => {
        const s = await ledger();
        await store.writeIngest(fileUnit(s, 'ledger-sig.txt', LEDGER_POSTS));
        const first: Array<{ id: string; signature: Uint8Array | null }> = [];
        for await (const r of store.iterateSignatures()) first.push({ id: r.item.id, signature: r.signature });
        expect(first).toHaveLength(LEDGER_POSTS.length);
        expect(first.every((r) => r.signature === null)).toBe(true);
        const sig = Uint8Array.from([1, 2, 3, 250]);
        await store.putSignatures(first.map((r) => ({ itemId: r.id, signature: sig })));
        for await (const r of store.iterateSignatures()) expect([...(r.signature ?? [])]).toEqual([1, 2, 3, 250]);
        // The file edited down to its first post: the others go, and their signatures with them.
        await store.writeIngest(fileUnit(s, 'ledger-sig.txt', LEDGER_POSTS.slice(0, 1)));
        const after: string[] = [];
        for await (const r of store.iterateSignatures()) if (r.signature) after.push(r.item.id);
        expect(after).toHaveLength(1);
      });

      it('records which enrichers ran on ingested items, and forgets it when the text changes', async () => {
        const s = await ledger();
        const language = { id: 'language', version: '1.2.0' };
        const unit = fileUnit(s, 'ledger-enriched.txt', [{ id: 'kept-item', text: 'Mayor Quinn met the harbour pilots on Monday.' }]);
        const write = unit.documents[0];
        if (!write) throw new Error('no document');
        write.enrichedBy = [language];
        await store.writeIngest(unit);
        expect([...(await store.enrichedItems(language))]).toEqual(['kept-item']);
        expect((await store.enrichedItems({ id: 'language', version: '1.3.0' })).size).toBe(0);
        const edited = fileUnit(s, 'ledger-enriched.txt', [{ id: 'kept-item', text: 'On Monday Mayor Quinn met the harbour pilots.' }]);
        await store.writeIngest(edited);
        expect((await store.enrichedItems(language)).size).toBe(0);
      });

      it('applies enrichment results: spans replaced per producer, fields patched, reviews kept', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger.txt', LEDGER_POSTS.slice(0, 2));
        const [first, second] = unit.documents[0]?.items ?? [];
        if (!first || !second) throw new Error('no items');
        await store.writeIngest(unit);
        const quotes = { id: 'quotes', version: '1.0.0' };
        const reviewed = buildAnnotation({
          itemId: first.id, layer: 'quote', label: 'quote', start: 0, end: 10, producer: quotes,
          review: { reviewer: 'ra@example.org', at: '2024-06-04T10:00:00.000Z', status: 'added' },
        });
        await store.applyEnrichment([
          { itemId: first.id, producers: [quotes], annotations: [reviewed, buildAnnotation({ itemId: first.id, layer: 'quote', label: 'quote', start: 12, end: 20, producer: quotes })] },
        ]);
        expect(await store.listAnnotations(first.id, 'quote')).toHaveLength(2);
        // A second run finds nothing: the machine span goes, the reviewed one stays, both items are done.
        await store.applyEnrichment([
          { itemId: first.id, producers: [quotes], annotations: [] },
          { itemId: second.id, producers: [quotes], annotations: [], patch: { language: 'uk', languageConfidence: 0.9, publishedAt: '2024-04-11', datePrecision: 'day' } },
          { itemId: 'gone-meanwhile', producers: [quotes], annotations: [] },
        ]);
        expect((await store.listAnnotations(first.id, 'quote')).map((a) => a.review?.status)).toEqual(['added']);
        expect([...(await store.enrichedItems(quotes))].sort()).toEqual([first.id, second.id].sort());
        const patched = await store.getItem(second.id);
        expect([patched?.language, patched?.languageConfidence, patched?.publishedAt, patched?.datePrecision]).toEqual(['uk', 0.9, '2024-04-11', 'day']);
        const untouched = await store.getItem(first.id);
        expect(untouched?.publishedAt).toBe('2024-04-03');
      });

      it('replaces one producer\'s annotations across the corpus and streams a layer with item fields', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger.txt', LEDGER_POSTS);
        const items = unit.documents[0]?.items ?? [];
        await store.writeIngest(unit);
        const reuse = { id: 'reuse', version: '1.0.0' };
        const span = (item: Item, value: string): Annotation =>
          buildAnnotation({ itemId: item.id, layer: 'reuse', label: 'passage', start: 0, end: 8, value, producer: reuse });
        await store.replaceProducerAnnotations('reuse', [span(itemAt(items, 0), 'p1'), span(itemAt(items, 1), 'p1'), span(itemAt(items, 2), 'p2')]);
        await store.replaceProducerAnnotations('reuse', [span(itemAt(items, 0), 'p3'), span(itemAt(items, 2), 'p3'), span({ ...itemAt(items, 0), id: 'no-such-item' }, 'p3')]);
        const seen: Array<[string, string | null, string | null]> = [];
        for await (const r of store.iterateAnnotations({ layer: 'reuse' })) seen.push([r.annotation.itemId, r.annotation.value, r.publishedAt]);
        expect(seen.sort()).toEqual(
          [
            [itemAt(items, 0).id, 'p3', '2024-04-03'],
            [itemAt(items, 2).id, 'p3', '2024-05'],
          ].sort(),
        );
        let bySource = 0;
        for await (const r of store.iterateAnnotations({ layer: 'reuse', sourceId: s.id, producerId: 'reuse' })) if (r.sourceId === s.id) bySource++;
        expect(bySource).toBe(2);
        for await (const r of store.iterateAnnotations({ layer: 'reuse', sourceId: 'another-source' })) throw new Error(`unexpected ${r.annotation.itemId}`);
        await expect(store.replaceProducerAnnotations('reuse', [buildAnnotation({ itemId: itemAt(items, 0).id })])).rejects.toThrow(/entities/);
        // A reviewed span stays through the next replace, and the same span found again is not doubled.
        const [kept] = await store.listAnnotations(itemAt(items, 0).id, 'reuse');
        await store.reviewAnnotation(kept?.id ?? -1, { reviewer: 'ra@example.org', at: '2024-06-05T10:00:00.000Z', status: 'accepted' });
        await store.replaceProducerAnnotations('reuse', [span(itemAt(items, 0), 'p3'), span(itemAt(items, 1), 'p4')]);
        expect((await store.listAnnotations(itemAt(items, 0).id, 'reuse')).map((a) => a.review?.status ?? null)).toEqual(['accepted']);
        expect(await store.listAnnotations(itemAt(items, 1).id, 'reuse')).toHaveLength(1);
        // Many spans at once (the multi-row path) keep their order and offsets.
        const many = Array.from({ length: 150 }, (_, k) => buildAnnotation({ itemId: itemAt(items, 2).id, layer: 'reuse', label: 'passage', start: k, end: k + 3, value: `m${k}`, producer: reuse }));
        await store.replaceProducerAnnotations('reuse', many);
        const back = await store.listAnnotations(itemAt(items, 2).id, 'reuse');
        expect(back.map((a) => [a.start, a.end, a.value])).toEqual(many.map((a) => [a.start, a.end, a.value]));
      });

      it('keeps reviews across reruns of the producer, adds spans by hand and counts reviews per label', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger.txt', LEDGER_POSTS.slice(0, 1));
        const item = itemAt(unit.documents[0]?.items ?? [], 0);
        const techniques = { id: 'techniques', version: '1.0.0' };
        const loaded = (start: number, end: number): Annotation =>
          buildAnnotation({ itemId: item.id, layer: 'technique', label: 'Loaded_Language', start, end, producer: techniques });
        await store.writeIngest(unit);
        await store.applyEnrichment([{ itemId: item.id, producers: [techniques], annotations: [loaded(0, 10), loaded(20, 30)] }]);
        const [a, b] = await store.listAnnotations(item.id, 'technique');
        if (a?.id === undefined || b?.id === undefined) throw new Error('no ids');
        const accepted = await store.reviewAnnotation(a.id, { reviewer: 'ra@example.org', at: '2024-06-05T10:00:00.000Z', status: 'accepted' });
        expect(accepted?.review).toEqual({ reviewer: 'ra@example.org', at: '2024-06-05T10:00:00.000Z', status: 'accepted' });
        await store.reviewAnnotation(b.id, { reviewer: 'ra@example.org', at: '2024-06-05T10:01:00.000Z', status: 'rejected' });
        expect(await store.reviewAnnotation(987654, { reviewer: 'x', at: '2024-06-05T10:00:00.000Z', status: 'accepted' })).toBeNull();
        const added = await store.addReviewedAnnotation({
          ...buildAnnotation({ itemId: item.id, layer: 'technique', label: 'Doubt', start: 40, end: 50, producer: { id: 'review', version: '1' } }),
          review: { reviewer: 'ra@example.org', at: '2024-06-05T10:02:00.000Z', status: 'added' },
        });
        expect(typeof added.id).toBe('number');
        expect((await store.getAnnotation(added.id ?? -1))?.label).toBe('Doubt');
        await expect(
          store.addReviewedAnnotation({ ...added, itemId: 'no-such-item', review: { reviewer: 'x', at: '2024-06-05T10:02:00.000Z', status: 'added' } }),
        ).rejects.toThrow(/no-such-item/);
        // The detector runs again and finds the same two spans: neither is doubled, both reviews stay.
        await store.applyEnrichment([{ itemId: item.id, producers: [techniques], annotations: [loaded(0, 10), loaded(20, 30)] }]);
        const after = await store.listAnnotations(item.id, 'technique');
        expect(after.map((x) => [x.start, x.label, x.review?.status ?? null])).toEqual([
          [0, 'Loaded_Language', 'accepted'],
          [20, 'Loaded_Language', 'rejected'],
          [40, 'Doubt', 'added'],
        ]);
        expect(await store.reviewCounts('technique')).toEqual([
          { label: 'Doubt', accepted: 0, rejected: 0, added: 1 },
          { label: 'Loaded_Language', accepted: 1, rejected: 1, added: 0 },
        ]);
      });

      it('syncs the search index idempotently', async () => {
        const s = await ledger();
        await store.writeIngest(fileUnit(s, 'ledger-sync.txt', LEDGER_POSTS));
        expect(await store.syncSearchIndex()).toBeLessThanOrEqual(LEDGER_POSTS.length);
        expect(await store.syncSearchIndex()).toBe(0);
      });

      it('writes a batch of units together, or none of them', async () => {
        const s = await ledger();
        const good = fileUnit(s, 'ledger-a.txt', LEDGER_POSTS.slice(0, 1));
        const other = fileUnit(s, 'ledger-b.txt', LEDGER_POSTS.slice(1));
        const bad = fileUnit(s, 'ledger-c.txt', LEDGER_POSTS, () => [buildAnnotation({ itemId: 'no-such-item', start: 0, end: 3 })]);
        await expect(store.writeIngestBatch([good, bad])).rejects.toThrow(/ledger-a\.txt/);
        expect(await store.countItems()).toBe(0);
        expect(await store.findCapture(good.capture.id)).toBeNull();

        const counts = await store.writeIngestBatch([good, other]);
        expect(counts.itemsAdded).toBe(LEDGER_POSTS.length);
        expect(await store.findCapture(good.capture.id)).not.toBeNull();
        expect(await store.findCapture(other.capture.id)).not.toBeNull();
        expect(await store.countItems()).toBe(LEDGER_POSTS.length);
      });
    });

    describe('reading items', () => {
      async function corpus(): Promise<{ ledger: Source; kurier: Source }> {
        const l = await ledger();
        const k = await store.upsertSource({ name: 'Вечерний курьер', kind: 'feed', languageHint: 'ru' });
        await store.writeIngest(fileUnit(l, 'ledger-2024.txt', LEDGER_POSTS));
        await store.writeIngest(
          fileUnit(k, 'feed.xml', [
            { title: 'Орлова назвала критиков агентами', text: 'Министр Алла Орлова выступила в эфире.', publishedAt: '2024-03-28', language: 'ru' },
            { title: 'Итоги года', text: 'Год выдался непростым для Нижнеборска.', publishedAt: '2023', datePrecision: 'year', language: 'ru' },
            { title: 'Без даты', text: 'Заметка без даты публикации.', language: 'ru' },
            { title: 'Harbour pilots strike', text: 'An English wire story about the harbour pilots.', publishedAt: '2024-04-30' },
          ]),
        );
        return { ledger: l, kurier: k };
      }

      it('filters by source, language, document and dates of any precision', async () => {
        const { ledger: l, kurier: k } = await corpus();
        expect(await store.countItems()).toBe(7);
        expect(await store.countItems({ sourceId: l.id })).toBe(3);
        expect(await store.countItems({ sourceId: k.id, language: 'ru' })).toBe(3);
        expect(await store.countItems({ language: 'en' })).toBe(3);
        const days = (f: Parameters<Store['listItems']>[0]) => store.listItems(f).then((r) => r.map((i) => i.publishedAt).sort());
        expect(await days({ from: '2024-04-01', to: '2024-04-30' })).toEqual(['2024-04-03', '2024-04-10', '2024-04-30']);
        // A month-precision date lies within a bound that falls inside the month.
        expect(await days({ from: '2024-05-15' })).toEqual(['2024-05']);
        expect(await days({ to: '2024-05-01', from: '2024-04-30' })).toEqual(['2024-04-30', '2024-05']);
        // A year-precision date lies within any bound in that year; undated items match no bound.
        expect(await days({ to: '2023-12-31' })).toEqual(['2023']);
        expect(await days({ from: '2023-06', to: '2023-06' })).toEqual(['2023']);
        expect(await days({ from: '2024', to: '2024' })).toEqual(['2024-03-28', '2024-04-03', '2024-04-10', '2024-04-30', '2024-05']);
        expect(await store.countItems({ from: '2025-01-01' })).toBe(0);
        const one = itemAt(await store.listItems({ sourceId: l.id }), 0);
        expect(await store.countItems({ documentId: one.documentId })).toBe(3);
      });

      it('pages with limit and offset in the stable order', async () => {
        await corpus();
        const all = await store.listItems();
        expect(all).toHaveLength(7);
        const pages = [
          ...(await store.listItems({ limit: 3 })),
          ...(await store.listItems({ limit: 3, offset: 3 })),
          ...(await store.listItems({ limit: 3, offset: 6 })),
        ];
        expect(pages.map((i) => i.id)).toEqual(all.map((i) => i.id));
        expect(await store.listItems({ offset: 7 })).toEqual([]);
        expect(await store.listItems({ language: 'ru', limit: 1, offset: 1 })).toHaveLength(1);
      });

      it('streams every item in source, document, ordinal order', async () => {
        const sources = [
          await store.upsertSource({ name: 'Zeta Forum', kind: 'forum' }),
          await store.upsertSource({ name: 'Alpha Channel', kind: 'channel' }),
        ];
        let expected = 0;
        for (const [si, s] of sources.entries()) {
          for (let f = 0; f < 3; f++) {
            const posts: PostSpec[] = [];
            for (let p = 0; p < 230; p++) {
              posts.push({
                text: p % 2 === 0 ? `Post ${si}-${f}-${p}: the harbour council met again.` : `Сообщение ${si}-${f}-${p}: совет снова собрался.`,
                language: p % 2 === 0 ? 'en' : 'ru',
              });
            }
            await store.writeIngest(fileUnit(s, `thread-${f}.txt`, posts));
            expected += posts.length;
          }
        }
        const seen: Item[] = [];
        for await (const item of store.iterateItems()) {
          // Other calls must work while a stream is open.
          if (seen.length % 400 === 0) await store.listAnnotations(item.id);
          seen.push(item);
        }
        expect(seen).toHaveLength(expected);
        expect(new Set(seen.map((i) => i.id)).size).toBe(expected);
        const key = (i: Item) => [i.sourceId, i.documentId, i.ordinal] as const;
        for (let i = 1; i < seen.length; i++) {
          const [a, b] = [key(itemAt(seen, i - 1)), key(itemAt(seen, i))];
          const ordered = a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));
          expect(ordered).toBe(true);
        }
        const listed = await store.listItems();
        expect(seen.map((i) => i.id)).toEqual(listed.map((i) => i.id));

        const ru: Item[] = [];
        for await (const item of store.iterateItems({ language: 'ru', sourceId: sources[0]?.id, offset: 10, limit: 300 })) ru.push(item);
        const ruListed = await store.listItems({ language: 'ru', sourceId: sources[0]?.id, offset: 10, limit: 300 });
        expect(ru).toHaveLength(300);
        expect(ru.map((i) => i.id)).toEqual(ruListed.map((i) => i.id));

        const documentId = itemAt(listed, 700).documentId;
        const ofDocument: string[] = [];
        for await (const item of store.iterateItems({ documentId })) ofDocument.push(item.id);
        expect(ofDocument).toHaveLength(230);
        expect(ofDocument).toEqual((await store.listItems({ documentId })).map((i) => i.id));
      });

      it('round-trips code point offsets and text with Cyrillic, emoji and combining marks', async () => {
        const s = await ledger();
        const text = 'Срочно 🔥🔥 Мэр Квинн 👉 «всё под контролем» — e\u0301te\u0301 2024 🇺🇦 конец';
        const unit = fileUnit(s, 'tg.json', [{ title: '⚡️ Молния', text, language: 'ru' }], (items) => {
          const it = itemAt(items, 0);
          const startCp = [...it.text].indexOf('М');
          return [buildAnnotation({ itemId: it.id, start: startCp, end: startCp + 9, value: 'Мэр Квинн' })];
        });
        await store.writeIngest(unit);
        const written = itemAt(unit.documents[0]?.items ?? [], 0);
        const stored = await store.getItem(written.id);
        expect(stored).toEqual(written);
        const doc = await store.getDocument(written.documentId);
        expect(doc?.text).toBe(unit.documents[0]?.document.text);
        expect(cpSlice(doc?.text ?? '', stored?.start ?? 0, stored?.end ?? 0)).toBe(text);
        const [span] = await store.listAnnotations(written.id);
        expect(cpSlice(text, span?.start ?? 0, span?.end ?? 0)).toBe('Мэр Квинн');
      });

      it('round-trips JSON metadata of documents and items', async () => {
        const s = await ledger();
        const metadata = {
          forwardedFrom: { channel: 'Взгляд с реки', messageId: 4417 },
          reactions: [{ emoji: '👍', count: 12 }, { emoji: '😡', count: 3 }],
          edited: true,
          views: null,
          ratio: 0.25,
        };
        const unit = fileUnit(s, 'result.json', [{ text: 'Пересланное сообщение о мосте.', language: 'ru', metadata }]);
        const write = unit.documents[0];
        if (!write) throw new Error('no document');
        write.document.metadata = { channel: { title: 'Тестовый канал', id: -100123 }, removedLines: [3, 7] };
        await store.writeIngest(unit);
        expect((await store.getItem(itemAt(write.items, 0).id))?.metadata).toEqual(metadata);
        expect((await store.getDocument(write.document.id))?.metadata).toEqual(write.document.metadata);
      });
    });

    describe('captures', () => {
      it('returns the exact bytes of a capture written in several chunks', async () => {
        const s = await ledger();
        const bytes = new Uint8Array(3 * 65_536 + 17);
        // Deterministic bytes covering every value, including NUL and invalid UTF-8.
        for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + (i >> 8)) & 0xff;
        const capture = captureOf(s, bytes, '/corpus/archive.bin');
        const chunks = [0, 1, 2, 3].map((seq) => ({ seq, bytes: bytes.subarray(seq * 65_536, (seq + 1) * 65_536) }));
        await store.writeIngest({ capture, chunks: chunks.slice(0, 2), documents: [], final: false });
        // A repeated chunk (a rerun) is ignored, not duplicated.
        await store.writeIngest({ capture, chunks: chunks.slice(1), documents: [], final: true });
        const back = await store.readCaptureBytes(capture.id);
        expect(back).not.toBeNull();
        expect(back?.byteLength).toBe(bytes.byteLength);
        expect(Buffer.from(back ?? []).equals(Buffer.from(bytes))).toBe(true);
        expect(sha256(back ?? new Uint8Array())).toBe(capture.sha256);
        expect(await store.readCaptureBytes(sha256('never stored'))).toBeNull();
      });

      it('refuses to return the bytes of a capture with a chunk missing', async () => {
        const s = await ledger();
        const bytes = Buffer.from('Первая часть. Вторая часть. Third part.');
        const capture = captureOf(s, bytes, '/corpus/parts.txt');
        await store.writeIngest({ capture, chunks: [{ seq: 0, bytes: bytes.subarray(0, 10) }, { seq: 2, bytes: bytes.subarray(20) }], documents: [], final: true });
        await expect(store.readCaptureBytes(capture.id)).rejects.toThrow(/incomplete/);
      });
    });

    describe('line counts', () => {
      it('counts documents per line hash and source', async () => {
        const a = await ledger();
        const b = await store.upsertSource({ name: 'Port Ellis Forum', kind: 'forum' });
        const share = sha256('Share this: Facebook Twitter');
        const loading = sha256('Loading…');
        await store.addLineCounts(a.id, [share, loading, share]);
        await store.addLineCounts(a.id, [share]);
        await store.addLineCounts(b.id, [loading]);
        await store.addLineCounts(b.id, []);
        const counts = await store.lineCounts(a.id, [share, loading, sha256('unseen line')]);
        expect([...counts.entries()]).toEqual([
          [share, 2],
          [loading, 1],
          [sha256('unseen line'), 0],
        ]);
        expect((await store.lineCounts(b.id, [share, loading])).get(loading)).toBe(1);
        expect((await store.lineCounts(b.id, [share])).get(share)).toBe(0);
        expect((await store.lineCounts(b.id, [])).size).toBe(0);
      });

      it('counts the line keys of an ingest unit in the same write', async () => {
        const s = await ledger();
        const widget = sha256('Like this: Like Loading...');
        const unit = fileUnit(s, 'ledger-lines.txt', LEDGER_POSTS);
        await store.writeIngest({ ...unit, lineKeys: { sourceId: s.id, keys: [widget, widget] } });
        expect((await store.lineCounts(s.id, [widget])).get(widget)).toBe(1);
      });
    });

    describe('copy (exportRecords → importRecords)', () => {
      /** Everything a reader can see of a store, for comparing two of them. */
      async function snapshot(s: Store): Promise<unknown> {
        const items = await s.listItems();
        const captures = await s.listCaptures();
        const sigs: Array<[string, string | null]> = [];
        for await (const r of s.iterateSignatures()) sigs.push([r.item.id, r.signature ? Buffer.from(r.signature).toString('hex') : null]);
        return {
          sources: await s.listSources(),
          captures,
          bytes: await Promise.all(captures.map(async (c) => Buffer.from((await s.readCaptureBytes(c.id)) ?? []).toString('hex'))),
          documents: await Promise.all([...new Set(items.map((i) => i.documentId))].map((id) => s.getDocument(id))),
          items,
          annotations: await Promise.all(items.map((i) => s.listAnnotations(i.id))),
          enriched: [...(await s.enrichedItems({ id: 'techniques', version: '2.0.0' }))].sort(),
          sigs,
          lines: [...(await s.lineCounts(items[0]?.sourceId ?? '', ['footer-line', 'masthead']))],
          stats: await s.stats(),
          search: await s.search({ match: '{title_stems text_stems} : "мост"', mode: 'include', filters: { sources: [], excludeSources: [], languages: [], excludeLanguages: [], authors: [], excludeAuthors: [], from: null, to: null, toExclusive: null }, limit: 10, offset: 0 }),
        };
      }

      it('moves every record, ids, reviews, bytes and signatures included, and a second import adds nothing', async () => {
        const s = await ledger();
        const unit = fileUnit(s, 'ledger-2024.txt', LEDGER_POSTS, (items) => [
          buildAnnotation({ itemId: itemAt(items, 0).id, layer: 'entity', label: 'PER', start: 11, end: 22, value: 'PER edwin marsh' }),
          buildAnnotation({ itemId: itemAt(items, 1).id, layer: 'technique', label: 'Loaded_Language', start: 0, end: 7, producer: { id: 'techniques', version: '2.0.0' } }),
        ]);
        unit.documents[0]!.enrichedBy = [{ id: 'techniques', version: '2.0.0' }];
        unit.lineKeys = { sourceId: s.id, keys: ['footer-line', 'masthead'] };
        await store.writeIngest({ ...unit, capture: { ...unit.capture, headers: { ':status': '200', etag: '"l-1"' } } });
        // An unfinished capture's chunk travels too.
        await store.writeIngest({ ...fileUnit(s, 'ledger-draft.txt', [{ text: 'Draft: the ferry audit is due in June.' }]), final: false });
        const items = await store.listItems();
        const spans = await store.listAnnotations(itemAt(items, 0).id);
        await store.reviewAnnotation(spans[0]?.id ?? -1, { reviewer: 'ra@example.org', at: '2024-06-05T10:00:00.000Z', status: 'accepted' });
        await store.addReviewedAnnotation({
          ...buildAnnotation({ itemId: itemAt(items, 2).id, layer: 'technique', label: 'Slogans', start: 60, end: 68 }),
          review: { reviewer: 'ra@example.org', at: '2024-06-05T10:03:00.000Z', status: 'added' },
        });
        await store.putSignatures([{ itemId: itemAt(items, 1).id, signature: new Uint8Array([1, 2, 3, 250]) }]);
        await store.syncSearchIndex();

        const target = await open();
        try {
          const records = [];
          for await (const r of store.exportRecords()) records.push(r);
          expect(new Set(records.map((r) => r.type))).toEqual(new Set(['source', 'chunk', 'capture', 'document', 'item', 'annotation', 'enrichment', 'signature', 'lines']));
          await target.importRecords(records.slice(0, 5));
          await target.importRecords(records);
          await target.importRecords(records);
          await target.syncSearchIndex();
          expect(await snapshot(target)).toEqual(await snapshot(store));
          // New rows after a copy get fresh ids, not the copied ones.
          const added = await target.addReviewedAnnotation({
            ...buildAnnotation({ itemId: itemAt(items, 0).id, layer: 'quote', label: 'quote', start: 0, end: 4 }),
            review: { reviewer: 'x', at: '2024-06-06T00:00:00.000Z', status: 'added' },
          });
          const ids = records.flatMap((r) => (r.type === 'annotation' ? [r.annotation.id ?? 0] : []));
          expect(added.id).toBeGreaterThan(Math.max(...ids));
        } finally {
          await target.close();
        }
      });
    });

    describe('summaries', () => {
      it('reports stats and per-source summaries', async () => {
        const l = await ledger();
        const k = await store.upsertSource({ name: 'Вечерний курьер', kind: 'feed' });
        await store.upsertSource({ name: 'Empty Folder', kind: 'folder' });
        const unit = fileUnit(l, 'ledger.txt', LEDGER_POSTS, (items) => [
          buildAnnotation({ itemId: itemAt(items, 0).id, layer: 'date', label: 'date', start: 0, end: 4 }),
          buildAnnotation({ itemId: itemAt(items, 1).id, layer: 'entity', label: 'person', start: 8, end: 20 }),
          buildAnnotation({ itemId: itemAt(items, 1).id, layer: 'entity', label: 'place', start: 30, end: 40 }),
        ]);
        await store.writeIngest(unit);
        const kUnit = fileUnit(k, 'feed.xml', [{ text: 'Короткая заметка.', language: 'ru', publishedAt: '2022-11-07' }]);
        await store.writeIngest(kUnit);

        expect(await store.stats()).toEqual({
          sources: 3,
          captures: 2,
          captureBytes: unit.capture.size + kUnit.capture.size,
          documents: 2,
          items: 4,
          annotations: 3,
          annotationsByLayer: { date: 1, entity: 2 },
          languages: { en: 2, ru: 2 },
        });
        const summaries = await store.listSources();
        const byName = new Map(summaries.map((s) => [s.name, s]));
        expect(byName.get('Northgate Ledger')).toMatchObject({
          id: l.id,
          kind: 'blog',
          items: 3,
          captures: 1,
          languages: { en: 2, ru: 1 },
          firstDate: '2024-04-03',
          lastDate: '2024-05',
        });
        expect(byName.get('Вечерний курьер')).toMatchObject({ items: 1, captures: 1, languages: { ru: 1 }, firstDate: '2022-11-07', lastDate: '2022-11-07' });
        expect(byName.get('Empty Folder')).toMatchObject({ items: 0, captures: 0, languages: {}, firstDate: null, lastDate: null });
      });
    });
  });
}
