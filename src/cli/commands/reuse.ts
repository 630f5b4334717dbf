import { createError, ERRORS } from '../../core/errors.js';
import type { Annotation } from '../../core/types.js';
import { PassageIndex, type Passage } from '../../reuse/passages.js';
import type { Store } from '../../store/store.js';
import { clip, out, sourceMap, withStore, type GlobalOptions } from '../common.js';
import { createCountProgress } from '../progress.js';

/** The producer of `reuse` annotations; bump the version when passages come out differently. */
export const REUSE_PRODUCER = { id: 'reuse', version: '1.0.0' } as const;

interface ReuseFlags extends GlobalOptions {
  minWords: number;
  source?: string;
  sameSource?: boolean;
  limit?: number;
}

/** What each `reuse` annotation's value holds (JSON): enough for a reader to link the occurrences. */
export interface ReuseSpanValue {
  passage: string;
  first: boolean;
  firstItem: string;
  occurrences: number;
  sources: number;
  words: number;
}

/**
 * `narrascope reuse`: passages of at least --min-words words shared by several items, with their
 * occurrences in time order. The whole corpus is aligned on each run (new items can reveal that an
 * old stretch was copied), and the result replaces the `reuse` spans of the previous run.
 */
export async function runReuse(flags: ReuseFlags): Promise<number> {
  if (!Number.isInteger(flags.minWords) || flags.minWords < 5) {
    throw createError(ERRORS.USAGE, `--min-words must be an integer of at least 5, got ${String(flags.minWords)}`, '--min-words');
  }
  return withStore(flags, async (store) => {
    const sources = await sourceMap(store);
    let sourceId: string | undefined;
    if (flags.source !== undefined) {
      const s = await store.getSource(flags.source);
      if (!s) {
        throw createError(ERRORS.USAGE, `unknown source; known sources: ${[...sources.values()].map((x) => x.name).join(', ') || '(none yet)'}`, flags.source);
      }
      sourceId = s.id;
    }
    const { passages, titles, items: done } = await storePassages(store, { minWords: flags.minWords, sameSource: flags.sameSource ?? false });

    const shown = (sourceId === undefined ? passages : passages.filter((p) => p.occurrences.some((o) => o.source === sourceId))).slice(
      0,
      flags.limit ?? Number.POSITIVE_INFINITY,
    );
    const sourceName = (id: string): string => sources.get(id)?.name ?? id;
    for (const p of shown) {
      if (flags.json) {
        const first = p.occurrences[0];
        await out(
          `${JSON.stringify({
            id: p.id,
            text: p.text,
            words: p.words,
            sources: p.sources,
            firstSeen: first ? { item: first.itemId, source: sourceName(first.source), publishedAt: first.publishedAt } : null,
            occurrences: p.occurrences.map((o) => ({
              item: o.itemId,
              source: sourceName(o.source),
              title: titles.get(o.itemId) ?? null,
              publishedAt: o.publishedAt,
              start: o.cpStart,
              end: o.cpEnd,
              words: o.words,
              first: o.first,
            })),
          })}\n`,
        );
      } else {
        await out(`${p.words} words in ${p.occurrences.length} items from ${p.sources} sources: “${clip(p.text, 90)}”\n`);
        for (const o of p.occurrences) {
          await out(`  ${o.first ? 'first' : '     '}  ${(o.publishedAt ?? '—').padEnd(10)}  ${clip(sourceName(o.source), 22).padEnd(22)}  ${o.itemId} [${o.cpStart}, ${o.cpEnd})\n`);
        }
      }
    }
    const occurrences = passages.reduce((n, p) => n + p.occurrences.length, 0);
    process.stderr.write(
      `${passages.length} shared passage(s) of ≥ ${flags.minWords} words, ${occurrences} occurrence(s) in ${done} item(s)` +
        `${sourceId === undefined ? '' : `; ${shown.length} with an occurrence in ${flags.source ?? ''}`}; stored as reuse spans\n`,
    );
    return 0;
  });
}

/**
 * Aligns every stored item, stores the shared passages as `reuse` spans (replacing the previous
 * run's) and returns them with the titles of their items.
 */
export async function storePassages(
  store: Store,
  opts: { minWords: number; sameSource?: boolean },
): Promise<{ passages: Passage[]; titles: Map<string, string>; items: number }> {
  const index = new PassageIndex({ minWords: opts.minWords, sameSource: opts.sameSource ?? false });
  const titles = new Map<string, string>();
  const total = await store.countItems();
  const progress = createCountProgress('items aligned', total);
  let done = 0;
  for await (const item of store.iterateItems()) {
    index.add({ id: item.id, source: item.sourceId, publishedAt: item.publishedAt, text: item.text });
    titles.set(item.id, item.title ?? clip(item.text, 70));
    if (++done % 200 === 0) progress.tick(done);
  }
  progress.stop();
  const passages = index.passages();
  await store.replaceProducerAnnotations(REUSE_PRODUCER.id, passages.flatMap(toAnnotations));
  return { passages, titles, items: done };
}

function toAnnotations(p: Passage): Annotation[] {
  const first = p.occurrences[0];
  return p.occurrences.map((o) => {
    const value: ReuseSpanValue = {
      passage: p.id,
      first: o.first,
      firstItem: first?.itemId ?? o.itemId,
      occurrences: p.occurrences.length,
      sources: p.sources,
      words: o.words,
    };
    return {
      itemId: o.itemId,
      layer: 'reuse',
      label: 'passage',
      start: o.cpStart,
      end: o.cpEnd,
      value: JSON.stringify(value),
      confidence: 1,
      producer: { ...REUSE_PRODUCER },
    };
  });
}
