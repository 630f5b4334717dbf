// The one list of enrichers (STYLE.md, example 5). Order matters: an enricher runs after the
// ones whose layers it requires. Duplicate ids are rejected when the module loads.
import { createError, ERRORS } from '../core/errors.js';
import { datesEnricher } from './dates/index.js';
import { entitiesEnricher } from './entities/index.js';
import { languageEnricher } from './language/index.js';
import { quotesEnricher } from './quotes/index.js';
import { techniquesEnricher } from './techniques/index.js';
import type { EnrichContext, Enricher, EnrichInput, EnrichResult } from './types.js';

/** A registered enricher with its options type erased: options are parsed once by `bind`. */
export interface EnricherEntry extends Omit<Enricher<unknown>, 'run'> {
  /** Validate options (undefined gives the defaults) and return the run function. */
  bind(options?: unknown): (input: EnrichInput, ctx: EnrichContext) => EnrichResult;
}

function entry<O>(e: Enricher<O>): EnricherEntry {
  return {
    id: e.id,
    version: e.version,
    title: e.title,
    description: e.description,
    requires: e.requires,
    writes: e.writes,
    options: e.options,
    bind(options?: unknown) {
      const parsed = e.options.safeParse(options ?? {});
      if (!parsed.success) {
        throw createError(ERRORS.USAGE, `invalid options for enricher "${e.id}": ${parsed.error.message}`, e.id);
      }
      const opts = parsed.data;
      return (input, ctx) => e.run(input, opts, ctx);
    },
  };
}

function checkUnique(list: EnricherEntry[]): EnricherEntry[] {
  const seen = new Set<string>();
  for (const e of list) {
    if (seen.has(e.id)) throw new Error(`enricher id "${e.id}" is registered twice`);
    seen.add(e.id);
  }
  return list;
}

/** Every registered enricher, in run order. */
export const ENRICHERS: readonly EnricherEntry[] = checkUnique([entry(languageEnricher), entry(datesEnricher), entry(entitiesEnricher), entry(quotesEnricher), entry(techniquesEnricher)]);

/** Ids of the enrichers `ingest` runs by default. */
export const DEFAULT_ENRICHERS: readonly string[] = ['language', 'dates', 'entities', 'quotes', 'techniques'];

/** The enricher with this id; fails listing the valid ids. */
export function getEnricher(id: string): EnricherEntry {
  const found = ENRICHERS.find((e) => e.id === id);
  if (!found) {
    throw createError(ERRORS.USAGE, `unknown enricher "${id}"; valid ids: ${ENRICHERS.map((e) => e.id).join(', ')}`, id);
  }
  return found;
}
