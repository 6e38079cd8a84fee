/**
 * POST /v2/oauth2/token with the client-credentials grant (App ID + App Secret, form-encoded).
 * Sent through the request pipeline without a bearer token and outside the rate gate; it is
 * safe to resend on 5xx/network failure. A rejected App ID/Secret becomes kind 'auth'.
 */
import { HelpScoutError } from './errors';
import { badResponseError, parseErrorBody } from './apiError';
import type { RequestPipeline } from './requestPipeline';

export const TOKEN_PATH = '/v2/oauth2/token';

export interface TokenGrant {
  accessToken: string;
  /** Seconds, as the server sent it; undefined when it sent none. */
  expiresInSeconds?: number;
}

const REJECTED_CLIENT_CODES = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant']);

export const REJECTED_CREDENTIALS_MESSAGE =
  'The App ID or App Secret was rejected by Help Scout. Check them under Your Profile → My apps, then sign in again.';

export async function requestClientCredentialsToken(
  pipeline: RequestPipeline,
  appId: string,
  appSecret: string,
  signal?: AbortSignal,
): Promise<TokenGrant> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: appId, client_secret: appSecret }).toString();
  const response = await pipeline.send({
    method: 'POST',
    path: TOKEN_PATH,
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    auth: 'none',
    idempotent: true,
    bypassGate: true,
    signal,
    secrets: [appSecret],
    mapError: (error, status, errorBody) => {
      const code = parseErrorBody(errorBody).oauthError;
      if (status === 401 || (status === 400 && code !== undefined && REJECTED_CLIENT_CODES.has(code))) {
        return new HelpScoutError({
          kind: 'auth',
          status,
          message: `${REJECTED_CREDENTIALS_MESSAGE}${error.logRef ? ` (logRef: ${error.logRef})` : ''}`,
          apiMessage: error.apiMessage,
          logRef: error.logRef,
          request: error.request,
        });
      }
      return error;
    },
  });
  return parseTokenResponse(response.body, response.request, response.status);
}

export function parseTokenResponse(body: string, request: string, status = 200): TokenGrant {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw badResponseError('the token response is not JSON', request, status);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw badResponseError('the token response is not an object', request, status);
  }
  const record = json as Record<string, unknown>;
  const accessToken = record.access_token;
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    throw badResponseError('access_token is missing', request, status);
  }
  const expiresIn = record.expires_in;
  const grant: TokenGrant = { accessToken };
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) grant.expiresInSeconds = expiresIn;
  else if (typeof expiresIn === 'string' && /^\d+$/.test(expiresIn) && Number(expiresIn) > 0) grant.expiresInSeconds = Number(expiresIn);
  return grant;
}
