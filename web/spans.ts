// Stand-off spans to flat text segments. Offsets from the API are code points; the DOM counts
// UTF-16 units, so they are converted once per text (identity when the text has no astral
// characters). Overlapping spans cut the text at every boundary: each segment lists the spans
// covering it, and the reader gives it one element with the classes of their layers.

/** A span to draw, in code points (end exclusive). */
export interface SpanIn {
  start: number;
  end: number;
}

/** A stretch of the text (UTF-16 offsets) and the indexes of the spans covering it. */
export interface Segment {
  from: number;
  to: number;
  /** Indexes into the spans given, in the order they start; empty for uncovered text. */
  covering: number[];
  /** Indexes of the spans that start at this segment. */
  starting: number[];
}

/** code point offset → UTF-16 offset, for one text. */
export function codePointIndex(text: string): (cp: number) => number {
  if (!/[\ud800-\udfff]/.test(text)) return (cp) => Math.max(0, Math.min(cp, text.length));
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (cp) => map[Math.max(0, Math.min(cp, map.length - 1))] ?? text.length;
}

/** Cut the text at every span boundary. Empty and out-of-range spans are dropped. */
export function segment(text: string, spans: readonly SpanIn[]): Segment[] {
  const toU16 = codePointIndex(text);
  const n = text.length;
  // Boundary events: +span at its start, -span at its end, positions in UTF-16.
  const starts = new Map<number, number[]>();
  const ends = new Map<number, number[]>();
  const cuts = new Set<number>([0, n]);
  spans.forEach((sp, i) => {
    const a = toU16(sp.start);
    const b = toU16(sp.end);
    if (!(b > a)) return;
    (starts.get(a) ?? starts.set(a, []).get(a))?.push(i);
    (ends.get(b) ?? ends.set(b, []).get(b))?.push(i);
    cuts.add(a);
    cuts.add(b);
  });
  const points = [...cuts].sort((x, y) => x - y);
  const out: Segment[] = [];
  const active = new Set<number>();
  for (let k = 0; k < points.length - 1; k++) {
    const from = points[k] ?? 0;
    const to = points[k + 1] ?? n;
    for (const i of ends.get(from) ?? []) active.delete(i);
    const starting = starts.get(from) ?? [];
    for (const i of starting) active.add(i);
    if (to > from) out.push({ from, to, covering: [...active], starting });
  }
  return out;
}
