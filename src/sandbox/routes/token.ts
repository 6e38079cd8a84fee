/**
 * POST /v2/oauth2/token: the client-credentials grant with the demo app's id and secret. Accepts
 * a form-encoded body (what Help Scout documents), a JSON body, or HTTP Basic client auth.
 * Errors follow OAuth 2 (RFC 6749 §5.2), as Help Scout's token endpoint does.
 */
import { timingSafeEqual } from 'node:crypto';
import { json, oauthError, type Reply } from '../reply';
import type { Route, RouteContext } from '../router';

function readFields(ctx: RouteContext): { fields: Record<string, string> } | { error: Reply } {
  const type = String(ctx.headers['content-type'] ?? '').toLowerCase();
  const fields: Record<string, string> = {};
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(ctx.body || '{}');
    } catch {
      return { error: oauthError(400, 'invalid_request', 'The request body is not valid JSON') };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { error: oauthError(400, 'invalid_request', 'The request body must be a JSON object') };
    }
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') fields[k] = v;
  } else {
    for (const [k, v] of new URLSearchParams(ctx.body)) fields[k] ??= v;
  }
  const basic = /^Basic\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ''));
  if (basic?.[1] && fields.client_id === undefined) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      fields.client_id = decodeURIComponent(decoded.slice(0, colon));
      fields.client_secret = decodeURIComponent(decoded.slice(colon + 1));
    }
  }
  return { fields };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function issueToken(ctx: RouteContext): Reply {
  const read = readFields(ctx);
  if ('error' in read) return read.error;
  const f = read.fields;
  const grant = f.grant_type;
  if (!grant) return oauthError(400, 'invalid_request', 'Missing grant_type parameter');
  if (grant === 'refresh_token') return oauthError(400, 'invalid_request', 'Invalid refresh_token');
  if (grant === 'authorization_code') return oauthError(400, 'invalid_grant', 'Invalid authorization code');
  if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grant.slice(0, 40)}`);
  if (!f.client_id || !f.client_secret) return oauthError(401, 'invalid_client', 'Missing client_id or client_secret');
  if (!same(f.client_id, ctx.appId) || !same(f.client_secret, ctx.appSecret)) {
    return oauthError(401, 'invalid_client', 'Client authentication failed: unknown client or wrong secret');
  }
  const { accessToken, expiresIn } = ctx.tokens.issue();
  return json(200, { token_type: 'bearer', access_token: accessToken, expires_in: expiresIn }, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

export const tokenRoutes: Route[] = [{ pattern: /^\/v2\/oauth2\/token$/, kind: 'token', methods: { POST: issueToken } }];
