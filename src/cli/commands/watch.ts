// `narrascope watch add|list|remove|run`: sources collected from the web on a schedule.
import { createError, ERRORS } from '../../core/errors.js';
import { safeFetch } from '../../collect/fetch.js';
import { kindFromUrl } from '../../collect/kinds/index.js';
import { lemmyTarget } from '../../collect/kinds/lemmy.js';
import type { WatchKind } from '../../collect/kinds/types.js';
import { defaultSourceName, formatSeconds, isWatchKind, openWatchStore, parseEvery, watchHealth, WATCH_KINDS } from '../../collect/watches.js';
import type { Watch, WatchHealth } from '../../collect/watches.js';
import { runDueWatches, type WatchReport } from '../../pipeline/collect.js';
import { clip, out, withStore, type GlobalOptions } from '../common.js';

export interface WatchAddOptions extends GlobalOptions {
  kind?: string;
  every?: string;
  source?: string;
  allowPrivate?: boolean;
}

export interface WatchRunOptions extends GlobalOptions {
  all?: boolean;
  loop?: boolean;
  allowPrivate?: boolean;
  rate?: string;
  timeout?: string;
  maxBytes?: number;
  maxPages?: number;
}

const FEED_TYPES = /(rss|atom)\+xml|application\/(rss|atom)|application\/feed\+json/i;

