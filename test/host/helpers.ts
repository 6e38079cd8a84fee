import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HelpScoutExtensionApi } from '../support/testingExtension';
import type { Notifier } from '../../src/extension/notifications';
import type { HostToWebview } from '../../src/protocol';
import type { Dialogs, UserInterface } from '../../src/extension/userInterface';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server';

export const EXTENSION_ID = 'helpscout-reports.helpscout-reports';

export async function extensionApi(): Promise<HelpScoutExtensionApi['testing']> {
  const extension = vscode.extensions.getExtension<HelpScoutExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  return api.testing;
}

export interface Notification {
  severity: 'error' | 'warn' | 'info';
  message: string;
  actions: string[];
}

/** Records every notification; answers with `answer(notification)` (default: dismiss). */
export class RecordingNotifier implements Notifier {
  readonly shown: Notification[] = [];
  answer: (n: Notification) => string | undefined = () => undefined;
  private waiters: Array<{ match: (n: Notification) => boolean; resolve: (n: Notification) => void }> = [];

  error(message: string, ...actions: string[]) {
    return this.record({ severity: 'error', message, actions });
  }
  warn(message: string, ...actions: string[]) {
    return this.record({ severity: 'warn', message, actions });
  }
  info(message: string, ...actions: string[]) {
    return this.record({ severity: 'info', message, actions });
  }

  /** Resolves with the first notification (already shown or to come) that matches. */
  next(match: (n: Notification) => boolean, timeoutMs = 20_000): Promise<Notification> {
    const seen = this.shown.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching notification within ${timeoutMs} ms; shown: ${JSON.stringify(this.shown)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (n) => (clearTimeout(timer), resolve(n)) });
    });
  }

  clear(): void {
    this.shown.length = 0;
  }

  private record(notification: Notification): Promise<string | undefined> {
    this.shown.push(notification);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.match(notification)) return true;
      waiter.resolve(notification);
      return false;
    });
    return Promise.resolve(this.answer(notification));
  }
}

export { ScriptedFlow, type ScriptedAnswer } from '../support/scriptedFlow';

export class ScriptedDialogs implements Dialogs {
  saveTarget: vscode.Uri | undefined;
  openTarget: vscode.Uri | undefined;
  confirmAnswer = true;
  readonly confirmations: string[] = [];
  saveFile(_options?: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return Promise.resolve(this.saveTarget);
  }
  openFile() {
    return Promise.resolve(this.openTarget);
  }
  confirm(message: string) {
    this.confirmations.push(message);
    return Promise.resolve(this.confirmAnswer);
  }
}

/**
 * Records what the extension writes to its log (after redaction) while still writing it;
 * `restore` puts the log back as it was.
 */
export function recordLog(api: HelpScoutExtensionApi['testing']): { lines: Array<{ level: string; message: string }>; restore: () => void } {
  const lines: Array<{ level: string; message: string }> = [];
  const log = api.log;
  const levels = ['trace', 'debug', 'info', 'warn', 'error'] as const;
  const originals = levels.map((level) => [level, log[level]] as const);
  for (const [level, original] of originals) {
    log[level] = (message: string) => {
      lines.push({ level, message });
      original.call(log, message);
    };
  }
  return {
    lines,
    restore: () => {
      for (const [level, original] of originals) log[level] = original;
    },
  };
}

/** Installs scripted prompts for one test; call the returned restore in afterEach. */
export function scriptUi(api: HelpScoutExtensionApi['testing'], parts: Partial<UserInterface>): () => void {
  return api.setUserInterface(parts);
}

export async function withSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, ...options });
}

export async function setBaseUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('helpscout').update('apiBaseUrl', url, vscode.ConfigurationTarget.Global);
}

/** Leaves the extension signed out, out of sample mode, with no saved queries. */
export async function resetExtension(api: HelpScoutExtensionApi['testing']): Promise<void> {
  api.panels.closeAll();
  if (api.session.isSample) await api.session.exitSampleMode();
  await api.session.signOut();
  for (const key of api.globalState.keys()) await api.globalState.update(key, undefined);
  api.stores.unload();
  await setBaseUrl(undefined);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A token issued by the sandbox directly, as if pasted by a user. */
export async function issueToken(sandbox: Pick<Sandbox, 'baseUrl' | 'appId' | 'appSecret'>): Promise<string> {
  const response = await fetch(`${sandbox.baseUrl}/v2/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.appId, client_secret: sandbox.appSecret }).toString(),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A sandbox that helpscout.apiBaseUrl points at, with notifications recorded; `dispose` undoes both. */
export async function pointedSandbox(
  api: HelpScoutExtensionApi['testing'],
  options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; notifier: RecordingNotifier; dispose(): Promise<void> }> {
  const sandbox = await withSandbox(options);
  const notifier = new RecordingNotifier();
  const restore = scriptUi(api, { notify: notifier });
  await setBaseUrl(sandbox.baseUrl);
  return {
    sandbox,
    notifier,
    async dispose() {
      restore();
      await sandbox.close();
    },
  };
}

/** Every file below `dir` (none when it does not exist). */
export async function filesBelow(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/** Every message the host posts to a panel's webview from now on, in order. */
export function recordPosts(panel: { panel: vscode.WebviewPanel }): HostToWebview[] {
  const posted: HostToWebview[] = [];
  const webview = panel.panel.webview as { postMessage(message: unknown): Thenable<boolean> };
  const original = webview.postMessage.bind(webview);
  webview.postMessage = (message) => {
    posted.push(message as HostToWebview);
    return original(message);
  };
  return posted;
}
