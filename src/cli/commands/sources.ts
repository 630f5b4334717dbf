import { clip, out, withStore, type GlobalOptions } from '../common.js';
import type { SourceSummary } from '../../store/store.js';

/** One line per source: items, languages and the date range it covers. */
export function formatSourceLine(s: SourceSummary): string {
  const langs = Object.entries(s.languages)
    .sort((a, b) => b[1] - a[1])
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  const range = s.firstDate ? `${s.firstDate} … ${s.lastDate ?? s.firstDate}` : 'no dates';
  return `${clip(s.name, 24).padEnd(24)} ${s.kind.padEnd(8)} ${String(s.items).padStart(6)} items  ${range.padEnd(25)} ${langs}${s.dateOrder ? `  (dates ${s.dateOrder})` : ''}`;
}

/** `narrascope sources`. */
export async function runSources(flags: GlobalOptions): Promise<number> {
  return withStore(flags, async (store) => {
    const sources = await store.listSources();
    for (const s of sources) {
      await out(flags.json ? `${JSON.stringify(s)}\n` : `${formatSourceLine(s)}\n`);
    }
    if (!flags.json && sources.length === 0) process.stderr.write('no sources yet: ingest files with `narrascope ingest PATH`\n');
    return 0;
  });
}
