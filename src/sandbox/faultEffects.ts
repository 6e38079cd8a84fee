/**
 * What each fault does to a response. Replies that stand in for the route (status codes, HTML)
 * and transformations of the route's real reply (broken JSON, wrong shapes, huge bodies).
 */
import type { FaultRule, WrongShapeVariant } from './faults';
import { apiError, rateLimited, unauthorized, type Reply } from './reply';
import { DAY_SECONDS, formatWireDate, parseWireDate } from './wireDate';

const SERVER_MESSAGES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The reply for a fault that answers instead of the route, or undefined. */
export function replacementReply(rule: FaultRule): Reply | undefined {
  if (rule.kind === 'htmlBody') {
    return {
      status: 200,
      headers: {},
      text: '<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body><h1>We&rsquo;ll be right back</h1><p>Help Scout is undergoing maintenance.</p></body></html>\n',
      contentType: 'text/html; charset=UTF-8',
    };
  }
  if (rule.kind !== 'status') return undefined;
  switch (rule.status) {
    case 401:
      return unauthorized('The access token expired');
    case 429: {
      const retry = rule.retryAfterSeconds ?? 1;
      return rateLimited(retry, { 'X-RateLimit-Remaining-Minute': '0' });
    }
    default: {
      const headers: Record<string, string> = {};
      if (rule.retryAfterSeconds !== undefined) headers['Retry-After'] = String(rule.retryAfterSeconds);
      return apiError(rule.status, SERVER_MESSAGES[rule.status] ?? 'Server error', headers);
    }
  }
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isReport(body: Json): boolean {
  return Array.isArray(body.current);
}

function embeddedList(body: Json): unknown[] | undefined {
  if (!isObject(body._embedded)) return undefined;
  const first = Object.values(body._embedded)[0];
  return Array.isArray(first) ? first : undefined;
}

function badDate(wire: unknown): string {
  const seconds = typeof wire === 'string' ? parseWireDate(wire) : null;
  // RFC 1123, a plausible format a broken server could send that is not Help Scout's.
  return new Date((seconds ?? 0) * 1000).toUTCString();
}

function reshape(body: Json, variant: WrongShapeVariant): Json {
  const copy = structuredClone(body);
  if (isReport(copy)) {
    const series = [copy.current, copy.previous].filter(Array.isArray) as Json[][];
    if (variant === 'missingCurrent') delete copy.current;
    for (const points of variant === 'missingCurrent' ? [] : series) {
      for (const p of points) {
        if (variant === 'customersAsString') {
          // The figure under whatever key the series uses (customers, replies, resolved).
          for (const k of Object.keys(p)) if (k !== 'date') p[k] = String(p[k]);
        } else p.date = badDate(p.date);
      }
    }
    return copy;
  }
  const items = (embeddedList(copy) ?? [copy]).filter(isObject);
  if (variant === 'missingCurrent') {
    if (embeddedList(copy)) delete copy._embedded;
    else delete copy.id;
  } else if (variant === 'customersAsString') {
    if (isObject(copy.page)) copy.page.totalElements = String(copy.page.totalElements);
    for (const item of items) item.id = String(item.id);
  } else {
    for (const item of items) {
      if ('createdAt' in item) item.createdAt = badDate(item.createdAt);
      if ('updatedAt' in item) item.updatedAt = badDate(item.updatedAt);
    }
  }
  return copy;
}

function huge(body: Json, size: number): Json {
  if (isReport(body)) {
    const points = body.current as Json[];
    const first = typeof points[0]?.date === 'string' ? parseWireDate(points[0].date) : null;
    const start = first ?? 0;
    const series = (offset: number) =>
      Array.from({ length: size }, (_, i) => ({ date: formatWireDate(start + i * DAY_SECONDS), customers: (i * 7 + offset) % 53 }));
    const out: Json = { current: series(0) };
    if (Array.isArray(body.previous)) out.previous = series(11);
    return out;
  }
  const items = embeddedList(body);
  if (!items || items.length === 0 || !isObject(body._embedded)) return body;
  const name = Object.keys(body._embedded)[0] ?? 'items';
  const many = Array.from({ length: size }, (_, i) => items[i % items.length]);
  return { ...body, _embedded: { [name]: many }, page: { size, totalElements: size, totalPages: 1, number: 1 } };
}

/** Applies a body-changing fault to the route's reply. Error replies pass through unchanged. */
export function transformReply(reply: Reply, rule: FaultRule): Reply {
  const ok = reply.status >= 200 && reply.status < 300 && reply.text === undefined && isObject(reply.body);
  if (!ok || !isObject(reply.body)) return reply;
  switch (rule.kind) {
    case 'wrongShape':
      return { ...reply, body: reshape(reply.body, rule.variant) };
    case 'hugeResponse':
      return { ...reply, body: huge(reply.body, rule.buckets ?? 10_000) };
    case 'malformedJson': {
      const text = JSON.stringify(reply.body);
      return { ...reply, body: undefined, text: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
    }
    default:
      return reply;
  }
}
