// `narrascope narratives`: match a codebook of narratives against every item (stored as
// `narrative` spans on the matching sentences, replacing the previous run's), and count the items
// of each narrative over time.
import { OffsetConverter } from '../../core/codepoints.js';
import { createError, ERRORS } from '../../core/errors.js';
import type { Annotation } from '../../core/types.js';
import { compileNarrative, loadCodebook, matchNarratives, type Narrative } from '../../narratives/index.js';
import type { Store } from '../../store/store.js';
import { out, sourceMap, withStore, type GlobalOptions } from '../common.js';
import { createCountProgress } from '../progress.js';

export const NARRATIVES_PRODUCER = { id: 'narratives', version: '1.0.0' } as const;

export type Interval = 'day' | 'week' | 'month';

interface NarrativesFlags extends GlobalOptions {
  codebook?: string;
  by: Interval;
  source?: string;
}

/** The period an ISO date falls in, or null when the date is coarser than the interval. */
export function periodOf(date: string | null, by: Interval): string | null {
  if (!date) return null;
  if (by === 'month') return date.length >= 7 ? date.slice(0, 7) : null;
  if (date.length < 10) return null;
  if (by === 'day') return date.slice(0, 10);
  // ISO 8601 week: the week belongs to the year of its Thursday.
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return null;
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Matches a codebook against every stored item and stores `narrative` spans, replacing the previous run's. */
export async function storeNarratives(store: Store, codebook: readonly Narrative[]): Promise<{ items: number; spans: number }> {
  const sources = await sourceMap(store);
  const matchers = codebook.map((n) => compileNarrative(n));
  const annotations: Annotation[] = [];
  const total = await store.countItems();
  const progress = createCountProgress('items matched', total);
  let done = 0;
  for await (const item of store.iterateItems()) {
    const src = sources.get(item.sourceId);
    const found = matchNarratives(matchers, item.text, item.language, {
      source: src?.name ?? item.sourceId,
      sourceId: item.sourceId,
      publishedAt: item.publishedAt,
      title: item.title,
      author: item.author,
    });
    if (found.length > 0) {
      const conv = new OffsetConverter(item.text);
      for (const m of found) {
        annotations.push({
          itemId: item.id,
          layer: 'narrative',
          label: m.narrative,
          start: conv.toCp(m.start),
          end: conv.toCp(m.end),
          value: m.query,
          confidence: m.confidence,
          producer: { ...NARRATIVES_PRODUCER },
        });
      }
    }
    if (++done % 200 === 0) progress.tick(done);
  }
  progress.stop();
  await store.replaceProducerAnnotations(NARRATIVES_PRODUCER.id, annotations);
  return { items: done, spans: annotations.length };
}

export async function runNarratives(flags: NarrativesFlags): Promise<number> {
  const codebook: Narrative[] | null = flags.codebook ? loadCodebook(flags.codebook) : null;
  return withStore(flags, async (store) => {
    const sources = await sourceMap(store);
    let sourceId: string | undefined;
    if (flags.source !== undefined) {
      const s = await store.getSource(flags.source);
      if (!s) throw createError(ERRORS.USAGE, `unknown source; known sources: ${[...sources.values()].map((x) => x.name).join(', ') || '(none yet)'}`, flags.source);
      sourceId = s.id;
    }
    if (codebook) {
      const r = await storeNarratives(store, codebook);
      process.stderr.write(`${codebook.length} narrative(s) from ${flags.codebook ?? ''} matched over ${r.items} item(s); ${r.spans} narrative span(s) stored\n`);
    }

    // Items per narrative and period (an item counts once per narrative, however many sentences).
    const seen = new Set<string>();
    const counts = new Map<string, Map<string, number>>();
    const totals = new Map<string, number>();
    let coarse = 0;
    for await (const r of store.iterateAnnotations({ layer: 'narrative', ...(sourceId ? { sourceId } : {}) })) {
      const key = `${r.annotation.label}\u0000${r.annotation.itemId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const label = r.annotation.label;
      totals.set(label, (totals.get(label) ?? 0) + 1);
      const period = periodOf(r.publishedAt, flags.by) ?? 'undated';
      if (period === 'undated' && r.publishedAt) coarse++;
      let m = counts.get(label);
      if (!m) counts.set(label, (m = new Map<string, number>()));
      m.set(period, (m.get(period) ?? 0) + 1);
    }
    if (counts.size === 0) {
      process.stderr.write(
        codebook
          ? 'No item matches any narrative of the codebook.\n'
          : 'No narrative spans in the store yet: run `narrascope narratives --codebook FILE` (see docs/codebook.example.yaml).\n',
      );
      return 0;
    }
    const titles = new Map((codebook ?? []).map((n) => [n.id, n.title]));
    const order = [...counts.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
    for (const id of order) {
      const m = counts.get(id) ?? new Map<string, number>();
      const series = [...m.entries()].sort((a, b) => (a[0] === 'undated' ? 1 : b[0] === 'undated' ? -1 : a[0].localeCompare(b[0])));
      if (flags.json) {
        await out(`${JSON.stringify({ narrative: id, title: titles.get(id) ?? null, items: totals.get(id) ?? 0, by: flags.by, series: series.map(([period, items]) => ({ period, items })) })}\n`);
      } else {
        await out(`${id}${titles.has(id) ? ` — ${titles.get(id) ?? ''}` : ''}: ${totals.get(id) ?? 0} item(s)\n`);
        const max = Math.max(...series.map(([, n]) => n));
        for (const [period, n] of series) await out(`  ${period.padEnd(9)} ${String(n).padStart(5)} ${'█'.repeat(Math.max(1, Math.round((n / max) * 30)))}\n`);
      }
    }
    if (coarse > 0) process.stderr.write(`${coarse} item(s) dated only to a month or year are counted as undated at --by ${flags.by}\n`);
    return 0;
  });
}
