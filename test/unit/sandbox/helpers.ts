/** Shared test plumbing: a sandbox per suite, a token, and requests that return parsed bodies. */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/server';

export const NOW = new Date('2026-03-15T10:30:00Z');

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export function start(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ now: NOW, ...options });
}

export async function requestToken(sb: Sandbox, fields: Record<string, string> = {}): Promise<Answer> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: sb.appId, client_secret: sb.appSecret, ...fields });
  return answer(await fetch(`${sb.baseUrl}/v2/oauth2/token`, { method: 'POST', body }));
}

export async function token(sb: Sandbox): Promise<string> {
  const a = await requestToken(sb);
  if (a.status !== 200) throw new Error(`token request failed: ${a.status} ${a.text}`);
  return a.body.access_token as string;
}

export async function get(sb: Sandbox, path: string, accessToken?: string, init: RequestInit = {}): Promise<Answer> {
  const headers: Record<string, string> = accessToken ? { Authorization: `Bearer ${accessToken}` } : {};
  return answer(await fetch(`${sb.baseUrl}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } }));
}

/** Query string of a customers-helped request. */
export function reportPath(params: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return `/v2/reports/user/customers-helped?${q}`;
}

/** A controllable clock in epoch ms. */
export function manualClock(startMs = NOW.getTime()): { now: () => number; advance(ms: number): void } {
  let t = startMs;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** A 400 in Help Scout's vnd.error shape with a field error on `path`; returns that field error. */
export function assertVndError(a: Answer, path: string, rejectedValue?: unknown): { message: string; rejectedValue: unknown } {
  assert.equal(a.status, 400, a.text);
  assert.equal(a.headers.get('content-type'), 'application/vnd.error+json;charset=UTF-8');
  assert.equal(a.body.message, 'Bad request');
  assert.match(a.body.logRef, /\S{8,}/);
  assert.equal(typeof a.body._links.about.href, 'string');
  const error = a.body._embedded.errors.find((e: { path: string }) => e.path === path);
  assert.ok(error, `an error on ${path} in ${a.text}`);
  assert.equal(typeof error.message, 'string');
  assert.equal(typeof error.source, 'string');
  if (rejectedValue !== undefined) assert.deepEqual(error.rejectedValue, rejectedValue);
  return error;
}
