// ItemFilter as SQL. Dates are ISO text of varying precision (YYYY-MM-DD, YYYY-MM, YYYY), so a
// bound is compared on the common prefix of the two values: an item dated 2024-03 lies within
// from=2024-03-15 and within to=2024-03-01, because part of March lies inside each bound; an item
// dated 2024 lies within from=2024-06-01. Items without a date never match a date bound.
import type { ItemFilter } from '../store.js';

export interface FilterSql {
  /** `WHERE …` or the empty string. */
  where: string;
  params: unknown[];
}

/** The WHERE clause and its parameters for an item filter (limit and offset excluded). */
export function itemFilterSql(filter: ItemFilter): FilterSql {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.sourceId !== undefined) {
    clauses.push('source_id = ?');
    params.push(filter.sourceId);
  }
  if (filter.documentId !== undefined) {
    clauses.push('document_id = ?');
    params.push(filter.documentId);
  }
  if (filter.language !== undefined) {
    clauses.push('language = ?');
    params.push(filter.language);
  }
  if (filter.from !== undefined) {
    // The first clause is implied by the second but lets the planner use the date index.
    clauses.push(
      'published_at >= substr(?, 1, 4) AND substr(published_at, 1, length(?)) >= substr(?, 1, length(published_at))',
    );
    params.push(filter.from, filter.from, filter.from);
  }
  if (filter.to !== undefined) {
    // '~' sorts after digits and '-', so every date sharing the bound's prefix stays in range.
    clauses.push(
      "published_at <= ? || '~' AND substr(published_at, 1, length(?)) <= substr(?, 1, length(published_at))",
    );
    params.push(filter.to, filter.to, filter.to);
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
