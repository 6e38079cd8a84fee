// Errors that cross between dist/extension.js and an on-demand chunk: each bundle has its own copy
// of src/core/errors.ts, so an error made by one copy must be recognised by code built with the
// other. The second copy here is what the build makes of the file: an esbuild bundle of its own.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import * as errors from '../../../src/core/errors';
import * as failures from '../../../src/extension/failures';
import { ACTION, describeFailure } from '../../../src/extension/failures';
import { describeError } from '../../../src/extension/snapshot';
import { DrilldownHandler } from '../../../src/extension/panel/drilldown';
import type { DrilldownToWebview } from '../../../src/protocol/drilldown';

/** `file` bundled on its own, as a chunk would carry it. */
function otherCopyOf<T>(file: string): T {
  const root = path.resolve(__dirname, '..', '..', '..');
  const out = buildSync({ absWorkingDir: root, entryPoints: [file], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'silent' });
  const module = { exports: {} as T };
  new Function('module', 'exports', out.outputFiles[0]!.text)(module, module.exports);
  return module.exports;
}

describe('errors made by another bundle’s copy of the error classes', () => {
  const other = otherCopyOf<typeof errors>('src/core/errors.ts');

  it('are a different class (so instanceof alone cannot tell them)', () => {
    const error = new other.HelpScoutError({ kind: 'auth', message: 'refused' });
    assert.equal(error instanceof errors.HelpScoutError, false);
    assert.equal(errors.isHelpScoutError(error), true);
    assert.equal(errors.isQueryValidationError(new other.QueryValidationError([{ field: 'viewBy', value: 'day', allowed: 'week' }])), true);
  });

  it('look-alikes that are not these errors are not taken for them', () => {
    assert.equal(errors.isHelpScoutError({ name: 'HelpScoutError', kind: 'auth', message: 'x' }), false);
    assert.equal(errors.isHelpScoutError(Object.assign(new Error('x'), { name: 'HelpScoutError' })), false);
    assert.equal(errors.isQueryValidationError(new errors.HelpScoutError({ kind: 'validation', message: 'x' })), false);
    assert.equal(errors.isHelpScoutError(new errors.QueryValidationError([])), false);
  });

  it('get the notification words and actions of their kind', () => {
    const auth = describeFailure(new other.HelpScoutError({ kind: 'auth', status: 401, message: 'Help Scout rejected the credentials (401).', logRef: 'r-1' }), 'loading failed');
    assert.deepEqual(auth.actions, [ACTION.signIn, ACTION.copyLogRef, ACTION.openLog]);
    assert.match(auth.message, /logRef: r-1$/);
    const local = describeFailure(new other.QueryValidationError([{ field: 'viewBy', value: 'day', allowed: 'week or month for a 90-day range' }]), 'x');
    assert.deepEqual(local.actions, [ACTION.editQuery]);
    assert.equal(local.message, 'Help Scout: x: the query cannot be sent. Choose to view by week or month for a 90-day range.');
  });

  it('not being signed in offers Sign In and sample data, whichever copy said so', () => {
    const otherFailures = otherCopyOf<typeof failures>('src/extension/failures.ts');
    const error = new otherFailures.NotSignedInError();
    assert.equal(error instanceof failures.NotSignedInError, false);
    assert.deepEqual(describeFailure(error, 'x').actions, [ACTION.signIn, ACTION.trySample]);
    assert.deepEqual(otherFailures.describeFailure(new failures.NotSignedInError(), 'x').actions, [ACTION.signIn, ACTION.trySample]);
  });

  it('get the panel’s error card of their kind', () => {
    const card = describeError(new other.HelpScoutError({ kind: 'forbidden', status: 403, message: 'denied' }));
    assert.equal(card.kind, 'forbidden');
    assert.deepEqual(card.actions, ['trySample', 'comparePlans', 'openLog']);
    assert.equal(describeError(new other.QueryValidationError([{ field: 'range', value: 'x', allowed: 'y' }])).kind, 'validation-local');
  });

  it('keep their logRef in the drill-down pane’s message', async () => {
    const posted: DrilldownToWebview[] = [];
    const handler = new DrilldownHandler({
      target: () => ({ user: 7, start: Date.UTC(2026, 0, 5), end: Date.UTC(2026, 0, 6), filters: {} }),
      load: () => Promise.reject(new other.HelpScoutError({ kind: 'server', status: 500, message: 'Help Scout had a problem (500).', logRef: 'd-9' })),
      inboxNames: async () => new Map(),
      post: (message) => posted.push(message),
      openExternal: async () => undefined,
      copy: async () => undefined,
      warn: () => undefined,
    });
    await handler.handle({ type: 'drilldown/open', requestId: 1, series: 'current', index: 0, page: 1 });
    assert.deepEqual(posted, [{ type: 'drilldown/error', requestId: 1, message: 'Help Scout had a problem (500). (logRef d-9)' }]);
  });
});
