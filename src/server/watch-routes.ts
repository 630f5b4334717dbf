// GET /api/watches: the watched sources with their collection health (last success, failures,
// gaps), so a newsroom sees at a glance which source went quiet and which one stopped answering.
import type { FastifyInstance } from 'fastify';
import { openWatchStore, watchHealth, WATCH_KINDS } from '../collect/watches.js';
import type { Store } from '../store/store.js';

type JsonSchema = Record<string, unknown>;
const str = (description: string): JsonSchema => ({ type: 'string', description });
const nstr = (description: string): JsonSchema => ({ type: ['string', 'null'], description });
const int = (description: string): JsonSchema => ({ type: 'integer', description });
const obj = (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
});

const gapSchema = obj(
  {
    kind: { type: 'string', enum: ['quiet', 'failing'], description: 'quiet: the source published nothing for far longer than usual; failing: fetching failed' },
    from: str('start (ISO 8601)'),
    to: nstr('end, or null while it lasts'),
    seconds: int('length'),
    usualSeconds: int('the source\'s usual interval between items (quiet gaps)'),
    error: str('the last error of a failing stretch'),
  },
  ['usualSeconds', 'error'],
);

const healthSchema = obj({
  status: { type: 'string', enum: ['never run', 'ok', 'failing', 'quiet', 'disabled'] },
  lastRunAt: nstr('start of the last run'),
  lastSuccessAt: nstr('start of the last run that succeeded'),
  lastFailureAt: nstr('start of the last run that failed'),
  lastError: nstr('why the last failed run failed (names the URL)'),
  consecutiveFailures: int('failed runs since the last success'),
  nextDueAt: str('when the watch is next due'),
  items: int('resources collected (posts, messages, pages)'),
  lastItemAt: nstr('publication date of the newest collected resource'),
  usualIntervalSeconds: { type: ['integer', 'null'], description: 'median interval between the source\'s items' },
  gaps: { type: 'array', items: gapSchema, description: 'newest first, at most 10' },
});

const watchSchema = obj({
  id: str('the watch id (watch run ID, watch remove ID)'),
  url: str('the watched URL'),
  kind: { type: 'string', enum: [...WATCH_KINDS] },
  everySeconds: int('collection interval'),
  source: str('the source its items go to'),
  enabled: { type: 'boolean' },
  createdAt: str('when it was added'),
  health: healthSchema,
});

/** Register GET /api/watches. */
export function registerWatchRoutes(app: FastifyInstance, opts: { store: Store }): void {
  app.get('/api/watches', {
    schema: {
      operationId: 'listWatches',
      summary: 'Watched sources with their collection health: last success, failures in a row, gaps where the source went quiet or fetching failed',
      tags: ['watches'],
      response: { 200: obj({ watches: { type: 'array', items: watchSchema } }) },
    },
    handler: async () => {
      const ws = await openWatchStore(opts.store);
      const now = new Date();
      const watches = [];
      for (const w of await ws.list()) {
        watches.push({ id: w.id, url: w.url, kind: w.kind, everySeconds: w.everySeconds, source: w.source, enabled: w.enabled, createdAt: w.createdAt, health: await watchHealth(ws, w, now) });
      }
      return { watches };
    },
  });
}
