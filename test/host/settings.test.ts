import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../../src/core/client';
import { readSettings } from '../../src/extension/settings';
import { RecordingNotifier, ScriptedFlow, extensionApi, resetExtension, scriptUi, setBaseUrl, waitFor, withSandbox } from './helpers';

function inspectBaseUrl() {
  return vscode.workspace.getConfiguration('helpscout').inspect<string>('apiBaseUrl');
}

describe('helpscout.apiBaseUrl: taken from where a person sets it, never from a workspace', function () {
  this.timeout(60_000);
  let writtenToWorkspace = false;

  afterEach(async () => {
    if (writtenToWorkspace) await vscode.workspace.getConfiguration('helpscout').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    writtenToWorkspace = false;
    await resetExtension(await extensionApi());
  });

  it('a User settings value takes effect in this (remote) window and signs in there', async () => {
    const api = await extensionApi();
    const sandbox = await withSandbox();
    try {
      assert.ok(vscode.env.remoteName, `this host is a remote one (${vscode.env.remoteName})`);
      await setBaseUrl(sandbox.baseUrl);
      assert.equal(inspectBaseUrl()?.globalValue, sandbox.baseUrl, 'stored in User settings');
      assert.equal(readSettings().apiBaseUrl, sandbox.baseUrl);
      assert.equal(readSettings().apiBaseUrlIgnored, undefined);
      // The command takes no credentials from its arguments (issue 10): the method does.
      const ok = await api.commands.signIn({ appId: sandbox.appId, appSecret: sandbox.appSecret });
      assert.equal(ok, true);
      assert.ok(sandbox.stats.tokenRequests >= 1, 'the token came from the configured server');
    } finally {
      await sandbox.close();
    }
  });

  it('a workspace value is ignored, and the sign-in prompt says so', async () => {
    const api = await extensionApi();
    assert.ok(vscode.workspace.workspaceFolders?.[0], 'the test window has a folder open');
    await vscode.workspace.getConfiguration('helpscout').update('apiBaseUrl', 'http://127.0.0.1:9/steal-the-token', vscode.ConfigurationTarget.Workspace);
    writtenToWorkspace = true;
    await waitFor('the workspace value to be read', () => (inspectBaseUrl()?.workspaceValue !== undefined ? true : undefined), 10_000);

    const settings = readSettings();
    assert.equal(settings.apiBaseUrl, DEFAULT_BASE_URL, 'the workspace cannot redirect the token');
    assert.match(settings.apiBaseUrlIgnored ?? '', /workspace's helpscout\.apiBaseUrl .*steal-the-token.* is ignored/);

    let prompt = '';
    const flow = new ScriptedFlow([{ input: (options) => ((prompt = options.prompt ?? ''), 'app-id') }, 'cancel']);
    const restore = scriptUi(api, { flow, notify: new RecordingNotifier() });
    try {
      assert.equal(await vscode.commands.executeCommand('helpscout.signIn'), false);
    } finally {
      restore();
    }
    assert.match(prompt, /Signing in to https:\/\/api\.helpscout\.net\. The workspace's helpscout\.apiBaseUrl/);
  });
});
