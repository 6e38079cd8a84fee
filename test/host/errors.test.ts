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
    // Last set up, first undone: each restore hands back what was there before it.
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await resetExtension(await extensionApi());
  });

  /**
   * Opens the report with the faults arranged, then puts its panel out of sight (as after
   * switching tabs) and loads again: a failure then is a toast, because no card shows it.
   */
  async function open(options: SandboxOptions, arrange?: (sandbox: Sandbox) => void, userId?: number) {
    const setup = await signedInWith(options, userId);
    cleanups.push(setup.dispose);
    arrange?.(setup.sandbox);
    const panel = setup.api.panels.open(setup.saved);
    await panel.load({ preferCache: false });
    await hidePanels();
    assert.equal(panel.panel.visible, false, 'the panel is out of sight');
    await panel.load({ preferCache: false });
    return { ...setup, panel };
  }

  async function hidePanels(): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ content: 'another editor' });
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Active });
    cleanups.push(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  }

  it('a visible panel shows the error in its card and raises no toast; a later success answers hidden-panel toasts', async () => {
    const setup = await signedInWith({});
    cleanups.push(setup.dispose);
    const fault = setup.sandbox.faults.add({ kind: 'status', status: 500, pathPrefix: '/v2/reports' });
    const panel = setup.api.panels.open(setup.saved);
    await panel.load({ preferCache: false });
    assert.equal(panel.panel.visible, true);
    assert.equal(panel.snapshot?.status, 'error');
    assert.match(panel.snapshot?.error?.message ?? '', /500/);
    assert.deepEqual(setup.notifier.shown.filter((n) => n.severity === 'error'), [], 'no toast repeats what the card shows');

    // Out of sight, the same failure is a toast, still open (the scripted notifier never answers).
    await hidePanels();
    const hiddenToasts: string[] = [];
    const pending = scriptUi(setup.api, {
      notify: {
        error: (message: string) => (hiddenToasts.push(message), new Promise<undefined>(() => undefined)),
        warn: (message: string, ...actions: string[]) => setup.notifier.warn(message, ...actions),
        info: (message: string, ...actions: string[]) => setup.notifier.info(message, ...actions),
      },
    });
    cleanups.push(pending);
    await panel.load({ preferCache: false });
    assert.equal(hiddenToasts.length, 1, hiddenToasts.join(' | '));
    assert.deepEqual(setup.api.commands.toasts.openKeys, [setup.saved.id]);

    setup.sandbox.faults.remove(fault);
    await panel.load({ preferCache: false });
    assert.equal(panel.snapshot?.status, 'ready');
    assert.deepEqual(setup.api.commands.toasts.openKeys, [], 'the success answered the toast');
  });

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
    assert.deepEqual(shown.actions.slice(0, 2), ['Try with Sample Data', 'Compare Plans']);
    assert.equal(panel.snapshot?.error?.status, 403);
    assert.deepEqual(panel.snapshot?.error?.actions, ['trySample', 'comparePlans', 'openLog']);

    // "Try with sample data" from the card switches to the sample data.
    await panel.handleMessage({ type: 'recover', action: 'trySample' });
    const api = await extensionApi();
    assert.equal(api.session.isSample, true);
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
