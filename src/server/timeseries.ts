// Counts per interval and group, with every interval between the first and the last listed so that
// a chart shows gaps as zeros. Dates are ISO text of varying precision: an item dated only to a
// month cannot be put in a day or a week, and is counted apart rather than guessed.
import { HttpProblem } from './problem.js';

export type Interval = 'day' | 'week' | 'month';

/** More buckets than this would be a chart nobody can read (and a large answer): ask for a coarser one. */
export const MAX_BUCKETS = 3700;

export interface Series {
  buckets: string[];
  series: Array<{ key: string; total: number; counts: number[] }>;
  total: number;
  undated: number;
  imprecise: number;
}

const DAY_MS = 86_400_000;

function utcDay(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** The bucket a date falls in, or null when the date is less precise than the interval. */
export function bucketOf(date: string, interval: Interval): string | null {
  if (interval === 'month') return /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : null;
  const d = utcDay(date);
  if (!d) return null;
  if (interval === 'day') return iso(d);
  // ISO weeks start on Monday; getUTCDay() is 0 on Sunday.
  const back = (d.getUTCDay() + 6) % 7;
  return iso(new Date(d.getTime() - back * DAY_MS));
}

function nextBucket(b: string, interval: Interval): string {
  if (interval === 'month') {
    const y = Number(b.slice(0, 4));
    const m = Number(b.slice(5, 7));
    return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${b.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
  }
  const d = utcDay(b) ?? new Date(0);
  return iso(new Date(d.getTime() + (interval === 'week' ? 7 : 1) * DAY_MS));
}

/** Count rows ({group key, ISO date}) per bucket and key; the largest groups first. */
export async function countSeries(rows: AsyncIterable<{ key: string; date: string | null }> | Iterable<{ key: string; date: string | null }>, interval: Interval): Promise<Series> {
  const byKey = new Map<string, Map<string, number>>();
  let total = 0;
  let undated = 0;
  let imprecise = 0;
  let min: string | null = null;
  let max: string | null = null;
  for await (const { key, date } of rows) {
    if (date === null) {
      undated++;
      continue;
    }
    const b = bucketOf(date, interval);
    if (b === null) {
      imprecise++;
      continue;
    }
    total++;
    let counts = byKey.get(key);
    if (!counts) byKey.set(key, (counts = new Map<string, number>()));
    counts.set(b, (counts.get(b) ?? 0) + 1);
    if (min === null || b < min) min = b;
    if (max === null || b > max) max = b;
  }
  const buckets: string[] = [];
  if (min !== null && max !== null) {
    for (let b = min; b <= max; b = nextBucket(b, interval)) {
      buckets.push(b);
      if (buckets.length > MAX_BUCKETS) {
        throw new HttpProblem(400, 'too-many-intervals', 'Too many intervals', `interval: the dates run from ${min} to ${max}, more than ${MAX_BUCKETS} ${interval}s; use a coarser interval or narrow the dates with from and to`, {
          invalidParams: [{ name: 'interval', in: 'query', reason: `more than ${MAX_BUCKETS} buckets` }],
        });
      }
    }
  }
  const index = new Map(buckets.map((b, i) => [b, i]));
  const series = [...byKey].map(([key, counts]) => {
    const row = new Array<number>(buckets.length).fill(0);
    let sum = 0;
    for (const [b, n] of counts) {
      row[index.get(b) ?? 0] = n;
      sum += n;
    }
    return { key, total: sum, counts: row };
  });
  series.sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { buckets, series, total, undated, imprecise };
}