/** The kind of a URL: from its shape, else from what it answers (Lemmy's /api/v3/site, a feed's type, a WordPress API link). */
export async function guessKind(url: string, allowPrivate: boolean): Promise<WatchKind> {
  const fromUrl = kindFromUrl(url);
  if (fromUrl) return fromUrl;
  const opts = { allowPrivate, timeoutMs: 15_000, maxBytes: 2 * 1024 * 1024 };
  if (lemmyTarget(url) && /^\/[cu]\//.test(new URL(url).pathname)) {
    try {
      const site = await safeFetch(`${new URL(url).origin}/api/v3/site`, { ...opts, accept: 'application/json' });
      const json = site.status === 200 ? (JSON.parse(site.body.toString('utf8')) as Record<string, unknown>) : null;
      if (json && typeof json.site_view === 'object') return 'lemmy';
    } catch {
      // Not Lemmy (or not reachable): look at the page itself.
    }
  }
  const res = await safeFetch(url, { ...opts, accept: 'text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' });
  if (res.status >= 400) throw createError(ERRORS.INPUT_UNREADABLE, `${url}: HTTP ${res.status}; pass --kind to add it anyway`, url);
  const type = res.headers['content-type'] ?? '';
  const head = res.body.subarray(0, 4096).toString('utf8');
  if (FEED_TYPES.test(type) || /<(rss|feed|rdf:RDF)[\s>]/.test(head)) return 'feed';
  if (/<(urlset|sitemapindex)[\s>]/.test(head)) return 'sitemap';
  const body = res.body.toString('utf8');
  if (/https:\/\/api\.w\.org\//.test(body) || /\/wp-json\//.test(res.headers.link ?? '')) return 'wordpress';
  if (/tgme_widget_message/.test(body)) return 'telegram';
  return 'page';
}

/** `watch add URL`. */
export async function runWatchAdd(url: string, flags: WatchAddOptions): Promise<number> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw createError(ERRORS.USAGE, `not a URL: "${url}" (expected http:// or https://)`, url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw createError(ERRORS.USAGE, `only http: and https: URLs can be watched, not ${parsed.protocol}`, url);
  if (flags.kind !== undefined && !isWatchKind(flags.kind)) throw createError(ERRORS.USAGE, `unknown kind "${flags.kind}"; kinds: ${WATCH_KINDS.join(', ')}`, flags.kind);
  const everySeconds = parseEvery(flags.every ?? '1h');
  if (everySeconds < 60) throw createError(ERRORS.USAGE, `--every must be at least 1m, got ${flags.every ?? ''}`, flags.every);
  const kind = flags.kind ?? (await guessKind(parsed.href, flags.allowPrivate ?? false));
  const source = flags.source ?? defaultSourceName(parsed.href, kind);
  return withStore(flags, async (store) => {
    const ws = await openWatchStore(store);
    const { watch, created } = await ws.add({ url: parsed.href, kind, everySeconds, source, options: {} });
    if (flags.json) await out(`${JSON.stringify({ ...watch, created })}\n`);
    else if (created) await out(`added watch ${watch.id}: ${watch.kind} ${watch.url} every ${formatSeconds(watch.everySeconds)} → source "${watch.source}"\n`);
    else await out(`already watched as ${watch.id}: ${watch.kind} ${watch.url} (every ${formatSeconds(watch.everySeconds)})\n`);
    return 0;
  });
}

const ago = (iso: string | null, now: Date): string => (iso ? `${formatSeconds(Math.max(0, (now.getTime() - Date.parse(iso)) / 1000))} ago` : '—');

/** One line of `watch list`. */
export function formatWatchLine(w: Watch, h: WatchHealth, now = new Date()): string {
  const gaps = h.gaps.filter((g) => g.to === null || h.gaps.length <= 3).length;
  return [
    w.id.padEnd(10),
    w.kind.padEnd(9),
    formatSeconds(w.everySeconds).padEnd(6),
    h.status.padEnd(9),
    `ok ${ago(h.lastSuccessAt, now)}`.padEnd(14),
    `fails ${h.consecutiveFailures}`.padEnd(8),
    `${h.items} items`.padEnd(11),
    `gaps ${gaps}`.padEnd(7),
    clip(w.url, 60),
  ].join(' ');
}

/** `watch list`. */
export async function runWatchList(flags: GlobalOptions): Promise<number> {
  return withStore(flags, async (store) => {
    const ws = await openWatchStore(store);
    const now = new Date();
    const watches = await ws.list();
    for (const w of watches) {
      const health = await watchHealth(ws, w, now);
      if (flags.json) {
        await out(`${JSON.stringify({ ...w, health })}\n`);
        continue;
      }
      await out(`${formatWatchLine(w, health, now)}\n`);
      if (health.status === 'failing' && health.lastError) await out(`           last error: ${clip(health.lastError, 160)}\n`);
      const open = health.gaps.find((g) => g.kind === 'quiet' && g.to === null);
      if (open) await out(`           quiet for ${formatSeconds(open.seconds)} (usually an item every ${formatSeconds(open.usualSeconds ?? 0)})\n`);
    }
    if (!flags.json && watches.length === 0) process.stderr.write('no watches yet: add one with `narrascope watch add URL`\n');
    return 0;
  });
}

/** `watch remove ID`. */
export async function runWatchRemove(id: string, flags: GlobalOptions): Promise<number> {
  return withStore(flags, async (store) => {
    const ws = await openWatchStore(store);
    const w = await ws.get(id);
    if (!w) throw createError(ERRORS.USAGE, `no watch ${id}; \`narrascope watch list\` shows them`, id);
    await ws.remove(w.id);
    await out(`removed watch ${w.id} (${w.url}); the items it collected stay in source "${w.source}"\n`);
    return 0;
  });
}

/** One line per run. */
export function formatReport(r: WatchReport): string {
  const what = `${r.watchId} ${r.kind} ${r.url}`;
  const counts = `${r.requests} request${r.requests === 1 ? '' : 's'} (${r.notModified} not modified), ${r.captures.added} capture${r.captures.added === 1 ? '' : 's'} added, ${r.items.added} item${r.items.added === 1 ? '' : 's'} added, ${r.items.updated} updated`;
  if (r.interrupted) return `… ${what}: interrupted by shutdown after ${counts}`;
  if (r.ok) return `✓ ${what}: ${counts}`;
  return `✗ ${what}: ${counts}\n${r.failures.map((f) => `    failed: ${f.reason}`).join('\n')}`;
}

/** `watch run [ID…] [--all] [--loop]`. */
export async function runWatchRun(ids: string[], flags: WatchRunOptions): Promise<number> {
  const minIntervalMs = flags.rate !== undefined ? parseDurationMs(flags.rate, '--rate') : 1000;
  const timeoutMs = flags.timeout !== undefined ? parseDurationMs(flags.timeout, '--timeout') : undefined;
  if (flags.loop && ids.length > 0) throw createError(ERRORS.USAGE, '--loop runs the due watches; it takes no IDs');
  return withStore(flags, async (store) => {
    const ws = await openWatchStore(store);
    let stopping = false;
    let wake: (() => void) | null = null;
    const onSignal = (): void => {
      if (stopping) process.exit(130);
      stopping = true;
      process.stderr.write('stopping after the current request (again to quit now)\n');
      wake?.();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let failed = false;
    try {
      const common = {
        watches: ws,
        allowPrivate: flags.allowPrivate ?? false,
        minIntervalMs,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(flags.maxBytes !== undefined ? { maxBytes: flags.maxBytes } : {}),
        ...(flags.maxPages !== undefined ? { maxPages: flags.maxPages } : {}),
        shouldStop: () => stopping,
        onReport: (r: WatchReport) => {
          if (!r.ok && !r.interrupted) failed = true;
          process.stdout.write(flags.json ? `${JSON.stringify(r)}\n` : `${formatReport(r)}\n`);
        },
      };
      if (!flags.loop) {
        const reports = await runDueWatches(store, { ...common, ids, all: flags.all ?? false });
        if (reports.length === 0 && !flags.json) process.stderr.write(flags.all ? 'no enabled watches\n' : 'no watch is due (use --all to run them anyway)\n');
        return failed ? 1 : 0;
      }
      while (!stopping) {
        await runDueWatches(store, common);
        if (stopping) break;
        // Sleep until the next watch is due (at most a minute, so new watches are picked up).
        const now = Date.now();
        let next = now + 60_000;
        for (const w of (await ws.list()).filter((x) => x.enabled)) {
          const [last] = await ws.recentRuns(w.id, 1);
          next = Math.min(next, last ? Date.parse(last.startedAt) + w.everySeconds * 1000 : now);
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.max(1000, next - now));
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = null;
      }
      return failed ? 1 : 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
}

function parseDurationMs(value: string, flag: string): number {
  const v = value.trim();
  if (/^\d+ms$/.test(v)) return Number(v.slice(0, -2));
  if (/^0+$/.test(v)) return 0;
  try {
    return parseEvery(v) * 1000;
  } catch {
    throw createError(ERRORS.USAGE, `${flag} expects a duration such as 500ms, 2s or 1m, got "${value}"`, value);
  }
}
