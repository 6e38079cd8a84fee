import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SavedQuery } from '../../src/core/query';
import { DEMO_APP_ID, DEMO_APP_SECRET, type Sandbox, type SandboxOptions } from '../../src/sandbox/server';
import { RecordingNotifier, extensionApi, pointedSandbox, resetExtension, scriptUi } from './helpers';

type Api = Awaited<ReturnType<typeof extensionApi>>;

/** Signs in to a fresh sandbox as a real account would and saves one query. */
async function signedInWith(options: SandboxOptions, userId?: number): Promise<{ api: Api; sandbox: Sandbox; saved: SavedQuery; notifier: RecordingNotifier; dispose: () => Promise<void> }> {
  const api = await extensionApi();
  const { sandbox, notifier, dispose } = await pointedSandbox(api, options);
  assert.equal(await api.commands.signIn({ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET }), true);
  notifier.clear();
  const saved = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', {
    name: 'Fault probe',
    query: { metric: 'customersHelped', subject: { kind: 'user', userId: userId ?? api.session.accountInfo!.id }, range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriod' } },
  });
  return { api, sandbox, saved, notifier, dispose };
}

describe('error paths, each with its message and its way out', function () {
  this.timeout(90_000);
  const cleanups: Array<() => Promise<void> | void> = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await resetExtension(await extensionApi());
  });

  async function open(options: SandboxOptions, arrange?: (sandbox: Sandbox) => void, userId?: number) {
    const setup = await signedInWith(options, userId);
    cleanups.push(setup.dispose);
    arrange?.(setup.sandbox);
    const panel = setup.api.panels.open(setup.saved);
    await panel.load({ preferCache: false });
    return { ...setup, panel };
  }

  it('401 once: renews the token, replays, and shows the data (one token request)', async () => {
    const { panel, sandbox, notifier } = await open({}, (s) => {
      s.resetStats();
      s.faults.add({ kind: 'status', status: 401, times: 1, pathPrefix: '/v2/reports' });
    });
    assert.equal(panel.snapshot?.status, 'ready');
    assert.equal(sandbox.stats.tokenRequests, 1);
    assert.equal(notifier.shown.filter((n) => n.severity === 'error').length, 0);
  });

  it('401 always: asks to sign in again', async () => {
    const { panel, notifier } = await open({}, (s) => s.faults.add({ kind: 'status', status: 401, pathPrefix: '/v2/reports' }));
    const shown = await notifier.next((n) => n.severity === 'error');
    assert.match(shown.message, /401|sign in/i);
    assert.ok(shown.actions.includes('Sign In'), shown.actions.join());
    assert.equal(panel.snapshot?.status, 'error');
    assert.deepEqual(panel.snapshot?.error?.actions.includes('signIn'), true);
  });

  it('403 (plan without reports): a plain explanation', async () => {
    const { notifier, panel } = await open({ plan: 'free' });
    const shown = await notifier.next((n) => n.severity === 'error');
    assert.match(shown.message, /403/);
    assert.match(shown.message, /Plus or Pro/);
    assert.equal(panel.snapshot?.error?.status, 403);
  });

  it('404 unknown user: offers to edit the query, with the logRef', async () => {
    const { notifier, panel } = await open({}, undefined, 987654);
    const shown = await notifier.next((n) => n.severity === 'error');
    assert.match(shown.message, /404/);
    assert.ok(shown.actions.includes('Edit Query'));
    assert.ok(panel.snapshot?.error?.logRef, 'the logRef reaches the panel');
    assert.match(shown.message, new RegExp(panel.snapshot!.error!.logRef!));
  });

  it('429 with Retry-After: waits and succeeds without bothering the user', async () => {
    const started = Date.now();
    const { panel, notifier } = await open({}, (s) => s.faults.add({ kind: 'status', status: 429, times: 2, retryAfterSeconds: 1, pathPrefix: '/v2/reports' }));
    assert.equal(panel.snapshot?.status, 'ready');
    assert.ok(Date.now() - started >= 2000, 'it honoured Retry-After twice');
    assert.equal(notifier.shown.filter((n) => n.severity === 'error').length, 0);
  });

  it('429 forever: gives up in bounded time with a clear message and Retry', async () => {
    const started = Date.now();
    const { notifier } = await open({}, (s) => s.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 1, pathPrefix: '/v2/reports' }));
    const shown = await notifier.next((n) => n.severity === 'error');
    assert.match(shown.message, /429|rate limit/i);
    assert.ok(shown.actions.includes('Retry'));
    assert.ok(Date.now() - started < 60_000, 'bounded');
  });

  it('persistent 500: a clear error with Retry, and Retry works once the server recovers', async () => {
    const { notifier, panel, sandbox } = await open({}, (s) => s.faults.add({ kind: 'status', status: 500, pathPrefix: '/v2/reports' }));
    const shown = await notifier.next((n) => n.severity === 'error');
    assert.match(shown.message, /500/);
    assert.ok(shown.actions.includes('Retry'));
    sandbox.faults.clear();
    await panel.load({ preferCache: false });
    assert.equal(panel.snapshot?.status, 'ready');
  });

  it('200 with the wrong shape: a bad-response error, never a blank panel', async () => {
    const { notifier, panel } = await open({}, (s) => s.faults.add({ kind: 'wrongShape', variant: 'customersAsString', pathPrefix: '/v2/reports' }));
    const shown = await notifier.next((n) => n.severity === 'error');
    assert.match(shown.message, /customers/);
    assert.equal(panel.snapshot?.status, 'error');
    assert.ok(panel.snapshot?.error?.message);
  });

  it('not signed in: opening a report offers Sign In and sample data', async () => {
    const api = await extensionApi();
    const notifier = new RecordingNotifier();
    cleanups.push(scriptUi(api, { notify: notifier }));
    await vscode.commands.executeCommand('helpscout.openReport', 'whatever');
    const shown = await notifier.next((n) => n.severity === 'error');
    assert.match(shown.message, /Not signed in/);
    assert.deepEqual(shown.actions, ['Sign In', 'Try with Sample Data']);
  });
});
