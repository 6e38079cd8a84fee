/**
 * Turning a failed Help Scout response into one HelpScoutError: kind, status, Help Scout's own
 * `message`, field errors (`_embedded.errors`, vnd.error+json), `logRef`, and a human message.
 * Handles the three body shapes seen (`{message, logRef, _embedded}`, `{message, status}`,
 * OAuth `{error, error_description}`) and non-JSON bodies (HTML error pages), of which only a
 * short, tag-stripped snippet is kept. Known secrets are redacted from everything kept.
 */
import { HelpScoutError, type ApiFieldError, type HelpScoutErrorKind } from './errors';
import { clipText } from './clipText';
import { isRecord } from './plainData';

/** What could be read out of an error body. */
export interface ErrorBodyDetails {
  apiMessage?: string;
  logRef?: string;
  fieldErrors: ApiFieldError[];
  /** OAuth error code, e.g. "invalid_client". */
  oauthError?: string;
  /** A short, sanitized excerpt of a body that was not JSON. */
  snippet?: string;
}

const SNIPPET_LENGTH = 120;
const TEXT_LIMIT = 300;
const MAX_FIELD_ERRORS = 20;
const REDACTED = '[redacted]';

/** Replaces every occurrence of each secret (length >= 4) with "[redacted]". */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    out = out.split(secret).join(REDACTED);
  }
  // Belt and braces: anything that looks like a bearer credential.
  return out.replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`);
}

/** A body that is not JSON, reduced to a short line of plain text. */
export function sanitizeSnippet(body: string, secrets: readonly (string | undefined)[] = []): string | undefined {
  const head = body.slice(0, 4_000);
  const text = head
    .replace(/<(script|style)\b[\s\S]*?(<\/\1>|$)/gi, ' ')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ');
  const clipped = clipText(redact(text, secrets), SNIPPET_LENGTH, { oneLine: true });
  return clipped === '' ? undefined : clipped;
}

function str(value: unknown, secrets: readonly (string | undefined)[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = clipText(redact(value, secrets), TEXT_LIMIT, { oneLine: true });
  return text === '' ? undefined : text;
}

/** Reads whatever it can from an error body; never throws. */
export function parseErrorBody(body: string, secrets: readonly (string | undefined)[] = []): ErrorBodyDetails {
  const trimmed = body.trim();
  if (trimmed === '') return { fieldErrors: [] };
  let json: unknown;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      json = JSON.parse(trimmed);
    } catch {
      json = undefined;
    }
  }
  if (!isRecord(json)) return { fieldErrors: [], snippet: sanitizeSnippet(trimmed, secrets) };

  const fieldErrors: ApiFieldError[] = [];
  const embedded = json._embedded;
  if (isRecord(embedded) && Array.isArray(embedded.errors)) {
    for (const item of embedded.errors.slice(0, MAX_FIELD_ERRORS)) {
      if (!isRecord(item)) continue;
      const path = str(item.path, secrets) ?? str(item.field, secrets) ?? '';
      const message = str(item.message, secrets) ?? '';
      if (path === '' && message === '') continue;
      const fieldError: ApiFieldError = { path, message };
      if (item.rejectedValue !== undefined) fieldError.rejectedValue = typeof item.rejectedValue === 'string' ? str(item.rejectedValue, secrets) : item.rejectedValue;
      const source = str(item.source, secrets);
      if (source !== undefined) fieldError.source = source;
      fieldErrors.push(fieldError);
    }
  }
  const oauthError = str(json.error, secrets);
  const apiMessage = str(json.message, secrets) ?? str(json.error_description, secrets) ?? oauthError;
  return {
    apiMessage,
    logRef: str(json.logRef, secrets),
    fieldErrors,
    oauthError,
  };
}

export function kindForStatus(status: number): HelpScoutErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 400 || status === 422) return 'validation';
  if (status === 429) return 'rateLimit';
  return 'server';
}

function withLogRef(message: string, logRef: string | undefined): string {
  return logRef ? `${message} (logRef: ${logRef})` : message;
}

/** The message without the logRef that withLogRef added, for a place that shows the logRef on its own. */
export function withoutLogRef(message: string, logRef: string | undefined): string {
  const suffix = logRef ? ` (logRef: ${logRef})` : '';
  return suffix && message.endsWith(suffix) ? message.slice(0, -suffix.length) : message;
}

function detailOf(details: ErrorBodyDetails): string | undefined {
  return details.apiMessage ?? details.snippet;
}

function describeFieldErrors(fieldErrors: ApiFieldError[]): string {
  return fieldErrors.map((e) => (e.path && e.message ? `${e.path} — ${e.message}` : e.path || e.message)).join('; ');
}

export interface StatusErrorInit {
  status: number;
  body: string;
  /** "GET /v2/users/me", for the message and the log. */
  request: string;
  secrets?: readonly (string | undefined)[];
  retryAfterSeconds?: number;
}

/** The HelpScoutError for a non-2xx response (after retries, if any, ran out). */
export function errorForStatus(init: StatusErrorInit): HelpScoutError {
  const { status, request } = init;
  const details = parseErrorBody(init.body, init.secrets ?? []);
  const kind = kindForStatus(status);
  const detail = detailOf(details);
  let message: string;
  switch (kind) {
    case 'auth':
      message = 'Help Scout rejected the credentials (401). Sign in again.';
      break;
    case 'forbidden':
      message = 'Help Scout denied access (403): reports need a Plus or Pro plan, and the API must be enabled for your company.';
      break;
    case 'notFound':
      message = `Not found (404): ${detail && detail.toLowerCase() !== 'not found' ? `${detail} — ` : ''}${request}`;
      break;
    case 'validation':
      message = `Help Scout rejected the request (${status}): ${
        details.fieldErrors.length > 0 ? describeFieldErrors(details.fieldErrors) : (detail ?? request)
      }`;
      break;
    case 'rateLimit':
      message = `Help Scout's rate limit was reached (429)${
        init.retryAfterSeconds !== undefined ? `; try again in ${waitInWords(init.retryAfterSeconds)}` : '; try again in a minute'
      }.`;
      break;
    default:
      message =
        status >= 500
          ? `Help Scout had a server error (${status})${detail ? `: ${detail}` : ''}. Try again later.`
          : `Help Scout answered ${status}${detail ? `: ${detail}` : ''} (${request}).`;
  }
  return new HelpScoutError({
    kind,
    message: withLogRef(message, details.logRef),
    status,
    apiMessage: details.apiMessage,
    fieldErrors: details.fieldErrors,
    logRef: details.logRef,
    retryAfterSeconds: init.retryAfterSeconds,
    request,
  });
}

/** A 2xx whose body is not what the API documents. `reason` names the path. */
export function badResponseError(reason: string, request: string, status = 200): HelpScoutError {
  return new HelpScoutError({
    kind: 'badResponse',
    message: `Help Scout sent an unexpected response to ${request}: ${reason}.`,
    status,
    request,
  });
}

/**
 * A Retry-After wait as a person reads it, rounded up so that trying again then is never early:
 * 45 → "45 s", 90 → "2 min", 7200 → "2 h", 31536000 → "365 days".
 */
export function waitInWords(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.ceil(seconds / 3600)} h`;
  const days = Math.ceil(seconds / 86_400);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}
