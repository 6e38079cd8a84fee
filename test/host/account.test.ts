import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_APP_ID, DEMO_APP_SECRET } from '../../src/sandbox/server';
import { EXTENSION_ID, ScriptedFlow, extensionApi, issueToken, pointedSandbox, resetExtension, scriptUi, waitFor } from './helpers';

const packageJson = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
  contributes: { commands: Array<{ command: string }> };
};

/** Everything the extension persists outside SecretStorage, as one string to search. */
function everythingOutsideSecretStorage(api: Awaited<ReturnType<typeof extensionApi>>): string {
  const state = Object.fromEntries(api.globalState.keys().map((key) => [key, api.globalState.get(key)]));
  const settings = vscode.workspace.getConfiguration('helpscout');
  const inspected = ['apiBaseUrl', 'requestTimeoutSeconds', 'defaultPeriod', 'defaultComparison', 'weekStart', 'timeZone'].map((key) => settings.inspect(key));
  return JSON.stringify({ state, inspected });
}

describe('activation and account', function () {
  this.timeout(60_000);

  afterEach(async () => {
    await resetExtension(await extensionApi());
  });

  it('activates quickly and registers every contributed command', async () => {
    const api = await extensionApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = packageJson.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 15);
    for (const command of contributed) assert.ok(registered.has(command), `${command} is registered`);
    assert.ok(api.activationMs < 500, `activate() took ${api.activationMs} ms`);
    assert.equal(api.session.sampleBaseUrl, undefined, 'activation starts no sandbox');
  });

  it('signs in with App ID and App Secret, keeps secrets only in SecretStorage, and signs out', async () => {
    const api = await extensionApi();
    const { notifier, dispose } = await pointedSandbox(api);
    try {
      const ok = await api.commands.signIn({ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET });
      assert.equal(ok, true);
      assert.equal(api.session.mode, 'account');
      const account = api.session.accountInfo;
      assert.ok(account && account.name.length > 0 && account.email.includes('@'), 'the signed-in user is known by name and email');
      const [accountRow, newReportRow] = await api.tree.getChildren();
      assert.equal(accountRow?.label, `Signed in as ${account.name}`);
      assert.equal(accountRow?.description, account.email);
      assert.equal(newReportRow?.command?.command, 'helpscout.newReport', 'with no reports yet, the tree offers a new one');
      assert.match((await notifier.next((n) => n.severity === 'info')).message, new RegExp(account.name));

      const credentials = await api.session.secrets.getCredentials();
      assert.deepEqual(credentials, { kind: 'clientCredentials', appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET });
      const token = await api.session.secrets.get();
      assert.ok(token && token.accessToken.length >= 16, 'a token is stored in SecretStorage');

      // Saving a query and opening a report writes globalState; none of it may hold a secret.
      await vscode.commands.executeCommand('helpscout.newReport', {
        name: 'Mine',
        query: { metric: 'customersHelped', subject: { kind: 'user', userId: account.id }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'previousPeriod' } },
      });
      const outside = everythingOutsideSecretStorage(api);
      assert.ok(outside.includes('Mine'), 'the saved query is in globalState');
      assert.ok(!outside.includes(DEMO_APP_SECRET), 'no app secret outside SecretStorage');
      assert.ok(!outside.includes(token.accessToken), 'no token outside SecretStorage');

      await vscode.commands.executeCommand('helpscout.signOut');
      assert.equal(api.session.mode, 'signedOut');
      assert.equal(await api.session.secrets.getCredentials(), undefined);
      assert.equal(await api.session.secrets.get(), undefined);
      assert.equal(await api.session.secrets.getAccount(), undefined);
    } finally {
      await dispose();
    }
  });

  it('rejects a wrong App Secret with a message and a Sign In action, storing nothing', async () => {
    const api = await extensionApi();
    const { notifier, dispose } = await pointedSandbox(api);
    try {
      const ok = await api.commands.signIn({ appId: DEMO_APP_ID, appSecret: 'definitely-not-the-secret' });
      assert.equal(ok, false);
      const shown = await notifier.next((n) => n.severity === 'error');
      assert.match(shown.message, /sign-in failed/i);
      assert.ok(shown.actions.includes('Sign In'), `actions: ${shown.actions.join(', ')}`);
      assert.ok(!shown.message.includes('definitely-not-the-secret'), 'the secret is not echoed');
      assert.equal(api.session.mode, 'signedOut');
      assert.equal(await api.session.secrets.getCredentials(), undefined);
    } finally {
      await dispose();
    }
  });

  it('a refused secret keeps the typed App ID and asks only for the secret again, saying why', async () => {
    const api = await extensionApi();
    const { notifier, dispose } = await pointedSandbox(api);
    let secondPrompt = '';
    const flow = new ScriptedFlow([
      { input: DEMO_APP_ID },
      { input: 'definitely-not-the-secret' },
      { input: (options) => ((secondPrompt = options.prompt ?? ''), DEMO_APP_SECRET) },
    ]);
    const restore = scriptUi(api, { flow, notify: notifier });
    try {
      const ok = await vscode.commands.executeCommand<boolean>('helpscout.signIn');
      assert.equal(ok, true);
      assert.deepEqual(flow.steps.map((s) => s.step), [1, 2, 2], 'the App ID was asked once');
      assert.equal(flow.remaining, 0);
      assert.match(secondPrompt, /Enter the App Secret again/);
      assert.ok(!secondPrompt.includes('definitely-not-the-secret'), 'the secret is not echoed');
      assert.deepEqual(notifier.shown.filter((n) => n.severity === 'error'), [], 'the reason is in the prompt, not a toast');
      assert.equal(api.session.mode, 'account');
    } finally {
      restore();
      await dispose();
    }
  });

  it('signs in with a pasted access token', async () => {
    const api = await extensionApi();
    const { sandbox, dispose } = await pointedSandbox(api);
    try {
      const accessToken = await issueToken(sandbox);
      const ok = await api.commands.signInWithToken({ token: accessToken });
      assert.equal(ok, true);
      assert.equal(api.session.mode, 'account');
      assert.deepEqual(await api.session.secrets.getCredentials(), { kind: 'pastedToken' });
      assert.equal((await api.session.secrets.get())?.source, 'pasted');
    } finally {
      await dispose();
    }
  });

  it('shows the account in the Accounts menu through an AuthenticationProvider', async () => {
    const api = await extensionApi();
    const { dispose } = await pointedSandbox(api);
    try {
      await api.commands.signIn({ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET });
      const sessions = await api.authProvider.getSessions();
      assert.equal(sessions.length, 1, 'one session is listed');
      assert.equal(sessions[0]!.account.label, api.session.accountInfo!.name, 'the name alone; the menu adds "(Help Scout)"');
      const removed = new Promise<void>((resolve) => api.authProvider.onDidChangeSessions((event) => event.removed?.length && resolve()));
      // Signing out from the Accounts menu calls removeSession: it signs out for real.
      await api.authProvider.removeSession(sessions[0]!.id);
      await removed;
      assert.equal(api.session.mode, 'signedOut');
      assert.equal(await api.session.secrets.getCredentials(), undefined);
    } finally {
      await dispose();
    }
  });

  it('tries sample data without ever showing "no saved reports yet" while the examples are being made', async () => {
    const api = await extensionApi();
    if (api.session.mode !== 'signedOut') await vscode.commands.executeCommand('helpscout.exitSampleData');
    // What the tree would show at each change it announces, read at once as VS Code does.
    const shown: string[][] = [];
    const reads: Promise<void>[] = [];
    const listener = api.tree.onDidChangeTreeData(() => {
      reads.push(api.tree.getChildren().then((rows) => void shown.push(rows.map((row) => `${String(row.label)} ${String(row.description ?? '')}`.trim()))));
    });
    try {
      await vscode.commands.executeCommand('helpscout.trySampleData');
      await Promise.all(reads);
    } finally {
      listener.dispose();
    }
    assert.ok(shown.length > 0, 'the tree announced changes');
    const empty = shown.filter((rows) => rows.some((row) => row.includes('no saved reports yet')));
    assert.deepEqual(empty, [], `the tree said there were no reports: ${JSON.stringify(shown)}`);
    assert.ok(shown.at(-1)!.length >= 4, `it ends with the examples: ${JSON.stringify(shown.at(-1))}`);
    await vscode.commands.executeCommand('helpscout.exitSampleData');
  });

  it('tries sample data: starts the sandbox, adds example queries, stops it on leaving', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('helpscout.trySampleData');
    assert.equal(api.session.mode, 'sample');
    const baseUrl = api.session.sampleBaseUrl;
    assert.ok(baseUrl?.startsWith('http://127.0.0.1:'), `sandbox at ${baseUrl}`);
    const [accountRow, ...rows] = await api.tree.getChildren();
    assert.equal(accountRow?.label, 'Sample data', 'the first row says it is sample data');
    assert.ok(rows.length >= 3, `${rows.length} example queries`);
    for (const row of rows) assert.match(String(row.tooltip instanceof vscode.MarkdownString ? row.tooltip.value : row.tooltip), /Sample data/);

    await vscode.commands.executeCommand('helpscout.exitSampleData');
    assert.equal(api.session.mode, 'signedOut');
    await waitFor('the sandbox to stop', async () => {
      try {
        await fetch(`${baseUrl}/v2/users/me`);
        return undefined;
      } catch {
        return true;
      }
    });
    assert.deepEqual(await api.tree.getChildren(), [], 'signed out: the tree is empty so the welcome content shows');
  });
});
