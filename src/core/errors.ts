/**
 * The two typed failures of the core: a query that cannot be sent (QueryValidationError, raised
 * before any request) and a request that failed (HelpScoutError). Messages never contain a
 * token, a secret or an Authorization header.
 */

export interface FieldProblem {
  /** The query field, e.g. "viewBy", "range.start", "mailboxes[2]". */
  field: string;
  /** The offending value, rendered for humans (truncated when long). */
  value: string;
  /** What would have been accepted, in words: "day or week for a 45-day range". */
  allowed: string;
}

export class QueryValidationError extends Error {
  override readonly name = 'QueryValidationError';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.value} is not allowed (allowed: ${p.allowed})`).join('; '));
  }
  get field(): string {
    return this.problems[0]?.field ?? '';
  }
}

export type HelpScoutErrorKind =
  | 'auth' // 401, or no usable credentials
  | 'forbidden' // 403: API disabled, missing payment, or the plan lacks Reports
  | 'notFound' // 404
  | 'validation' // 400 with field errors
  | 'rateLimit' // 429 after the retries ran out
  | 'server' // 5xx after the retries ran out, and unexpected statuses
  | 'network' // DNS, refused, reset
  | 'timeout'
  | 'cancelled'
  | 'badResponse'; // 2xx whose body is not the documented shape

/** A field error as Help Scout reports it under `_embedded.errors`. */
export interface ApiFieldError {
  path: string;
  message: string;
  rejectedValue?: unknown;
  source?: string;
}

export interface HelpScoutErrorInit {
  kind: HelpScoutErrorKind;
  message: string;
  status?: number;
  apiMessage?: string;
  fieldErrors?: ApiFieldError[];
  logRef?: string;
  retryAfterSeconds?: number;
  /** Method and path (no query string secrets: the API carries none), for the log. */
  request?: string;
}

export class HelpScoutError extends Error {
  override readonly name = 'HelpScoutError';
  readonly kind: HelpScoutErrorKind;
  readonly status?: number;
  readonly apiMessage?: string;
  readonly fieldErrors: ApiFieldError[];
  readonly logRef?: string;
  readonly retryAfterSeconds?: number;
  readonly request?: string;
  constructor(init: HelpScoutErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status;
    this.apiMessage = init.apiMessage;
    this.fieldErrors = init.fieldErrors ?? [];
    this.logRef = init.logRef;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.request = init.request;
  }
}

/**
 * Whether `error` is a HelpScoutError / QueryValidationError, by name rather than `instanceof`:
 * each on-demand chunk of the bundle carries its own copy of these classes, and an error made in
 * one reaches code that holds the other copy.
 */
export function isHelpScoutError(error: unknown): error is HelpScoutError {
  return isNamedError(error, 'HelpScoutError') && typeof (error as { kind?: unknown }).kind === 'string';
}

export function isQueryValidationError(error: unknown): error is QueryValidationError {
  return isNamedError(error, 'QueryValidationError') && Array.isArray((error as { problems?: unknown }).problems);
}

/** An Error whose `name` is `name` (see isHelpScoutError for why not `instanceof`). */
export function isNamedError(error: unknown, name: string): error is Error {
  return error instanceof Error && error.name === name;
}
