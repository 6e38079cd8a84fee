import * as assert from 'node:assert/strict';
import { HelpScoutError } from '../../../src/core/errors';
import { errorForStatus, parseErrorBody, sanitizeSnippet, waitInWords } from '../../../src/core/apiError';
import { REPORT_PARAMS, harness, json, rejectionOf } from './fakes';

const VND_ERROR = {
  logRef: 'abc',
  message: 'Bad request',
  _embedded: {
    errors: [{ path: 'viewBy', message: 'day is only allowed for ranges of 60 days or less', rejectedValue: 'day', source: 'URL' }],
  },
  _links: { about: { href: 'https://developer.helpscout.com' } },
};

async function failWith(status: number, body: unknown, headers: Record<string, string> = {}): Promise<HelpScoutError> {
  const h = harness();
  const reply = typeof body === 'string' ? { status, body, headers } : json(status, body, headers);
  h.server.fallback = () => reply; // also answers retries of 5xx
  const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
  assert.ok(error instanceof HelpScoutError, String(error));
  return error;
}

describe('error mapping', () => {
  it('400 vnd.error+json → validation with field errors, apiMessage and logRef in the message', async () => {
    const error = await failWith(400, VND_ERROR, { 'Content-Type': 'application/vnd.error+json' });
    assert.equal(error.kind, 'validation');
    assert.equal(error.status, 400);
    assert.equal(error.apiMessage, 'Bad request');
    assert.equal(error.logRef, 'abc');
    assert.deepEqual(error.fieldErrors, [
      { path: 'viewBy', message: 'day is only allowed for ranges of 60 days or less', rejectedValue: 'day', source: 'URL' },
    ]);
    assert.equal(
      error.message,
      'Help Scout rejected the request (400): viewBy — day is only allowed for ranges of 60 days or less (logRef: abc)',
    );
    assert.equal(error.request, 'GET /v2/reports/user/customers-helped');
  });

  it('403 → forbidden with the plan/API hint', async () => {
    const error = await failWith(403, { message: 'Forbidden', logRef: 'f-1' });
    assert.equal(error.kind, 'forbidden');
    assert.equal(
      error.message,
      'Help Scout denied access (403): reports need a Plus or Pro plan, and the API must be enabled for your company. (logRef: f-1)',
    );
  });

  it('404 with the simple {message, status} shape → notFound naming the request', async () => {
    const error = await failWith(404, { message: 'User not found', status: 404 });
    assert.equal(error.kind, 'notFound');
    assert.equal(error.apiMessage, 'User not found');
    assert.equal(error.message, 'Not found (404): User not found — GET /v2/reports/user/customers-helped');
  });

  it('an HTML 500 page (after retries) → server error with a short tag-free snippet', async () => {
    const html = `<!DOCTYPE html><html><head><style>body{color:red}</style><script>alert("x")</script></head><body><h1>Internal Server Error</h1><p>${'x'.repeat(5000)}</p></body></html>`;
    const error = await failWith(500, html, { 'Content-Type': 'text/html' });
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 500);
    assert.match(error.message, /^Help Scout had a server error \(500\): Internal Server Error x+…\. Try again later\.$/);
    assert.ok(error.message.length < 250, error.message);
    assert.doesNotMatch(error.message, /<|alert|color:red/);
  });

  it('other 4xx (409, 413, 415) keep their status and Help Scout message', async () => {
    const error = await failWith(409, { message: 'Conflict happened' });
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 409);
    assert.match(error.message, /409: Conflict happened/);
  });

  it('parseErrorBody handles OAuth {error, error_description}', () => {
    assert.deepEqual(parseErrorBody('{"error":"invalid_request","error_description":"Invalid refresh_token"}'), {
      apiMessage: 'Invalid refresh_token',
      logRef: undefined,
      fieldErrors: [],
      oauthError: 'invalid_request',
    });
  });

  it('parseErrorBody never throws on odd bodies', () => {
    for (const body of ['', 'null', '[1,2]', '{"_embedded":{"errors":"x"}}', '{"_embedded":{"errors":[null,1,{"path":5}]}}', '{', '\u0000\u0001']) {
      const details = parseErrorBody(body);
      assert.ok(Array.isArray(details.fieldErrors));
    }
  });

  it('400 without field errors still reads as validation with the API message', () => {
    const error = errorForStatus({ status: 400, body: '{"message":"Invalid date format"}', request: 'GET /x' });
    assert.equal(error.kind, 'validation');
    assert.equal(error.message, 'Help Scout rejected the request (400): Invalid date format');
  });

  it('several field errors are all listed', () => {
    const body = JSON.stringify({ _embedded: { errors: [{ path: 'start', message: 'bad' }, { path: 'end', message: 'worse' }] } });
    const error = errorForStatus({ status: 400, body, request: 'GET /x' });
    assert.equal(error.message, 'Help Scout rejected the request (400): start — bad; end — worse');
  });

  it('sanitizeSnippet strips markup and control characters and clips', () => {
    assert.equal(sanitizeSnippet('<b>Hello</b>\n\tworld&nbsp;!'), 'Hello world !');
    assert.ok((sanitizeSnippet('y'.repeat(1000)) ?? '').length <= 120);
    assert.equal(sanitizeSnippet('<html></html>'), undefined);
  });
});

describe('a network error names the host it could not reach', () => {
  for (const baseUrl of ['http://127.0.0.1:4010', 'https://api.helpscout.net', 'https://proxy.example.com:8443/helpscout']) {
    it(baseUrl, async () => {
      const h = harness({ baseUrl });
      h.server.fallback = () => ({ network: 'ECONNREFUSED' });
      const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
      assert.equal(error.kind, 'network');
      assert.match(error.message, new RegExp(`^Could not reach ${new URL(baseUrl).host.replace(/[.]/g, '\\.')} \\(`), error.message);
    });
  }
});

describe('a Retry-After wait in words (rounded up, never early)', () => {
  const examples: Array<[number, string]> = [
    [0, '0 s'],
    [1, '1 s'],
    [45, '45 s'],
    [89, '89 s'],
    [90, '2 min'],
    [61 * 60, '61 min'],
    [61 * 60 + 1, '62 min'],
    [90 * 60, '2 h'],
    [3 * 3600 + 1, '4 h'],
    [47 * 3600, '47 h'],
    [48 * 3600, '2 days'],
    [86_400 * 3 - 1, '3 days'],
    [31_536_000, '365 days'],
  ];
  for (const [seconds, words] of examples) {
    it(`${seconds} s → ${words}`, () => assert.equal(waitInWords(seconds), words));
  }
});
