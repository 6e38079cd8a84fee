// Smoke test: the extension is installed in this host, activates, and reports where it runs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { report } from './harness';

const EXTENSION_ID = 'helpscout-reports.helpscout-reports'; // publisher.name in package.json

describe('extension host smoke', () => {
  it('finds and activates the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded in this host`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('reports the host it runs in', () => {
    // code-server: a remote host (remoteName set, uiKind Web); desktop: local (remoteName undefined).
    report(`remoteName=${vscode.env.remoteName ?? '(local)'} uiKind=${vscode.UIKind[vscode.env.uiKind]} node=${process.version}`);
    assert.equal(typeof vscode.version, 'string');
  });
});
