import * as assert from 'node:assert/strict';
import { errorForStatus } from '../../../src/core/apiError';
import { HelpScoutError, QueryValidationError } from '../../../src/core/errors';
import { ACTION, NotSignedInError, describeFailure } from '../../../src/extension/failures';
import { describeError } from '../../../src/extension/snapshot';

describe('describeFailure: what the notification says and offers', () => {
  it('401 offers Sign In; logRef is in the text and can be copied', () => {
    const error = new HelpScoutError({ kind: 'auth', status: 401, message: 'Help Scout rejected the credentials (401).', logRef: 'abc-123' });
    const { message, actions } = describeFailure(error, 'loading failed');
    assert.match(message, /^Help Scout: loading failed: Help Scout rejected the credentials \(401\)\. logRef: abc-123$/);
    assert.deepEqual(actions, [ACTION.signIn, ACTION.copyLogRef, ACTION.openLog]);
  });

  it('a 400 names the field and offers Edit Query', () => {
    const error = new HelpScoutError({
      kind: 'validation',
      status: 400,
      message: 'Help Scout rejected the request (400).',
      apiMessage: 'Bad request',
      fieldErrors: [{ path: 'viewBy', message: 'day is only allowed for ranges of 60 days or less' }],
    });
    const { message, actions } = describeFailure(error, 'x');
    assert.match(message, /Help Scout said: “Bad request”/);
    assert.match(message, /viewBy: day is only allowed/);
    assert.deepEqual(actions, [ACTION.editQuery, ACTION.openLog]);
  });

  it('403 (a plan without reports) offers sample data and the plans, not a pointless retry; 5xx and network offer Retry', () => {
    assert.deepEqual(describeFailure(new HelpScoutError({ kind: 'forbidden', status: 403, message: 'denied' }), 'x').actions, [ACTION.trySample, ACTION.comparePlans, ACTION.openLog]);
    for (const kind of ['server', 'network', 'timeout', 'rateLimit', 'badResponse'] as const) {
      assert.equal(describeFailure(new HelpScoutError({ kind, message: kind }), 'x').actions[0], ACTION.retry, kind);
    }
  });

  it('a local validation error says plainly what to do; the field name stays in the error', () => {
    const error = new QueryValidationError([{ field: 'viewBy', value: 'day', allowed: 'week or month for a 90-day range' }]);
    const { message, actions } = describeFailure(error, 'x');
    assert.equal(message, 'Help Scout: x: the query cannot be sent. Choose to view by week or month for a 90-day range.');
    assert.doesNotMatch(message, /viewBy/);
    assert.equal(error.problems[0]!.field, 'viewBy');
    assert.deepEqual(actions, [ACTION.editQuery]);
  });

  it('not signed in offers both ways in', () => {
    assert.deepEqual(describeFailure(new NotSignedInError(), 'x').actions, [ACTION.signIn, ACTION.trySample]);
  });

  it('the panel’s error state carries the same facts', () => {
    const error = new HelpScoutError({ kind: 'notFound', status: 404, message: 'Not found (404)', apiMessage: 'User not found', logRef: 'r1' });
    assert.deepEqual(describeError(error), { kind: 'notFound', message: 'Not found (404)', status: 404, apiMessage: 'User not found', logRef: 'r1', actions: ['editQuery', 'openLog'] });
  });
});

describe('the panel error card', () => {
  it('shows the logRef once: in its own row, not again in the message', () => {
    const error = errorForStatus({ status: 500, body: JSON.stringify({ message: 'Internal error', logRef: 'ref-42' }), request: 'GET /v2/reports/user/customers-helped' });
    assert.match(error.message, /ref-42/, 'the error object keeps it in its message (logs, toasts)');
    const card = describeError(error);
    assert.equal(card.logRef, 'ref-42');
    assert.doesNotMatch(card.message, /ref-42/);
  });

  it('a 403 (a plan without reports) offers sample data and the plans, not a pointless retry', () => {
    const card = describeError(new HelpScoutError({ kind: 'forbidden', status: 403, message: 'denied' }));
    assert.deepEqual(card.actions, ['trySample', 'comparePlans', 'openLog']);
  });
});
