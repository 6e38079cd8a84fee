/**
 * What a route answers, before faults and serialisation, and Help Scout's error bodies:
 * `application/vnd.error+json` with a `logRef` for API errors, OAuth-style for the token endpoint.
 */
import { randomBytes } from 'node:crypto';

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const VND_ERROR_TYPE = 'application/vnd.error+json;charset=UTF-8';
export const ERRORS_DOC = 'https://developer.helpscout.com/mailbox-api/overview/errors/';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Serialised as JSON with `contentType`, unless `text` is set. */
  body?: unknown;
  /** A raw body, sent as is. */
  text?: string;
  contentType: string;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers, body, contentType: JSON_TYPE };
}

/** Looks like Help Scout's: hex groups, different on every error. */
export function newLogRef(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}#${hex.slice(16)}`;
}

export function apiError(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers,
    body: { logRef: newLogRef(), message, _links: { about: { href: ERRORS_DOC } } },
    contentType: VND_ERROR_TYPE,
  };
}

export interface FieldErrorBody {
  path: string;
  message: string;
  rejectedValue: unknown;
  source: string;
}

export function validationError(errors: readonly FieldErrorBody[]): Reply {
  return {
    status: 400,
    headers: {},
    body: {
      logRef: newLogRef(),
      message: 'Bad request',
      _embedded: { errors },
      _links: { about: { href: ERRORS_DOC } },
    },
    contentType: VND_ERROR_TYPE,
  };
}

export function oauthError(status: number, error: string, description: string): Reply {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="oauth2/client"';
  return json(status, { error, error_description: description }, headers);
}

export function unauthorized(message: string): Reply {
  return apiError(401, message, { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' });
}

export function rateLimited(retryAfterSeconds: number, headers: Record<string, string> = {}): Reply {
  return json(
    429,
    { message: 'API rate limit exceeded' },
    { ...headers, 'X-RateLimit-Retry-After': String(retryAfterSeconds), 'Retry-After': String(retryAfterSeconds) },
  );
}
