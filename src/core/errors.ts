// One dictionary of error codes; exit codes and HTTP statuses are chosen only at the edges.

export const ERRORS = {
  USAGE: 'usage',
  CONFIG: 'config',
  NOT_FOUND: 'not_found',
  INPUT_MISSING: 'input_missing',
  INPUT_UNREADABLE: 'input_unreadable',
  INPUT_BINARY: 'input_binary',
  INPUT_EMPTY: 'input_empty',
  INPUT_MALFORMED: 'input_malformed',
  INPUT_TOO_LARGE: 'input_too_large',
  STORE: 'store',
} as const;
export type ErrorCode = (typeof ERRORS)[keyof typeof ERRORS];

/** An error a user should see: names the input and the reason. */
export class NarrascopeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly input?: string,
  ) {
    super(message);
    this.name = 'NarrascopeError';
  }
}

/** Create an error from the dictionary; `input` names the file, URL or value at fault. */
export function createError(code: ErrorCode, message: string, input?: string): NarrascopeError {
  return new NarrascopeError(code, message, input);
}

/** Exit code for the CLI: 2 for usage and configuration errors, 1 for everything else. */
export function exitCodeFor(err: unknown): 1 | 2 {
  if (err instanceof NarrascopeError && (err.code === ERRORS.USAGE || err.code === ERRORS.CONFIG)) return 2;
  return 1;
}
