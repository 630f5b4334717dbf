// RFC 9457 problem details: the one shape of every error the API returns. Error codes come from
// the dictionary in core/errors.ts; the HTTP status is chosen here, at the edge.
import { cpLength } from '../core/codepoints.js';
import { ERRORS, type ErrorCode, type NarrascopeError } from '../core/errors.js';
import { formatQueryError, QueryError } from '../search/index.js';

export const PROBLEM_TYPE = 'application/problem+json';

/** A problem document; extension members sit beside the standard five. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  [extension: string]: unknown;
}

/** An error a handler throws to answer with a problem document. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    /** Short kebab-case name of the kind of problem: the last part of its type URI. */
    readonly kind: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** The type URI of a kind of problem: a URN, so nobody expects it to resolve. */
export function problemType(kind: string): string {
  return `urn:narrascope:problem:${kind}`;
}

/** Build a problem document for a request path. */
export function problem(p: HttpProblem, instance: string): Problem {
  // Standard members first and last-written, so no extension can shadow them.
  const standard = { type: problemType(p.kind), title: p.title, status: p.status, detail: p.detail, instance };
  return { ...standard, ...p.extensions, ...standard };
}

/** 400 for a parameter: names it in the detail and in `invalidParams`. */
export function badParam(name: string, reason: string, where: 'query' | 'path' | 'header' | 'body' = 'query'): HttpProblem {
  return new HttpProblem(400, 'invalid-parameter', 'Invalid parameter', `${name}: ${reason}`, { invalidParams: [{ name, in: where, reason }] });
}

/** 404 for a missing resource. */
export function notFound(what: string): HttpProblem {
  return new HttpProblem(404, 'not-found', 'Not found', what);
}

/**
 * 400 for a search query that does not parse: the caret message the CLI prints as the detail, and
 * where the error is (code points from 0, as every offset) as extension members.
 */
export function invalidQuery(query: string, err: QueryError, parameter = 'q'): HttpProblem {
  const position = cpLength(query.slice(0, Math.max(0, err.position)));
  const length = cpLength(query.slice(err.position, err.position + Math.max(0, err.length)));
  return new HttpProblem(400, 'invalid-query', 'Invalid search query', formatQueryError(query, err), {
    parameter,
    message: err.message,
    position,
    length,
    column: err.column,
  });
}

const STATUS_OF: Record<ErrorCode, number> = {
  [ERRORS.USAGE]: 400,
  [ERRORS.CONFIG]: 400,
  [ERRORS.NOT_FOUND]: 404,
  [ERRORS.INPUT_MISSING]: 400,
  [ERRORS.INPUT_UNREADABLE]: 422,
  [ERRORS.INPUT_BINARY]: 422,
  [ERRORS.INPUT_EMPTY]: 422,
  [ERRORS.INPUT_MALFORMED]: 422,
  [ERRORS.INPUT_TOO_LARGE]: 413,
  [ERRORS.STORE]: 500,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  500: 'Internal server error',
};

/** A title for a status without a more specific one. */
export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server error' : 'Request error');
}

/** A dictionary error as an HTTP problem (a QueryError keeps its position). */
export function fromNarrascopeError(err: NarrascopeError): HttpProblem {
  if (err instanceof QueryError) return invalidQuery(err.query, err);
  const status = STATUS_OF[err.code];
  // Store failures may carry paths and SQL: the detail stays generic (the log has the rest).
  const detail = status >= 500 ? 'the store failed to answer; see the server log' : `${err.input ? `${err.input}: ` : ''}${err.message}`;
  return new HttpProblem(status, err.code.replace(/_/g, '-'), statusTitle(status), detail);
}
